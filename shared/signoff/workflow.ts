// Sign-off: which records count, the state of the message they make, what each person may do
// now, and the steps themselves. Each record is checked in order against the roster in force where
// it stands, and the state is computed from the records that verify, never from what the file
// merely holds.
import * as Y from 'yjs';
import { messageCreator, messageDigest, readMeta } from '../document';
import { fingerprint, parseMembers, personOf, type Member, type Role, type RosterMember } from './members';
import {
  KIND_WORDS,
  appendRecord,
  isDay,
  isTime,
  newRecord,
  storedRecords,
  verifySignature,
  type RecordFields,
  type RecordKind,
  type ReviewRequest,
  type RosterRecord,
  type SignoffRecord,
  type Signer,
  type StepOptions,
} from './records';
import { listVersions, recordVersion, type Version } from '../history';
import { signedOrder, type OrderedRecord } from './order';

/** The role each kind of record needs its signer to have. */
const NEEDS: Record<RecordKind, Role> = {
  roster: 'owner',
  'review-requested': 'owner',
  withdrawn: 'owner',
  approved: 'approver',
  'changes-requested': 'approver',
  signed: 'signatory',
  'revision-started': 'owner',
};

const A_ROLE: Record<Role, string> = { owner: 'an owner', author: 'an author', reviewer: 'a reviewer', approver: 'an approver', signatory: 'a signatory' };

/** Records that vouch for a text, and so go stale when it changes (a roster change does not). */
const ABOUT_TEXT = new Set<RecordKind>(['review-requested', 'approved', 'changes-requested', 'signed']);

// ── Verification ────────────────────────────────────────────────────────────────────────────

export type RecordStatus = 'verified' | 'stale' | 'invalid';

export interface CheckedRecord {
  /** Position in the stored list, from 0 (reasons count from 1: "Record 3"). */
  index: number;
  /** Null when the stored record is malformed. */
  record: SignoffRecord | null;
  status: RecordStatus;
  reason?: string;
  /** The signer's name from the roster, or their key's fingerprint when the roster does not know it. */
  signerName: string;
  /** False for a record made before issue 13, whose place among the records is not signed. */
  orderSigned: boolean;
}

type Roster = Map<string, RosterMember>;

interface Pass {
  messageId: string;
  creator: string | null;
  digest: string;
  roster: Roster | null;
  /** Names from every roster that was in force, so that a removed member is still named. */
  names: Map<string, string>;
  /** Signatures and (kind, signer, digest, time) of genuine records seen so far, with their index. */
  seen: Map<string, number>;
}

/**
 * Every record with its standing: invalid (with the reason), stale (genuine, about an older
 * text) or verified. Records are checked in order, each against the roster in force where it
 * stands: the first roster makes its signer the owner, and later ones count only when an owner
 * signed them.
 */
export const verifyRecords = (doc: Y.Doc): CheckedRecord[] => checkAll(signedText(doc)).checked;

/** What records are checked against: the message, the digest of its text, and the records as stored. */
export interface SignedText {
  messageId: string;
  digest: string;
  records: readonly unknown[];
  /** The key the message says made it, which must sign its first roster; absent when unknown (old messages, copies' manifests). */
  creator?: string | null;
}

/** A document's records and the digest of its text now. */
export const signedText = (doc: Y.Doc): SignedText => ({ messageId: readMeta(doc).id, digest: messageDigest(doc), records: storedRecords(doc), creator: messageCreator(doc) });

/** Every record checked in its signed order (shared/signoff/order.ts), never the order it is stored in. */
function checkAll(text: SignedText): { checked: CheckedRecord[]; pass: Pass } {
  const pass: Pass = { messageId: text.messageId, digest: text.digest, creator: text.creator ?? null, roster: null, names: new Map(), seen: new Map() };
  return { checked: signedOrder(text.records).map((placed) => checkRecord(placed, pass)), pass };
}

