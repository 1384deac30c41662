// Reading what can still be read of a damaged message file. Each format-2 record carries parity
// and a copy of its head (message-file.ts), so one damaged stretch of a record is repaired and a
// record whose head is damaged is found again by its copy; what cannot be repaired is skipped and
// said. Backups of the message (backups.ts), when there are any, are merged in first: Yjs merges
// them with whatever the file still holds, so words the file lost come back from the backup.
import { crc32 } from 'node:zlib';
import * as Y from 'yjs';
import { newMessageDoc } from '../../../shared/document';
import {
  COPY,
  FORMAT_VERSION,
  HEADER_SIZE,
  MAGIC,
  RECORD_HEADER_SIZE,
  V1_RECORD_HEADER_SIZE,
  readHead,
  recordSize,
  v1RecordHeaderOk,
} from './message-file';
import { paritySize, repairPayload } from './parity';

export interface Recovered {
  doc: Y.Doc;
  /** Records read from the file, repaired ones included. */
  recovered: number;
  /** Records whose damage the parity repaired, or found again by the copy of their head. */
  repaired: number;
  /** Backups merged in. */
  fromBackups: number;
  skipped: { offset: number; reason: string }[];
  /** Bytes of the file that held nothing that could be read. */
  lostBytes: number;
  /** Records read but left out, because they build on records that could not be read. */
  leftOut: number;
}

type Found =
  | { start: number; end: number; payload: Uint8Array; repaired: boolean }
  | { start: number; end: number; payload: null; reason: string };

/** The payload of the record whose head (or its copy) says `n` bytes with `check`, repaired if it must be. */
function payloadAt(buf: Buffer, start: number, n: number, check: number): { payload: Uint8Array; repaired: boolean } | null {
  const from = start + RECORD_HEADER_SIZE;
  const payload = buf.subarray(from, Math.min(from + n, buf.length));
  if (payload.length === n && crc32(payload) === check) return { payload, repaired: false };
  const parityAt = start + 2 * RECORD_HEADER_SIZE + n;
  if (payload.length < n || parityAt + paritySize(n) > buf.length) return null;
  const repaired = repairPayload(payload, buf.subarray(parityAt, parityAt + paritySize(n)), check);
  return repaired ? { payload: repaired, repaired: true } : null;
}

/** The format-2 record at `at`, or the record whose head's copy is at `at` (its own head was damaged). */
function recordAt(buf: Buffer, at: number, readUpTo: number): Found | null {
  const head = readHead(buf, at);
  if (!head) return null;
  const n = head.length;
  const start = head.kind & COPY ? at - RECORD_HEADER_SIZE - n : at;
  // A copy found for a record already read (or overlapping one) is only its guard.
  if (start < readUpTo) return null;
  const end = Math.min(start + recordSize(n), buf.length);
  const found = payloadAt(buf, start, n, head.check);
  if (found) return { start, end, ...found, repaired: found.repaired || start !== at };
  const cut = start + RECORD_HEADER_SIZE + n > buf.length;
  return { start, end, payload: null, reason: cut ? 'a record cut short' : 'a record fails its checksum and its parity cannot repair it' };
}

/** Applies updates in file order and keeps count, noting where changes began to wait for a skipped one. */
class Sink {
  readonly result: Recovered = { doc: newMessageDoc(), recovered: 0, repaired: 0, fromBackups: 0, skipped: [], lostBytes: 0, leftOut: 0 };
  private waitingSince: number | null = null;
  private waiting = 0;

  apply(update: Uint8Array, offset: number, repaired: boolean): void {
    const { doc } = this.result;
    try {
      Y.applyUpdate(doc, update);
    } catch (error) {
      this.skip(offset, `update rejected (${(error as Error).message})`, 0);
      return;
    }
    this.result.recovered += 1;
    if (repaired) this.result.repaired += 1;
    if (!(doc.store.pendingStructs || doc.store.pendingDs)) {
      this.waitingSince = null;
      this.waiting = 0;
    } else {
      this.waitingSince ??= offset;
      this.waiting += 1;
    }
  }

  skip(offset: number, reason: string, bytes: number): void {
    this.result.skipped.push({ offset, reason });
    this.result.lostBytes += bytes;
  }

