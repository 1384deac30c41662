// The .signet file: a header, then an append-only log of Yjs updates, each record framed with its
// length and checksums so that a torn tail can be told apart from damage anywhere else.
//
//   header  (16 bytes): "SIGNET\0\n" | format version u32le | crc32 of the 12 bytes before it
//   record  (12 + n):   length n u32le | crc32 of payload u32le | crc32 of the 8 bytes before it | payload
//
// The header checksum on each record means a flipped bit in a length is reported as damage, not
// mistaken for a torn tail (which would silently drop every record after it).
import { crc32 } from 'node:zlib';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as Y from 'yjs';
import { newMessageDoc } from '../../../shared/document';

export const MAGIC = Buffer.from('SIGNET\0\n', 'latin1');
export const FORMAT_VERSION = 1;
export const HEADER_SIZE = 16;
export const RECORD_HEADER_SIZE = 12;
/** No single update is this big; a larger length is damage, not data. */
const MAX_RECORD = 1 << 30;

export type DamageKind = 'not-signet' | 'newer-format' | 'bad-header' | 'bad-record' | 'bad-update';

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

export function encodeRecord(update: Uint8Array): Buffer {
  const record = Buffer.alloc(RECORD_HEADER_SIZE + update.length);
  record.writeUInt32LE(update.length, 0);
  record.writeUInt32LE(crc32(update), 4);
  record.writeUInt32LE(crc32(record.subarray(0, 8)), 8);
  record.set(update, RECORD_HEADER_SIZE);
  return record;
}

export interface ParsedLog {
  version: number;
  /** Each record's payload and the byte offset where its record starts. */
  records: { offset: number; update: Uint8Array }[];
  /** Bytes up to the end of the last whole record. */
  validLength: number;
  /** Bytes of a torn last record (a crash mid-append), to be cut off. */
  tornBytes: number;
}

function checkHeader(bytes: Uint8Array, file: string): number {
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

/** Reads the framing of a whole file. Throws MessageFileError for anything but a torn tail. */
export function parseLog(bytes: Uint8Array, file: string): ParsedLog {
  const version = checkHeader(bytes, file);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: ParsedLog['records'] = [];
  let offset = HEADER_SIZE;
  while (offset < buf.length) {
    const remaining = buf.length - offset;
    // An incomplete record header can only be a torn tail.
    if (remaining < RECORD_HEADER_SIZE) return { version, records, validLength: offset, tornBytes: remaining };
    if (buf.readUInt32LE(offset + 8) !== crc32(buf.subarray(offset, offset + 8))) {
      // After a power cut a file system may show an appended tail as zeros: that is a torn append too.
      if (buf.subarray(offset).every((b) => b === 0)) return { version, records, validLength: offset, tornBytes: remaining };
      throw new MessageFileError(file, offset, 'bad-record', 'a record header is damaged (bad length or checksum field)');
    }
    const length = buf.readUInt32LE(offset);
    if (length > MAX_RECORD) {
      throw new MessageFileError(file, offset, 'bad-record', `a record claims an impossible length (${length} bytes)`);
    }
    const end = offset + RECORD_HEADER_SIZE + length;
    // A whole, valid header whose payload runs past the end: the append was cut short.
    if (end > buf.length) return { version, records, validLength: offset, tornBytes: remaining };
    const update = buf.subarray(offset + RECORD_HEADER_SIZE, end);
    if (crc32(update) !== buf.readUInt32LE(offset + 4)) {
      throw new MessageFileError(file, offset, 'bad-record', 'a record fails its checksum');
    }
    records.push({ offset, update });
    offset = end;
  }
  return { version, records, validLength: offset, tornBytes: 0 };
}

export interface LoadedMessage {
  doc: Y.Doc;
  version: number;
  records: number;
  validLength: number;
  tornBytes: number;
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
  return { doc, version: log.version, records: log.records.length, validLength: log.validLength, tornBytes: log.tornBytes };
}

export async function readMessageFile(file: string): Promise<LoadedMessage> {
  return loadLog(await fs.readFile(file), file);
}

/** The whole document as a fresh file: a header and one record holding its full state. */
export function encodeMessageFile(doc: Y.Doc): Buffer {
  return Buffer.concat([encodeHeader(), encodeRecord(Y.encodeStateAsUpdate(doc))]);
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
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
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

export interface Recovered {
  doc: Y.Doc;
  recovered: number;
  skipped: { offset: number; reason: string }[];
}

/**
 * Reads every record that can be read from a damaged file: a bad record is skipped, and after a
 * damaged record header the scan looks for the next header whose checksum holds.
 */
export function recoverLog(bytes: Uint8Array): Recovered {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const doc = newMessageDoc();
  const skipped: Recovered['skipped'] = [];
  let recovered = 0;
  // Where changes that build on a skipped record started to wait for it.
  let waitingSince: number | null = null;
  let offset = buf.length >= HEADER_SIZE && buf.subarray(0, 6).equals(MAGIC.subarray(0, 6)) ? HEADER_SIZE : 0;
  const headerOk = (at: number) =>
    at + RECORD_HEADER_SIZE <= buf.length && buf.readUInt32LE(at + 8) === crc32(buf.subarray(at, at + 8));
  while (offset + RECORD_HEADER_SIZE <= buf.length) {
    if (!headerOk(offset)) {
      const start = offset;
      do offset += 1;
      while (offset + RECORD_HEADER_SIZE <= buf.length && !headerOk(offset));
      skipped.push({ offset: start, reason: `unreadable bytes ${start}–${offset}` });
      continue;
    }
    const length = buf.readUInt32LE(offset);
    const end = offset + RECORD_HEADER_SIZE + length;
    if (end > buf.length) {
      skipped.push({ offset, reason: 'torn record at the end' });
      break;
    }
    const update = buf.subarray(offset + RECORD_HEADER_SIZE, end);
    if (crc32(update) !== buf.readUInt32LE(offset + 4)) {
      skipped.push({ offset, reason: 'record fails its checksum' });
    } else {
      try {
        Y.applyUpdate(doc, update);
        recovered += 1;
        const waiting = Boolean(doc.store.pendingStructs || doc.store.pendingDs);
        if (!waiting) waitingSince = null;
        else if (waitingSince === null) waitingSince = offset;
      } catch (error) {
        skipped.push({ offset, reason: `update rejected (${(error as Error).message})` });
      }
    }
    offset = end;
  }
  if (waitingSince !== null) {
    // Yjs would keep these changes pending and write them out again, and a file holding changes
    // that cannot be placed fails to open (loadLog). They are left out.
    skipped.push({ offset: waitingSince, reason: 'changes that build on skipped records were left out' });
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    skipped.sort((a, b) => a.offset - b.offset);
  }
  return { doc, recovered, skipped };
}
