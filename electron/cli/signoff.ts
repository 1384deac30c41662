// The read-only sign-off commands: status and verify. Both read the message with the app's own
// rules (shared/signoff/workflow.ts): every record is checked (signature, signer and role on the roster,
// message, digest), and the state is computed from the records that verify, never from what the
// file merely holds. Neither takes the lock or writes a byte. `verify` also takes an exported
// copy (HTML or PDF), which export.ts checks.
import { basename, extname } from 'node:path';
import type * as Y from 'yjs';
import { shortDigest, readMeta } from '../../shared/document';
import { longTime } from '../../shared/export';
import {
  fingerprint,
  type Member,
  type RosterMember,
  KIND_WORDS,
  storedRecords,
  type SignoffRecord,
  messageState,
  type CheckedRecord,
  type MessageState,
} from '../../shared/signoff';
import { listVersions, versionFinder, type Version } from '../../shared/history';
import { MAGIC } from '../services/files/message-file';
import { EXIT } from './errors';
import { loadMessage, readInput } from './files';
import { readCards, untrusted } from './trust';
import type { CommandArgs, Io } from './types';

/** The states in which a message may go out. */
const FINAL = new Set(['Approved', 'Signed']);

const person = (m: Member) => ({ name: m.name, titles: m.titles, publicKey: m.publicKey, fingerprint: fingerprint(m.publicKey) });

/** The version each record is about, the versions listed once (a message may hold thousands of both). */
type VersionOf = (record: SignoffRecord) => Version | undefined;
const versionsOf = (doc: Y.Doc): VersionOf => versionFinder(listVersions(doc));

/** One record as `status` shows it; `number` counts from 1, as the reasons do ("Record 3"). */
function recordView(versionOf: VersionOf, c: CheckedRecord, raw: unknown) {
  const r = c.record;
  const kind = r?.kind ?? (typeof (raw as { kind?: unknown })?.kind === 'string' ? (raw as { kind: string }).kind : null);
  const version = r ? versionOf(r) : undefined;
  return {
    number: c.index + 1,
    kind,
    what: r ? KIND_WORDS[r.kind] : null,
    signer: r ? { name: c.signerName, publicKey: r.signer, fingerprint: fingerprint(r.signer) } : null,
    time: r?.time ?? null,
    comment: r?.comment ?? null,
    digest: r?.digest ?? null,
    status: c.status,
    ...(c.reason ? { reason: c.reason.replace(/\.$/, '') } : {}),
    // Made before records named the ones before them: its place is only where it is stored.
    ...(r && !c.orderSigned ? { orderSigned: false } : {}),
    ...(version ? { version: version.id } : {}),
  };
}

export async function status(args: CommandArgs, io: Io): Promise<number> {
  const path = args.operand('FILE');
  const { doc } = await loadMessage(path, io.err);
  try {
    const now = messageState(doc);
    const raw = storedRecords(doc);
    const versionOf = versionsOf(doc);
    const approvedBy = new Set(now.approvals.map((c) => c.record!.signer));
    const meta = readMeta(doc);
    const result = {
      id: meta.id || null,
      title: meta.title || basename(path, '.signet'),
      state: now.state,
      digest: now.digest,
      shortDigest: shortDigest(now.digest),
      requiredApprovers: now.requiredApprovers.map((m) => ({ ...person(m), approved: approvedBy.has(m.publicKey) })),
      ordered: now.ordered,
      signatory: now.signatory ? person(now.signatory) : null,
      dueDate: now.dueDate,
      roster: now.roster.map((m: RosterMember) => ({ ...person(m), roles: m.roles })),
      records: now.records.map((c) => recordView(versionOf, c, raw[c.index])),
    };
    io.block(JSON.stringify(result, null, 2));
  } finally {
    doc.destroy();
  }
  return EXIT.ok;
}

/** "Record 3 (Approved, by Ben Okafor, 29 November 2026, 01:38 UTC)", for the lines of `verify`: times in lines as on a copy's, ISO in JSON. */
function label(c: CheckedRecord): string {
  const r = c.record;
  return r ? `record ${c.index + 1} (${KIND_WORDS[r.kind]}, by ${c.signerName}, ${longTime(r.time)})` : `record ${c.index + 1}`;
}

