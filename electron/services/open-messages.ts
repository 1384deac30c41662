// The messages open in the app: one OpenMessage per path, shared by everyone who has it open (the
// editor, a rename, a sign-off step), so that two opens never race for the lock and a close never
// strands a reopen; and the revision history of each that can be written.
import type * as Y from 'yjs';
import type { Person } from '../../shared/history';
import { UserError } from './errors';
import { MessageHistory } from './history/history';
import type { Backups } from './files/backups';
import { OpenMessage } from './files/message-store';
import type { Host } from './host';

export class OpenMessages {
  readonly open = new Map<string, OpenMessage>();
  /** The revision history of each open message that can be written. */
  readonly histories = new Map<string, MessageHistory>();
  private readonly users = new Map<string, number>();
  private readonly opening = new Map<string, Promise<OpenMessage>>();
  private readonly closing = new Map<string, Promise<void>>();

  constructor(
    private readonly host: Host,
    private readonly me: () => Promise<Person>,
    private readonly quietMs?: number,
    private readonly backups?: Backups,
  ) {}

  /** Whether the message is open or being opened (a trash must wait for its close). */
  isOpen(path: string): boolean {
    return this.open.has(path) || this.opening.has(path);
  }

  opened(path: string): OpenMessage {
    const message = this.open.get(path);
    if (!message) throw new UserError('not-found', `${path} is not open`);
    return message;
  }

  /** The history of an open message, or why it cannot be written. */
  history(path: string): MessageHistory {
    const found = this.histories.get(path);
    if (found) return found;
    const message = this.opened(path);
    throw new UserError('read-only', message.readOnlyReason ?? `${path} cannot be changed`);
  }

  private track(path: string, message: OpenMessage): void {
    if (!message.readOnly) this.histories.set(path, new MessageHistory(message, this.me, { quietMs: this.quietMs }));
  }

  async acquire(path: string): Promise<OpenMessage> {
    // A close in progress finishes first; if it failed, the message is back in `open`.
    await this.closing.get(path)?.catch(() => {});
    let message = this.open.get(path);
    if (!message) {
      let pending = this.opening.get(path);
      if (!pending) {
        pending = OpenMessage.open(path, {
          onStatus: (status) => this.host.emit('message.saveStatus', { path, status }),
          onRemoteUpdate: (update) => this.host.emit('message.changed', { path, update }),
          backup: this.backups ? (bytes) => this.backups!.keep(path, bytes) : undefined,
        }).finally(() => this.opening.delete(path));
        this.opening.set(path, pending);
      }
      message = await pending;
      this.open.set(path, message);
      this.track(path, message);
    }
    this.users.set(path, (this.users.get(path) ?? 0) + 1);
    return message;
  }

  async release(path: string): Promise<void> {
    const left = (this.users.get(path) ?? 1) - 1;
    if (left > 0) return void this.users.set(path, left);
    this.users.delete(path);
    const message = this.open.get(path);
    if (!message) return;
    this.open.delete(path);
    const done = (async () => {
      // The session's last version goes into the document before its last write.
      await this.histories.get(path)?.close();
      this.histories.delete(path);
      await message.close();
    })()
      .catch((error) => {
        // It could not save: it stays open, keeping the words and retrying.
        this.open.set(path, message);
        this.track(path, message);
        this.users.set(path, (this.users.get(path) ?? 0) + 1);
        throw error;
      })
      .finally(() => this.closing.delete(path));
    this.closing.set(path, done);
    await done;
  }

  /** Runs `use` on the open message, opening it just for that if nobody has it open. */
  async withMessage<T>(path: string, use: (message: OpenMessage) => Promise<T>): Promise<T> {
    const message = await this.acquire(path);
    try {
      return await use(message);
    } finally {
      await this.release(path);
    }
  }

  /** Runs `change` on the message's document and flushes it, opening it just for that if nobody has it open. */
  changeDoc(path: string, change: (doc: Y.Doc) => void): Promise<void> {
    return this.withMessage(path, async (message) => {
      if (message.readOnly) throw new UserError('read-only', message.readOnlyReason!);
      change(message.doc);
      await message.flush();
    });
  }

  /** Closes every open message; rejects, naming them, if any could not be saved. */
  async closeAll(): Promise<void> {
    const paths = [...this.open.keys()];
    const results = await Promise.allSettled(paths.map((p) => (this.users.set(p, 1), this.release(p))));
    const failed = paths.filter((_, i) => results[i].status === 'rejected');
    if (failed.length) throw new UserError('io', `Could not save ${failed.join(', ')}`);
  }
}
