// `signet merge`, run as a user runs it: `node bin/signet.js merge ...` in a child process, on
// review copies of one message written to a temporary folder and edited separately with headless
// editors. It needs the build (`npx electron-vite build`).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { newMessage } from '../../../electron/services/library/library';
import { encodeMessageFile, HEADER_SIZE, loadLog, RECORD_HEADER_SIZE } from '../../../electron/services/files/message-file';
import { reply } from '../../../shared/review';
import { messageDigest } from '../../../shared/document';
import { listVersions, recordVersion, type Person } from '../../../shared/history';
import { $replace, copyOf, paragraphs, seen } from '../../helpers/history';
import { commentOn, editAs, threadsOf } from '../../helpers/review';
import { BUILT_CLI, runSignet } from '../../helpers/cli';
import { createProfile, passphraseProtector } from '../../../electron/services/signoff/keys';

const ROOT = resolve(import.meta.dirname, '../../..');

const ANN: Person = { name: 'Ann Lee', title: 'Speechwriter' };
/** What merge says when it records a version by the login name, no profile given. */
const BY_LOGIN = `recorded a "before-merge" version by ${userInfo().username} (your login name; give --profile PATH or set SIGNET_PROFILE to use your Signet profile's name)\n`;
const BEN: Person = { name: 'Ben Ode', title: 'Policy adviser' };
const CAT: Person = { name: 'Cat Ruiz', title: 'Press officer' };

let dir = '';

const signet = (...args: string[]) => runSignet(dir, args);

const path = (name: string) => join(dir, name);
const bytes = (name: string) => readFileSync(path(name));
const save = (name: string, doc: Y.Doc) => writeFileSync(path(name), encodeMessageFile(doc));
const load = (name: string) => loadLog(bytes(name), name).doc;

/** The file is exactly as it was, and no lock file was left beside it. */
function expectUntouched(name: string, before: Buffer, mtimeMs: number): void {
  expect(bytes(name).equals(before)).toBe(true);
  expect(statSync(path(name)).mtimeMs).toBe(mtimeMs);
  expect(existsSync(path(`${name}.lock`))).toBe(false);
}

/**
 * Ann's draft (with a thread of hers) and two review copies of it, each written to its own file
 * under `prefix`: Ben changes words and starts a thread; Cat adds a paragraph and replies to Ann.
 */
