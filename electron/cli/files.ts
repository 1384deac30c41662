// Reading inputs without touching them, and writing outputs only through the atomic writer.
import { promises as fs, type Stats } from 'node:fs';
import type * as Y from 'yjs';
import { acquireLock } from '../services/files/lock';
import { loadLog, MAGIC, type LoadedMessage } from '../services/files/message-file';
import { createMessageFile } from '../services/files/message-store';
import { readRegularFile } from '../services/files/regular-file';
import { CliError, EXIT, pathError, shellQuote } from './errors';

/** The bytes of a file. Read-only: no lock is taken, nothing is written; a pipe, device or socket is refused at once (exit 2). */
export async function readInput(path: string): Promise<Buffer> {
  try {
    return await readRegularFile(path);
  } catch (error) {
    throw pathError(error, path, 'read');
  }
}

/** A file's text, which must be UTF-8 (a byte order mark is dropped). */
export async function readTextInput(path: string): Promise<string> {
  const bytes = await readInput(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = Buffer.byteLength(lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))));
    throw new CliError(`cannot read ${path}: it is not UTF-8 text (byte ${at})`, EXIT.usage);
  }
}

export function tornTail(path: string, loaded: LoadedMessage): string {
  return `${path}: the last record is torn at byte ${loaded.validLength}: ${loaded.tornBytes} bytes would be dropped when Signet opens it`;
}

/**
 * What a file that does not start as a message does is, when it is plainly something else: a usage
 * error (exit 2) saying what it is and what to run instead, not "damaged". Null when it may be a
 * damaged message (its first bytes are not text), which loading then reports with the byte.
 */
export function notAMessage(bytes: Uint8Array, path: string): CliError | null {
  const head = Buffer.from(bytes.subarray(0, MAGIC.length));
  if (MAGIC.subarray(0, head.length).equals(head) && bytes.length > 0) return null;
  const quoted = shellQuote(path);
  const is = (what: string) => new CliError(`${path} is not a Signet message: ${what}`, EXIT.usage);
  if (bytes.length === 0) return is('the file is empty');
  const start = Buffer.from(bytes.subarray(0, 1024)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (start.startsWith('%pdf-')) return is(`it is a PDF; to check an exported copy, use: signet verify ${quoted}`);
  if (/^<(!doctype html|html|head|body|p|h\d|div)\b/.test(start)) return is(`it is an HTML page; to check an exported copy, use: signet verify ${quoted}; to make a message of it: signet new NEW.signet --from ${quoted}`);
  let text: string;
  try {
    // Streaming, so a character cut at the 4096th byte is not taken for bad UTF-8.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 4096), { stream: true });
  } catch {
    return null;
  }
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return null;
  return is(`it looks like text; to make a message of it: signet new NEW.signet --from ${quoted}${/\.(txt|md|markdown|html?|text)$/i.test(path) ? '' : ' (named .txt, .md or .html)'}`);
}

/** The bytes of a file given as a message; one plainly something else (a PDF, text, nothing) is refused with what it is. */
export async function readMessageBytes(path: string): Promise<Buffer> {
  const bytes = await readInput(path);
  const other = notAMessage(bytes, path);
  if (other) throw other;
  return bytes;
}

/** Reads a whole message; damage throws MessageFileError (exit 1), a torn tail is only warned about. */
export async function loadMessage(path: string, warn: (text: string) => void): Promise<LoadedMessage> {
  const loaded = loadLog(await readMessageBytes(path), path);
  if (loaded.tornBytes > 0) warn(`warning: ${tornTail(path, loaded)}; it is ignored here`);
  return loaded;
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw pathError(error, path, 'write');
  }
}

/**
 * Checks an output path before any work is done: it must not exist unless `force`, must not be
 * a folder, and must never be one of the command's inputs.
 */
export async function checkOutput(path: string, force: boolean, inputs: readonly string[] = []): Promise<void> {
  const target = await statOrNull(path);
  if (!target) return;
  if (target.isDirectory()) throw new CliError(`cannot write ${path}: it is a folder, not a file`, EXIT.usage);
  for (const input of inputs) {
    const source = await statOrNull(input);
    if (source && source.dev === target.dev && source.ino === target.ino) {
      throw new CliError(`${path} is also the input; Signet never writes over its input, choose another output`, EXIT.usage);
    }
  }
  if (!force) throw new CliError(`${path} already exists; add --force to replace it`, EXIT.usage);
}

/** Takes a message's lock, as the app does before writing it; refuses (exit 2) while Signet has it open. Returns the release. */
export async function lockMessage(path: string): Promise<() => Promise<void>> {
  const lock = await acquireLock(path).catch((error: unknown) => Promise.reject(pathError(error, path, 'write')));
  if (!lock.held) {
    const who = lock.owner ? ` (process ${lock.owner.pid} on ${lock.owner.host})` : '';
    throw new CliError(`${path} is open in Signet${who}; close it there first`, EXIT.usage);
  }
  return lock.release;
}

/** Writes a message file atomically; replacing an existing file (force) needs its lock. */
export async function writeMessage(path: string, doc: Y.Doc, force: boolean): Promise<void> {
  const release = force ? await lockMessage(path) : null;
  try {
    await writeLocked(path, doc, force);
  } finally {
    await release?.();
  }
}

/** Writes a message file atomically, for a caller that holds its lock (or creates it new: `replace` false). */
export async function writeLocked(path: string, doc: Y.Doc, replace: boolean): Promise<void> {
  try {
    await createMessageFile(path, doc, replace);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(`${path} already exists; add --force to replace it`, EXIT.usage);
    }
    throw pathError(error, path, 'write');
  }
}