function checkRecord({ index, record, outOfPlace, orderSigned }: OrderedRecord, pass: Pass): CheckedRecord {
  if (typeof record === 'string') return { index, record: null, status: 'invalid', reason: `Record ${index + 1} is malformed: ${record}.`, signerName: '', orderSigned };
  const signerName = pass.names.get(record.signer) ?? `unknown key ${fingerprint(record.signer)}`;
  const problem = genuineProblem(record, pass) ?? outOfPlace ?? replayProblem(record, index, pass) ?? roleProblem(record, pass);
  if (problem) return { index, record, status: 'invalid', reason: `Record ${index + 1} (${KIND_WORDS[record.kind]}, by ${signerName}): ${problem}.`, signerName, orderSigned };
  if (record.kind === 'roster') adoptRoster(record, pass);
  const stale = ABOUT_TEXT.has(record.kind) && record.digest !== pass.digest;
  return { index, record, status: stale ? 'stale' : 'verified', signerName: pass.names.get(record.signer) ?? signerName, orderSigned };
}

const recordProblem = (record: SignoffRecord, index: number, pass: Pass): string | null =>
  genuineProblem(record, pass) ?? replayProblem(record, index, pass) ?? roleProblem(record, pass);

function genuineProblem(record: SignoffRecord, pass: Pass): string | null {
  if (!verifySignature(record)) return 'the signature does not match the record (it was forged, or changed after signing)';
  if (record.messageId !== pass.messageId) return `it was signed for another message (${record.messageId})`;
  if (!isTime(record.time)) return `its time "${record.time}" is not a valid time`;
  return null;
}

function replayProblem(record: SignoffRecord, index: number, pass: Pass): string | null {
  const keys = [record.signature, [record.kind, record.signer, record.digest, record.time].join(' ')];
  const earlier = keys.map((k) => pass.seen.get(k)).find((i) => i !== undefined);
  if (earlier !== undefined) return `it is replayed: record ${earlier + 1} already says the same`;
  for (const key of keys) pass.seen.set(key, index);
  return null;
}

function roleProblem(record: SignoffRecord, pass: Pass): string | null {
  if (record.kind === 'roster' && !pass.roster) {
    if (pass.creator && record.signer !== pass.creator) return `the first roster must be signed by the message's creator (key ${fingerprint(pass.creator)})`;
    return record.members.some((m) => m.publicKey === record.signer) ? null : 'the first roster must list the person who signs it, its owner';
  }
  if (!pass.roster) return 'there is no roster yet, so nobody has a role';
  const member = pass.roster.get(record.signer);
  const role = NEEDS[record.kind];
  if (!member) return 'the signer is not on the roster';
  if (!member.roles.includes(role)) return `${member.name} is not ${A_ROLE[role]} of the message`;
  if (record.kind === 'review-requested') return reviewersProblem(record, pass.roster);
  if (record.kind === 'roster' && !record.members.some((m) => m.roles.includes('owner'))) return 'the new roster leaves the message without an owner';
  return null;
}

function reviewersProblem(record: ReviewRequest, roster: Roster): string | null {
  const missing = record.approvers.find((key) => !roster.get(key)?.roles.includes('approver'));
  if (missing) return `it names ${roster.get(missing)?.name ?? `key ${fingerprint(missing)}`} as an approver, who is not one on the roster`;
  if (!roster.get(record.signatory)?.roles.includes('signatory')) return 'the signatory it names is not a signatory on the roster';
  return null;
}

function adoptRoster(record: RosterRecord, pass: Pass): void {
  const first = !pass.roster;
  pass.roster = new Map(record.members.map((m) => [m.publicKey, { ...m, roles: [...m.roles] }]));
  // Whoever signs the first roster owns the message.
  const signer = pass.roster.get(record.signer);
  if (first && signer && !signer.roles.includes('owner')) signer.roles.unshift('owner');
  for (const m of pass.roster.values()) pass.names.set(m.publicKey, m.name);
}

// ── The state of the message ────────────────────────────────────────────────────────────────

export type State = 'Draft' | 'In review' | 'Changes requested' | 'Approved' | 'Signed';

