// The library's summaries survive a restart (a file in the app's data folder), and are never shown
// for a file that changed behind the cache's back: rewritten, changed in place at the same size,
// changed and its time set back, replaced by another file, truncated, touched, removed. A damaged
// cache file is ignored and rebuilt. Each case restarts the library on the cache file as it was.
import { appendFileSync, existsSync, readFileSync, renameSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeMessageFile, encodeRecord } from '../../../electron/services/files/message-file';
import { Library, newMessage } from '../../../electron/services/library/library';
import { decodeCache, encodeCache, SummaryCache } from '../../../electron/services/library/summary-cache';
import { setTitle } from '../../../shared/document';
import type { MessageSummary } from '../../../shared/ipc';
import { tempFolder } from '../../helpers/editing';

const PACE = { wordsPerMinute: 130, cjkCharactersPerMinute: 250 };
// Files are older than this when listed, so their summaries are kept; the real window is seconds.
const RACY_MS = 100;
const settle = () => new Promise((resolve) => setTimeout(resolve, RACY_MS + 50));

let folder: ReturnType<typeof tempFolder>;
let lib: string;
let cacheFile: string;
beforeEach(() => {
  folder = tempFolder('summary-cache');
  lib = join(folder.path, 'lib');
  cacheFile = join(folder.path, 'library-summaries.json');
});
afterEach(() => folder.remove());

/** Signet started again: a new library on the cache file as it is on disk. */
const restart = (pace = PACE) => new Library(lib, () => pace, new SummaryCache(cacheFile, RACY_MS));
const byTitle = (list: MessageSummary[]) => list.map((m) => m.title).sort();

function writeMessage(name: string, title: string): { path: string; doc: Y.Doc } {
  const doc = newMessage('speech', title);
  const path = join(lib, name);
  writeFileSync(path, encodeMessageFile(doc));
  // A whole second, so that a time set back with utimes is the same to the nanosecond.
  const anHourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
  utimesSync(path, anHourAgo, anHourAgo);
  return { path, doc };
}

/** Lists once so the cache holds every file, then proves the next start reads the cache, not the files. */
async function cached(): Promise<void> {
  await settle();
  await restart().list();
  // A summary the files do not hold, planted in the cache with a valid checksum: a restarted
  // library shows it, so it reads the cache; each case below then shows the file wins once it changed.
  const entries = decodeCache(readFileSync(cacheFile, 'utf8'));
  expect(entries.size).toBeGreaterThan(0);
  for (const entry of entries.values()) entry.summary.title = `${entry.summary.title} (from the cache)`;
  writeFileSync(cacheFile, encodeCache(entries));
  expect(byTitle(await restart().list()).every((t) => t.endsWith('(from the cache)'))).toBe(true);
}