  finish(): Recovered {
    const { doc, skipped } = this.result;
    if (this.waitingSince !== null) {
      // Yjs would keep these changes pending and write them out again, and a file holding changes
      // that cannot be placed fails to open (loadLog). They are left out.
      skipped.push({ offset: this.waitingSince, reason: 'changes that build on skipped records were left out' });
      this.result.leftOut = this.waiting;
      this.result.recovered -= this.waiting;
      doc.store.pendingStructs = null;
      doc.store.pendingDs = null;
      skipped.sort((a, b) => a.offset - b.offset);
    }
    return this.result;
  }
}

function scanV2(buf: Buffer, sink: Sink): void {
  let offset = HEADER_SIZE;
  let readUpTo = HEADER_SIZE;
  let gap: number | null = null;
  const closeGap = (until: number) => {
    if (gap !== null && until > gap) sink.skip(gap, `unreadable bytes ${gap}–${until}`, until - gap);
    gap = null;
  };
  while (offset + RECORD_HEADER_SIZE <= buf.length) {
    const found = recordAt(buf, offset, readUpTo);
    if (!found) {
      gap ??= offset;
      offset += 1;
      continue;
    }
    closeGap(found.start);
    if (found.payload) sink.apply(found.payload, found.start, found.repaired);
    else sink.skip(found.start, found.reason, found.end - found.start);
    offset = readUpTo = found.end;
  }
  if (offset < buf.length) gap ??= offset;
  closeGap(buf.length);
}

/** Format 1: no kinds, no parity; a record is read if its checksums hold. */
function scanV1(buf: Buffer, sink: Sink): void {
  let offset = HEADER_SIZE;
  while (offset + V1_RECORD_HEADER_SIZE <= buf.length) {
    if (!v1RecordHeaderOk(buf, offset)) {
      const start = offset;
      do offset += 1;
      while (offset + V1_RECORD_HEADER_SIZE <= buf.length && !v1RecordHeaderOk(buf, offset));
      sink.skip(start, `unreadable bytes ${start}–${offset}`, offset - start);
      continue;
    }
    const end = offset + V1_RECORD_HEADER_SIZE + buf.readUInt32LE(offset);
    if (end > buf.length) {
      sink.skip(offset, 'torn record at the end', buf.length - offset);
      break;
    }
    const update = buf.subarray(offset + V1_RECORD_HEADER_SIZE, end);
    if (crc32(update) !== buf.readUInt32LE(offset + 4)) sink.skip(offset, 'record fails its checksum', end - offset);
    else sink.apply(update, offset, false);
    offset = end;
  }
}

/** The format the header names, or null when the header itself is damaged (then both are tried). */
function headerVersion(buf: Buffer): number | null {
  if (buf.length < HEADER_SIZE || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  if (buf.readUInt32LE(12) !== crc32(buf.subarray(0, 12))) return null;
  const version = buf.readUInt32LE(8);
  return version >= 1 && version <= FORMAT_VERSION ? version : null;
}

function recoverFrom(buf: Buffer, version: number, backups: readonly Uint8Array[]): Recovered {
  const sink = new Sink();
  for (const backup of backups) {
    const state = recoverLog(backup);
    if (state.recovered > 0) {
      Y.applyUpdate(sink.result.doc, Y.encodeStateAsUpdate(state.doc));
      sink.result.fromBackups += 1;
    }
    state.doc.destroy();
  }
  (version === 1 ? scanV1 : scanV2)(buf, sink);
  return sink.finish();
}

/**
 * Reads every record that can be read from a damaged file, repairing what parity can repair, and
 * merges in the given backups of the same message (whole files, each read the same way).
 */
export function recoverLog(bytes: Uint8Array, backups: readonly Uint8Array[] = []): Recovered {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = headerVersion(buf);
  if (version !== null) return recoverFrom(buf, version, backups);
  // A damaged header names no format: read it both ways and keep whichever reads more.
  const tries = [recoverFrom(buf, FORMAT_VERSION, backups), recoverFrom(buf, 1, backups)];
  const best = tries[1].recovered > tries[0].recovered ? tries[1] : tries[0];
  for (const attempt of tries) if (attempt !== best) attempt.doc.destroy();
  best.skipped.unshift({ offset: 0, reason: 'the file header is damaged' });
  return best;
}
