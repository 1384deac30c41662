// The .signet file as a user meets it: what comes back out of a file is the text that went in, a
// file cut short anywhere opens with every whole record, and damage anywhere else is reported with
// the file and the byte offset, leaving the file exactly as it was.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  encodeHeader,
  encodeLog,
  encodeRecord,
  HEADER_SIZE,
  loadLog,
  MessageFileError,
  parseLog,
  readMessageFile,
  RECORD_HEADER_SIZE,
  recordSize,
} from '../../../electron/services/files/message-file';
import { createMessageFile, OpenMessage } from '../../../electron/services/files/message-store';
import { recoverLog } from '../../../electron/services/files/recovery';
import { newMessage } from '../../../electron/services/library/library';
import { messageText, newMessageDoc } from '../../../shared/document';
import { editingSession, prng, tempFolder, testSeed } from '../../helpers/editing';

const folder = tempFolder('message-file');
afterAll(() => folder.remove());
let fileCount = 0;
const freshPath = (name = 'message') => join(folder.path, `${name}-${(fileCount += 1)}.signet`);

const seed = testSeed();
const withSeed = (what: string) => `${what} (seed ${seed}; replay with SIGNET_TEST_SEED=${seed})`;

/** A message file written the way the app writes one, and what a reader must find at each length. */
interface BuiltFile {
  bytes: Buffer;
  /** boundaries[k] is the file length holding the first record and k appended records. */
  boundaries: number[];
  /** texts[k] is the text the editor showed after k appended changes. */
  texts: string[];
}

/** Creates a letter, then edits it in an editor copy and appends every change through OpenMessage. */
async function buildFile(edits: number, random: () => number): Promise<BuiltFile> {
  const path = freshPath('built');
  await createMessageFile(path, newMessage('letter'));
  const first = readFileSync(path).length;
  const message = await OpenMessage.open(path, { flushDelayMs: 60_000, compactThreshold: Number.MAX_SAFE_INTEGER });
  const session = editingSession(message.doc);
  let sent = 0;
  const flushSizes: { updates: number; size: number }[] = [];
  for (let i = 0; i < edits; i += 1) {
    session.randomEdit(random);
    for (; sent < session.updates.length; sent += 1) message.applyFromEditor(session.updates[sent]);
    if (random() < 0.3 || i === edits - 1) {
      await message.flush();
      flushSizes.push({ updates: sent, size: readFileSync(path).length });
    }
  }
  session.dispose();
  const bytes = readFileSync(path);
  // Where each record ends follows from the updates alone, not from reading the file back.
  const boundaries = [first];
  for (const update of session.updates) boundaries.push(boundaries.at(-1)! + recordSize(update.length));
  expect(boundaries.at(-1)).toBe(bytes.length);
  for (const { updates, size } of flushSizes) expect(boundaries[updates]).toBe(size);
  await message.close(); // compacts the file on disk; `bytes` keeps the log as it was
  return { bytes, boundaries, texts: session.texts };
}

/** How many appended records are whole in the first `length` bytes (-1: not even the first). */
function wholeRecords(file: BuiltFile, length: number): number {
  let k = -1;
  while (k + 1 < file.boundaries.length && file.boundaries[k + 1] <= length) k += 1;
  return k;
}

/** Where a reader must report damage at byte `at`: the header field or the record holding it. */
function damageOffset(file: BuiltFile, at: number): number {
  if (at < 8) return 0;
  if (at < HEADER_SIZE) return 8;
  if (at < file.boundaries[0]) return HEADER_SIZE;
  return file.boundaries[wholeRecords(file, at)];
}

const guards = new WeakMap<BuiltFile, Uint8Array>();
/** Whether byte `at` is in a record's guard (the copy of its head and its parity), which reading does not need. */
function inGuard(file: BuiltFile, at: number): boolean {
  let mask = guards.get(file);
  if (!mask) {
    mask = new Uint8Array(file.bytes.length);
    const records = parseLog(file.bytes, 'built').records;
    records.forEach(({ offset, update }, i) => mask!.fill(1, offset + RECORD_HEADER_SIZE + update.length, records[i + 1]?.offset ?? file.bytes.length));
    guards.set(file, mask);
  }
  return mask[at] === 1;
}

/** A byte where a change is damage reading must report (not in a guard). */
function damageablePlace(file: BuiltFile, random: () => number): number {
  for (;;) {
    const at = Math.floor(random() * file.bytes.length);
    if (!inGuard(file, at)) return at;
  }
}

