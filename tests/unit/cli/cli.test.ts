// The `signet` command line tool, run as a user runs it: `node bin/signet.js ...` in a child
// process, on real files in a temporary folder. It needs the build (`npx electron-vite build`).
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countText, contentDigest, readContent, initMeta, messageText, newMessageDoc } from '../../../shared/document';
import { recordDeletions, recordVersion, registerPerson, versionDoc, type DeleteSet, type Person } from '../../../shared/history';
import { writePlainText } from '../../../electron/services/document/compose';
import { $createParagraphNode, $createTextNode, $getRoot, createMessageEditor } from '../../../electron/services/document/headless-editor';
import { encodeRecord, HEADER_SIZE, loadLog, parseLog, RECORD_HEADER_SIZE } from '../../../electron/services/files/message-file';
import { createMessageFile } from '../../../electron/services/files/message-store';
import { BIN, BUILT_CLI, runSignet, type Result } from '../../helpers/cli';

const ROOT = resolve(import.meta.dirname, '../../..');
const COMMAND_NAMES = ['new', 'info', 'text', 'versions', 'diff', 'check', 'recover', 'help'];

let dir = '';

const signet = (...args: string[]) => runSignet(dir, args);

const path = (name: string) => join(dir, name);
const write = (name: string, text: string | Buffer) => writeFileSync(path(name), text);
const bytes = (name: string) => readFileSync(path(name));

/** A message made with the tool from a text file. */
async function messageFrom(name: string, text: string): Promise<string> {
  write(`${name}.txt`, text);
  const made = await signet('new', `${name}.signet`, '--from', `${name}.txt`);
  expect(made.code, made.stderr).toBe(0);
  return `${name}.signet`;
}

/** Appends one record per new text, as the app does when the writer edits; returns each record's offset. */
function appendEdits(name: string, texts: string[]): number[] {
  const { doc } = loadLog(bytes(name), name);
  const offsets: number[] = [];
  for (const text of texts) {
    const updates: Uint8Array[] = [];
    const listen = (update: Uint8Array) => updates.push(update);
    doc.on('update', listen);
    writePlainText(doc, text);
    doc.off('update', listen);
    for (const update of updates) {
      offsets.push(statSync(path(name)).size);
      appendFileSync(path(name), encodeRecord(update));
    }
  }
  return offsets;
}

/** The file is exactly as it was, and no lock file appeared beside it. */
function expectUntouched(name: string, before: Buffer, mtimeMs: number): void {
  expect(bytes(name).equals(before)).toBe(true);
  expect(statSync(path(name)).mtimeMs).toBe(mtimeMs);
  expect(existsSync(path(`${name}.lock`))).toBe(false);
}

function expectUsageError(result: Result, fragment: string | RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(fragment);
  expect(lines[1]).toMatch(/Run 'signet .*--help' for usage\./);
}

/** One line, no stack trace. */
function expectOneLineError(result: Result, code: number, fragment: string | RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stderr.trimEnd().split('\n')[0]).toMatch(fragment);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(`${BUILT_CLI} is missing: build the command line tool first with \`npx electron-vite build\` (or \`npm run build\`).`);
  }
  const built = statSync(BUILT_CLI).mtimeMs;
  const stale = readdirSync(join(ROOT, 'electron/cli')).filter((f) => statSync(join(ROOT, 'electron/cli', f)).mtimeMs > built);
  if (stale.length) throw new Error(`out/main/cli.js is older than electron/cli/${stale[0]}: rebuild with \`npx electron-vite build\`.`);
  dir = mkdtempSync(join(tmpdir(), 'signet-cli-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('signet help', () => {
  it('lists every command with --help, and exits 0', async () => {
    const result = await signet('--help');
    expect(result.code).toBe(0);
    for (const name of COMMAND_NAMES) expect(result.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(result.stdout).toMatch(/Exit codes: 0 .*1 .*\n.*2 /);
  });

  it('explains each command with its usage and an example, by `help COMMAND` and `COMMAND --help` alike', async () => {
    for (const name of COMMAND_NAMES) {
      const viaHelp = await signet('help', name);
      const viaFlag = await signet(name, '--help');
      expect(viaHelp.code).toBe(0);
      expect(viaFlag).toEqual(viaHelp);
      expect(viaHelp.stdout).toMatch(new RegExp(`^Usage: signet ${name}`));
      expect(viaHelp.stdout).toMatch(new RegExp(`Example:\\n  signet ${name} `));
    }
    expect((await signet('help', 'new')).stdout).toContain('Usage: signet new FILE [--title TITLE] [--from PATH] [--template blank|letter|speech|new-year] [--profile PATH] [--force]');
    expect((await signet('help', 'recover')).stdout).toContain('Usage: signet recover FILE -o OUT [--force]');
  });

  it('shows a command\'s help even when its other arguments are wrong', async () => {
    expect((await signet('recover', '--bogus', '-h')).code).toBe(0);
  });

  it('prints its version with --version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(await signet('--version')).toEqual({ code: 0, stdout: `signet ${version}\n`, stderr: '' });
  });

  it('prints the overview on stderr and exits 2 when no command is given', async () => {
    const result = await signet();
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: signet COMMAND');
  });
});

