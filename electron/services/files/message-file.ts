// The .signet file: a header, then an append-only log of Yjs updates, each record framed with its
// length, its kind and checksums so that a torn tail can be told apart from damage anywhere else,
// and carrying parity so that damage to one stretch of it can be repaired (parity.ts).
//
//   header (16 bytes):   "SIGNET\0\n" | format version u32le | crc32 of the 12 bytes before it
//   record (format 2):   head | payload (n bytes) | guard
//     head (16 bytes):   length n u32le | kind u32le | crc32 of payload u32le | crc32 of the 12 bytes before it
//     guard:             the head again, its kind marked COPY (so a record whose head is damaged
//                        can still be found and checked) | parity (paritySize(n) bytes)
//   record (format 1):   length n u32le | crc32 of payload u32le | crc32 of the 8 bytes before it | payload
//
// A record's kind says how it was written. The first record is the base: the whole message,
// written by createMessageFile or compaction into a temporary file, flushed and renamed, so it is
// whole or absent and can never be a torn tail; if it is cut short the file is damaged. Every
// later record is a change appended in place, and only the last of those may be torn by a crash.
// The header checksum on each record means a flipped bit in a length is reported as damage, not
// mistaken for a torn tail (which would silently drop every record after it).
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as Y from 'yjs';
import { newMessageDoc } from '../../../shared/document';
import { deepestNesting, MAX_NESTING } from './nesting';
import { paritySize, parityOf } from './parity';
import { readRegularFile } from './regular-file';

export const MAGIC = Buffer.from('SIGNET\0\n', 'latin1');
export const FORMAT_VERSION = 2;
export const HEADER_SIZE = 16;
export const RECORD_HEADER_SIZE = 16;
const V1_RECORD_HEADER_SIZE = 12;
/** No single update is this big; a larger length is damage, not data. */
export const MAX_RECORD = 1 << 30;

/** How a record was written: the base whole (temp file, flush, rename), a change appended in place. */
export const RECORD_KIND = { base: 1, change: 2 } as const;
export type RecordKind = keyof typeof RECORD_KIND;
/** Marks the copy of a record's head in its guard. */
export const COPY = 0x80;

export type DamageKind = 'not-signet' | 'newer-format' | 'bad-header' | 'bad-record' | 'cut-short' | 'bad-update' | 'too-deep';

export class MessageFileError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly kind: DamageKind,
    readonly reason: string,
  ) {
    super(`${file}: ${reason} at byte ${offset}`);
    this.name = 'MessageFileError';
  }
}

export function encodeHeader(version = FORMAT_VERSION): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(version, 8);
  header.writeUInt32LE(crc32(header.subarray(0, 12)), 12);
  return header;
}

/** Bytes a format-2 record of an n-byte update takes on disk. */
export function recordSize(n: number): number {
  return 2 * RECORD_HEADER_SIZE + n + paritySize(n);
}

function writeHead(into: Buffer, at: number, length: number, kind: number, payloadCrc: number): void {
  into.writeUInt32LE(length, at);
  into.writeUInt32LE(kind, at + 4);
  into.writeUInt32LE(payloadCrc, at + 8);
  into.writeUInt32LE(crc32(into.subarray(at, at + 12)), at + 12);
}

/** One format-2 record; `change` (the default) for an append, `base` only as a file's first record. */
export function encodeRecord(update: Uint8Array, kind: RecordKind = 'change'): Buffer {
  const n = update.length;
  const record = Buffer.alloc(recordSize(n));
  const check = crc32(update);
  writeHead(record, 0, n, RECORD_KIND[kind], check);
  record.set(update, RECORD_HEADER_SIZE);
  writeHead(record, RECORD_HEADER_SIZE + n, n, RECORD_KIND[kind] | COPY, check);
  parityOf(update).copy(record, 2 * RECORD_HEADER_SIZE + n);
  return record;
}

/** A whole log: the first update as the base record, the others as appended changes. */
export function encodeLog(updates: readonly Uint8Array[]): Buffer {
  return Buffer.concat([encodeHeader(), ...updates.map((u, i) => encodeRecord(u, i === 0 ? 'base' : 'change'))]);
}

export interface Head {
  length: number;
  kind: number;
  check: number;
}

/** The head at `at` if its checksum holds and it is plausible; cheap tests first, as recovery scans byte by byte. */
export function readHead(buf: Buffer, at: number): Head | null {
  if (at < 0 || at + RECORD_HEADER_SIZE > buf.length) return null;
  const kind = buf.readUInt32LE(at + 4);
  const plain = kind & ~COPY;
  if (kind > 0xff || (plain !== RECORD_KIND.base && plain !== RECORD_KIND.change)) return null;
  const length = buf.readUInt32LE(at);
  if (length > MAX_RECORD || buf.readUInt32LE(at + 12) !== crc32(buf.subarray(at, at + 12))) return null;
  return { length, kind, check: buf.readUInt32LE(at + 8) };
}