/** The core's reason without its "Record 3 (Approved, by Ben Okafor): " (the line's label says it), and without its full stop. */
function problemOf(c: CheckedRecord): string {
  const reason = c.reason!.replace(/\.$/, '');
  const prefix = c.record ? `Record ${c.index + 1} (${KIND_WORDS[c.record.kind]}, by ${c.signerName}): ` : `Record ${c.index + 1} is `;
  return reason.startsWith(prefix) ? reason.slice(prefix.length) : reason;
}

function recordLine(versionOf: VersionOf, c: CheckedRecord): string {
  if (c.status === 'verified') return `${label(c)}: verified`;
  if (c.status === 'invalid') return `${label(c)}: invalid: ${problemOf(c)}`;
  const r = c.record!;
  const version = versionOf(r);
  const at = version ? `, version ${version.id}${version.name ? ` "${version.name}"` : ''}` : '';
  return `${label(c)}: stale: genuine, but about an earlier text (digest ${shortDigest(r.digest)}${at}), not the text now`;
}

const names = (list: readonly Member[]): string => list.map((m) => m.name).join(', ');

/** Why a message that is not Approved or Signed is where it is, in a few words. */
function whyNotFinal(now: MessageState): string {
  if (now.state === 'In review') {
    const approved = new Set([...now.approvals, ...now.waiting].map((c) => c.record!.signer));
    const waiting = now.requiredApprovers.filter((m) => !approved.has(m.publicKey));
    return `waiting for the approval of ${names(waiting)}`;
  }
  if (now.state === 'Changes requested') return `changes were requested by ${now.changesRequested.map((c) => c.signerName).join(', ')}`;
  if (now.closed) return 'the text has changed since it was signed';
  if (now.staleApprovals.length) return 'the text has changed since it was sent for review; its approvals are for an earlier text';
  if (now.review) return 'the text has changed since it was sent for review';
  return now.roster.length ? 'it has not been sent for review' : 'it has no roster and has not been sent for review';
}

/** The state and who stands behind it, for the last line of a message that passes. */
function finalLine(path: string, now: MessageState): string {
  const approvers = now.approvals.map((c) => c.signerName);
  const signed = now.state === 'Signed' && now.signature?.record ? `, signed by ${now.signature.signerName} on ${longTime(now.signature.record.time)}` : '';
  return `ok: ${path} is ${now.state}: approved by ${approvers.join(', ')}${signed}; the text's digest is ${shortDigest(now.digest)}`;
}

/** A message file by its magic bytes, or by its name when those are damaged (so that the damage is what is reported). */
const isMessageFile = (bytes: Buffer, path: string): boolean =>
  bytes.subarray(0, MAGIC.length).equals(MAGIC) || (extname(path).toLowerCase() === '.signet' && !/^\s*(%PDF-|<)/i.test(bytes.subarray(0, 64).toString('latin1')));

export async function verify(args: CommandArgs, io: Io): Promise<number> {
  const path = args.operand('FILE');
  const bytes = await readInput(path);
  // An exported copy (HTML or PDF) is checked against the manifest it carries; its reader loads only then.
  const cardsPath = args.string('cards');
  const cards = cardsPath ? await readCards(cardsPath) : null;
  if (!isMessageFile(bytes, path)) return (await import('./export')).verifyCopy(path, bytes, io, cards && { cards, where: cardsPath! });
  const { doc } = await loadMessage(path, io.err);
  try {
    const now = messageState(doc);
    const versionOf = versionsOf(doc);
    for (const c of now.records) io.out(recordLine(versionOf, c));
    const invalid = now.records.filter((c) => c.status === 'invalid');
    for (const c of invalid) io.err(`signet verify: ${path}: ${c.reason!.replace(/\.$/, '')}`);
    const final = FINAL.has(now.state);
    if (!final) io.err(`signet verify: ${path} is ${now.state}, not Approved or Signed: ${whyNotFinal(now)}`);
    const strangers = cards ? untrusted(now, cards, cardsPath!) : [];
    for (const problem of strangers) io.err(`signet verify: ${path}: ${problem}`);
    if (invalid.length || !final || strangers.length) return EXIT.damaged;
    io.out(finalLine(path, now));
    return EXIT.ok;
  } finally {
    doc.destroy();
  }
}
