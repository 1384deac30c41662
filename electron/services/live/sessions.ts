// The live sessions of the open messages: one LiveClient per message, on the message's own open
// Doc, so what comes in live reaches the editor (as any change made in main does) and the file
// within a second, and what the editor writes goes out. A session holds the message open, so its
// file is never closed under a change still arriving. Who is here and their carets are announced
// as the client hears of a change, with this person's own caret sent out as the editor moves it.
import { readMeta } from '../../../shared/document';
import { parseLiveAddress, type Caret, type LivePerson, type LiveSession } from '../../../shared/live';
import { UserError } from '../errors';
import type { OpenMessages } from '../open-messages';
import type { Profiles } from '../signoff/profile';
import { LiveClient } from './client';
import { colourOf } from './presence';

interface Session {
  id: string;
  server: string;
  client: LiveClient;
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
        onPresence: () => this.lookAround(path),
      });
      const session: Session = { id, server: address.host, client, present: client.present() };
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
    session.client.destroy();
    this.announce(path, null);
    await this.messages.release(path);
  }

  /** Where this person's caret is in the message, for the others in its live session (if it has one). */
  caret(path: string, caret: Caret | null): void {
    this.sessions.get(path)?.client.setCaret(caret);
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