function reviewRound(prefix: string): { draft: string; ben: string; cat: string } {
  const doc = newMessage('blank', 'Budget speech');
  editAs(doc, ANN, (s) => s.write(['Friends, the budget is balanced.'], ['We will build schools and clinics.'], ['Thank you.']));
  const thread = commentOn(doc, 'balanced', 'Is it, though?', ANN);
  recordVersion(doc, { kind: 'named', author: ANN, name: 'Draft' });
  const ben = copyOf(doc);
  editAs(ben, BEN, (s) => s.edit(() => $replace('schools and clinics', 'new schools')));
  commentOn(ben, 'budget', 'Say which year.', BEN);
  const cat = copyOf(doc);
  editAs(cat, CAT, (s) => s.edit(() => $replace('Thank you.', 'Thank you, and happy new year.')));
  reply(cat, thread, CAT, 'Yes, the figures add up.');
  const names = { draft: `${prefix}-draft.signet`, ben: `${prefix}-ben.signet`, cat: `${prefix}-cat.signet` };
  save(names.draft, doc);
  save(names.ben, ben);
  save(names.cat, cat);
  return names;
}

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(`${BUILT_CLI} is missing: build the command line tool first with \`npx electron-vite build\` (or \`npm run build\`).`);
  }
  const built = statSync(BUILT_CLI).mtimeMs;
  const sources = ['electron/cli/merge.ts', 'electron/services/review/merge.ts'].filter((f) => statSync(join(ROOT, f)).mtimeMs > built);
  if (sources.length) throw new Error(`out/main/cli.js is older than ${sources[0]}: rebuild with \`npx electron-vite build\`.`);
  dir = mkdtempSync(join(tmpdir(), 'signet-cli-merge-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('signet merge', () => {
  it('merges copies into FILE, one line each saying what came in and from whom; both ways give the same message', async () => {
    const round = reviewRound('both');
    // Each way starts from the copies as the reviewers sent them.
    copyFileSync(path(round.ben), path('both-ben-2.signet'));
    copyFileSync(path(round.cat), path('both-cat-2.signet'));
    const result = await signet('merge', round.ben, 'both-cat-2.signet');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${BY_LOGIN}merged both-cat-2.signet into ${round.ben}: 4 words added, 0 removed, 1 reply; from Cat Ruiz (Press officer)\n`);

    const other = await signet('merge', round.cat, 'both-ben-2.signet');
    expect(other.code, other.stderr).toBe(0);
    expect(other.stdout).toBe(`${BY_LOGIN}merged both-ben-2.signet into ${round.cat}: 2 words added, 3 removed, 1 new comment; from Ben Ode (Policy adviser)\n`);

    const [benFirst, catFirst] = [load(round.ben), load(round.cat)];
    expect(paragraphs(benFirst)).toEqual(['Friends, the budget is balanced.', 'We will build new schools.', 'Thank you, and happy new year.']);
    expect(seen(benFirst)).toBe(seen(catFirst));
    expect(threadsOf(benFirst)).toEqual(threadsOf(catFirst));
    expect(threadsOf(benFirst).map((t) => t.comments.map((c) => c.author.name))).toEqual(
      threadsOf(benFirst).map((t) => (t.quote === 'balanced' ? [ANN.name, CAT.name] : [BEN.name])),
    );
  });

  it('records a "before-merge" version by the logged-in user, holding FILE as it was', async () => {
    const round = reviewRound('version');
    const before = load(round.ben);
    expect((await signet('merge', round.ben, round.cat)).code).toBe(0);
    const [latest] = listVersions(load(round.ben));
    expect(latest).toMatchObject({ kind: 'before-merge', author: { name: userInfo().username, title: '' }, source: round.cat });
    expect(latest.digest).toBe(messageDigest(before));
    const versions = await signet('text', round.ben, '--version', latest.id);
    expect(versions.stdout.trimEnd()).toBe(paragraphs(before).join('\n\n'));
  });

  it('records the "before-merge" version by the person of --profile, and says so', async () => {
    const round = reviewRound('profiled');
    await createProfile(path('ann.signet-profile'), { name: 'Ann Lee', titles: ['Speechwriter'], organisation: 'City of Aldport', email: '' }, passphraseProtector('a passphrase'));
    const result = await signet('merge', round.ben, round.cat, '--profile', 'ann.signet-profile');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('recorded a "before-merge" version by Ann Lee');
    expect(listVersions(load(round.ben))[0]).toMatchObject({ kind: 'before-merge', author: ANN });
    const missing = await signet('merge', round.draft, round.ben, '--profile', 'nobody.signet-profile');
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('cannot use nobody.signet-profile as the profile: There is no profile at nobody.signet-profile.');
  });

  it('merges several copies in one run, a line for each', async () => {
    const round = reviewRound('several');
    const result = await signet('merge', round.draft, round.ben, round.cat);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').filter((line) => line.startsWith('merged '));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^merged ${round.ben} into ${round.draft}: .*1 new comment; from Ben Ode`));
    expect(lines[1]).toMatch(new RegExp(`^merged ${round.cat} into ${round.draft}: .*1 reply; from Cat Ruiz`));
    expect(paragraphs(load(round.draft))).toEqual(['Friends, the budget is balanced.', 'We will build new schools.', 'Thank you, and happy new year.']);
    // A "before-merge" version before each copy that brought anything, unless the text was a version
    // already: before Ben's copy it was Ann's "Draft", before Cat's it was not.
    const versions = listVersions(load(round.draft));
    expect(versions.map((v) => [v.kind, v.source ?? v.name])).toEqual([
      ['before-merge', round.cat],
      ['named', 'Draft'],
    ]);
  });

  it('says a copy merged before brings nothing new, and leaves FILE byte for byte as it was', async () => {
    const round = reviewRound('twice');
    expect((await signet('merge', round.draft, round.ben)).code).toBe(0);
    const before = bytes(round.draft);
    const { mtimeMs } = statSync(path(round.draft));
    const again = await signet('merge', round.draft, round.ben);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${round.ben}: nothing new; everything in it is in ${round.draft} already\n`);
    expectUntouched(round.draft, before, mtimeMs);
  });

  it('with -o writes the merged message to OUT and leaves FILE alone; OUT is never overwritten without --force', async () => {
    const round = reviewRound('out');
    const before = bytes(round.draft);
    const { mtimeMs } = statSync(path(round.draft));
    const result = await signet('merge', round.draft, round.ben, round.cat, '-o', 'out-merged.signet');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^merged out-ben\.signet into out-merged\.signet: .*\n(recorded .*\n)?merged out-cat\.signet into out-merged\.signet: /);
    // A copy with nothing new is told against FILE, where its words already are, not the OUT just made.
    copyFileSync(path(round.draft), path('out-draft-again.signet'));
    const nothing = await signet('merge', round.draft, 'out-draft-again.signet', '-o', 'out-same.signet');
    expect(nothing.stdout).toBe(`out-draft-again.signet: nothing new; everything in it is in ${round.draft} already\n`);
    expectUntouched(round.draft, before, mtimeMs);
    expect(paragraphs(load('out-merged.signet'))).toEqual(['Friends, the budget is balanced.', 'We will build new schools.', 'Thank you, and happy new year.']);
    expect(threadsOf(load('out-merged.signet'))).toHaveLength(2);

    const merged = bytes('out-merged.signet');
    const exists = await signet('merge', round.draft, round.ben, '-o', 'out-merged.signet');
    expect(exists.code).toBe(2);
    expect(exists.stderr).toMatch(/out-merged\.signet already exists; add --force to replace it/);
    expect(bytes('out-merged.signet').equals(merged)).toBe(true);
    expect((await signet('merge', round.draft, round.ben, '-o', 'out-merged.signet', '--force')).code).toBe(0);
    expect((await signet('merge', round.draft, round.ben, '-o', round.ben, '--force')).code).toBe(2);
  });

  it('refuses a copy of a different message with exit 1, naming the file and both titles; FILE is untouched', async () => {
    const round = reviewRound('different');
    save('different-other.signet', newMessage('blank', 'Harbour opening'));
    const before = bytes(round.draft);
    const { mtimeMs } = statSync(path(round.draft));
    const result = await signet('merge', round.draft, round.ben, 'different-other.signet');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'signet merge: different-other.signet: "Harbour opening" is a different message from "Budget speech"; only copies of the same message can be merged.\n' +
        `signet merge: nothing was merged; ${round.draft} is as it was\n`,
    );
    expectUntouched(round.draft, before, mtimeMs);
  });

  it('refuses a copy that would delete the versions and the thread, saying so, with exit 1; FILE is byte for byte as it was', async () => {
    const round = reviewRound('hostile');
    // A reviewer's copy whose only change is Yjs deletions of what the message keeps.
    const hostile = load(round.ben);
    hostile.transact(() => {
      hostile.getMap('versions').clear();
      hostile.getMap('comments').clear();
    });
    save('hostile-copy.signet', hostile);
    const before = bytes(round.draft);
    const { mtimeMs } = statSync(path(round.draft));
    const result = await signet('merge', round.draft, round.cat, 'hostile-copy.signet');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      // Ann's thread; Ben's own, new to FILE, deletes nothing there.
      'signet merge: hostile-copy.signet: this copy would delete 1 version and 1 comment thread\n' + `signet merge: nothing was merged; ${round.draft} is as it was\n`,
    );
    expectUntouched(round.draft, before, mtimeMs);
  });

  it('refuses a damaged copy with exit 1, naming the file and the byte; FILE is untouched', async () => {
    const round = reviewRound('damaged');
    const damaged = bytes(round.ben);
    damaged[HEADER_SIZE + RECORD_HEADER_SIZE + 20] ^= 0xff; // in the message itself, not its parity
    writeFileSync(path('damaged-copy.signet'), damaged);
    const before = bytes(round.draft);
    const { mtimeMs } = statSync(path(round.draft));
    const result = await signet('merge', round.draft, round.cat, 'damaged-copy.signet');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe('signet merge: damaged-copy.signet: a record fails its checksum at byte 16; it is damaged');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expectUntouched(round.draft, before, mtimeMs);

    const withOut = await signet('merge', round.draft, 'damaged-copy.signet', '-o', 'damaged-out.signet');
    expect(withOut.code).toBe(1);
    expect(withOut.stderr).toMatch(/nothing was merged; damaged-out\.signet was not written/);
    expect(existsSync(path('damaged-out.signet'))).toBe(false);
  });

  it('refuses with exit 2 while Signet has FILE open, and says so; FILE is untouched', async () => {
    const round = reviewRound('open');
    const lock = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
    writeFileSync(path(`${round.draft}.lock`), lock);
    const before = bytes(round.draft);
    const result = await signet('merge', round.draft, round.ben);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toBe(`signet merge: ${round.draft} is open in Signet (process ${process.pid} on ${hostname()}); close it there first`);
    expect(bytes(round.draft).equals(before)).toBe(true);
    expect(readFileSync(path(`${round.draft}.lock`), 'utf8')).toBe(lock);
    // Into a new file, it can merge while the message is open.
    expect((await signet('merge', round.draft, round.ben, '-o', 'open-out.signet')).code).toBe(0);
  });

  it('explains itself with an example, and needs at least one copy', async () => {
    const help = await signet('help', 'merge');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: signet merge FILE OTHER... [-o OUT] [--profile PATH] [--force]');
    expect(help.stdout).toMatch(/Example:\n {2}signet merge \S+\.signet \S+\.signet/);
    expect((await signet('--help')).stdout).toMatch(/^ {2}merge +Merge other copies/m);
    const missing = await signet('merge', 'x.signet');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^signet merge: missing OTHER\n/);
    expect((await signet('merge', 'x.signet', 'y.signet', '--force')).code).toBe(2);
  });
});