export interface MessageState {
  state: State;
  /** The digest of the text now. */
  digest: string;
  /** The roster in force after every record. */
  roster: RosterMember[];
  /** The request of the latest review (still open, or ended by an edit); null when there is none. */
  review: CheckedRecord | null;
  requiredApprovers: RosterMember[];
  ordered: boolean;
  signatory: RosterMember | null;
  dueDate: string | null;
  /** Approvals that count: for the text as it is now, in order when an order is set. */
  approvals: CheckedRecord[];
  /** Approvals given out of order, which count once the approvers before them have approved. */
  waiting: CheckedRecord[];
  /** The review's approvals of an earlier text: the text has changed since. */
  staleApprovals: CheckedRecord[];
  changesRequested: CheckedRecord[];
  /** The signature in force, or the last one, kept after a new revision started. */
  signature: CheckedRecord | null;
  /** Signed, and no new revision started since: only starting one is possible. */
  closed: boolean;
  /** In review or signed: nobody may change the text (comments are still allowed). */
  textLocked: boolean;
  records: CheckedRecord[];
}

interface Round {
  ask: ReviewRequest;
  request: CheckedRecord;
  /** Each approver's latest decision in this round. */
  decisions: Map<string, CheckedRecord>;
}

interface Walk {
  round: Round | null;
  signature: CheckedRecord | null;
  closed: boolean;
}

/** The message's state, computed from the records that verify (stale ones still tell the history). */
export const messageState = (doc: Y.Doc): MessageState => stateOfText(signedText(doc));

/**
 * The roster in force, as messageState gives it, without the digest of the text: which roster a
 * record puts in force never depends on the text (a stale record still counts), and digesting a
 * long message is most of what messageState costs.
 */
export function rosterInForce(doc: Y.Doc): RosterMember[] {
  const { pass } = checkAll({ messageId: readMeta(doc).id, digest: '', records: storedRecords(doc), creator: messageCreator(doc) });
  return pass.roster ? [...pass.roster.values()] : [];
}

/**
 * The state that records give a text, wherever they were read from: a document, or the manifest
 * of an exported copy (whose text may be an older version than the document's).
 */
export function stateOfText(text: SignedText): MessageState {
  const { checked, pass } = checkAll(text);
  return stateOf(checked, pass);
}

function stateOf(checked: CheckedRecord[], pass: Pass): MessageState {
  const walk: Walk = { round: null, signature: null, closed: false };
  for (const c of checked) if (c.record && c.status !== 'invalid') step(walk, c, c.record);
  const roster = pass.roster ? [...pass.roster.values()] : [];
  const member = (key: string): RosterMember =>
    pass.roster?.get(key) ?? { publicKey: key, name: pass.names.get(key) ?? `unknown key ${fingerprint(key)}`, titles: [], organisation: '', email: '', roles: [] };
  const { round, signature, closed } = walk;
  const tallied = round ? tally(round) : null;
  const current = round?.ask.digest === pass.digest;
  const state: State = closed
    ? signature!.record!.digest === pass.digest ? 'Signed' : 'Draft'
    : !tallied ? 'Draft'
    : tallied.outcome === 'Changes requested' ? 'Changes requested'
    : current ? tallied.outcome : 'Draft';
  return {
    state,
    digest: pass.digest,
    roster,
    review: round?.request ?? null,
    requiredApprovers: round ? round.ask.approvers.map(member) : [],
    ordered: round?.ask.ordered ?? false,
    signatory: round ? member(round.ask.signatory) : null,
    dueDate: round?.ask.due ?? null,
    approvals: current && tallied ? tallied.counted : [],
    waiting: current && tallied ? tallied.waiting : [],
    staleApprovals: !current && tallied ? [...tallied.counted, ...tallied.waiting] : [],
    changesRequested: tallied?.changes ?? [],
    signature: signature ?? lastSigned(checked),
    closed,
    textLocked: state === 'In review' || closed,
    records: checked,
  };
}