describe.concurrent('signet new', () => {
  it('creates a message from a plain-text file: paragraphs split at blank lines, line breaks kept, a greeting left as it is', async () => {
    write('letter.txt', 'Dear friends,\n\nA new\nyear begins.\n\n\nThank you.\n');
    const made = await signet('new', 'letter.signet', '--from', 'letter.txt', '--profile', 'nobody.signet-profile');
    expect(made).toMatchObject({ code: 2, stdout: '' });
    expect(made.stderr).toMatch(/cannot (use|read) nobody\.signet-profile/);
    const ok = await signet('new', 'letter.signet', '--from', 'letter.txt');
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(/^created letter\.signet: "letter", with a first version "Created from letter\.txt" by .+ \(your login name; give --profile PATH or set SIGNET_PROFILE/);
    expect((await signet('text', 'letter.signet')).stdout).toBe('Dear friends,\n\nA new\nyear begins.\n\nThank you.\n');
    expect(JSON.parse((await signet('info', 'letter.signet')).stdout).title).toBe('letter');
  });

  it('takes a plain text\'s title from its first line once, and its closing lines as the signature block', async () => {
    write('statement.txt', 'Statement on the flood\n\nToday we stand\ntogether with every family.\n\nYours sincerely,\n\nDr Helen Marsh\nMinister for Health\n');
    expect((await signet('new', 'statement.signet', '--from', 'statement.txt')).code).toBe(0);
    expect(JSON.parse((await signet('info', 'statement.signet')).stdout).title).toBe('Statement on the flood');
    expect((await signet('export', 'statement.signet', '--html', 'statement.html')).code).toBe(0);
    const body = bytes('statement.html').toString('utf8').split('<body')[1]!;
    expect(body.split('Statement on the flood')).toHaveLength(2);
    expect(body).toContain('Today we stand<br>together with every family.');
    expect(body).toMatch(/<div class="signature[^"]*"><p>Yours sincerely,<\/p><p>Dr Helen Marsh<\/p><p>Minister for Health<\/p><\/div>/);
  });

  it('records a first version on creation, so what changed since can be asked', async () => {
    write('first.txt', 'First words.\n');
    expect((await signet('new', 'first.signet', '--from', 'first.txt')).code).toBe(0);
    const [created] = JSON.parse((await signet('versions', 'first.signet')).stdout);
    expect(created).toMatchObject({ kind: 'created', name: 'Created from first.txt', source: 'first.txt', words: 2 });
    expect((await signet('diff', 'first.signet', 'Created from first.txt', 'current')).code).toBe(0);
    expect((await signet('new', 'letter-t.signet', '--template', 'letter')).code).toBe(0);
    expect(JSON.parse((await signet('versions', 'letter-t.signet')).stdout)[0]).toMatchObject({ kind: 'created', name: 'Created from the Letter template' });
  });

  it('creates a message from markdown, titled by the heading it opens with, else by its file name', async () => {
    write('address.md', '# New Year address\n\nSome **bold** text.\n\n- one\n- two\n');
    expect((await signet('new', 'address.signet', '--from', 'address.md')).code).toBe(0);
    expect((await signet('text', 'address.signet')).stdout).toBe('New Year address\n\nSome bold text.\n\none\n\ntwo\n');
    expect(JSON.parse((await signet('info', 'address.signet')).stdout).title).toBe('New Year address');
    write('later.md', 'Some words first.\n\n# A heading later\n');
    expect((await signet('new', 'later.signet', '--from', 'later.md')).code).toBe(0);
    expect(JSON.parse((await signet('info', 'later.signet')).stdout).title).toBe('later');
  });

  it('creates a message from hostile html with no script, javascript: link or event handler left', async () => {
    write(
      'hostile.html',
      '<h1 onmouseover="steal()">Welcome</h1>' +
        '<p onclick="steal()">Hi <b>there</b><script>alert(1)</script><img src="x" onerror="alert(2)">' +
        ' <a href="javascript:alert(3)">bad</a> <a href="https://ok.example/">ok</a></p>' +
        '<iframe src="https://evil.example/"></iframe><style>p { color: red }</style>' +
        '<svg><script>alert(4)</script></svg><form action="javascript:alert(5)"><input onfocus="steal()"></form>',
    );
    expect((await signet('new', 'hostile.signet', '--from', 'hostile.html')).code).toBe(0);
    const text = await signet('text', 'hostile.signet');
    expect(text.stdout).toBe('Welcome\n\nHi there bad ok\n');
    const hostile = /script|javascript:|alert|steal|onclick|onerror|onmouseover|onfocus|iframe|evil|<style|color: red/i;
    expect(text.stdout).not.toMatch(hostile);
    expect(bytes('hostile.signet').toString('latin1')).not.toMatch(hostile);
    expect(bytes('hostile.signet').toString('latin1')).toContain('https://ok.example/');
    expect(JSON.parse((await signet('info', 'hostile.signet')).stdout).title).toBe('Welcome');
  });

  it('creates a message from a template, with the template\'s title unless --title is given', async () => {
    expect((await signet('new', 'speech.signet', '--template', 'speech')).code).toBe(0);
    expect(JSON.parse((await signet('info', 'speech.signet')).stdout).title).toBe('Speech');
    expect((await signet('text', 'speech.signet')).stdout).toMatch(/^\[Occasion\]\n\n\[Opening greeting\]\n\n/);
    expect((await signet('new', 'named.signet', '--template', 'letter', '--title', 'To the council')).code).toBe(0);
    expect(JSON.parse((await signet('info', 'named.signet')).stdout).title).toBe('To the council');
  });

  it('creates a blank message by default', async () => {
    expect((await signet('new', 'blank.signet')).code).toBe(0);
    expect(JSON.parse((await signet('info', 'blank.signet')).stdout)).toMatchObject({ title: 'Untitled message', words: 0, characters: 0 });
    expect((await signet('text', 'blank.signet')).stdout).toBe('\n');
    expect((await signet('check', 'blank.signet')).code).toBe(0);
  });

  it('refuses a --from file that is not UTF-8, saying where', async () => {
    write('latin1.txt', Buffer.from([0x48, 0x69, 0x20, 0xe9, 0x74, 0xe9]));
    expectOneLineError(await signet('new', 'latin1.signet', '--from', 'latin1.txt'), 2, /latin1\.txt: it is not UTF-8 text \(byte 3\)/);
    expect(existsSync(path('latin1.signet'))).toBe(false);
  });
});

describe.concurrent('signet new never overwrites without --force (exit 2)', () => {
  it('leaves an existing file byte for byte as it was', async () => {
    const name = await messageFrom('keep', 'The original words.');
    const before = bytes(name);
    const result = await signet('new', name, '--template', 'letter');
    expectOneLineError(result, 2, `signet new: ${name} already exists; add --force to replace it`);
    expect(bytes(name).equals(before)).toBe(true);
    write('notes.txt', 'Other words.');
    expect((await signet('new', 'notes.txt')).code).toBe(2);
    expect(readFileSync(path('notes.txt'), 'utf8')).toBe('Other words.');
  });

  it('replaces it with --force, atomically, leaving no temporary file behind', async () => {
    const name = await messageFrom('replace', 'The original words.');
    const result = await signet('new', name, '--template', 'letter', '--force');
    expect(result.code).toBe(0);
    expect((await signet('text', name)).stdout).toMatch(/^\[Recipient name\]/);
    // Only this message's temporary files: the tests beside it run at the same time in the same folder.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') && f.includes(name))).toEqual([]);
    expect(existsSync(path(`${name}.lock`))).toBe(false);
  });

  it('does not replace a file that is open in Signet, even with --force', async () => {
    const name = await messageFrom('open', 'Being edited.');
    const before = bytes(name);
    write(`${name}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    expectOneLineError(await signet('new', name, '--force'), 2, /is open in Signet \(process \d+/);
    expect(bytes(name).equals(before)).toBe(true);
  });

  it('never writes over its own --from input, even with --force', async () => {
    write('self.txt', 'Precious words.');
    expectOneLineError(await signet('new', 'self.txt', '--from', 'self.txt', '--force'), 2, /also the input/);
    expect(readFileSync(path('self.txt'), 'utf8')).toBe('Precious words.');
  });
});

describe.concurrent('signet info', () => {
  const FIELDS = ['id', 'title', 'state', 'words', 'characters', 'speakingSeconds', 'versions', 'comments', 'approvals', 'createdAt', 'updatedAt', 'formatVersion'];

  it('prints one JSON object with every field', async () => {
    const name = await messageFrom('fields', 'Dear friends,\n\nA new year begins.');
    const result = await signet('info', name);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const info = JSON.parse(result.stdout);
    expect(Object.keys(info)).toEqual(FIELDS);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info).toMatchObject({ state: 'Draft', versions: 1, comments: 0, approvals: 0, formatVersion: 2 });
    expect(new Date(info.createdAt).toISOString()).toBe(info.createdAt);
    expect(info.updatedAt).toBe(statSync(path(name)).mtime.toISOString());
  });

  it('counts English text as the app does', async () => {
    const name = await messageFrom('english', 'Dear friends,\n\nA new year begins, and we begin it together.');
    const info = JSON.parse((await signet('info', name)).stdout);
    const expected = countText('Dear friends,\n\nA new year begins, and we begin it together.');
    expect({ words: info.words, characters: info.characters, speakingSeconds: info.speakingSeconds }).toEqual(expected);
    expect(expected).toEqual({ words: 11, characters: 57, speakingSeconds: 5 });
  });

  it('counts Chinese text as the app does: each character a word', async () => {
    const name = await messageFrom('chinese', '新年快乐！\n\n祝大家身体健康，万事如意。');
    const info = JSON.parse((await signet('info', name)).stdout);
    const text = (await signet('text', name)).stdout.replace(/\n$/, '');
    expect(text).toBe('新年快乐！\n\n祝大家身体健康，万事如意。');
    const expected = countText(text);
    expect({ words: info.words, characters: info.characters, speakingSeconds: info.speakingSeconds }).toEqual(expected);
    expect(expected).toEqual({ words: 15, characters: 18, speakingSeconds: 4 });
    expect(info.title).toBe('新年快乐！');
  });
});

describe.concurrent('signet text', () => {
  it('prints paragraphs separated by one blank line and ends with one newline', async () => {
    expect((await signet('new', 'text-letter.signet', '--template', 'letter')).code).toBe(0);
    const result = await signet('text', 'text-letter.signet');
    expect(result).toEqual({
      code: 0,
      stdout: '[Recipient name]\n\n[Opening greeting],\n\n[Why you are writing]\n\n[What you ask or announce]\n\nYours sincerely,\n\n[Signatory name]\n\n[Title]\n\n[Place], [Date]\n',
      stderr: '',
    });
  });
});

describe.concurrent('the read-only commands never change their input', () => {
  it('leaves the file, its time and its lock alone, and works while Signet has it open', async () => {
    const name = await messageFrom('readonly', 'Look, do not touch.');
    const before = bytes(name);
    const { mtimeMs } = statSync(path(name));
    for (const command of ['info', 'text', 'check']) expect((await signet(command, name)).code).toBe(0);
    expectUntouched(name, before, mtimeMs);
    const lock = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
    write(`${name}.lock`, lock);
    for (const command of ['info', 'text', 'check']) expect((await signet(command, name)).code).toBe(0);
    expect(readFileSync(path(`${name}.lock`), 'utf8')).toBe(lock);
  });
});

// ── The revision history: versions, text --version, diff ───────────────────────────────────

const ALICE: Person = { name: 'Alice Adeyemi', title: 'Speechwriter' };
const BOB: Person = { name: 'Bob Brandt', title: 'Chief of staff' };
const FIRST_DRAFT = 'Dear friends,\n\nA new year begins with hope.';
const SECOND_DRAFT = 'Dear friends,\n\nA new year begins with courage.';
const NOW = 'Dear friends,\n\nA new year begins with courage.\n\nThank you.';

/**
 * One person's editing session as the app has it: a Lexical editor on its own copy of the
 * message (a new Yjs client), its client registered as that person, its deletions recorded with
 * the version it makes. Returns the copy with the session's changes.
 */
function session(base: Y.Doc, person: Person, change: () => void, version?: { name: string; at: string }): Y.Doc {
  const doc = newMessageDoc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const deletions: DeleteSet[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.deleteSet.clients.size > 0) deletions.push(tr.deleteSet);
  });
  const { editor, dispose } = createMessageEditor(doc);
  editor.update(change, { discrete: true });
  dispose();
  registerPerson(doc, [doc.clientID], person);
  if (deletions.length) recordDeletions(doc, person, Y.mergeDeleteSets(deletions));
  if (version) recordVersion(doc, { kind: 'named', author: person, name: version.name, at: new Date(version.at) });
  return doc;
}

/** Alice writes the first draft, Bob changes a word in the second, Alice then adds a line (not yet a version). */
async function messageWithVersions(name: string): Promise<{ file: string; doc: Y.Doc }> {
  const start = newMessageDoc();
  initMeta(start, { id: 'b7c1a3e0-0000-4000-8000-000000000001', title: 'New Year', createdAt: '2030-01-01T00:00:00.000Z', template: 'blank', language: 'en' });
  const first = session(start, ALICE, () => {
    $getRoot().clear().append(...FIRST_DRAFT.split('\n\n').map((p) => $createParagraphNode().append($createTextNode(p))));
  }, { name: 'First draft', at: '2030-01-01T09:00:00.000Z' });
  const second = session(first, BOB, () => {
    const text = $getRoot().getAllTextNodes().find((t) => t.getTextContent().includes('hope'));
    if (!text) throw new Error('no hope');
    text.spliceText(text.getTextContent().indexOf('hope'), 'hope'.length, 'courage', false);
  }, { name: 'Second draft', at: '2030-01-02T09:00:00.000Z' });
  const now = session(second, ALICE, () => {
    $getRoot().append($createParagraphNode().append($createTextNode('Thank you.')));
  });
  expect(messageText(now)).toBe(NOW);
  const file = `${name}.signet`;
  await createMessageFile(path(file), now);
  return { file, doc: now };
}

describe.concurrent('signet versions', () => {
  it('lists every version newest first, as JSON with who, when, words and digest', async () => {
    const { file, doc } = await messageWithVersions('listed');
    const result = await signet('versions', file);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const list = JSON.parse(result.stdout);
    expect(list.map((v: { name: string }) => v.name)).toEqual(['Second draft', 'First draft']);
    for (const v of list) {
      expect(Object.keys(v)).toEqual(['id', 'name', 'kind', 'author', 'time', 'words', 'added', 'removed', 'digest', 'note']);
      expect(v.id).toMatch(/^[0-9a-f]{16}$/);
      expect(v.kind).toBe('named');
      // The digest is the one approvals bind to: of the version's content.
      const old = versionDoc(doc, v.id);
      expect(v.digest).toBe(contentDigest(readContent(old)));
      old.destroy();
    }
    expect(list[0]).toMatchObject({ author: BOB, time: '2030-01-02T09:00:00.000Z', words: countText(SECOND_DRAFT).words, added: 1, removed: 1 });
    expect(list[1]).toMatchObject({ author: ALICE, time: '2030-01-01T09:00:00.000Z', words: countText(FIRST_DRAFT).words });
    expect(JSON.parse((await signet('info', file)).stdout).versions).toBe(2);
  });

  it('prints an empty list for a message with no versions (made by other means than Signet)', async () => {
    const doc = newMessageDoc();
    initMeta(doc, { id: 'b7c1a3e0-0000-4000-8000-000000000009', title: 'Bare', createdAt: '2030-01-01T00:00:00.000Z', template: 'blank', language: 'en' });
    await createMessageFile(path('unversioned.signet'), doc);
    expect(await signet('versions', 'unversioned.signet')).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });
});

describe.concurrent('signet text --version', () => {
  it('prints the text as it was then, by name, id or a unique start of the id, in the form of `signet text`', async () => {
    const { file } = await messageWithVersions('then');
    const [second, first] = JSON.parse((await signet('versions', file)).stdout);
    expect(await signet('text', file, '--version', 'First draft')).toEqual({ code: 0, stdout: `${FIRST_DRAFT}\n`, stderr: '' });
    expect((await signet('text', file, '--version', first.id)).stdout).toBe(`${FIRST_DRAFT}\n`);
    expect((await signet('text', file, `--version=${second.id.slice(0, 8)}`)).stdout).toBe(`${SECOND_DRAFT}\n`);
    expect((await signet('text', file, '--version', 'current')).stdout).toBe((await signet('text', file)).stdout);
    expect((await signet('text', file)).stdout).toBe(`${NOW}\n`);
  });
});

describe.concurrent('signet diff', () => {
  it('shows removed and added words with who changed them, as a unified word diff', async () => {
    const { file } = await messageWithVersions('changes');
    const [second, first] = JSON.parse((await signet('versions', file)).stdout);
    const result = await signet('diff', file, 'First draft', 'current');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`--- ${file} version ${first.id} "First draft" by Alice Adeyemi, 1 January 2030, 09:00 UTC`);
    expect(lines[1]).toBe(`+++ ${file} (current)`);
    expect(result.stdout).toContain('@@ paragraph 2 @@\nA new year begins with [-hope-] (Bob Brandt){+courage+} (Bob Brandt).\n');
    expect(result.stdout).toContain('@@ paragraph 3 (added) @@\n{+Thank you.+} (Alice Adeyemi)\n');
    expect(result.stdout).not.toContain('Dear friends');
    // By id and by a start of one, in either direction.
    const back = await signet('diff', file, second.id.slice(0, 6), first.id);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/\[-courage-\].*\{\+hope\+\}/);
    expect(back.stdout).not.toContain('Thank you');
  });

  it('prints the comparison as JSON with --json', async () => {
    const { file } = await messageWithVersions('as-json');
    const result = await signet('diff', file, 'First draft', 'Second draft', '--json');
    expect(result.code, result.stderr).toBe(0);
    const comparison = JSON.parse(result.stdout);
    expect(comparison.summary).toEqual({ wordsAdded: 1, wordsRemoved: 1, paragraphsChanged: 1, paragraphsMoved: 0 });
    expect(comparison.people).toContainEqual(BOB);
    const changed = comparison.blocks.find((b: { change: string }) => b.change === 'changed');
    const bob = comparison.people.findIndex((p: Person) => p.name === BOB.name);
    expect(changed.runs).toContainEqual({ text: 'hope', change: 'removed', format: 0, by: bob });
    expect(changed.runs).toContainEqual({ text: 'courage', change: 'added', format: 0, by: bob });
  });
});

describe.concurrent('the history commands', () => {
  it('exit 2 on an unknown version, naming it and how to list the versions', async () => {
    const { file } = await messageWithVersions('unknown');
    for (const args of [['text', file, '--version', 'Final'], ['diff', file, 'Final', 'current'], ['diff', file, 'current', 'Final']]) {
      const result = await signet(...args);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toBe(`signet ${args[0]}: ${file} has no version 'Final' (give an id, a unique start of one (4 or more characters), a name, or "current"); list them with: signet versions ${file}\n`);
    }
  });

  it('exit 2 on a name two versions have, listing both to be given by id', async () => {
    const { doc } = await messageWithVersions('twice');
    const again = session(doc, BOB, () => {
      $getRoot().append($createParagraphNode().append($createTextNode('Onward.')));
    }, { name: 'First draft', at: '2030-01-03T09:00:00.000Z' });
    await createMessageFile(path('twice-named.signet'), again);
    const list = JSON.parse((await signet('versions', 'twice-named.signet')).stdout).filter((v: { name: string }) => v.name === 'First draft');
    expect(list).toHaveLength(2);
    for (const args of [['text', 'twice-named.signet', '--version', 'First draft'], ['diff', 'twice-named.signet', 'First draft', 'current'], ['export', 'twice-named.signet', '--html', 'twice.html', '--version', 'First draft']]) {
      const result = await signet(...args);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toContain(`signet ${args[0]}: twice-named.signet has 2 versions that 'First draft' could mean; give one's id (or a unique start of it):\n`);
      for (const v of list) expect(result.stderr).toContain(`  ${v.id}  "First draft" by `);
    }
    expect(existsSync(path('twice.html'))).toBe(false);
    expect((await signet('text', 'twice-named.signet', '--version', list[1].id)).stdout).toBe(`${FIRST_DRAFT}\n`);
  });

  it('never write the file or take its lock, and work while Signet has it open', async () => {
    const { file } = await messageWithVersions('untouched');
    const before = bytes(file);
    const { mtimeMs } = statSync(path(file));
    const commands = [['versions', file], ['text', file, '--version', 'First draft'], ['diff', file, 'First draft', 'current'], ['diff', file, 'First draft', 'current', '--json']];
    for (const args of commands) expect((await signet(...args)).code).toBe(0);
    expectUntouched(file, before, mtimeMs);
    const lock = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
    write(`${file}.lock`, lock);
    for (const args of commands) expect((await signet(...args)).code).toBe(0);
    expect(readFileSync(path(`${file}.lock`), 'utf8')).toBe(lock);
    expect(bytes(file).equals(before)).toBe(true);
  });

  it('exit 1 on a damaged file and leave it byte for byte as it was', async () => {
    const { file } = await messageWithVersions('damaged-history');
    const damaged = Buffer.from(bytes(file));
    damaged[HEADER_SIZE + RECORD_HEADER_SIZE + 5] ^= 0x20;
    write(file, damaged);
    const { mtimeMs } = statSync(path(file));
    for (const args of [['versions', file], ['text', file, '--version', 'First draft'], ['diff', file, 'First draft', 'current']]) {
      const result = await signet(...args);
      expectOneLineError(result, 1, `signet ${args[0]}: ${file}: a record fails its checksum at byte ${HEADER_SIZE}`);
      expect(result.stdout).toBe('');
    }
    expectUntouched(file, damaged, mtimeMs);
  });
});

describe.concurrent('signet check', () => {
  it('passes a whole file: exit 0, records and bytes', async () => {
    const name = await messageFrom('good', 'All is well.');
    appendEdits(name, ['All is well.\n\nStill well.']);
    const result = await signet('check', name);
    expect(result).toEqual({ code: 0, stdout: `ok: 2 records, ${statSync(path(name)).size} bytes\n`, stderr: '' });
  });

  it('reports a torn tail with the bytes that would be dropped, exit 1, and does not cut it', async () => {
    const name = await messageFrom('torn', 'Cut short.');
    const offsets = appendEdits(name, ['Cut short.\n\nThis edit was being saved when the power went.']);
    const whole = bytes(name);
    write(name, whole.subarray(0, whole.length - 7));
    const before = bytes(name);
    const { mtimeMs } = statSync(path(name));
    const torn = before.length - offsets[0];
    const result = await signet('check', name);
    expectOneLineError(result, 1, `signet check: ${name}: the last record is torn at byte ${offsets[0]}: ${torn} bytes would be dropped`);
    expect(result.stdout).toBe('');
    expectUntouched(name, before, mtimeMs);
    // info and text read what is whole, with a warning.
    const text = await signet('text', name);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('Cut short.\n');
    expect(text.stderr).toMatch(new RegExp(`warning: .*torn at byte ${offsets[0]}: ${torn} bytes`));
    expectUntouched(name, before, mtimeMs);
  });

  it('reports a flipped byte with its offset, exit 1, and leaves the file as it was', async () => {
    const name = await messageFrom('flipped', 'One wrong bit.');
    const damaged = Buffer.from(bytes(name));
    damaged[HEADER_SIZE + RECORD_HEADER_SIZE + 5] ^= 0x20;
    write(name, damaged);
    const { mtimeMs } = statSync(path(name));
    const result = await signet('check', name);
    expectOneLineError(result, 1, `signet check: ${name}: a record fails its checksum at byte ${HEADER_SIZE}`);
    expect(result.stderr).toContain(`signet recover ${name} -o`);
    expectUntouched(name, damaged, mtimeMs);
    expectOneLineError(await signet('info', name), 1, `signet info: ${name}: a record fails its checksum at byte ${HEADER_SIZE}`);
    expectOneLineError(await signet('text', name), 1, `at byte ${HEADER_SIZE}`);
  });

  it('reports a damaged record header with its offset', async () => {
    const name = await messageFrom('header', 'First.');
    const [second] = appendEdits(name, ['First.\n\nSecond.']);
    const damaged = Buffer.from(bytes(name));
    damaged[second + 1] ^= 0x01;
    write(name, damaged);
    expectOneLineError(await signet('check', name), 1, `a record header is damaged (bad length or checksum field) at byte ${second}`);
  });

  it('says what a file that is not a message is, and what to run instead, exit 2', async () => {
    write('plain.txt', 'Just words.');
    write('empty.signet', '');
    write('copy.pdf', '%PDF-1.7\n%\xe2\xe3\n1 0 obj\n');
    write('page.html', '<!doctype html><html><body><p>Hi</p></body></html>');
    expectOneLineError(await signet('check', 'plain.txt'), 2, 'signet check: plain.txt is not a Signet message: it looks like text; to make a message of it: signet new NEW.signet --from plain.txt');
    expectOneLineError(await signet('info', 'empty.signet'), 2, 'signet info: empty.signet is not a Signet message: the file is empty');
    expectOneLineError(await signet('text', 'copy.pdf'), 2, 'signet text: copy.pdf is not a Signet message: it is a PDF; to check an exported copy, use: signet verify copy.pdf');
    expectOneLineError(await signet('versions', 'page.html'), 2, /^signet versions: page\.html is not a Signet message: it is an HTML page; to check an exported copy, use: signet verify page\.html/);
    expectOneLineError(await signet('recover', 'copy.pdf', '-o', 'x.signet'), 2, /it is a PDF/);
    // Binary that is not text is still damage, with the byte.
    write('binary.signet', Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x10]));
    expectOneLineError(await signet('check', 'binary.signet'), 1, 'signet check: binary.signet: not a Signet message file (wrong magic) at byte 0');
  });
});

