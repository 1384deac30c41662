// Each change a connection sends, in Hocuspocus's beforeHandleMessage (which it awaits, unlike
// beforeSync): checked by the gate against the server's copy, applied here at once (so the next
// message is checked against a copy that holds this one), logged, and only then handed on to
// Hocuspocus, which acknowledges it (applying it again changes nothing). A refused change is never
// applied or stored: the sender is told why in a stateless message and its connection to the
// document is closed with the same reason, so its client knows to resync. A stateless message for
// everyone is refused too: it would reach others as if the server had sent it. A change that builds
// on changes the server does not have yet (sent ahead of its sender's sync after a reconnect) waits,
// unapplied, until they come, and is checked then (live/waiting.ts).
import type { beforeHandleMessagePayload, Connection, Document } from '@hocuspocus/server';
import * as Y from 'yjs';
import { newMessageDoc, readMeta } from '../../../shared/document';
import { messageState } from '../../../shared/signoff';
import { NEW_MESSAGE, type Who } from './admission';
import { isEmptyMessage, LiveGate, LiveRefusal } from './gate';
import { AWARENESS_USER, carriedBy, REFUSED_CODE, refusalMessage, type Carried, type Presence } from './protocol';
import type { LiveStore } from './store';
import { buildsOnMissing, WaitingChanges } from './waiting';

export class Relay {
  /** The connections whose changes went through the gate: the origins the text lock trusts. */
  private readonly checked = new WeakSet<object>();
  /** Each connection's changes that wait for what they build on. */
  private readonly waiting = new WeakMap<Connection, WaitingChanges>();
  readonly gate = new LiveGate((origin) => typeof origin === 'object' && origin !== null && this.checked.has(origin));

  constructor(
    private readonly store: LiveStore,
    private readonly log: (line: string) => void,
  ) {}

  /** Hocuspocus's beforeHandleMessage: resolves once the change is stored, or throws to refuse it. */
  async handle({ update: message, document, documentName, connection, context }: beforeHandleMessagePayload): Promise<void> {
    const who = context as Who;
    if (who.refused) throw { code: REFUSED_CODE, reason: who.refused };
    let carried: Carried;
    try {
      carried = carriedBy(message);
    } catch {
      this.refuse(connection, who, documentName, 'The server could not read this message; it was not applied.');
    }
    // A stateless message sent to everyone could pass for the server's own (a refusal): none is relayed.
    if (carried.kind === 'broadcast') this.refuse(connection, who, documentName, 'Signet does not pass on messages sent to everyone; it was not sent.');
    if (carried.kind === 'awareness') return this.checkPresences(connection, document, who, documentName, carried.presences);
    if (carried.kind !== 'update') return;
    if (buildsOnMissing(document, carried.update)) return this.hold(connection, who, documentName, carried.update);
    const stored = this.apply(connection, who, documentName, carried.update);
    this.release(document, documentName);
    await this.acknowledged(stored, who, documentName);
  }

  /** Checks `update` by the gate and applies it (or throws the refusal); resolves once it is stored. */
  private apply(connection: Connection, who: Who, documentName: string, update: Uint8Array): Promise<void> {
    const { document } = connection;
    try {
      if (!isEmptyMessage(document) && !this.gate.member(document, who.publicKey)) throw new LiveRefusal('You are no longer on this message\'s roster; the change was not applied.');
      this.gate.check(documentName, document, update, who.publicKey);
    } catch (error) {
      const reason = error instanceof LiveRefusal ? error.reason : `The server could not check this change (${(error as Error).message}); it was not applied.`;
      this.refuse(connection, who, documentName, reason);
    }
    const first = isEmptyMessage(document);
    if (first) this.putOutStrangers(document, update, connection);
    this.checked.add(connection);
    Y.applyUpdate(document, update, connection);
    const stored = this.store.append(documentName, update);
    if (first) this.named(who, document, documentName);
    return stored;
  }

  private async acknowledged(stored: Promise<void>, who: Who, documentName: string): Promise<void> {
    try {
      await stored;
    } catch (error) {
      // Not acknowledged: its sender still has it, and sends it again when it connects again.
      this.log(`${who.name} (${who.roles}): a change to ${documentName} could not be stored: ${(error as Error).message}`);
      throw { code: REFUSED_CODE, reason: 'The server could not store this change, so it was not acknowledged; connect again to send it.' };
    }
  }

