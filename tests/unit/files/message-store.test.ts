// An open message as a user meets it: each change is on disk within a second, closing leaves one
// compact file that still holds every version, a crash's torn tail is cut off, a second window
// cannot write over the first, and a full disk keeps the text in memory until it can be saved.
import { spawnSync } from 'node:child_process';
import { existsSync, promises, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { newMessage } from '../../../electron/services/library/library';
import { encodeRecord, HEADER_SIZE, parseLog, readMessageFile, recordSize } from '../../../electron/services/files/message-file';
import { createMessageFile, OpenMessage, type SaveStatus } from '../../../electron/services/files/message-store';
import { messageText } from '../../../shared/document';
import { $getRoot, $isParagraphNode, $isTextNode } from '../../../electron/services/document/headless-editor';
import { editingSession, tempFolder, type EditingSession } from '../../helpers/editing';

const folder = tempFolder('message-store');
afterAll(() => folder.remove());
afterEach(() => {
  vi.restoreAllMocks();
});
let count = 0;

async function newLetter(): Promise<string> {
  const path = join(folder.path, `letter-${(count += 1)}.signet`);
  await createMessageFile(path, newMessage('letter'));
  return path;
}

/** The renderer's side: an editor on a copy of the open message, sending each change over. */
function editorFor(message: OpenMessage): EditingSession & { send(): void } {
  const session = editingSession(message.doc);
  let sent = 0;
  return Object.assign(session, {
    send() {
      for (; sent < session.updates.length; sent += 1) message.applyFromEditor(session.updates[sent]);
    },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await sleep(10);
  }
}

/** FileHandle is not exported by node:fs; its prototype is reached through an open handle. */
async function fileHandlePrototype(path: string) {
  const handle = await openFile(path, 'r');
  await handle.close();
  return Object.getPrototypeOf(handle) as { write: (...args: unknown[]) => Promise<unknown> };
}

/** A pid that belonged to a process on this machine that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('an open message', () => {
  it('appends each change to the file and flushes it within a second', async () => {
    const path = await newLetter();
    const before = readFileSync(path);
    const statuses: SaveStatus['state'][] = [];
    const message = await OpenMessage.open(path, { onStatus: (s) => statuses.push(s.state) });
    const editor = editorFor(message);
    editor.type(' Thank you all for coming tonight.');
    editor.send();
    editor.type(' We begin at seven.');
    editor.send();
    expect(message.saveStatus.state).toBe('saving');

    await sleep(1_000);
    const after = readFileSync(path);
    // Appended, not rewritten: the old bytes are untouched and whole records follow them.
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const log = parseLog(after, path);
    expect(log.records.length).toBe(1 + editor.updates.length);
    expect(log.tornBytes).toBe(0);
    // A fresh reader (another process, after a power cut) sees what the editor shows.
    const fresh = await readMessageFile(path);
    expect(messageText(fresh.doc)).toBe(messageText(editor.doc));
    expect(messageText(fresh.doc)).toContain('We begin at seven.');
    expect(message.saveStatus).toEqual({ state: 'saved' });
    expect(statuses[0]).toBe('saving');
    expect(statuses.at(-1)).toBe('saved');
    expect(statuses).not.toContain('error');

    editor.dispose();
    await message.close();
  });

  it('keeps a change made while a write is in progress', async () => {
    const path = await newLetter();
    const message = await OpenMessage.open(path, { flushDelayMs: 50 });
    const editor = editorFor(message);
    editor.type(' First.');
    editor.send();
    // Make the disk slow: the second change arrives while the first is being written.
    const proto = await fileHandlePrototype(path);
    const realWrite = proto.write;
    let typedDuringWrite = false;
    vi.spyOn(proto, 'write').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      if (!typedDuringWrite) {
        typedDuringWrite = true;
        editor.type(' Second.');
        editor.send();
      }
      return realWrite.apply(this, args);
    });
    await message.flush();
    expect(typedDuringWrite).toBe(true);
    await sleep(1_000);
    expect(messageText((await readMessageFile(path)).doc)).toContain('First. Second.');
    expect(message.saveStatus.state).toBe('saved');
    editor.dispose();
    await message.close();
  });

  it('compacts on close into one record that still holds every version', async () => {
    const path = await newLetter();
    const message = await OpenMessage.open(path);
    const editor = editorFor(message);
    editor.type(' This sentence will be deleted.');
    editor.send();
    await message.flush();
    const versionText = messageText(message.doc);
    const version = Y.encodeSnapshot(Y.snapshot(message.doc));
    // Delete what was typed, then keep writing.
    const typed = ' This sentence will be deleted.';
    editor.edit(() => {
      const p = $getRoot().getChildren().filter($isParagraphNode).at(-1)!;
      const text = p.getFirstChild();
      if ($isTextNode(text)) text.spliceText(text.getTextContentSize() - typed.length, typed.length, '', false);
    });
    for (let i = 0; i < 30; i += 1) editor.type(` more${i}`);
    editor.send();
    await message.flush();
    expect(parseLog(readFileSync(path), path).records.length).toBeGreaterThan(30);
    const finalText = messageText(message.doc);
    expect(finalText).not.toContain('will be deleted');
    await message.close();

    const bytes = readFileSync(path);
    const log = parseLog(bytes, path);
    expect(log.records).toHaveLength(1);
    expect(bytes.length).toBe(HEADER_SIZE + recordSize(log.records[0].update.length));
    expect(existsSync(`${path}.lock`)).toBe(false);

    const reopened = await readMessageFile(path);
    expect(messageText(reopened.doc)).toBe(finalText);
    expect(reopened.doc.gc).toBe(false);
    // The earlier version can still be shown, deleted sentence and all.
    const past = Y.createDocFromSnapshot(reopened.doc, Y.decodeSnapshot(version));
    expect(messageText(past)).toBe(versionText);
    expect(messageText(past)).toContain('This sentence will be deleted.');
    editor.dispose();
  });

  it('compacts while open once the log has grown past the threshold, losing nothing', async () => {
    const path = await newLetter();
    const message = await OpenMessage.open(path, { compactThreshold: 2_000 });
    const editor = editorFor(message);
    let compactions = 0;
    let lastSize = readFileSync(path).length;
    for (let i = 0; i < 200; i += 1) {
      editor.type(` word${i}`);
      editor.send();
      await message.flush();
      const size = readFileSync(path).length;
      if (size < lastSize) compactions += 1;
      lastSize = size;
      expect(messageText((await readMessageFile(path)).doc)).toBe(messageText(editor.doc));
    }
    expect(compactions).toBeGreaterThan(0);
    editor.dispose();
    await message.close();
  });

  it('cuts off a torn last record on open and says how many bytes were dropped', async () => {
    const path = await newLetter();
    const message = await OpenMessage.open(path);
    const editor = editorFor(message);
    editor.type(' Kept.');
    editor.send();
    await message.close();
    const whole = readFileSync(path);

    // A crash in the middle of appending the next change.
    const other = editingSession((await readMessageFile(path)).doc);
    other.type(' Lost in the crash.');
    const torn = encodeRecord(other.updates[0]).subarray(0, 20);
    writeFileSync(path, Buffer.concat([whole, torn]));

    const reopened = await OpenMessage.open(path);
    expect(reopened.tornBytes).toBe(torn.length);
    expect(readFileSync(path).equals(whole)).toBe(true);
    expect(messageText(reopened.doc)).toContain('Kept.');
    expect(messageText(reopened.doc)).not.toContain('Lost in the crash.');
    // The next change lands on a whole log.
    const again = editorFor(reopened);
    again.type(' Written after the crash.');
    again.send();
    await reopened.flush();
    const log = parseLog(readFileSync(path), path);
    expect(log.tornBytes).toBe(0);
    expect(messageText((await readMessageFile(path)).doc)).toContain('Kept. Written after the crash.');
    again.dispose();
    other.dispose();
    await reopened.close();
  });
});

describe('the lock', () => {
  it('opens a message read-only, with the reason, while another window has it open', async () => {
    const path = await newLetter();
    const first = await OpenMessage.open(path);
    const second = await OpenMessage.open(path);
    expect(first.readOnly).toBe(false);
    expect(second.readOnly).toBe(true);
    expect(second.readOnlyReason).toMatch(/open in another Signet window/);
    expect(second.readOnlyReason).toContain(String(process.pid));
    expect(second.saveStatus).toEqual({ state: 'read-only', detail: second.readOnlyReason });
    const bytes = readFileSync(path);
    expect(() => second.applyFromEditor(new Uint8Array([0, 0]))).toThrow(/another Signet window/);
    await second.close();
    // Closing the read-only copy neither unlocks nor touches the file.
    expect(existsSync(`${path}.lock`)).toBe(true);
    expect(readFileSync(path).equals(bytes)).toBe(true);

    await first.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    const third = await OpenMessage.open(path);
    expect(third.readOnly).toBe(false);
    await third.close();
  });

  it('respects a lock held on another machine (a shared folder)', async () => {
    const path = await newLetter();
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: deadPid(), host: `not-${hostname()}`, since: new Date().toISOString() }));
    const message = await OpenMessage.open(path);
    expect(message.readOnly).toBe(true);
    expect(message.readOnlyReason).toContain(`not-${hostname()}`);
    await message.close();
    expect(existsSync(`${path}.lock`)).toBe(true);
  });

  it('takes over a stale lock left by a process on this machine that has ended', async () => {
    const path = await newLetter();
    const pid = deadPid();
    writeFileSync(`${path}.lock`, JSON.stringify({ pid, host: hostname(), since: '2020-01-01T00:00:00.000Z' }));
    const message = await OpenMessage.open(path);
    expect(message.readOnly).toBe(false);
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    const editor = editorFor(message);
    editor.type(' After the crash.');
    editor.send();
    await message.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(messageText((await readMessageFile(path)).doc)).toContain('After the crash.');
    editor.dispose();
  });
});

describe('the lock, when it cannot be read or written', () => {
  it('waits a few seconds before taking over a lock file that names no owner', async () => {
    const path = await newLetter();
    // Being written this instant by another window: leave it alone.
    writeFileSync(`${path}.lock`, '');
    const fresh = await OpenMessage.open(path);
    expect(fresh.readOnly).toBe(true);
    expect(fresh.readOnlyReason).toMatch(/another program/);
    await fresh.close();
    // Left empty by a window that died (or a power cut) before writing it: take it over.
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    const message = await OpenMessage.open(path);
    expect(message.readOnly).toBe(false);
    expect(JSON.parse(readFileSync(`${path}.lock`, 'utf8')).pid).toBe(process.pid);
    await message.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('opens a message read-only, saying why, in a folder that cannot be written', async () => {
    const path = await newLetter();
    const bytes = readFileSync(path);
    // Running as root, chmod cannot make a folder unwritable; refuse the lock file's creation instead.
    const realOpen = promises.open;
    vi.spyOn(promises, 'open').mockImplementation(async (file, flags, mode) => {
      if (String(file).endsWith('.lock')) {
        throw Object.assign(new Error(`EROFS: read-only file system, open '${String(file)}'`), { code: 'EROFS' });
      }
      return realOpen(file, flags, mode);
    });
    const message = await OpenMessage.open(path);
    expect(message.readOnly).toBe(true);
    expect(message.readOnlyReason).toBe('Signet cannot save here (the folder cannot be written); the message is open read-only.');
    expect(messageText(message.doc)).toContain('[Recipient name]');
    await message.close();
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

describe('a disk that refuses to write', () => {
  /**
   * Makes appends fail the way a full disk does: the first write stores part of what it was given
   * and reports a short count (as write(2) does when the disk fills mid-way), then each later write
   * fails with ENOSPC, until `fixed()` is called.
   */
  async function fillDisk(path: string) {
    const proto = await fileHandlePrototype(path);
    const realWrite = proto.write;
    let full = true;
    let calls = 0;
    vi.spyOn(proto, 'write').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      if (!full) return realWrite.apply(this, args);
      calls += 1;
      const [buffer, offset, length, position] = args as [Buffer, number, number, number];
      if (calls === 1 && typeof length === 'number' && length > 1) {
        return realWrite.call(this, buffer, offset, Math.floor(length / 2), position);
      }
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    });
    return {
      get calls() {
        return calls;
      },
      fixed() {
        full = false;
      },
    };
  }

  it('keeps the text, says why in plain words, damages nothing and saves once the disk has room', async () => {
    const path = await newLetter();
    const statuses: SaveStatus[] = [];
    const message = await OpenMessage.open(path, { flushDelayMs: 20, retryDelayMs: 100, onStatus: (s) => statuses.push(s) });
    const editor = editorFor(message);
    editor.type(' Saved before the disk filled.');
    editor.send();
    await message.flush();
    const good = readFileSync(path);

    const disk = await fillDisk(path);
    editor.type(' Typed while the disk was full.');
    editor.send();
    await until(() => message.saveStatus.state === 'error' && disk.calls >= 3);
    expect(message.saveStatus.detail).toBe('Cannot save: the disk is full. Your text is kept here and Signet keeps trying.');
    expect(messageText(message.doc)).toContain('Typed while the disk was full.');
    // What was already on disk is intact: the partly written record was cut off again.
    expect(readFileSync(path).equals(good)).toBe(true);
    expect(messageText((await readMessageFile(path)).doc)).toContain('Saved before the disk filled.');

    // More typing while the disk is still full stays in memory too.
    editor.type(' And more.');
    editor.send();
    await sleep(250);
    expect(message.saveStatus.state).toBe('error');
    expect(readFileSync(path).equals(good)).toBe(true);

    disk.fixed();
    await until(() => message.saveStatus.state === 'saved');
    const saved = await readMessageFile(path);
    expect(saved.tornBytes).toBe(0);
    expect(messageText(saved.doc)).toBe(messageText(editor.doc));
    expect(messageText(saved.doc)).toContain('Typed while the disk was full. And more.');
    expect(statuses.some((s) => s.state === 'error')).toBe(true);
    expect(statuses.at(-1)).toEqual({ state: 'saved' });
    editor.dispose();
    await message.close();
    expect(messageText((await readMessageFile(path)).doc)).toContain('And more.');
  });

  it('does not let go of unsaved text on close: it says so, keeps it, and closes once it is saved', async () => {
    const path = await newLetter();
    const message = await OpenMessage.open(path, { flushDelayMs: 20, retryDelayMs: 100 });
    const editor = editorFor(message);
    const good = readFileSync(path);
    const disk = await fillDisk(path);
    editor.type(' Typed just before closing.');
    editor.send();
    await expect(message.close()).rejects.toThrow('Cannot save: the disk is full.');
    expect(messageText(message.doc)).toContain('Typed just before closing.');
    expect(readFileSync(path).equals(good)).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(true);

    disk.fixed();
    await message.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    const saved = await readMessageFile(path);
    expect(saved.records).toBe(1);
    expect(messageText(saved.doc)).toContain('Typed just before closing.');
    editor.dispose();
  });
});