describe.concurrent('signet recover', () => {
  it('repairs one damaged byte from the parity of its record: every word comes back, and it says nothing was lost', async () => {
    const name = await messageFrom('one-bit', 'First.');
    const offsets = appendEdits(name, ['First.\n\nSecond.', 'First.\n\nSecond.\n\nThird.']);
    const damaged = Buffer.from(bytes(name));
    damaged[offsets[0] + RECORD_HEADER_SIZE + 3] ^= 0xff;
    write(name, damaged);
    const { mtimeMs } = statSync(path(name));
    expectOneLineError(await signet('check', name), 1, `at byte ${offsets[0]}`);

    const result = await signet('recover', name, '-o', 'whole.signet');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`recovered 3 records from ${name} into whole.signet (3 words)\n  nothing was lost: every record was read (1 damaged record repaired from parity)\n`);
    expectUntouched(name, damaged, mtimeMs);
    expect((await signet('text', 'whole.signet')).stdout).toBe('First.\n\nSecond.\n\nThird.\n');
  });

  it('writes what can be read to a new file, says how much was lost and what it skipped, and leaves the input alone', async () => {
    const name = await messageFrom('damaged', 'First.');
    const offsets = appendEdits(name, ['First.\n\nSecond.', 'First.\n\nSecond.\n\nThird.']);
    const damaged = Buffer.from(bytes(name));
    // The same byte of the record's payload and of its parity: more than parity can repair.
    const n = parseLog(damaged, name).records[1].update.length;
    damaged[offsets[0] + RECORD_HEADER_SIZE + 3] ^= 0xff;
    damaged[offsets[0] + 2 * RECORD_HEADER_SIZE + n + 3] ^= 0xff;
    write(name, damaged);
    const { mtimeMs } = statSync(path(name));
    expectOneLineError(await signet('check', name), 1, `at byte ${offsets[0]}`);

    const result = await signet('recover', name, '-o', 'saved.signet');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^recovered 1 record from ${name} into saved\\.signet \\(1 word\\)\\n  lost: ${offsets[1] - offsets[0]} bytes that could not be read, in 1 place, and 1 later change that built on them; their words are not in the copy\\n`));
    expect(result.stdout).toContain(`skipped at byte ${offsets[0]}: a record fails its checksum and its parity cannot repair it`);
    expectUntouched(name, damaged, mtimeMs);
    // The copy opens: changes that built on the lost record are left out, not kept pending.
    expect((await signet('check', 'saved.signet')).code).toBe(0);
    expect((await signet('text', 'saved.signet')).stdout).toBe('First.\n');
    expect(JSON.parse((await signet('info', 'saved.signet')).stdout).title).toBe('damaged');
  });

  it('recovers a file with a torn tail', async () => {
    const name = await messageFrom('torn-recover', 'Kept.');
    const [appended] = appendEdits(name, ['Kept.\n\nLost.']);
    const whole = bytes(name);
    write(name, whole.subarray(0, appended + RECORD_HEADER_SIZE + 3));
    const result = await signet('recover', name, '--output', 'torn-saved.signet');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^recovered 1 record .*\n {2}lost: \d+ bytes .* in 1 place; .*\n {2}skipped at byte \d+: a record cut short\n$/);
    expect((await signet('check', 'torn-saved.signet')).code).toBe(0);
    expect((await signet('text', 'torn-saved.signet')).stdout).toBe('Kept.\n');
  });

  it('refuses to overwrite OUT without --force, and never writes over FILE', async () => {
    const name = await messageFrom('source', 'Source.');
    const other = await messageFrom('other', 'Other.');
    const before = bytes(other);
    expectOneLineError(await signet('recover', name, '-o', other), 2, `${other} already exists; add --force to replace it`);
    expect(bytes(other).equals(before)).toBe(true);
    expect((await signet('recover', name, '-o', other, '--force')).code).toBe(0);
    expect((await signet('text', other)).stdout).toBe('Source.\n');
    const source = bytes(name);
    expectOneLineError(await signet('recover', name, '-o', name, '--force'), 2, 'is also the input');
    expectOneLineError(await signet('recover', name, '-o', `./${name}`, '--force'), 2, 'is also the input');
    expect(bytes(name).equals(source)).toBe(true);
  });

  it('exits 1 and writes nothing when nothing can be recovered', async () => {
    write('noise.bin', Buffer.alloc(200, 0xff));
    expectOneLineError(await signet('recover', 'noise.bin', '-o', 'noise.signet'), 1, 'nothing could be recovered from noise.bin');
    expect(existsSync(path('noise.signet'))).toBe(false);
  });
});

describe.concurrent('usage errors exit 2 with one line and a pointer to --help', () => {
  const cases: [string[], string | RegExp][] = [
    [['frobnicate'], "signet: unknown command 'frobnicate'"],
    [['--frobnicate'], "signet: unknown option '--frobnicate'"],
    [['help', 'frobnicate'], "signet help: unknown command 'frobnicate'"],
    [['info'], 'signet info: missing FILE'],
    [['info', 'a.signet', 'b.signet'], "signet info: unexpected argument 'b.signet'"],
    [['text', 'a.signet', '--bogus'], "signet text: unknown option '--bogus'"],
    [['new', 'x.signet', '--template', 'sonnet'], "signet new: --template must be one of blank, letter, speech, new-year (not 'sonnet')"],
    [['new', 'x.signet', '--title'], "signet new: option '--title' needs a value"],
    [['new', 'x.signet', '--title', ' '], 'signet new: --title cannot be empty'],
    [['new', 'x.signet', '--from', 'x.pdf'], "signet new: --from takes a .txt, .md, .html or .docx file, not 'x.pdf'"],
    [['new', 'x.signet', '--from', 'x.txt', '--template', 'letter'], 'signet new: use either --from or --template, not both'],
    [['new', 'x.signet', '--force=yes'], "signet new: option '--force' does not take an argument"],
    [['recover', 'x.signet'], 'signet recover: missing --output OUT'],
    [['text', 'x.signet', '--version'], "signet text: option '--version' needs a value"],
    [['versions'], 'signet versions: missing FILE'],
    [['diff', 'x.signet', 'First draft'], 'signet diff: missing B'],
    [['diff', 'x.signet', 'a', 'b', 'c'], "signet diff: unexpected argument 'c'"],
  ];
  it.each(cases)('signet %j', async (args, message) => {
    const result = await signet(...args);
    expectUsageError(result, message);
    expect(result.stderr).toMatch(args[0] === 'help' || args[0].startsWith('-') || args[0] === 'frobnicate' ? /Run 'signet --help'/ : new RegExp(`Run 'signet ${args[0]} --help'`));
  });
});

describe.concurrent('unreadable paths exit 2 with the path and why', () => {
  it('a missing file', async () => {
    for (const command of ['info', 'text', 'versions', 'check']) {
      const result = await signet(command, 'missing.signet');
      expect(result).toEqual({ code: 2, stdout: '', stderr: `signet ${command}: cannot read missing.signet: no such file or folder\n` });
    }
    expectOneLineError(await signet('recover', 'missing.signet', '-o', 'out.signet'), 2, 'cannot read missing.signet: no such file or folder');
    expectOneLineError(await signet('new', 'x.signet', '--from', 'missing.md'), 2, 'cannot read missing.md: no such file or folder');
    expect(existsSync(path('out.signet')) || existsSync(path('x.signet'))).toBe(false);
  });

  it('a folder', async () => {
    mkdirSync(path('folder.signet'));
    expectOneLineError(await signet('info', 'folder.signet'), 2, 'signet info: cannot read folder.signet: it is a folder, not a file');
    expectOneLineError(await signet('new', 'folder.signet', '--force'), 2, 'signet new: cannot write folder.signet: it is a folder, not a file');
  });

  it('a folder that does not exist, for the output', async () => {
    expectOneLineError(await signet('new', join('no-such-folder', 'x.signet')), 2, /cannot write no-such-folder.x\.signet: no such file or folder/);
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
    const name = await messageFrom('secret', 'Not for you.');
    chmodSync(path(name), 0o000);
    try {
      expectOneLineError(await signet('info', name), 2, `cannot read ${name}: permission denied`);
    } finally {
      chmodSync(path(name), 0o644);
    }
  });
});

describe.concurrent('bin/signet.js', () => {
  it('says to run `npm run build` and exits 2 when the build is missing', async () => {
    const unbuilt = path('unbuilt');
    mkdirSync(join(unbuilt, 'bin'), { recursive: true });
    copyFileSync(BIN, join(unbuilt, 'bin', 'signet.js'));
    writeFileSync(join(unbuilt, 'package.json'), '{"type":"module"}');
    const run = spawnSync(process.execPath, [join(unbuilt, 'bin', 'signet.js'), '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('run `npm run build`');
  });
});