function step(walk: Walk, c: CheckedRecord, r: SignoffRecord): void {
  if (r.kind === 'revision-started') {
    if (walk.closed) Object.assign(walk, { closed: false, round: null });
    return;
  }
  // A signed message is read-only until a new revision starts.
  if (walk.closed) return;
  const round = walk.round;
  if (r.kind === 'review-requested') walk.round = { ask: r, request: c, decisions: new Map() };
  else if (r.kind === 'withdrawn') walk.round = null;
  else if (r.kind === 'approved' || r.kind === 'changes-requested') {
    if (round && r.digest === round.ask.digest && round.ask.approvers.includes(r.signer)) round.decisions.set(r.signer, c);
  } else if (r.kind === 'signed') {
    if (round && r.signer === round.ask.signatory && r.digest === round.ask.digest && tally(round).outcome === 'Approved') {
      Object.assign(walk, { signature: c, closed: true });
    }
  }
}

function tally(round: Round): { outcome: 'In review' | 'Changes requested' | 'Approved'; counted: CheckedRecord[]; waiting: CheckedRecord[]; changes: CheckedRecord[] } {
  const decisions = round.ask.approvers.map((key) => round.decisions.get(key));
  const approved = (d: CheckedRecord | undefined): d is CheckedRecord => d?.record?.kind === 'approved';
  const counted: CheckedRecord[] = [];
  for (const d of decisions) {
    if (approved(d)) counted.push(d);
    else if (round.ask.ordered) break;
  }
  const waiting = decisions.filter(approved).filter((d) => !counted.includes(d));
  const changes = decisions.filter((d): d is CheckedRecord => d?.record?.kind === 'changes-requested');
  const outcome = changes.length ? 'Changes requested' : counted.length === decisions.length ? 'Approved' : 'In review';
  return { outcome, counted, waiting, changes };
}

const lastSigned = (checked: CheckedRecord[]): CheckedRecord | null =>
  checked.filter((c) => c.status !== 'invalid' && c.record?.kind === 'signed').pop() ?? null;

// ── What a person may do now ────────────────────────────────────────────────────────────────

export const ACTIONS = ['change-roster', 'request-review', 'withdraw', 'approve', 'request-changes', 'sign', 'start-revision'] as const;
export type Action = (typeof ACTIONS)[number];

const ACTION_WORDS: Record<Action, string> = {
  'change-roster': 'change the roster',
  'request-review': 'send the message for review',
  withdraw: 'withdraw the review',
  approve: 'approve',
  'request-changes': 'request changes',
  sign: 'sign',
  'start-revision': 'start a new revision',
};

/** What the person with this key may do now; the app offers these and the steps below refuse the rest. */
export function allowedActions(now: MessageState, publicKey: string): Action[] {
  return ACTIONS.filter((action) => refusal(now, action, publicKey) === null);
}

function refusal(now: MessageState, action: Action, key: string): string | null {
  const me = now.roster.find((m) => m.publicKey === key);
  const has = (role: Role) => !!me?.roles.includes(role);
  const reviewing = ['In review', 'Changes requested', 'Approved'].includes(now.state) && now.review?.record?.digest === now.digest;
  if (action === 'start-revision') return !has('owner') ? 'only an owner can' : now.closed ? null : 'only a signed message starts a new revision';
  if (now.closed) return 'the message is signed: start a new revision first';
  switch (action) {
    case 'change-roster':
      return now.roster.length === 0 || has('owner') ? null : 'only an owner can';
    case 'request-review':
      return !has('owner') ? 'only an owner can' : ['Draft', 'Changes requested'].includes(now.state) ? null : `not while the message is ${now.state}`;
    case 'withdraw':
      return !has('owner') ? 'only an owner can' : reviewing ? null : 'there is no review to withdraw';
    case 'approve':
    case 'request-changes':
      if (!has('approver') || !now.requiredApprovers.some((m) => m.publicKey === key)) return 'only an approver named in the review can';
      if (action === 'approve' && [...now.approvals, ...now.waiting].some((c) => c.record?.signer === key)) return 'you have approved this text already';
      return reviewing ? null : `not while the message is ${now.state}`;
    case 'sign':
      if (!has('signatory') || now.signatory?.publicKey !== key) return 'only the signatory named in the review can';
      return now.state === 'Approved' ? null : `only an Approved message can be signed, and this one is ${now.state}`;
  }
}

