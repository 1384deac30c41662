// Sign-off records: the roster, requests for review, approvals, requests for changes, the
// signatory's signature, each signed with its author's Ed25519 key over the message id and the
// digest of the exact text it is about. They live in the message's Yjs document as plain JSON, so
// they travel with every copy and come back with merged review copies. Whether one counts is for
// shared/signoff/workflow.ts to say: nothing is trusted because it is in the file.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import * as Y from 'yjs';
import { messageDigest, readMeta } from '../document';
import { HEX_KEY, parseMembers, type RosterMember } from './members';

export const RECORD_KINDS = ['roster', 'review-requested', 'withdrawn', 'approved', 'changes-requested', 'signed', 'revision-started'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** What every record says. */
export interface Common {
  messageId: string;
  /** The content digest of the text the record is about (shared/document/content.ts). */
  digest: string;
  /** When the signer says they signed it: an ISO time as Date.toISOString writes it. */
  time: string;
  comment: string;
  /** The signer's public key. */
  signer: string;
  /**
   * The records its signer had seen: the hashes (recordHash) of the latest ones, sorted, so that
   * which records exist and in what order is signed too (shared/signoff/order.ts). Absent in records
   * made before issue 13, whose order is the order they are stored in.
   */
  after?: string[];
}

export type RosterRecord = Common & { kind: 'roster'; members: RosterMember[] };
export type ReviewRequest = Common & {
  kind: 'review-requested';
  approvers: string[];
  /** Approvers approve in the order listed: a later one's approval waits for the earlier ones'. */
  ordered: boolean;
  signatory: string;
  /** A day (YYYY-MM-DD), or null. */
  due: string | null;
};
/** A record that says only that its step was taken: withdrawn, approved, changes requested, signed, a new revision. */
export type StepRecord = Common & { kind: Exclude<RecordKind, 'roster' | 'review-requested'> };
export type RecordBody = RosterRecord | ReviewRequest | StepRecord;
export type SignoffRecord = RecordBody & { signature: string };

/** The Y.Array in the message document that holds the records, as plain JSON objects. */
export const RECORDS = 'records';

/** Each kind in words, for reasons, the audit trail and the names of the versions before a step. */
export const KIND_WORDS: Record<RecordKind, string> = {
  roster: 'Roster changed',
  'review-requested': 'Sent for review',
  withdrawn: 'Review withdrawn',
  approved: 'Approved',
  'changes-requested': 'Changes requested',
  signed: 'Signed',
  'revision-started': 'New revision started',
};

const HEX_DIGEST = /^[0-9a-f]{64}$/;
const HEX_SIGNATURE = /^[0-9a-f]{128}$/;

// ── Canonical bytes, signing, verifying ─────────────────────────────────────────────────────

const DOMAIN = 'signet-record-1\n';
/** Records that name the records before them: the names are signed with the rest. */
const DOMAIN_ORDERED = 'signet-record-2\n';

/**
 * The bytes a record's signature covers: a domain line, then JSON of every field but the
 * signature in a fixed order (JSON.stringify keeps insertion order for these non-numeric keys).
 * Built only from the parsed fields, so nothing unsigned can ride along in a stored record.
 */
export function recordBytes(record: RecordBody): Uint8Array {
  const { kind, messageId, digest, time, comment, signer, after } = record;
  const fields: Record<string, unknown> = { kind, messageId, digest, time, comment, signer };
  if (after !== undefined) fields.after = after;
  if (record.kind === 'roster') {
    fields.members = record.members.map((m) => ({
      publicKey: m.publicKey,
      name: m.name,
      titles: m.titles,
      organisation: m.organisation,
      email: m.email,
      roles: m.roles,
    }));
  }
  if (record.kind === 'review-requested') {
    Object.assign(fields, { approvers: record.approvers, ordered: record.ordered, signatory: record.signatory, due: record.due });
  }
  return utf8ToBytes((after === undefined ? DOMAIN : DOMAIN_ORDERED) + JSON.stringify(fields));
}

/**
 * A record's name in the records after it: SHA-256 of its signature. The signature covers every
 * field, the records it follows among them, so the names chain; and a record changed after signing
 * keeps its name, so it is reported as what it is (a bad signature) and the records after it keep
 * their place.
 */
export const recordHash = (record: SignoffRecord): string => bytesToHex(sha256(hexToBytes(record.signature)));

/** Someone who can sign: their public key and a function that signs bytes with its private key. */
export interface Signer {
  publicKey: string;
  sign(bytes: Uint8Array): Uint8Array;
}

export function signerFromSecretKey(secretKey: Uint8Array): Signer {
  const key = Uint8Array.from(secretKey);
  return { publicKey: bytesToHex(ed25519.getPublicKey(key)), sign: (bytes) => ed25519.sign(bytes, key) };
}

export function signRecord(body: RecordBody, signer: Signer): SignoffRecord {
  if (body.signer !== signer.publicKey) throw new Error('A record must name the key that signs it.');
  return { ...body, signature: bytesToHex(signer.sign(recordBytes(body))) };
}

/** Checks an Ed25519 signature over `bytes`; returns false (never throws) for any that does not verify. */
export type SignatureCheck = (signature: Uint8Array, bytes: Uint8Array, publicKey: Uint8Array) => boolean;

const nobleCheck: SignatureCheck = (signature, bytes, publicKey) => ed25519.verify(signature, bytes, publicKey, { zip215: false });
let signatureCheck: SignatureCheck = nobleCheck;

// Keys already found usable, and those refused: a message's records come from a handful of keys.
const usableKeys = new Map<string, boolean>();
const ORDER = ed25519.Point.Fn.ORDER;

/** What the strict check refuses before any curve arithmetic: S not below the group order, a key that is not canonical or is small-order. */
function strictlyEncoded(signature: Uint8Array, publicKey: string): boolean {
  let s = 0n;
  for (let i = 63; i >= 32; i -= 1) s = (s << 8n) | BigInt(signature[i]);
  if (s >= ORDER) return false;
  let usable = usableKeys.get(publicKey);
  if (usable === undefined) {
    try {
      usable = !ed25519.Point.fromHex(publicKey, false).isSmallOrder();
    } catch {
      usable = false;
    }
    if (usableKeys.size > 4096) usableKeys.clear();
    usableKeys.set(publicKey, usable);
  }
  return usable;
}

/**
 * Lets a host with a faster Ed25519 (Node's, which is OpenSSL's) check signatures: noble's
 * pure-JavaScript check takes 1.5 ms each, which makes 5,000 records take 7 s. The fast check runs
 * only after the strict encoding checks above (S below the order, a canonical key of full order);
 * OpenSSL compares R's encoding byte for byte, so R is canonical too. No argument puts noble back.
 */
export function useSignatureCheck(fast?: SignatureCheck): void {
  signatureCheck = fast ?? nobleCheck;
}

/**
 * Every Ed25519 signature Signet checks (records, export seals, member cards) goes through here:
 * strict RFC 8032 verification (not ZIP-215), so a signature has one encoding and a replay is seen
 * as one; by noble's check, or the host's faster one behind the same strict checks.
 */
export function verifyEd25519(signature: Uint8Array, bytes: Uint8Array, publicKey: string): boolean {
  try {
    if (signature.length !== 64 || !HEX_KEY.test(publicKey)) return false;
    if (signatureCheck !== nobleCheck && !strictlyEncoded(signature, publicKey)) return false;
    return signatureCheck(signature, bytes, hexToBytes(publicKey));
  } catch {
    return false;
  }
}

export function verifySignature(record: SignoffRecord): boolean {
  try {
    return verifyEd25519(hexToBytes(record.signature), recordBytes(record), record.signer);
  } catch {
    return false;
  }
}

// ── Reading records ─────────────────────────────────────────────────────────────────────────

const isString = (v: unknown): v is string => typeof v === 'string';
export const isDay = (v: unknown): boolean => isString(v) && /^\d{4}-\d{2}-\d{2}$/.test(v) && isTime(`${v}T00:00:00.000Z`);
/** A time exactly as Date.toISOString writes it, so that one moment has one spelling. */
export const isTime = (v: string): boolean => !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v;

/** Concurrent branches a record may join: more than any real review makes, few enough to read quickly. */
const MAX_AFTER = 64;

/** A stored record as a typed one, or what is wrong with its shape (its signature is checked later). */
export function parseRecord(raw: unknown): SignoffRecord | string {
  if (typeof raw !== 'object' || raw === null) return 'it is not an object';
  const r = raw as Record<string, unknown>;
  if (!RECORD_KINDS.includes(r.kind as RecordKind)) return `its kind "${String(r.kind)}" is unknown`;
  for (const field of ['messageId', 'time', 'comment'] as const) if (!isString(r[field])) return `its ${field} is missing`;
  if (!isString(r.digest) || !HEX_DIGEST.test(r.digest)) return 'its digest is not a SHA-256 digest';
  if (!isString(r.signer) || !HEX_KEY.test(r.signer)) return 'its signer is not a public key';
  if (!isString(r.signature) || !HEX_SIGNATURE.test(r.signature)) return 'its signature is not an Ed25519 signature';
  const common = { messageId: r.messageId, digest: r.digest, time: r.time, comment: r.comment, signer: r.signer, signature: r.signature } as Common & { signature: string };
  if (r.after !== undefined) {
    const after = r.after;
    if (!Array.isArray(after) || after.length > MAX_AFTER || !after.every((h, i) => isString(h) && HEX_DIGEST.test(h) && (i === 0 || after[i - 1] < h))) {
      return 'the records it follows are not a sorted list of record hashes';
    }
    common.after = [...after];
  }
  if (r.kind === 'roster') {
    const members = parseMembers(r.members);
    return typeof members === 'string' ? members : { kind: 'roster', ...common, members };
  }
  if (r.kind === 'review-requested') {
    const { approvers, ordered, signatory, due } = r;
    if (!Array.isArray(approvers) || approvers.length === 0 || !approvers.every((a) => isString(a) && HEX_KEY.test(a))) return 'its approvers are not a list of public keys';
    if (new Set(approvers).size !== approvers.length) return 'it names an approver twice';
    if (typeof ordered !== 'boolean') return 'it does not say whether the approvers approve in order';
    if (!isString(signatory) || !HEX_KEY.test(signatory)) return 'its signatory is not a public key';
    if (due !== null && !isDay(due)) return 'its due date is not a day';
    return { kind: 'review-requested', ...common, approvers: [...approvers], ordered, signatory, due: due as string | null };
  }
  return { kind: r.kind as StepRecord['kind'], ...common };
}

/** The records as stored, in the document's order (the same in every merged copy). */
export const storedRecords = (doc: Y.Doc): unknown[] => doc.getArray<unknown>(RECORDS).toArray();

/** Calls `listener` whenever a record is added, here or by a merge; returns the way to stop. */
export function observeRecords(doc: Y.Doc, listener: () => void): () => void {
  const records = doc.getArray(RECORDS);
  records.observe(listener);
  return () => records.unobserve(listener);
}

// ── Making records ──────────────────────────────────────────────────────────────────────────

export interface StepOptions {
  comment?: string;
  /** The time the record states (now by default). */
  at?: Date;
  /** The records it follows (the latest genuine ones by default: latestRecords). */
  after?: string[];
}

type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What a record says beyond the fields every record has. */
export type RecordFields = OmitEach<RecordBody, keyof Common>;

/** A record about the text as it is now, signed, not yet added: no rule is checked (tests build bad ones with it). */
export function newRecord(doc: Y.Doc, signer: Signer, fields: RecordFields, options: StepOptions = {}): SignoffRecord {
  const messageId = readMeta(doc).id;
  const common: Common = {
    messageId,
    digest: messageDigest(doc),
    time: (options.at ?? new Date()).toISOString(),
    comment: options.comment?.trim() ?? '',
    signer: signer.publicKey,
    after: options.after ?? latestRecords(storedRecords(doc), messageId),
  };
  return signRecord({ ...common, ...fields } as RecordBody, signer);
}

/**
 * The hashes of the latest genuine records (signed by their signer, for this message) that no
 * other names: what a new record follows. A record made before issue 13 follows the one stored
 * before it.
 */
export function latestRecords(stored: readonly unknown[], messageId: string): string[] {
  const genuine = stored
    .map(parseRecord)
    .filter((r): r is SignoffRecord => typeof r !== 'string' && r.messageId === messageId && verifySignature(r));
  const hashes = genuine.map(recordHash);
  const latest = new Set(hashes);
  let previousOld: string | null = null;
  genuine.forEach((record, i) => {
    for (const hash of record.after ?? (previousOld ? [previousOld] : [])) latest.delete(hash);
    if (!record.after) previousOld = hashes[i];
  });
  return [...latest].sort();
}

/** Adds a record to the message as plain JSON, as every copy will read it. */
export function appendRecord(doc: Y.Doc, record: SignoffRecord): void {
  doc.getArray<unknown>(RECORDS).push([JSON.parse(JSON.stringify(record))]);
}
