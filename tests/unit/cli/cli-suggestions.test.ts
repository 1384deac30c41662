// `signet suggestions`, `signet accept` and `signet reject`, run as a user runs them, on a message
// whose review copy came back full of suggestions. It needs the build (`npx electron-vite build`).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMessage } from '../../../electron/services/library/library';
import { encodeMessageFile, loadLog } from '../../../electron/services/files/message-file';
import { listDecisions, listSuggestions } from '../../../shared/review';
import { messageDigest } from '../../../shared/document';
import { editAs } from '../../helpers/review';
import { BUILT_CLI, runSignet } from '../../helpers/cli';
import { suggestDelete, suggester, suggestType } from '../../helpers/suggesting';

const ADA = { name: 'Ada Mensah', title: 'Speechwriter' };
const BEN = { name: 'Ben Okafor', title: 'Chief of staff' };
let dir = '';
const signet = (...args: string[]) => runSignet(dir, args);
const path = (name: string) => join(dir, name);
const load = (name: string) => loadLog(readFileSync(path(name)), name).doc;

/** Ada's draft with Ben's replace, deletion and insertion in it. */
function suggested(name: string): string {
  const doc = newMessage('blank', 'Bridge');
  editAs(doc, ADA, (s) => s.write(['We will finish the bridge by June and report back.'], ['Thank you.']));
  editAs(doc, BEN, (s) => {
    const ben = suggester(BEN);
    suggestType(s, ben, 'by June', 'in the first half of the year');
    suggestDelete(s, ben, ' back');
    suggestType(s, ben, 'Thank you', ' all', 'after');
  });
  writeFileSync(path(name), encodeMessageFile(doc));
  return name;
}

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error('Build first: npx electron-vite build');
  dir = mkdtempSync(join(tmpdir(), 'signet-suggestions-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signet suggestions', () => {
  it('lists them in text order, and as JSON', async () => {
    const file = suggested('list.signet');
    const lines = await signet('suggestions', file);
    expect(lines.code).toBe(0);
    expect(lines.stdout.trim().split('\n').map((l) => l.split('  ').slice(1))).toEqual([
      ['Ben Okafor', '2026-12-01 09:00', 'Replace “by June” with “in the first half of the year”'],
      ['Ben Okafor', '2026-12-01 09:00', 'Delete “ back”'],
      ['Ben Okafor', '2026-12-01 09:00', 'Insert “ all”'],
    ]);
    const json = JSON.parse((await signet('suggestions', file, '--json')).stdout);
    expect(json.map((s: { kind: string; deleted: string; inserted: string }) => [s.kind, s.deleted, s.inserted])).toEqual([
      ['replace', 'by June', 'in the first half of the year'],
      ['delete', ' back', ''],
      ['insert', '', ' all'],
    ]);
    // The text as it stands: none of it is in yet.
    expect((await signet('text', file)).stdout).toBe('We will finish the bridge by June and report back.\n\nThank you.\n');
  });
});

describe('signet accept and reject', () => {
  it('accepts one by id and rejects the rest, logging who decided', async () => {
    const file = suggested('decide.signet');
    const before = messageDigest(load(file));
    const [replace] = listSuggestions(load(file));
    const accepted = await signet('accept', file, replace.id, '--by', 'Ada Mensah');
    expect(accepted.stdout).toBe(`accepted ${replace.id}: Replace “by June” with “in the first half of the year” (by Ben Okafor)\n`);
    expect((await signet('text', file)).stdout).toBe('We will finish the bridge in the first half of the year and report back.\n\nThank you.\n');
    const rejected = await signet('reject', file, 'all', '--by', 'Ada Mensah');
    expect(rejected.code).toBe(0);
    expect(rejected.stdout.trim().split('\n')).toHaveLength(2);
    expect((await signet('suggestions', file)).stdout).toBe('no open suggestions\n');
    expect((await signet('text', file)).stdout).toBe('We will finish the bridge in the first half of the year and report back.\n\nThank you.\n');
    const doc = load(file);
    expect(listDecisions(doc).map((d) => [d.decision, d.by.name])).toEqual([
      ['accepted', 'Ada Mensah'],
      ['rejected', 'Ada Mensah'],
      ['rejected', 'Ada Mensah'],
    ]);
    expect(messageDigest(doc)).not.toBe(before);
  });

  it('refuses an id the message does not have, and leaves the file as it was', async () => {
    const file = suggested('unknown.signet');
    const bytes = readFileSync(path(file));
    const result = await signet('accept', file, 'feedfacefeedface', '--by', 'Ada Mensah');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file} has no open suggestion feedfacefeedface; see: signet suggestions ${file}`);
    expect(readFileSync(path(file)).equals(bytes)).toBe(true);
  });
});

describe('signet withdraw', () => {
  it('withdraws one’s own suggestions, refuses someone else’s with the file as it was, and logs who withdrew', async () => {
    const file = suggested('withdraw.signet');
    const bytes = readFileSync(path(file));
    const [replace] = listSuggestions(load(file));
    const theirs = await signet('withdraw', file, replace.id, '--by', 'Ada Mensah');
    expect(theirs.code).toBe(2);
    expect(theirs.stderr).toContain(`suggestion ${replace.id} is Ben Okafor's: only they may withdraw it (the author accepts or rejects it); ${file} is as it was`);
    expect(readFileSync(path(file)).equals(bytes)).toBe(true);
    expect((await signet('withdraw', file, 'all', '--by', 'Ada Mensah')).stdout).toBe(`${file} has no open suggestions by Ada Mensah\n`);
    expect(readFileSync(path(file)).equals(bytes)).toBe(true);
    const own = await signet('withdraw', file, replace.id, '--by', 'Ben Okafor');
    expect(own.stdout).toBe(`withdrawn ${replace.id}: Replace “by June” with “in the first half of the year” (by Ben Okafor)\n`);
    expect((await signet('withdraw', file, 'all', '--by', 'Ben Okafor')).stdout.trim().split('\n')).toHaveLength(2);
    expect((await signet('suggestions', file)).stdout).toBe('no open suggestions\n');
    expect((await signet('text', file)).stdout).toBe('We will finish the bridge by June and report back.\n\nThank you.\n');
    expect(listDecisions(load(file)).map((d) => [d.decision, d.by.name])).toEqual([
      ['withdrawn', 'Ben Okafor'],
      ['withdrawn', 'Ben Okafor'],
      ['withdrawn', 'Ben Okafor'],
    ]);
  });
});
