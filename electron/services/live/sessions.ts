// The live sessions of the open messages: one LiveClient per message, on the message's own open
// Doc, so what comes in live reaches the editor (as any change made in main does) and the file
// within a second, and what the editor writes goes out. A session holds the message open, so its
// file is never closed under a change still arriving.
import { createHash } from 'node:crypto';
import { readMeta } from '../../../shared/document';
import { parseLiveAddress, type LivePerson, type LiveSession } from '../../../shared/live';
import { UserError } from '../errors';
import type { OpenMessages } from '../open-messages';
import type { Profiles } from '../signoff/profile';
import { LiveClient } from './client';

/** Caret colours that read on white and on each other. */
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#e377c2', '#8c564b', '#ff7f0e', '#17becf'];

/** A person's colour, the same on every machine: from their public key. */
export function colourOf(publicKey: string): string {
  return COLOURS[createHash('sha256').update(publicKey).digest()[0] % COLOURS.length];
}

/** How often "who is here" is looked at: the client reports connection changes, not presence. */
const PRESENCE_MS = 500;

interface Session {
  id: string;
  server: string;
  client: LiveClient;
  watch: ReturnType<typeof setInterval>;
  present: LivePerson[];
}

export class LiveSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly joining = new Set<string>();

  constructor(
    private readonly messages: OpenMessages,
    private readonly profiles: Profiles,
    private readonly announce: (path: string, session: LiveSession | null) => void,
  ) {}

  view(path: string): LiveSession | null {
    const s = this.sessions.get(path);
    return s ? { id: s.id, server: s.server, status: s.client.status, present: s.present } : null;
  }

  /** Connects the open message at `path` to the server the person typed, proving their key. */
  async join(path: string, typed: string): Promise<LiveSession> {
    const address = parseLiveAddress(typed);
    if ('problem' in address) throw new UserError('invalid-argument', address.problem);
    const open = this.messages.opened(path);
    if (open.readOnly) throw new UserError('read-only', open.readOnlyReason!);
    if (this.joining.has(path)) throw new UserError('exists', 'This message is already joining a live session.');
    this.joining.add(path);
    try {
      const { profile, signer } = await this.profiles.ready();
      await this.leave(path);
      const message = await this.messages.acquire(path);
      const id = readMeta(message.doc).id;
      const client = new LiveClient({
        url: address.url,
        name: id,
        doc: message.doc,
        signer,
        user: { name: profile.name, color: colourOf(profile.publicKey) },
        onStatus: () => this.sessions.has(path) && this.announce(path, this.view(path)),
      });
      const session: Session = { id, server: address.host, client, present: [], watch: setInterval(() => this.lookAround(path), PRESENCE_MS) };
      this.sessions.set(path, session);
      return this.view(path)!;
    } finally {
      this.joining.delete(path);
    }
  }

  /** Ends the message's live session; its words stay in the file, which is let go. */
  async leave(path: string): Promise<void> {
    const session = this.sessions.get(path);
    if (!session) return;
    this.sessions.delete(path);
    clearInterval(session.watch);
    session.client.destroy();
    this.announce(path, null);
    await this.messages.release(path);
  }

  async leaveAll(): Promise<void> {
    for (const path of [...this.sessions.keys()]) await this.leave(path);
  }

  private lookAround(path: string): void {
    const session = this.sessions.get(path);
    if (!session) return;
    const present = session.client.present();
    if (JSON.stringify(present) === JSON.stringify(session.present)) return;
    session.present = present;
    this.announce(path, this.view(path));
  }
}
