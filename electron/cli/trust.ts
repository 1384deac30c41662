// `signet verify --cards PATH`: whose keys the reader already trusts. A message's roster names its
// people, but a wholly forged copy can carry a roster of its own; member cards received another way
// (by hand, from a colleague) tell whether the approvers and the signatory are who they say.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { certificateRows } from '../../shared/export';
import { fingerprint, type Member, type MessageState } from '../../shared/signoff';
import { readCard, type CardMember } from '../services/signoff/keys';
import { CliError, EXIT, pathError } from './errors';

const CARD = '.signet-card';

/** The member cards at `path`: one card, or every card in a folder. */
export async function readCards(path: string): Promise<CardMember[]> {
  const info = await stat(path).catch((error: unknown) => {
    throw pathError(error, path, 'read');
  });
  const files = info.isDirectory() ? (await readdir(path)).filter((name) => name.endsWith(CARD)).map((name) => join(path, name)) : [path];
  if (!files.length) throw new CliError(`${path} holds no member cards (files ending ${CARD})`, EXIT.usage);
  return Promise.all(
    files.map(async (file) => {
      try {
        return readCard(await readFile(file, 'utf8'));
      } catch (error) {
        throw new CliError(`${file}: ${(error as Error).message.replace(/\.$/, '')}`, EXIT.usage);
      }
    }),
  );
}

/** Each approval and signature that stands behind the text but was made with a key none of the cards holds. */
export function untrusted(state: MessageState, cards: Member[], where: string): string[] {
  const known = new Set(cards.map((c) => c.publicKey));
  return certificateRows(state)
    .filter((c) => !known.has(c.record!.signer))
    .map((c) => `${c.signerName}'s key ${fingerprint(c.record!.signer)} (${c.record!.kind === 'signed' ? 'signature' : 'approval'}) is on none of the member cards in ${where}: someone may be posing as them`);
}

/** The exporter, when their key is on none of the cards, or their card names another PDF signing key: someone may be posing as them. */
export function untrustedExporter(exporter: Member, pdfKey: string | null, cards: CardMember[], where: string): string[] {
  const card = cards.find((c) => c.publicKey === exporter.publicKey);
  if (!card) return [`the copy was exported by ${exporter.name}, key ${fingerprint(exporter.publicKey)}, which is on none of the member cards in ${where}: someone may be posing as them`];
  if (card.pdfKey && pdfKey && card.pdfKey !== pdfKey) return [`the copy's PDF signing key is not the one on ${exporter.name}'s member card in ${where}`];
  return [];
}
