// Changes that arrive at a live server before what they build on (electron/services/live/waiting.ts):
// which those are, exactly as Yjs would leave them pending, and how much one connection may hold.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildsOnMissing, WAITING_LIMITS, WaitingChanges } from '../../../electron/services/live/waiting';

/** The updates `change` makes on `doc`, one per transaction. */
function updatesOf(doc: Y.Doc, change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const take = (u: Uint8Array) => void updates.push(u);
  doc.on('update', take);
  change();
  doc.off('update', take);
  return updates;
}

/** A server's copy and a client that has it and types on from there. */
function pair() {
  const server = new Y.Doc({ gc: false });
  server.getText('t').insert(0, 'Good morning.');
  const client = new Y.Doc({ gc: false });
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, text: client.getText('t') };
}

/** Whether Yjs itself leaves `update` pending on a copy of `doc`. */
function pendingInYjs(doc: Y.Doc, update: Uint8Array): boolean {
  const probe = new Y.Doc({ gc: false });
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(probe, update);
  return !!(probe.store.pendingStructs || probe.store.pendingDs);
}

describe('buildsOnMissing', () => {
  it('takes a change that builds only on what the server holds, or on itself', () => {
    const { server, client, text } = pair();
    const [typed] = updatesOf(client, () => text.insert(13, ' Ada.'));
    expect(buildsOnMissing(server, typed)).toBe(false);
    // What the server already has is no gap either.
    Y.applyUpdate(server, typed);
    expect(buildsOnMissing(server, typed)).toBe(false);
    expect(buildsOnMissing(server, Y.encodeStateAsUpdate(client))).toBe(false);
  });

  it('holds a change after a gap in its own clocks, as Yjs would', () => {
    const { server, client, text } = pair();
    const [, second] = updatesOf(client, () => {
      text.insert(13, ' one');
      text.insert(17, ' two');
    });
    expect(buildsOnMissing(server, second)).toBe(true);
    expect(pendingInYjs(server, second)).toBe(true);
  });

  it("holds a change placed beside, or deleting, another client's item the server never had", () => {
    const { server, client, text } = pair();
    const other = new Y.Doc({ gc: false });
    Y.applyUpdate(other, Y.encodeStateAsUpdate(client));
    const [theirs] = updatesOf(other, () => other.getText('t').insert(13, ' Cat.'));
    Y.applyUpdate(client, theirs);
    const [beside] = updatesOf(client, () => text.insert(18, ' Ada.'));
    const [deleting] = updatesOf(client, () => text.delete(13, 5));
    for (const update of [beside, deleting]) {
      expect(buildsOnMissing(server, update)).toBe(true);
      expect(pendingInYjs(server, update)).toBe(true);
    }
    // Once the server has what they build on, they may go.
    Y.applyUpdate(server, theirs);
    expect(buildsOnMissing(server, beside)).toBe(false);
  });

  it("holds an item put inside another client's type the server never had", () => {
    const { server, client } = pair();
    const other = new Y.Doc({ gc: false });
    const [made] = updatesOf(other, () => other.getArray('notes').insert(0, [new Y.Array()]));
    Y.applyUpdate(client, made);
    const [inside] = updatesOf(client, () => (client.getArray('notes').get(0) as Y.Array<string>).insert(0, ['Check the figures']));
    expect(buildsOnMissing(server, inside)).toBe(true);
    expect(pendingInYjs(server, inside)).toBe(true);
    Y.applyUpdate(server, made);
    expect(buildsOnMissing(server, inside)).toBe(false);
  });
});

describe('WaitingChanges', () => {
  afterEach(() => vi.useRealTimers());
  const change = (bytes = 10) => new Uint8Array(bytes);

  it('lets the oldest change go first, and only when it is ready', async () => {
    const waiting = new WaitingChanges(() => {});
    const [a, b] = [change(), change()];
    const gone: string[] = [];
    void waiting.hold(a).then(() => gone.push('a'));
    void waiting.hold(b).then(() => gone.push('b'));
    // b is ready, but a came first and is not: nothing goes.
    expect(waiting.takeReady((u) => u === b)).toBeUndefined();
    waiting.takeReady(() => true)!.resolve();
    waiting.takeReady(() => true)!.resolve();
    await Promise.resolve();
    expect(gone).toEqual(['a', 'b']);
    expect(waiting.size).toBe(0);
  });

  it('refuses a change over the count or the bytes one connection may hold', () => {
    const byCount = new WaitingChanges(() => {});
    for (let i = 0; i < WAITING_LIMITS.changes; i += 1) void byCount.hold(change(1));
    expect(() => byCount.hold(change(1))).toThrow(/more changes than the server holds/);
    byCount.takeAll();
    const byBytes = new WaitingChanges(() => {});
    void byBytes.hold(change(WAITING_LIMITS.bytes - 5));
    expect(() => byBytes.hold(change(6))).toThrow(/more changes than the server holds/);
    expect(byBytes.size).toBe(1);
    byBytes.takeAll();
  });

  it('says when a change has waited too long, and starts the time again when one goes', () => {
    vi.useFakeTimers();
    const expired = vi.fn();
    const waiting = new WaitingChanges(expired);
    void waiting.hold(change());
    void waiting.hold(change());
    vi.advanceTimersByTime(WAITING_LIMITS.ms - 1);
    waiting.takeReady(() => true)!.resolve();
    vi.advanceTimersByTime(WAITING_LIMITS.ms - 1);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledOnce();
    waiting.takeAll();
    void waiting.hold(change());
    waiting.takeAll();
    vi.advanceTimersByTime(WAITING_LIMITS.ms);
    expect(expired).toHaveBeenCalledOnce();
  });
});
