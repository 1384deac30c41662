// Changes that arrive before what they build on. A provider that reconnects sends what is typed at
// once, but what it typed while offline only in its reply to the server's sync step 1, a round trip
// later: an honest change can name items the server does not hold yet. Yjs would keep such a change
// pending and integrate it unchecked once the rest came; the server instead holds it aside, checks
// nothing and applies nothing of it until everything it builds on is there, and then checks it as
// any other change. What one connection may hold is bounded in count, bytes and time, so a change
// that names content that never comes costs a bounded amount and is then refused.
import * as Y from 'yjs';
import { LiveRefusal } from './gate';

/**
 * How much one connection may have waiting. A provider queues what is typed while offline and sends
 * it all on reconnect, ahead of its sync: a day of typing is some thousands of changes of tens of
 * bytes. Each waiting change also costs its message's promise (a few hundred bytes).
 */
export const WAITING_LIMITS = { changes: 10_000, bytes: 4 * 1024 * 1024, ms: 10_000 };

/**
 * Whether `update` builds on something `doc` does not hold and `update` does not carry: a gap in a
 * client's clocks, an item placed next to or inside an unknown item, or a deletion of one. These
 * are exactly the changes Yjs would leave pending.
 */
export function buildsOnMissing(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  // How far each client's clocks reach with this update, where they run on without a gap.
  const reach = new Map<number, number>();
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(doc.store, client);
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    if (s.id.clock > reachOf(s.id.client)) return true;
    reach.set(s.id.client, Math.max(reachOf(s.id.client), s.id.clock + s.length));
  }
  const unknown = (id: Y.ID | null | undefined) => !!id && id.clock >= reachOf(id.client);
  for (const s of structs) {
    if (s instanceof Y.Item && (unknown(s.origin) || unknown(s.rightOrigin) || (s.parent instanceof Y.ID && unknown(s.parent)))) return true;
  }
  for (const [client, ranges] of ds.clients) if (ranges.some((r) => r.clock + r.len > reachOf(client))) return true;
  return false;
}

export interface Waiter {
  update: Uint8Array;
  /** Its sender's acknowledgement goes ahead (once it is applied and stored)… */
  resolve(): void;
  /** …or it is refused. */
  reject(error: unknown): void;
}

/**
 * One connection's changes waiting for what they build on. They go on in the order they came (one
 * connection's changes build on each other in that order), so only the oldest is ever looked at:
 * a change applied costs one check, however many wait.
 */
export class WaitingChanges {
  private held: Waiter[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;

  /** `expired` is told when a change has waited longer than WAITING_LIMITS.ms. */
  constructor(private readonly expired: () => void) {}

  get size(): number {
    return this.held.length;
  }

  /** Holds `update`; resolves when it went through, rejects when refused. Throws LiveRefusal over the limits. */
  hold(update: Uint8Array): Promise<void> {
    if (this.held.length >= WAITING_LIMITS.changes || this.bytes + update.length > WAITING_LIMITS.bytes) {
      throw new LiveRefusal('This connection sent more changes than the server holds while they wait for changes it was never sent; they were not applied.');
    }
    return new Promise((resolve, reject) => {
      this.held.push({ update, resolve, reject });
      this.bytes += update.length;
      this.timer ??= setTimeout(this.expired, WAITING_LIMITS.ms).unref();
    });
  }

  /** Takes out the oldest change if `ready` says it may go now, or undefined. */
  takeReady(ready: (update: Uint8Array) => boolean): Waiter | undefined {
    if (!this.held.length || !ready(this.held[0].update)) return undefined;
    const waiter = this.held.shift()!;
    this.bytes -= waiter.update.length;
    // What is still waiting gets the full time again: the connection is sending what was missing.
    this.stopClock();
    if (this.held.length) this.timer = setTimeout(this.expired, WAITING_LIMITS.ms).unref();
    return waiter;
  }

  /** Takes out everything (the connection is refused or gone). */
  takeAll(): Waiter[] {
    const all = this.held;
    this.held = [];
    this.bytes = 0;
    this.stopClock();
    return all;
  }

  private stopClock(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
