// Reading inputs without touching them, and writing outputs only through the atomic writer.
import { promises as fs, type Stats } from 'node:fs';
import type * as Y from 'yjs';
import { acquireLock } from '../services/files/lock';
import { loadLog, type LoadedMessage } from '../services/files/message-file';
import { createMessageFile } from '../services/files/message-store';
import { readRegularFile } from '../services/files/regular-file';
import { CliError, EXIT, pathError } from './errors';

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

/** Reads a whole message; damage throws MessageFileError (exit 1), a torn tail is only warned about. */
export async function loadMessage(path: string, warn: (text: string) => void): Promise<LoadedMessage> {
  const loaded = loadLog(await readInput(path), path);
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
