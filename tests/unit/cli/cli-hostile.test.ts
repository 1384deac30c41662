// The `signet` tool given hostile input: it never hangs on something that is not a regular file,
// refuses a message nested too deep with the file and the depth, shows control characters from a
// file as escapes instead of sending them to the terminal, and takes each option once. It runs the
// built tool (`npx electron-vite build`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeLog, encodeMessageFile, parseLog } from '../../../electron/services/files/message-file';
import { writePlainText } from '../../../electron/services/document/compose';
import { newMessage } from '../../../electron/services/library/library';
import { textRoot } from '../../../shared/document';
import { recordVersion } from '../../../shared/history';
import { runSignet } from '../../helpers/cli';

let dir = '';
const signet = (...args: string[]) => runSignet(dir, args, 15_000);
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'signet-hostile-'));
  execFileSync('mkfifo', [path('pipe.signet'), path('pipe.md')]);
  mkdirSync(path('cards'));
  execFileSync('mkfifo', [path('cards/ben.signet-card')]);
  writeFileSync(path('letter.signet'), encodeMessageFile(newMessage('letter', 'Letter to the council')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESC = '\u001b';

describe.concurrent('files that are not regular files are refused at once, exit 2', () => {
  it.each([
    [['info', 'pipe.signet'], 'signet info: cannot read pipe.signet: it is a named pipe, not a regular file'],
    [['text', 'pipe.signet'], 'signet text: cannot read pipe.signet: it is a named pipe, not a regular file'],
    [['check', 'pipe.signet'], 'signet check: cannot read pipe.signet: it is a named pipe, not a regular file'],
    [['verify', 'pipe.signet'], 'signet verify: cannot read pipe.signet: it is a named pipe, not a regular file'],
    [['merge', 'letter.signet', 'pipe.signet', '-o', 'merged.signet'], 'signet merge: cannot read pipe.signet: it is a named pipe, not a regular file'],
    [['recover', 'pipe.signet', '-o', 'out.signet'], 'signet recover: cannot read pipe.signet: it is a named pipe, not a regular file'],
    [['new', 'new.signet', '--from', 'pipe.md'], 'signet new: cannot read pipe.md: it is a named pipe, not a regular file'],
    [['verify', 'letter.signet', '--cards', 'cards'], `signet verify: cannot read ${join('cards', 'ben.signet-card')}: it is a named pipe, not a regular file`],
    [['info', '/dev/zero'], 'signet info: cannot read /dev/zero: it is a device, not a regular file'],
  ])('signet %j', async (args, message) => {
    const result = await signet(...args);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });
});

describe.concurrent('a file cut short inside its only record', () => {
  it('is damage, never an empty message: info, text and check exit 1 with the file and the byte, and recover finds nothing', async () => {
    const whole = encodeMessageFile(newMessage('letter', 'Letter to the council'));
    writeFileSync(path('cut.signet'), whole.subarray(0, whole.length - 100));
    for (const command of ['info', 'text', 'check']) {
      const result = await signet(command, 'cut.signet');
      expect(result.code, command).toBe(1);
      expect(result.stdout, command).toBe('');
      expect(result.stderr.split('\n')[0], command).toBe(`signet ${command}: cut.signet: the message ends inside its first record, which is always written whole (the file was cut short) at byte 16`);
    }
    // Cut inside its parity only, every word is still there to recover.
    writeFileSync(path('cut-parity.signet'), whole.subarray(0, whole.length - 5));
    expect((await signet('info', 'cut-parity.signet')).code).toBe(1);
    const recovered = await signet('recover', 'cut-parity.signet', '-o', 'cut-saved.signet');
    expect(recovered.stdout).toMatch(/^recovered 1 record from cut-parity\.signet into cut-saved\.signet \(\d+ words\)\n/);
    expect(JSON.parse((await signet('info', 'cut-saved.signet')).stdout).title).toBe('Letter to the council');
  });
});

describe.concurrent('a message nested deeper than Signet reads', () => {
  it('fails every reading command with exit 1, naming the file, the depth and the record', async () => {
    const doc = newMessage('letter');
    const before = Y.encodeStateVector(doc);
    const state = Y.encodeStateAsUpdate(doc);
    let parent: Y.XmlElement = textRoot(doc);
    for (let i = 0; i < 300; i += 1) {
      const quote: Y.XmlElement = new Y.XmlElement('quote');
      parent.insert(0, [quote]);
      parent = quote;
    }
    const file = encodeLog([state, Y.encodeStateAsUpdate(doc, before)]);
    writeFileSync(path('deep.signet'), file);
    const at = parseLog(file, 'deep.signet').records[1].offset;
    for (const command of ['info', 'text', 'versions', 'status', 'check']) {
      const result = await signet(command, 'deep.signet');
      expect(result.code, command).toBe(1);
      expect(result.stderr, command).toBe(`signet ${command}: deep.signet: the message is nested 301 levels deep, more than the 100 Signet reads at byte ${at}\n`);
    }
  });
});

describe.concurrent('what comes from a file is printed with its control characters made visible', () => {
  const hostile = `Dear all${ESC}[2J${ESC}]0;owned\u0007\rcleared\u009b31m\u202eevil`;

  it('in the text, the comparison, the versions and the info', async () => {
    const doc = newMessage('blank', `Title${ESC}[31m red\nok: a forged line`);
    writePlainText(doc, 'First words.');
    recordVersion(doc, { kind: 'named', name: `Draft${ESC}[8m hidden`, author: { name: `Eve\r${ESC}[1A`, title: '' } });
    writePlainText(doc, hostile);
    writeFileSync(path('hostile.signet'), encodeMessageFile(doc));

    const text = await signet('text', 'hostile.signet');
    expect(text.code).toBe(0);
    // A single line break in imported text is kept (issue 16): printed as the line break it is.
    expect(text.stdout).toBe('Dear all\\x1b[2J\\x1b]0;owned\\x07\ncleared\\u009b31m\\u202eevil\n');
    const diff = await signet('diff', 'hostile.signet', `Draft${ESC}[8m hidden`, 'current');
    expect(diff.code, diff.stderr).toBe(0);
    for (const result of [text, diff, await signet('versions', 'hostile.signet'), await signet('info', 'hostile.signet')]) {
      expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
    expect(diff.stdout).toContain('\\x1b[2J');
    // JSON stays JSON, with the same strings in it.
    const versions = JSON.parse((await signet('versions', 'hostile.signet')).stdout);
    expect(versions[0].name).toBe(`Draft${ESC}[8m hidden`);
    expect(JSON.parse((await signet('info', 'hostile.signet')).stdout).title).toBe(`Title${ESC}[31m red\nok: a forged line`);
  });

  it('in a one-line message, where a line break cannot start a forged line', async () => {
    const result = await signet('info', 'missing\r\nok: all is well.signet');
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'signet info: cannot read missing\\r\\nok: all is well.signet: no such file or folder\n' });
  });

  it('in the title of a message made from a file, which is cleaned, or refused when nothing in it can be seen', async () => {
    writeFileSync(path('escaped.md'), `# Budget${ESC}[2J speech\n\nThe words.\n`);
    const made = await signet('new', 'escaped.signet', '--from', 'escaped.md');
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).toMatch(/^created escaped\.signet: "Budget \[2J speech", with a first version "Created from escaped\.md"/);
    writeFileSync(path('invisible.txt'), '\u200b\u2060\u00a0\n\nThe words.\n');
    expect((await signet('new', 'invisible.signet', '--from', 'invisible.txt')).stdout).toMatch(/^created invisible\.signet: "invisible",/);
  });
});

describe.concurrent('titles and options', () => {
  it.each([
    [['new', 'x.signet', '--title', '\u200b\u2060'], "signet new: --title has no visible character (only spaces or invisible ones)"],
    [['new', 'x.signet', '--title', `Red${ESC}[31m`], 'signet new: --title cannot hold control characters (a line break, an escape, …)'],
    [['new', 'x.signet', '--title', 'A', '--title', 'B'], "signet new: option '--title' is given more than once"],
    [['new', 'x.signet', '--force', '--force'], "signet new: option '--force' is given more than once"],
    [['recover', 'letter.signet', '-o', 'a.signet', '--output', 'b.signet'], "signet recover: option '--output' is given more than once"],
  ])('signet %j is a usage error', async (args, message) => {
    const result = await signet(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(message);
  });
});
