// What a reader's member cards bear out. A message's roster names its people, but a wholly forged
// copy can carry a roster of its own; member cards received another way (by hand, from a colleague)
// tell whether the approvers, the signatory and the owners behind every roster are who they say,
// and whether the roster calls them what their cards do. `signet verify --cards` and the verifier
// page both ask here.
import { fingerprint, type CardMember, type Member, type MessageState } from '../signoff';
import { certificateRows } from './certificate';
import { reason, type Reason } from './reasons';

const short = (key: string) => `${fingerprint(key).slice(0, 5)}…`;
const shown = (m: Member) => [m.name, ...m.titles].join(', ');
const sameAs = (a: Member, b: Member) => a.name === b.name && a.titles.length === b.titles.length && a.titles.every((t, i) => t === b.titles[i]);

/**
 * Everything in the message that the reader's cards do not bear out: each approval and the
 * signature made with a key on none of the cards; each roster in force signed by such a key, or
 * naming such a key as an owner (a roster by a stranger's key); and each person a roster names
 * otherwise than their card does.
 */
export function untrusted(state: MessageState, cards: Member[], where: string): string[] {
  const byKey = new Map(cards.map((c) => [c.publicKey, c]));
  const problems = new Set<string>();
  for (const c of certificateRows(state)) {
    if (!byKey.has(c.record!.signer)) {
      problems.add(`${c.signerName}'s key ${fingerprint(c.record!.signer)} (${c.record!.kind === 'signed' ? 'signature' : 'approval'}) is on none of the member cards in ${where}: someone may be posing as them`);
    }
  }
  for (const c of state.records) {
    if (c.status === 'invalid' || c.record?.kind !== 'roster') continue;
    const roster = c.record;
    const signerOnRoster = roster.members.find((m) => m.publicKey === roster.signer);
    if (!byKey.has(roster.signer)) {
      problems.add(`the roster of ${roster.time} was signed by key ${fingerprint(roster.signer)} (‘${signerOnRoster ? shown(signerOnRoster) : c.signerName}’), which is on none of the member cards in ${where}: a stranger's key may have made it`);
    }
    for (const m of roster.members) {
      const card = byKey.get(m.publicKey);
      if (!card && m.roles.includes('owner') && m.publicKey !== roster.signer) {
        problems.add(`the roster of ${roster.time} makes key ${fingerprint(m.publicKey)} (‘${shown(m)}’) an owner, and that key is on none of the member cards in ${where}`);
      }
      if (card && !sameAs(card, m)) problems.add(`the roster calls key ${short(m.publicKey)} ‘${shown(m)}’; your card for that key says ‘${shown(card)}’`);
    }
  }
  return [...problems];
}

/** The exporter, when their key is on none of the cards, or their card names another PDF signing key: someone may be posing as them. */
export function untrustedExporter(exporter: Member, pdfKey: string | null, cards: CardMember[], where: string): string[] {
  return exporterReasons(exporter, pdfKey, cards, where).map((r) => r.text);
}

/** untrustedExporter's reasons, each in any language. */
export function exporterReasons(exporter: Member, pdfKey: string | null, cards: CardMember[], where: string): Reason[] {
  const card = cards.find((c) => c.publicKey === exporter.publicKey);
  if (!card) return [reason('reason.exporterNoCard', { name: exporter.name, key: fingerprint(exporter.publicKey), where })];
  if (card.pdfKey && pdfKey && card.pdfKey !== pdfKey) return [reason('reason.exporterPdfKey', { name: exporter.name, where })];
  return [];
}