  /**
   * Holds a change that builds on changes the server does not have yet (see waiting.ts): Hocuspocus
   * applies a message only once this resolves, so nothing of it reaches the message before it has
   * been checked whole. Over the limits, or past the time, the connection is refused.
   */
  private hold(connection: Connection, who: Who, documentName: string, update: Uint8Array): Promise<void> {
    let waiting = this.waiting.get(connection);
    if (!waiting) {
      const reason = 'This change builds on changes the server was never sent; it was not applied.';
      waiting = new WaitingChanges(() => this.refuseWaiting(connection, who, documentName, reason));
      this.waiting.set(connection, waiting);
    }
    try {
      return waiting.hold(update);
    } catch (error) {
      throw this.refused(connection, who, documentName, (error as LiveRefusal).reason);
    }
  }

  /** After a change is applied to `document`, the held changes it completes are checked and applied, in order. */
  private release(document: Document, documentName: string): void {
    const ready = (update: Uint8Array) => !buildsOnMissing(document, update);
    for (let progress = true; progress; ) {
      progress = false;
      for (const connection of document.getConnections()) {
        const waiter = this.waiting.get(connection)?.takeReady(ready);
        if (!waiter) continue;
        progress = true;
        const who = connection.context as Who;
        try {
          this.acknowledged(this.apply(connection, who, documentName, waiter.update), who, documentName).then(waiter.resolve, waiter.reject);
        } catch (error) {
          waiter.reject(error);
        }
      }
    }
  }

  /** Refuses `connection` for a change that waited too long, if it still has any waiting. */
  private refuseWaiting(connection: Connection, who: Who, documentName: string, reason: string): void {
    if (this.waiting.get(connection)?.size) this.refused(connection, who, documentName, reason);
  }

  /**
   * A connection speaks for one awareness client (the first new state it names), under its roster
   * name, so that no one shows as someone else in "who is here". Providers also pass on what they
   * heard of others (an unchanged state, or a departure after a timeout): that is let through.
   */
  private checkPresences(connection: Connection, document: Document, who: Who, documentName: string, presences: Presence[]): void {
    for (const { clientID, state } of presences) {
      const heard = state === null || JSON.stringify(document.awareness.getStates().get(clientID) ?? null) === JSON.stringify(state);
      if (heard && clientID !== who.awarenessClient) continue;
      who.awarenessClient ??= clientID;
      if (clientID !== who.awarenessClient) this.refuse(connection, who, documentName, 'A connection may say only where its own person is; this was not passed on.');
      const user = state?.[AWARENESS_USER] as { name?: unknown } | undefined;
      if (user?.name !== undefined && user.name !== who.name && who.roles !== NEW_MESSAGE) {
        this.refuse(connection, who, documentName, `You are "${who.name}" on this message's roster, not "${String(user.name)}"; this was not passed on.`);
      }
    }
  }

  /** The bringer of a first copy, named now that the server has its roster. */
  private named(who: Who, document: Document, documentName: string): void {
    const member = this.gate.member(document, who.publicKey);
    if (!member) return;
    Object.assign(who, { name: member.name, roles: member.roles.join(', '), title: readMeta(document).title });
    this.log(`${who.name} (${who.roles}) brought the first copy of ${documentName} "${who.title}"`);
  }

  private refuse(connection: Connection, who: Who, documentName: string, reason: string): never {
    throw this.refused(connection, who, documentName, reason);
  }

  /**
   * Tells the sender and the log that a change is refused, and refuses what the connection has
   * waiting with it (nothing more of it is applied); returns what closes its connection.
   */
  private refused(connection: Connection, who: Who, documentName: string, reason: string): { code: number; reason: string } {
    who.refused = reason;
    this.log(`${who.name} (${who.roles}): a change to ${documentName} refused: ${reason}`);
    connection.sendStateless(refusalMessage(reason));
    const refusal = { code: REFUSED_CODE, reason };
    for (const waiter of this.waiting.get(connection)?.takeAll() ?? []) waiter.reject(refusal);
    return refusal;
  }

  /** Before a message's first copy is applied (and so sent to everyone connected), closes every other connection not on its roster. */
  private putOutStrangers(document: Document, firstCopy: Uint8Array, bringer: Connection): void {
    const probe = newMessageDoc();
    Y.applyUpdate(probe, firstCopy);
    const roster = new Set(messageState(probe).roster.map((m) => m.publicKey));
    probe.destroy();
    for (const connection of document.getConnections()) {
      if (connection !== bringer && !roster.has((connection.context as Who).publicKey)) {
        connection.close({ code: REFUSED_CODE, reason: 'You are not on this message\'s roster.' });
      }
    }
  }
}