export interface ParsedLog {
  version: number;
  /** Each record's payload, its kind and the byte offset where its record starts. */
  records: { offset: number; update: Uint8Array; kind: RecordKind }[];
  /** Bytes up to the end of the last whole record. */
  validLength: number;
  /** Bytes of a torn last record (a crash mid-append), to be cut off. */
  tornBytes: number;
}

export function checkHeader(bytes: Uint8Array, file: string): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new MessageFileError(file, 0, 'not-signet', 'not a Signet message file (wrong magic)');
  }
  if (buf.length < HEADER_SIZE || buf.readUInt32LE(12) !== crc32(buf.subarray(0, 12))) {
    throw new MessageFileError(file, 8, 'bad-header', 'the file header is damaged');
  }
  const version = buf.readUInt32LE(8);
  if (version > FORMAT_VERSION) {
    throw new MessageFileError(
      file,
      8,
      'newer-format',
      `format version ${version} is newer than this Signet understands (${FORMAT_VERSION}); update Signet`,
    );
  }
  return version;
}

const BASE_CUT = 'the message ends inside its first record, which is always written whole (the file was cut short)';

/** Reads the framing of a whole file. Throws MessageFileError for anything but a torn tail. */
export function parseLog(bytes: Uint8Array, file: string): ParsedLog {
  const version = checkHeader(bytes, file);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const log = version === 1 ? parseV1(buf, file) : parseV2(buf, file);
  return { version, ...log };
}

type Framing = Omit<ParsedLog, 'version'>;

/** A torn tail is possible only after the first record; before it, the same bytes are damage. */
function tornOrDamage(buf: Buffer, offset: number, records: ParsedLog['records'], file: string): Framing {
  if (records.length === 0) throw new MessageFileError(file, offset, 'cut-short', BASE_CUT);
  return { records, validLength: offset, tornBytes: buf.length - offset };
}

function parseV2(buf: Buffer, file: string): Framing {
  const records: ParsedLog['records'] = [];
  let offset = HEADER_SIZE;
  if (buf.length === HEADER_SIZE) return tornOrDamage(buf, offset, records, file);
  while (offset < buf.length) {
    const first = records.length === 0;
    if (buf.length - offset < RECORD_HEADER_SIZE) return tornOrDamage(buf, offset, records, file);
    const head = readHead(buf, offset);
    if (!head) {
      // After a power cut a file system may show an appended tail as zeros: that is a torn append too.
      if (!first && buf.subarray(offset).every((b) => b === 0)) return tornOrDamage(buf, offset, records, file);
      throw new MessageFileError(file, offset, 'bad-record', 'a record header is damaged (bad length or checksum field)');
    }
    const kind: RecordKind = head.kind === RECORD_KIND.base ? 'base' : 'change';
    if (head.kind & COPY || kind !== (first ? 'base' : 'change')) {
      throw new MessageFileError(file, offset, 'bad-record', first ? 'the first record is not the message itself' : 'a second base record follows the first');
    }
    const end = offset + recordSize(head.length);
    // A whole, valid head whose record runs past the end: an append cut short, or a base cut short (damage).
    if (end > buf.length) {
      if (kind === 'base') throw new MessageFileError(file, offset, 'cut-short', BASE_CUT);
      return tornOrDamage(buf, offset, records, file);
    }
    const update = buf.subarray(offset + RECORD_HEADER_SIZE, offset + RECORD_HEADER_SIZE + head.length);
    if (crc32(update) !== head.check) throw new MessageFileError(file, offset, 'bad-record', 'a record fails its checksum');
    records.push({ offset, update, kind });
    offset = end;
  }
  return { records, validLength: offset, tornBytes: 0 };
}

/** Format 1, written before record kinds and parity; its first record was written whole too. */
function parseV1(buf: Buffer, file: string): Framing {
  const records: ParsedLog['records'] = [];
  let offset = HEADER_SIZE;
  if (buf.length === HEADER_SIZE) return tornOrDamage(buf, offset, records, file);
  while (offset < buf.length) {
    if (buf.length - offset < V1_RECORD_HEADER_SIZE) return tornOrDamage(buf, offset, records, file);
    if (buf.readUInt32LE(offset + 8) !== crc32(buf.subarray(offset, offset + 8))) {
      if (records.length > 0 && buf.subarray(offset).every((b) => b === 0)) return tornOrDamage(buf, offset, records, file);
      throw new MessageFileError(file, offset, 'bad-record', 'a record header is damaged (bad length or checksum field)');
    }
    const length = buf.readUInt32LE(offset);
    if (length > MAX_RECORD) {
      throw new MessageFileError(file, offset, 'bad-record', `a record claims an impossible length (${length} bytes)`);
    }
    const end = offset + V1_RECORD_HEADER_SIZE + length;
    if (end > buf.length) return tornOrDamage(buf, offset, records, file);
    const update = buf.subarray(offset + V1_RECORD_HEADER_SIZE, end);
    if (crc32(update) !== buf.readUInt32LE(offset + 4)) {
      throw new MessageFileError(file, offset, 'bad-record', 'a record fails its checksum');
    }
    records.push({ offset, update, kind: records.length === 0 ? 'base' : 'change' });
    offset = end;
  }
  return { records, validLength: offset, tornBytes: 0 };
}

