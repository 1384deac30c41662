// The damage survey: every single-byte change, and a cut at every offset, of a one-record file and
// of a file with appended records, both written by the app; for each, the share of the words of
// the last good state that recovery gives back. Run in-process through recoverLog (what `signet
// recover` and "Recover a copy" use), so that it takes seconds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLog } from '../../../electron/services/files/message-file';
import { createMessageFile, OpenMessage } from '../../../electron/services/files/message-store';
import { recoverLog } from '../../../electron/services/files/recovery';
import { newMessage } from '../../../electron/services/library/library';
import { messageText } from '../../../shared/document';
import { editingSession, prng, tempFolder, testSeed } from '../../helpers/editing';

const folder = tempFolder('damage-survey');
afterAll(() => folder.remove());
const seed = testSeed();

interface Surveyed {
  bytes: Buffer;
  /** ends[k]: where record k ends; texts[k]: the text once records 0..k are read. */
  ends: number[];
  texts: string[];
  /** The file as compaction found it, kept as a backup (the message's previous generation). */
  backup: Buffer | null;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean);

/** The share of `good`'s words (counted with repeats) that are in `got`. */
function share(good: string, got: string): number {
  const wanted = words(good);
  const have = new Map<string, number>();
  for (const w of words(got)) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of wanted) {
    const left = have.get(w) ?? 0;
    if (left > 0) {
      found += 1;
      have.set(w, left - 1);
    }
  }
  return wanted.length ? found / wanted.length : 1;
}

/** A letter the app wrote: made, then (with `appends`) opened and typed into, change by change. */
async function written(name: string, appends: string[], compactFirst: boolean): Promise<Surveyed> {
  const path = join(folder.path, `${name}.signet`);
  await createMessageFile(path, newMessage('letter', 'Letter to the council'));
  let backup: Buffer | null = null;
  if (compactFirst) {
    // A session that ended with a compaction: the file before it becomes the backup.
    const first = await OpenMessage.open(path, { backup: async (bytes) => (backup = bytes) });
    const session = editingSession(first.doc);
    session.type(' Thank you for your patience during the works on Harbour Street.');
    for (const update of session.updates) first.applyFromEditor(update);
    session.dispose();
    await first.close();
  }
  const message = await OpenMessage.open(path, { flushDelayMs: 60_000, compactThreshold: Number.MAX_SAFE_INTEGER });
  const session = editingSession(message.doc);
  for (const text of appends) {
    session.type(text);
    for (const update of session.updates.splice(0)) message.applyFromEditor(update);
    await message.flush();
  }
  session.dispose();
  const bytes = readFileSync(path);
  await message.close();
  const records = parseLog(bytes, path).records;
  const ends = records.map((r, i) => records[i + 1]?.offset ?? bytes.length);
  const texts = records.map((_, i) => messageText(recoverLog(bytes.subarray(0, ends[i])).doc));
  return { bytes, ends, texts, backup };
}

type Distribution = Map<string, number>;
const bucket = (s: number) => (s === 1 ? '100%' : s >= 0.9 ? '90–99%' : s >= 0.5 ? '50–89%' : s > 0 ? '1–49%' : '0%');

function survey(file: Surveyed, backups: Buffer[]) {
  const random = prng(seed);
  const flips: Distribution = new Map();
  const cutsAfterFirst: Distribution = new Map();
  const cutsInFirst: Distribution = new Map();
  const worst = { flip: 1, cut: 1, flipAt: -1, cutAt: -1 };
  const add = (into: Distribution, s: number) => into.set(bucket(s), (into.get(bucket(s)) ?? 0) + 1);
  const last = file.texts.at(-1)!;
  for (let at = 0; at < file.bytes.length; at += 1) {
    const damaged = Buffer.from(file.bytes);
    damaged[at] ^= 1 + Math.floor(random() * 255);
    const result = recoverLog(damaged, backups);
    const s = share(last, messageText(result.doc));
    result.doc.destroy();
    add(flips, s);
    if (s < worst.flip) Object.assign(worst, { flip: s, flipAt: at });
  }
  for (let length = 0; length < file.bytes.length; length += 1) {
    const k = file.ends.filter((end) => end <= length).length - 1;
    // The last good state of a file cut short is what its whole records held (the first record's, if it is cut).
    const good = file.texts[Math.max(k, 0)];
    const result = recoverLog(file.bytes.subarray(0, length), backups);
    const s = share(good, messageText(result.doc));
    result.doc.destroy();
    add(k >= 0 ? cutsAfterFirst : cutsInFirst, s);
    if (k >= 0 && s < worst.cut) Object.assign(worst, { cut: s, cutAt: length });
  }
  const show = (d: Distribution) => [...d].map(([b, n]) => `${b}: ${n}`).join(', ');
  return { flips, cutsAfterFirst, cutsInFirst, worst, show };
}

let one: Surveyed;
let many: Surveyed;
beforeAll(async () => {
  one = await written('one-record', [], false);
  many = await written('many-records', [' The road opens again on Monday.', ' Buses return to their usual stops.', ' Yours, with thanks.'], true);
});

describe('damage survey (recoverLog on every changed byte and every cut)', () => {
  it('gives back every word of a one-record file after any single changed byte, and of whatever is whole after a cut', () => {
    expect(parseLog(one.bytes, 'one').records).toHaveLength(1);
    const result = survey(one, []);
    console.info(`one-record file, ${one.bytes.length} bytes, ${words(one.texts[0]).length} words, no backup:\n  changed byte: ${result.show(result.flips)}\n  cut inside its record: ${result.show(result.cutsInFirst)}`);
    expect(result.worst.flip, `byte ${result.worst.flipAt} changed (seed ${seed})`).toBe(1);
    expect(result.flips.get('100%')).toBe(one.bytes.length);
  });

  it('gives back every word of a file with appended records after any single changed byte or any cut after its first record, without a backup', () => {
    expect(parseLog(many.bytes, 'many').records.length).toBe(4);
    const result = survey(many, []);
    console.info(`file of ${many.ends.length} records, ${many.bytes.length} bytes, ${words(many.texts.at(-1)!).length} words, no backup:\n  changed byte: ${result.show(result.flips)}\n  cut after the first record: ${result.show(result.cutsAfterFirst)}\n  cut inside the first record: ${result.show(result.cutsInFirst)}`);
    expect(result.worst.flip, `byte ${result.worst.flipAt} changed (seed ${seed})`).toBe(1);
    expect(result.worst.cut, `cut at ${result.worst.cutAt}`).toBe(1);
  });

  it('with the backup the app kept at its last compaction, gives back every word even when the file is cut inside its first record', () => {
    expect(many.backup).not.toBeNull();
    const result = survey(many, [many.backup!]);
    console.info(`the same file with its backup:\n  changed byte: ${result.show(result.flips)}\n  cut after the first record: ${result.show(result.cutsAfterFirst)}\n  cut inside the first record: ${result.show(result.cutsInFirst)}`);
    expect(result.worst.flip).toBe(1);
    expect(result.worst.cut).toBe(1);
    expect(result.cutsInFirst.get('100%')).toBe(many.ends[0]);
  });
});