function expectReadsAs(file: BuiltFile, length: number, loaded: { doc: Y.Doc; records: number; validLength: number; tornBytes: number }) {
  const k = wholeRecords(file, length);
  const whole = k < 0 ? HEADER_SIZE : file.boundaries[k];
  const context = withSeed(`file cut to ${length} of ${file.bytes.length} bytes`);
  expect(loaded.records, context).toBe(k + 1);
  expect(loaded.validLength, context).toBe(whole);
  expect(loaded.tornBytes, context).toBe(length - whole);
  expect(messageText(loaded.doc), context).toBe(k < 0 ? '' : file.texts[k]);
  expect(loaded.doc.store.pendingStructs, context).toBeNull();
}

function expectDamage(error: unknown, file: string, offset: number, context: string): MessageFileError {
  expect(error, context).toBeInstanceOf(MessageFileError);
  const damage = error as MessageFileError;
  expect(damage.file, context).toBe(file);
  expect(damage.offset, context).toBe(offset);
  expect(damage.message, context).toContain(file);
  expect(damage.message, context).toContain(`byte ${offset}`);
  return damage;
}

function catching(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
}

async function catchingAsync(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return null;
}

/** Nothing but the message itself is left beside it: no lock, no temporary file. */
function expectNothingBeside(path: string) {
  const name = path.replace(/^.*[\\/]/, '');
  expect(existsSync(`${path}.lock`)).toBe(false);
  expect(readdirSync(folder.path).filter((n) => n.startsWith(`.${name}`))).toEqual([]);
}

let small: BuiltFile;
let large: BuiltFile;
beforeAll(async () => {
  const random = prng(seed);
  small = await buildFile(14, random);
  large = await buildFile(1500, random);
});