/** The offsets of format-1 records, for recovery, which has no other way to find them. */
export function v1RecordHeaderOk(buf: Buffer, at: number): boolean {
  return at + V1_RECORD_HEADER_SIZE <= buf.length && buf.readUInt32LE(at + 8) === crc32(buf.subarray(at, at + 8));
}
export { V1_RECORD_HEADER_SIZE };

export interface LoadedMessage {
  doc: Y.Doc;
  version: number;
  records: number;
  validLength: number;
  tornBytes: number;
}

/** Refuses a message nested deeper than anything that reads it can walk, naming the record that brought the deepest part. */
export function checkNesting(doc: Y.Doc, file: string, records: readonly { offset: number; update: Uint8Array }[]): void {
  const deepest = deepestNesting(doc);
  if (deepest.depth <= MAX_NESTING) return;
  const from = records.find(({ update }) => {
    const meta = Y.parseUpdateMeta(update);
    return (meta.from.get(deepest.client) ?? 0) <= deepest.clock && deepest.clock < (meta.to.get(deepest.client) ?? 0);
  });
  throw new MessageFileError(
    file,
    from?.offset ?? HEADER_SIZE,
    'too-deep',
    `the message is nested ${deepest.depth} levels deep, more than the ${MAX_NESTING} Signet reads`,
  );
}

/** Applies every record to a fresh gc-off document; an update Yjs rejects is damage. */
export function loadLog(bytes: Uint8Array, file: string): LoadedMessage {
  const log = parseLog(bytes, file);
  const doc = newMessageDoc();
  for (const { offset, update } of log.records) {
    try {
      Y.applyUpdate(doc, update);
    } catch (error) {
      throw new MessageFileError(file, offset, 'bad-update', `a record holds an update Yjs rejects (${(error as Error).message})`);
    }
    if (doc.store.pendingStructs || doc.store.pendingDs) {
      throw new MessageFileError(file, offset, 'bad-update', 'a record depends on changes missing from the file');
    }
  }
  checkNesting(doc, file, log.records);
  return { doc, version: log.version, records: log.records.length, validLength: log.validLength, tornBytes: log.tornBytes };
}

export async function readMessageFile(file: string): Promise<LoadedMessage> {
  return loadLog(await readRegularFile(file), file);
}

/** The whole document as a fresh file: a header and one base record holding its full state. */
export function encodeMessageFile(doc: Y.Doc): Buffer {
  return encodeLog([Y.encodeStateAsUpdate(doc)]);
}
async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename itself is atomic there.
  } finally {
    await handle.close();
  }
}

/**
 * Writes `bytes` to a temporary file beside `file`, flushes it, renames it over `file` and
 * flushes the folder: a crash at any instant leaves either the old file or the new one whole.
 * With `exclusive`, refuses to replace a file that already exists.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array, exclusive = false): Promise<void> {
  // The pid first (removeAbandonedTemps reads it), then enough randomness that two writes in one millisecond never share a name.
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}-${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    if (exclusive) {
      // link() fails if the target exists, so two writers cannot both win.
      await fs.link(tmp, file);
      await fs.rm(tmp);
    } else {
      await fs.rename(tmp, file);
    }
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  // The rename has happened: a folder that cannot be flushed must not make the caller think it did not.
  await fsyncDir(dirname(file)).catch(() => {});
}

/**
 * Removes temporary files a writer on this machine left beside `file` when it died mid-compaction
 * (named by its pid, which is no longer running). Called while holding the message's lock.
 */
export async function removeAbandonedTemps(file: string, isAlive: (pid: number) => boolean): Promise<number> {
  const prefix = `.${basename(file)}.`;
  let removed = 0;
  for (const name of await fs.readdir(dirname(file)).catch(() => [] as string[])) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length).split('.')[0]) : NaN;
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) {
      await fs.rm(join(dirname(file), name), { force: true });
      removed += 1;
    }
  }
  return removed;
}