// ── Taking a step ───────────────────────────────────────────────────────────────────────────

export class SignoffError extends Error {
  override name = 'SignoffError';
}

/**
 * Takes a step: refuses, saying why, what the signer may not do now or what would not verify;
 * otherwise signs the record and adds it. The caller records a 'workflow' version first
 * (recordStepVersion), so the history holds the exact text each step is about.
 */
function takeStep(doc: Y.Doc, signer: Signer, action: Action, fields: RecordFields, options: StepOptions = {}): SignoffRecord {
  const { checked, pass } = checkAll(signedText(doc));
  const why = refusal(stateOf(checked, pass), action, signer.publicKey);
  if (why) throw new SignoffError(`You cannot ${ACTION_WORDS[action]}: ${why}.`);
  const record = newRecord(doc, signer, fields, options);
  const problem = recordProblem(record, checked.length, pass);
  if (problem) throw new SignoffError(`You cannot ${ACTION_WORDS[action]}: ${problem}.`);
  appendRecord(doc, record);
  return record;
}

/** Sets the roster; the first one makes its signer the owner. */
export function changeRoster(doc: Y.Doc, signer: Signer, members: RosterMember[], options?: StepOptions): SignoffRecord {
  const parsed = parseMembers(members);
  if (typeof parsed === 'string') throw new SignoffError(`The roster is not valid: ${parsed}.`);
  return takeStep(doc, signer, 'change-roster', { kind: 'roster', members: parsed }, options);
}

export interface ReviewPlan {
  approvers: string[];
  ordered?: boolean;
  signatory: string;
  /** A day, YYYY-MM-DD. */
  due?: string | null;
}

export function sendForReview(doc: Y.Doc, signer: Signer, plan: ReviewPlan, options?: StepOptions): SignoffRecord {
  if (plan.approvers.length === 0) throw new SignoffError('A review needs at least one approver.');
  if (new Set(plan.approvers).size !== plan.approvers.length) throw new SignoffError('An approver is named twice.');
  if (plan.due && !isDay(plan.due)) throw new SignoffError(`The due date "${plan.due}" is not a day (YYYY-MM-DD).`);
  const fields: RecordFields = { kind: 'review-requested', approvers: [...plan.approvers], ordered: plan.ordered ?? false, signatory: plan.signatory, due: plan.due || null };
  return takeStep(doc, signer, 'request-review', fields, options);
}

export const withdrawReview = (doc: Y.Doc, signer: Signer, options?: StepOptions): SignoffRecord =>
  takeStep(doc, signer, 'withdraw', { kind: 'withdrawn' }, options);

export const approve = (doc: Y.Doc, signer: Signer, options?: StepOptions): SignoffRecord => takeStep(doc, signer, 'approve', { kind: 'approved' }, options);

export function requestChanges(doc: Y.Doc, signer: Signer, comment: string, options: StepOptions = {}): SignoffRecord {
  if (!comment.trim()) throw new SignoffError('Say what should change: a request for changes needs a comment.');
  return takeStep(doc, signer, 'request-changes', { kind: 'changes-requested' }, { ...options, comment });
}

export const signMessage = (doc: Y.Doc, signer: Signer, options?: StepOptions): SignoffRecord => takeStep(doc, signer, 'sign', { kind: 'signed' }, options);

export const startRevision = (doc: Y.Doc, signer: Signer, options?: StepOptions): SignoffRecord =>
  takeStep(doc, signer, 'start-revision', { kind: 'revision-started' }, options);

// ── Versions around the steps ───────────────────────────────────────────────────────────────

/** The 'workflow' version recorded before a step, named after it, so the history holds the text it is about. */
export const recordStepVersion = (doc: Y.Doc, member: Member, kind: RecordKind): Version =>
  recordVersion(doc, { kind: 'workflow', author: personOf(member), name: KIND_WORDS[kind] });

/** The newest version with this digest: what an approval approved, to compare with the text now. */
export const versionWithDigest = (doc: Y.Doc, digest: string): Version | undefined => listVersions(doc).find((v) => v.digest === digest);
