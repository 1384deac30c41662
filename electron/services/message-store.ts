// The main process's owner of one open message file: it holds the document, appends every change
// to the log and flushes it within a second, compacts the log, and keeps the text in memory and
// retries when the disk refuses a write.
import * as fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import * as Y from 'yjs';
import { acquireLock } from './file-lock';
import {
  encodeMessageFile,
  encodeRecord,
  loadLog,
  writeFileAtomic,
  type LoadedMessage,
} from './message-file';

export type SaveState = 'saved' | 'saving' | 'error' | 'read-only';

export interface SaveStatus {
  state: SaveState;
  /** Why saving failed or why the message is read-only, in words a user can act on. */
  detail?: string;
}

export interface OpenOptions {
  /** Longest time a change waits in memory before it is written and flushed. */
  flushDelayMs?: number;
  retryDelayMs?: number;
  /** Compact when the log has grown by this many bytes beyond its last compacted size. */
  compactThreshold?: number;
  onStatus?: (status: SaveStatus) => void;
  /** Changes made here (not by the renderer) that the editor must receive. */
  onRemoteUpdate?: (update: Uint8Array) => void;
}

/** The origin of changes that came from the editor, so they are not echoed back to it. */
export const FROM_EDITOR = Symbol('from-editor');

export class OpenMessage {
  private pending: Uint8Array[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private status: SaveStatus;
  private compactedSize: number;
  private closed = false;

  private constructor(
    readonly path: string,
    readonly doc: Y.Doc,
    private handle: FileHandle | null,
    private goodLength: number,
    readonly readOnlyReason: string | null,
    readonly tornBytes: number,
    private readonly release: () => Promise<void>,
    private readonly options: Required<Omit<OpenOptions, 'onStatus' | 'onRemoteUpdate'>> & OpenOptions,
  ) {
    this.compactedSize = goodLength;
    this.status = readOnlyReason ? { state: 'read-only', detail: readOnlyReason } : { state: 'saved' };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_EDITOR) this.options.onRemoteUpdate?.(update);
      if (!this.readOnlyReason) this.queue(update);
    });
  }

  static async open(path: string, options: OpenOptions = {}): Promise<OpenMessage> {
    const opts = { flushDelayMs: 250, retryDelayMs: 2000, compactThreshold: 1 << 20, ...options };
    const bytes = await fs.readFile(path);
    const loaded: LoadedMessage = loadLog(bytes, path); // throws with file and offset on damage
    const lock = await acquireLock(path);
    if (!lock.held) {
      const who = lock.owner ? `process ${lock.owner.pid} on ${lock.owner.host}` : 'another program';
      return new OpenMessage(path, loaded.doc, null, loaded.validLength, `It is open in another Signet window (${who}); changes cannot be saved here.`, 0, async () => {}, opts);
    }
    let handle: FileHandle;
    try {
      handle = await fs.open(path, 'r+');
    } catch (error) {
      await lock.release();
      const reason = `The file cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); it is open read-only.`;
      return new OpenMessage(path, loaded.doc, null, loaded.validLength, reason, 0, async () => {}, opts);
    }
    if (loaded.tornBytes > 0) {
      // Cut off the torn last record so the next append lands on a whole log.
      await handle.truncate(loaded.validLength);
      await handle.sync();
    }
    return new OpenMessage(path, loaded.doc, handle, loaded.validLength, null, loaded.tornBytes, lock.release, opts);
  }

  get readOnly(): boolean {
    return this.readOnlyReason !== null;
  }

  get saveStatus(): SaveStatus {
    return this.status;
  }

  /** Applies a change that came from the editor. */
  applyFromEditor(update: Uint8Array): void {
    if (this.readOnlyReason) throw new Error(this.readOnlyReason);
    Y.applyUpdate(this.doc, update, FROM_EDITOR);
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    this.options.onStatus?.(status);
  }

  private queue(update: Uint8Array): void {
    this.pending.push(update);
    if (this.status.state !== 'error') this.setStatus({ state: 'saving' });
    if (!this.timer && !this.closed) this.timer = setTimeout(() => void this.flush(), this.options.flushDelayMs);
  }

  /** Writes every queued change to the file and flushes it to the disk. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writing = this.writing.then(() => this.writePending());
    return this.writing;
  }

  private async writePending(): Promise<void> {
    if (!this.handle || this.pending.length === 0) return;
    // A copy: changes queued while this batch is being written must stay queued.
    const batch = this.pending.slice();
    const bytes = Buffer.concat(batch.map(encodeRecord));
    try {
      await this.handle.write(bytes, 0, bytes.length, this.goodLength);
      await this.handle.datasync();
      this.goodLength += bytes.length;
      this.pending = this.pending.slice(batch.length);
      this.setStatus({ state: this.pending.length ? 'saving' : 'saved' });
      if (this.goodLength - this.compactedSize > this.options.compactThreshold) await this.compact();
    } catch (error) {
      // Whatever part of the batch reached the disk is cut off again, so the log stays whole;
      // the changes stay in memory and are tried again.
      await this.handle.truncate(this.goodLength).catch(() => {});
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' || code === 'EACCES' || code === 'EPERM' ? 'the folder cannot be written' : (error as Error).message;
      this.setStatus({ state: 'error', detail: `Cannot save: ${why}. Your text is kept here and Signet keeps trying.` });
      if (!this.closed && !this.timer) this.timer = setTimeout(() => void this.flush(), this.options.retryDelayMs);
    }
  }

  /** Rewrites the log as one record of the whole state (history kept) beside it, then renames. */
  async compact(): Promise<void> {
    if (!this.handle) return;
    const bytes = encodeMessageFile(this.doc);
    const pendingBefore = this.pending.length;
    await writeFileAtomic(this.path, bytes);
    await this.handle.close();
    this.handle = await fs.open(this.path, 'r+');
    this.goodLength = bytes.length;
    this.compactedSize = bytes.length;
    // The new file holds the whole state, queued changes included.
    this.pending = this.pending.slice(pendingBefore);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    if (this.handle && this.status.state !== 'error') {
      try {
        if (this.goodLength > this.compactedSize) await this.compact();
      } catch {
        // The log itself is whole and flushed; compaction can wait for the next open.
      }
    }
    await this.handle?.close();
    this.handle = null;
    await this.release();
    this.doc.destroy();
  }
}

/** Creates a new message file; refuses to replace an existing one unless told to. */
export async function createMessageFile(path: string, doc: Y.Doc, overwrite = false): Promise<void> {
  await writeFileAtomic(path, encodeMessageFile(doc), !overwrite);
}
