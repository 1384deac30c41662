// The main process's owner of one open message file: it holds the document, appends every change
// to the log and flushes it within a second, compacts the log, and keeps the text in memory and
// retries when the disk refuses a write.
import * as fs from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import * as Y from 'yjs';
import { acquireLock, alive, type LockResult } from './lock';
import {
  encodeMessageFile,
  encodeRecord,
  FORMAT_VERSION,
  loadLog,
  removeAbandonedTemps,
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
  /** Keeps the file as it was before compaction replaces it (backups.ts); a failure does not stop the compaction. */
  backup?: (bytes: Buffer) => Promise<unknown>;
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
  /** Set once close() has written everything and let the file go. */
  private finished = false;
  /** Set after the file was replaced by compaction but could not be opened again. */
  private reopenNeeded = false;

  private constructor(
    readonly path: string,
    readonly doc: Y.Doc,
    private handle: FileHandle | null,
    private goodLength: number,
    readonly readOnlyReason: string | null,
    readonly tornBytes: number,
    private readonly release: () => Promise<void>,
    private readonly options: Required<Omit<OpenOptions, 'onStatus' | 'onRemoteUpdate' | 'backup'>> & OpenOptions,
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
    // The lock is taken before the file is read: read first, and another window could append to
    // or compact the file in between, and this one would then write at a stale offset.
    let lock: LockResult;
    try {
      lock = await acquireLock(path);
    } catch (error) {
      // A folder that cannot be written (a read-only share, a full disk) can still be read.
      const loaded = loadLog(await fs.readFile(path), path);
      const reason = `Signet cannot save here (${whyNotWritten(error)}); the message is open read-only.`;
      return new OpenMessage(path, loaded.doc, null, loaded.validLength, reason, 0, async () => {}, opts);
    }
    const release = lock.held ? lock.release : async () => {};
    // Only the lock holder may tidy up after a writer that died while compacting.
    if (lock.held) await removeAbandonedTemps(path, alive).catch(() => 0);
    let loaded: LoadedMessage;
    try {
      loaded = loadLog(await fs.readFile(path), path); // throws with file and offset on damage
    } catch (error) {
      await release();
      throw error;
    }
    if (!lock.held) {
      const who = lock.owner ? `process ${lock.owner.pid} on ${lock.owner.host}` : 'another program';
      return new OpenMessage(path, loaded.doc, null, loaded.validLength, `It is open in another Signet window (${who}); changes cannot be saved here.`, 0, async () => {}, opts);
    }
    let handle: FileHandle;
    try {
      handle = await fs.open(path, 'r+');
    } catch (error) {
      await release();
      const reason = `The file cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); it is open read-only.`;
      return new OpenMessage(path, loaded.doc, null, loaded.validLength, reason, 0, async () => {}, opts);
    }
    if (loaded.tornBytes > 0) {
      // Cut off the torn last record so the next append lands on a whole log.
      try {
        await handle.truncate(loaded.validLength);
        await handle.sync();
      } catch (error) {
        await handle.close().catch(() => {});
        await release();
        throw error;
      }
    }
    const message = new OpenMessage(path, loaded.doc, handle, loaded.validLength, null, loaded.tornBytes, release, opts);
    // A file in an older format is rewritten in this one (its old bytes kept as a backup), so
    // that changes are never appended in a framing the rest of the file does not use.
    if (loaded.version < FORMAT_VERSION) {
      try {
        await message.compact();
      } catch (error) {
        await message.close().catch(() => {});
        throw error;
      }
    }
    return message;
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
    if (this.finished) throw new Error(`${this.path} was closed; its changes can no longer be saved here`);
    Y.applyUpdate(this.doc, update, FROM_EDITOR);
  }

  private setStatus(status: SaveStatus): void {
    // Only a change is announced: the editor re-renders on each one.
    if (status.state === this.status.state && status.detail === this.status.detail) return;
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

  /** Writes all of `bytes` at `position`: a write may store only part of what it was given. */
  private async writeAll(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
    for (let done = 0; done < bytes.length; ) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
      if (bytesWritten <= 0) throw Object.assign(new Error('the disk accepted no more bytes'), { code: 'ENOSPC' });
      done += bytesWritten;
    }
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0 || this.readOnlyReason || (!this.handle && !this.reopenNeeded)) return;
    // A copy: changes queued while this batch is being written must stay queued.
    const batch = this.pending.slice();
    const bytes = Buffer.concat(batch.map((update) => encodeRecord(update)));
    try {
      if (this.reopenNeeded) {
        this.handle = await fs.open(this.path, 'r+');
        this.reopenNeeded = false;
      }
      await this.writeAll(this.handle!, bytes, this.goodLength);
      await this.handle!.datasync();
    } catch (error) {
      // Whatever part of the batch reached the disk is cut off again, so the log stays whole;
      // the changes stay in memory and are tried again.
      await this.handle?.truncate(this.goodLength).catch(() => {});
      this.setStatus({ state: 'error', detail: `Cannot save: ${whyNotWritten(error)}. Your text is kept here and Signet keeps trying.` });
      if (!this.closed && !this.timer) this.timer = setTimeout(() => void this.flush(), this.options.retryDelayMs);
      return;
    }
    this.goodLength += bytes.length;
    this.pending = this.pending.slice(batch.length);
    this.setStatus({ state: this.pending.length ? 'saving' : 'saved' });
    if (this.goodLength - this.compactedSize > this.options.compactThreshold) {
      try {
        await this.compactNow();
      } catch {
        // The log is whole and flushed, so nothing is lost and nothing needs saying; try again
        // once the log has grown by another threshold's worth.
        this.compactedSize = this.goodLength;
      }
    }
  }

  /** Rewrites the log as one record of the whole state (history kept) beside it, then renames. */
  compact(): Promise<void> {
    // In line with appends, so that an append never goes to a file that compaction has replaced.
    const run = this.writing.then(() => this.compactNow());
    this.writing = run.catch(() => {});
    return run;
  }

  private async compactNow(): Promise<void> {
    if (!this.handle || this.readOnlyReason) return;
    const bytes = encodeMessageFile(this.doc);
    const pendingBefore = this.pending.length;
    if (this.options.backup) await this.options.backup(await fs.readFile(this.path)).catch(() => {});
    await writeFileAtomic(this.path, bytes);
    // From here the file on disk is the new one: the old handle must never be written again.
    const old = this.handle;
    this.handle = null;
    this.reopenNeeded = true;
    this.goodLength = bytes.length;
    this.compactedSize = bytes.length;
    // The new file holds the whole state, queued changes included.
    this.pending = this.pending.slice(pendingBefore);
    await old.close().catch(() => {});
    this.handle = await fs.open(this.path, 'r+');
    this.reopenNeeded = false;
  }

  /**
   * Saves what is left and lets go of the file. If the last changes cannot be written, the
   * message stays open (still trying, text kept) and this rejects; call it again to retry.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    // Changes that arrived during that write are written too, unless the disk refuses.
    while (this.pending.length > 0 && this.status.state !== 'error' && !this.readOnlyReason) await this.flush();
    if (this.pending.length > 0 && !this.readOnlyReason) {
      this.closed = false;
      if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.options.retryDelayMs);
      throw new Error(this.status.detail ?? 'Cannot save the last changes.');
    }
    if (this.handle && this.goodLength > this.compactedSize) {
      await this.compact().catch(() => {
        // The log itself is whole and flushed; compaction can wait for the next session.
      });
    }
    await this.handle?.close().catch(() => {});
    this.handle = null;
    this.reopenNeeded = false;
    await this.release();
    this.finished = true;
    this.doc.destroy();
  }
}

/** A reason a write failed, in words a user can act on. */
function whyNotWritten(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EDQUOT') return 'your disk quota is used up';
  if (code === 'EFBIG') return 'the file is too large for this disk';
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'the folder cannot be written';
  return (error as Error).message;
}

/** Creates a new message file; refuses to replace an existing one unless told to. */
export async function createMessageFile(path: string, doc: Y.Doc, overwrite = false): Promise<void> {
  await writeFileAtomic(path, encodeMessageFile(doc), !overwrite);
}