describe('the library summary cache', () => {
  beforeEach(async () => {
    await restart().ensure();
  });

  it('lists from the cache after a restart, and forgets a file that is gone', async () => {
    writeMessage('a.signet', 'Alpha');
    const { path } = writeMessage('b.signet', 'Bravo');
    await cached();
    renameSync(path, join(folder.path, 'elsewhere.signet'));
    expect(byTitle(await restart().list())).toEqual(['Alpha (from the cache)']);
    expect([...decodeCache(readFileSync(cacheFile, 'utf8')).keys()]).toEqual([join(lib, 'a.signet')]);
  });

  it('reads a file again that was rewritten with other words', async () => {
    const { path, doc } = writeMessage('a.signet', 'Alpha');
    await cached();
    setTitle(doc, 'Alpha, second draft');
    writeFileSync(path, encodeMessageFile(doc));
    expect(byTitle(await restart().list())).toEqual(['Alpha, second draft']);
  });

  /** A message file and the bytes of another message of exactly its size: same template, titles of the same length. */
  function sameSizePair(): { path: string; other: Buffer } {
    for (;;) {
      const { path } = writeMessage('a.signet', 'Alpha');
      const other = encodeMessageFile(newMessage('speech', 'Omega'));
      if (other.length === statSync(path).size) return { path, other };
    }
  }

  it('reads a file again whose bytes were overwritten in place at the same size, with its time set back', async () => {
    const { path, other } = sameSizePair();
    await cached();
    const before = statSync(path);
    writeFileSync(path, other);
    utimesSync(path, before.atime, before.mtime);
    const after = statSync(path, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([BigInt(before.size), BigInt(before.mtimeMs) * 1_000_000n, BigInt(before.ino)]);
    expect(byTitle(await restart().list())).toEqual(['Omega']);
  });

  it('reads a file again that another file of the same size replaced, with the old one’s time', async () => {
    const { path, other } = sameSizePair();
    await cached();
    const before = statSync(path);
    const replacement = join(lib, '.incoming');
    writeFileSync(replacement, other);
    utimesSync(replacement, before.atime, before.mtime);
    renameSync(replacement, path);
    expect(byTitle(await restart().list())).toEqual(['Omega']);
  });

  it('shows as damaged a file damaged in place at the same size, with its time set back', async () => {
    const { path } = writeMessage('a.signet', 'Alpha');
    await cached();
    const before = statSync(path);
    const bytes = readFileSync(path);
    bytes.fill(0xaa, 40, bytes.length - 8);
    writeFileSync(path, bytes);
    utimesSync(path, before.atime, before.mtime);
    const [shown] = await restart().list();
    expect(shown.title).toBe('a');
    expect(shown.damage).toMatch(/at byte \d+/);
  });

  it('reads a file again that was cut short: a change appended, then cut off', async () => {
    const { path, doc } = writeMessage('a.signet', 'Alpha');
    const length = statSync(path).size;
    const state = Y.encodeStateVector(doc);
    setTitle(doc, 'Alpha renamed');
    appendFileSync(path, encodeRecord(Y.encodeStateAsUpdate(doc, state)));
    await cached();
    truncateSync(path, length);
    expect(byTitle(await restart().list())).toEqual(['Alpha']);
  });

  it('shows the new time of a file that was only touched', async () => {
    const { path } = writeMessage('a.signet', 'Alpha');
    await cached();
    const later = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    utimesSync(path, later, later);
    const [shown] = await restart().list();
    expect(shown.title).toBe('Alpha');
    expect(shown.updatedAt).toBe(later.toISOString());
  });

  it('counts speaking time again when the reading pace changed', async () => {
    writeMessage('a.signet', 'Alpha');
    await settle();
    const [before] = await restart().list();
    const [after] = await restart({ wordsPerMinute: 65, cjkCharactersPerMinute: 125 }).list();
    expect(after.speakingSeconds).toBeGreaterThan(before.speakingSeconds * 1.8);
  });

  it('does not keep the summary of a file changed a moment ago, which could change again unseen', async () => {
    writeMessage('a.signet', 'Alpha');
    await new Library(lib, () => PACE, new SummaryCache(cacheFile)).list();
    expect(existsSync(cacheFile) ? decodeCache(readFileSync(cacheFile, 'utf8')).size : 0).toBe(0);
  });

  describe('a damaged cache file is ignored and written again', () => {
    const damages: [string, (text: string) => string][] = [
      ['a byte changed', (t) => t.replace('(from the cache)', '(from the cachf)')],
      ['cut short', (t) => t.slice(0, Math.floor(t.length / 2))],
      ['not a cache at all', () => 'hello'],
      ['empty', () => ''],
      ['an older format', (t) => t.replace('signet-library-summaries 2', 'signet-library-summaries 1')],
      ['a well-formed body of the wrong shape', () => encodeCache(new Map([['x', { fingerprint: 1, summary: {} } as never]]))],
    ];
    for (const [what, damage] of damages) {
      it(what, async () => {
        writeMessage('a.signet', 'Alpha');
        await cached();
        writeFileSync(cacheFile, damage(readFileSync(cacheFile, 'utf8')));
        expect(byTitle(await restart().list())).toEqual(['Alpha']);
        expect([...decodeCache(readFileSync(cacheFile, 'utf8')).values()].map((e) => e.summary.title)).toEqual(['Alpha']);
      });
    }
  });
});