describe('message file', () => {
  it('gives back exactly the message that was written', async () => {
    const doc = newMessage('letter');
    const path = freshPath();
    await createMessageFile(path, doc);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('SIGNET\0\n');
    expect(parseLog(bytes, path).records).toHaveLength(1);

    const { doc: back, records, tornBytes } = await readMessageFile(path);
    expect(records).toBe(1);
    expect(tornBytes).toBe(0);
    expect(messageText(back)).toBe(messageText(doc));
    expect(messageText(back)).toContain('[Recipient name]');
    expect(Buffer.from(Y.encodeStateAsUpdate(back)).equals(Buffer.from(Y.encodeStateAsUpdate(doc)))).toBe(true);
    expect(back.gc).toBe(false);

    // Creating a message never replaces one that is already there.
    await expect(createMessageFile(path, newMessage('speech'))).rejects.toThrow();
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expectNothingBeside(path);
  });

  it('opens a file cut short at any byte after its first record with every whole record, and says a file cut inside its header or first record is damaged', async () => {
    expect(small.boundaries.length).toBeGreaterThan(8);
    const path = freshPath('cut');
    for (let length = 0; length <= small.bytes.length; length += 1) {
      const prefix = small.bytes.subarray(0, length);
      writeFileSync(path, prefix);
      const context = withSeed(`file cut to ${length} bytes`);
      if (length < small.boundaries[0]) {
        // The first record was written whole (temp file, flush, rename): cut short, it is damage, never an empty message.
        const error = await catchingAsync(() => readMessageFile(path));
        const damage = expectDamage(error, path, length < 8 ? 0 : length < HEADER_SIZE ? 8 : HEADER_SIZE, context);
        expect(['not-signet', 'bad-header', 'cut-short'], context).toContain(damage.kind);
        expectDamage(await catchingAsync(() => OpenMessage.open(path)), path, damage.offset, context);
        expect(readFileSync(path).equals(prefix), context).toBe(true);
        expectNothingBeside(path);
        continue;
      }
      expectReadsAs(small, length, await readMessageFile(path));
      expect(readFileSync(path).equals(prefix), context).toBe(true);

      // Opening it for editing cuts the torn record off and keeps every whole one.
      const message = await OpenMessage.open(path);
      const k = wholeRecords(small, length);
      const whole = k < 0 ? HEADER_SIZE : small.boundaries[k];
      expect(message.readOnly, context).toBe(false);
      expect(message.tornBytes, context).toBe(length - whole);
      expect(messageText(message.doc), context).toBe(small.texts[k]);
      expect(readFileSync(path).equals(small.bytes.subarray(0, whole)), context).toBe(true);
      await message.close();
      expect(readFileSync(path).equals(small.bytes.subarray(0, whole)), context).toBe(true);
      expectNothingBeside(path);
    }
  });

  it('opens a large log cut short at a sample of offsets with every whole record', () => {
    const random = prng(seed ^ 0x5eed);
    const { boundaries, bytes } = large;
    expect(boundaries.length).toBeGreaterThan(1000);
    const offsets = new Set<number>([bytes.length]);
    while (offsets.size < 250) offsets.add(HEADER_SIZE + Math.floor(random() * (bytes.length - HEADER_SIZE)));
    // Right at, just before and just after some record boundaries, where off-by-one errors live.
    for (let i = 0; i < 40; i += 1) {
      const boundary = boundaries[Math.floor(random() * boundaries.length)];
      for (const offset of [boundary - 1, boundary, boundary + 1, boundary + RECORD_HEADER_SIZE - 1, boundary + RECORD_HEADER_SIZE]) {
        if (offset >= HEADER_SIZE && offset <= bytes.length) offsets.add(offset);
      }
    }
    for (const length of offsets) {
      if (length >= boundaries[0]) expectReadsAs(large, length, loadLog(bytes.subarray(0, length), 'large.signet'));
      else expect(catching(() => loadLog(bytes.subarray(0, length), 'large.signet'))).toMatchObject({ kind: 'cut-short', offset: HEADER_SIZE });
    }
  });

  it('reports a changed byte anywhere in the file with the offset of the damaged part, and reads past one in a guard', () => {
    const random = prng(seed ^ 0xf11b);
    // Every byte of the small file, each changed to some other value.
    for (let at = 0; at < small.bytes.length; at += 1) {
      const damaged = Buffer.from(small.bytes);
      damaged[at] ^= 1 + Math.floor(random() * 255);
      if (inGuard(small, at)) {
        expect(messageText(loadLog(damaged, 'small.signet').doc), withSeed(`byte ${at} changed`)).toBe(small.texts.at(-1));
        continue;
      }
      const error = catching(() => loadLog(damaged, 'small.signet'));
      expectDamage(error, 'small.signet', damageOffset(small, at), withSeed(`byte ${at} changed`));
    }
    // Random places in the large file, sometimes several at once: the first damaged part is named.
    for (let trial = 0; trial < 400; trial += 1) {
      const damaged = Buffer.from(large.bytes);
      const flips = 1 + Math.floor(random() * 3);
      let first = Infinity;
      for (let f = 0; f < flips; f += 1) {
        const at = damageablePlace(large, random);
        damaged[at] ^= 1 + Math.floor(random() * 255);
        first = Math.min(first, at);
      }
      const error = catching(() => loadLog(damaged, 'large.signet'));
      expectDamage(error, 'large.signet', damageOffset(large, first), withSeed(`trial ${trial}: ${flips} bytes changed, first at ${first}`));
    }
  });

  it('leaves a damaged file exactly as it was when it is read or opened', async () => {
    const random = prng(seed ^ 0xd15c);
    for (let trial = 0; trial < 30; trial += 1) {
      const at = damageablePlace(small, random);
      const damaged = Buffer.from(small.bytes);
      damaged[at] ^= 1 + Math.floor(random() * 255);
      const path = freshPath('flipped');
      writeFileSync(path, damaged);
      const context = withSeed(`byte ${at} changed`);
      expectDamage(await catchingAsync(() => readMessageFile(path)), path, damageOffset(small, at), context);
      expectDamage(await catchingAsync(() => OpenMessage.open(path)), path, damageOffset(small, at), context);
      expect(readFileSync(path).equals(damaged), context).toBe(true);
      expectNothingBeside(path);
    }
  });

  describe('names the file and the offset of each kind of damage', () => {
    const cases: [string, (bytes: Buffer, file: BuiltFile) => number, MessageFileError['kind']][] = [
      ['wrong magic', (b) => (b.write('NOTSIGNE', 0, 'latin1'), 0), 'not-signet'],
      ['a file that is not a message at all', (b) => (b.fill(0x41), 0), 'not-signet'],
      [
        'a newer format version',
        (b) => {
          encodeHeader(3).copy(b, 0);
          return 8;
        },
        'newer-format',
      ],
      ['a damaged header checksum', (b) => ((b[13] ^= 0x10), 8), 'bad-header'],
      [
        'a bad payload checksum',
        (b, f) => {
          const at = f.boundaries[2];
          b[at + RECORD_HEADER_SIZE + 3] ^= 0x01;
          return at;
        },
        'bad-record',
      ],
      [
        'a bad length in a middle record',
        (b, f) => {
          const at = f.boundaries[2];
          b.writeUInt32LE(b.readUInt32LE(at) + 5, at);
          return at;
        },
        'bad-record',
      ],
      [
        'a bad length in the last record',
        (b, f) => {
          const at = f.boundaries.at(-2)!;
          b.writeUInt32LE(b.readUInt32LE(at) - 1, at);
          return at;
        },
        'bad-record',
      ],
      [
        'an impossible length with a consistent record header',
        (b, f) => {
          const at = f.boundaries[1];
          const forged = encodeRecord(new Uint8Array(0));
          forged.writeUInt32LE(0x7fffffff, 0);
          forged.writeUInt32LE(crc32(forged.subarray(0, 12)), 12);
          forged.copy(b, at, 0, RECORD_HEADER_SIZE);
          return at;
        },
        'bad-record',
      ],
    ];
    for (const [what, damage, kind] of cases) {
      it(what, async () => {
        const bytes = Buffer.from(small.bytes);
        const offset = damage(bytes, small);
        const path = freshPath('damaged');
        writeFileSync(path, bytes);
        const read = expectDamage(await catchingAsync(() => readMessageFile(path)), path, offset, what);
        expect(read.kind).toBe(kind);
        const open = expectDamage(await catchingAsync(() => OpenMessage.open(path)), path, offset, what);
        expect(open.kind).toBe(kind);
        if (kind === 'newer-format') expect(open.message).toMatch(/newer than this Signet/);
        expect(readFileSync(path).equals(bytes)).toBe(true);
        expectNothingBeside(path);
      });
    }
  });

  describe('recovery', () => {
    it('recovers every other record around a damaged one, and the recovered message opens', async () => {
      // Several people each added a paragraph to their own copy of the same letter; the copies
      // were merged into one log. One of those records is damaged.
      const base = newMessage('letter');
      const records = [Y.encodeStateAsUpdate(base)];
      const added: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const session = editingSession(base);
        const line = `Added by reviewer ${i}.`;
        session.type(line);
        added.push(line);
        records.push(...session.updates);
        session.dispose();
      }
      const log = encodeLog(records);
      const offsets: number[] = [];
      for (let at = HEADER_SIZE, i = 0; i < records.length; i += 1) {
        offsets.push(at);
        at += recordSize(records[i].length);
      }
      const damagedIndex = 3;
      const damaged = Buffer.from(log);
      // The same byte of its payload and of its parity: more damage than parity can repair.
      const n = records[damagedIndex].length;
      damaged[offsets[damagedIndex] + RECORD_HEADER_SIZE + 1] ^= 0xff;
      damaged[offsets[damagedIndex] + 2 * RECORD_HEADER_SIZE + n + 1] ^= 0xff;
      expect(() => loadLog(damaged, 'merged.signet')).toThrow(MessageFileError);

      const result = recoverLog(damaged);
      expect(result.skipped.map((s) => s.offset)).toEqual([offsets[damagedIndex]]);
      expect(result.recovered).toBe(records.length - 1);
      const text = messageText(result.doc);
      expect(text).toContain('[Recipient name]');
      added.forEach((line, i) => {
        if (i + 1 === damagedIndex) expect(text).not.toContain(line);
        else expect(text).toContain(line);
      });

      const path = freshPath('recovered');
      await createMessageFile(path, result.doc);
      expect(messageText((await readMessageFile(path)).doc)).toBe(text);
    });

    it('recovers a sequential log up to a damaged record header, and the recovered message opens', async () => {
      // One person typed eight words, one change each. Each change builds on the one before it,
      // so what can be recovered is the message as it was just before the damaged record.
      const base = newMessage('letter');
      const session = editingSession(base);
      for (let i = 0; i < 8; i += 1) session.type(` word${i}`);
      session.dispose();
      const records = [Y.encodeStateAsUpdate(base), ...session.updates];
      const log = encodeLog(records);
      let at = HEADER_SIZE;
      const damagedIndex = 5;
      for (let i = 0; i < damagedIndex; i += 1) at += recordSize(records[i].length);
      const damaged = Buffer.from(log);
      damaged[at + 1] ^= 0x40; // its length field, and the same in the copy of its head
      damaged[at + RECORD_HEADER_SIZE + records[damagedIndex].length + 1] ^= 0x40;
      expect(() => loadLog(damaged, 'typed.signet')).toThrow(MessageFileError);

      const result = recoverLog(damaged);
      expect(result.skipped.length).toBeGreaterThan(0);
      expect(result.skipped[0].offset).toBe(at);
      const before = session.texts[damagedIndex - 1];
      expect(before).toContain('word3');
      expect(messageText(result.doc)).toBe(before);

      const path = freshPath('recovered');
      await createMessageFile(path, result.doc);
      const reopened = await readMessageFile(path);
      expect(messageText(reopened.doc)).toBe(before);
    });
  });

  it('loads into a document that keeps its history (gc off)', () => {
    const doc = loadLog(large.bytes, 'large.signet').doc;
    expect(doc.gc).toBe(false);
    expect(newMessageDoc().gc).toBe(false);
    expect(messageText(doc)).toBe(large.texts.at(-1));
  });
});
