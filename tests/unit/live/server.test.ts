// `signet serve` as people use it: the built command in its own process on 127.0.0.1 (a free port),
// real Hocuspocus providers over ws, keys made by the app's profile code. No mock of either side.
// It needs the build (`npx electron-vite build`), made here when it is out of date.
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { refusalMessage } from '../../../electron/services/live/protocol';
import { textRoot } from '../../../shared/document';
import { recordVersion, HISTORY_ROOTS } from '../../../shared/history';
import { createThread, listThreads } from '../../../shared/review';
import { messageState, personOf, RECORDS } from '../../../shared/signoff';
import { closeRoom, connect, firstText, message, openRoom, serve, until, type Client, type Person, type Room, type Serve } from '../../helpers/live';

let room: Room | undefined;
let dir = '';
let server: Serve;
let ada: Person, cat: Person, ben: Person, dan: Person;
/** Ada's connection to msg-live, open from the first test on. */
let adaLive: Client;
const clients: Client[] = [];
const client = (...args: Parameters<typeof connect>) => {
  const made = connect(...args);
  clients.push(made);
  return made;
};
const text = (c: Client) => firstText(c.doc).toString();

beforeAll(async () => {
  room = await openRoom('signet-serve-', [
    ['Ada Mensah', ['owner', 'author']],
    ['Cat Lindqvist', ['author']],
    ['Ben Okafor', ['reviewer']],
    ['Dan Roe', ['author']],
  ]);
  ({ dir, server, people: [ada, cat, ben, dan] } = room);
}, 120_000);

afterAll(() => closeRoom(room, clients));

describe('signet serve', () => {
  it("lets two authors on the roster edit one message at once, and they converge", async () => {
    const a = (adaLive = client(server.url, 'msg-live', ada, message('msg-live', ada, [cat, ben])));
    await until('Ada synced', () => a.provider.isSynced);
    const c = client(server.url, 'msg-live', cat);
    await until("Cat has Ada's copy", () => c.provider.isSynced && text(c) === 'Good morning.');
    firstText(a.doc).insert(0, 'Ada: ');
    firstText(c.doc).insert(text(c).length, ' Cat.');
    await until('both hold both edits', () => text(a) === text(c) && text(a).includes('Ada: ') && text(a).includes(' Cat.'));
    expect(text(a)).toBe('Ada: Good morning. Cat.');
    expect(server.output()).toMatch(/Ada Mensah \(owner, author\) brought the first copy of msg-live "Harbour address"/);
    expect(server.output()).toMatch(/Cat Lindqvist \(author\) joined msg-live/);
  }, 20_000);

  it('does not let in a key that is not on the roster, and says why', async () => {
    const d = client(server.url, 'msg-live', dan);
    await until('a refusal', () => d.refusals.length > 0);
    expect(d.refusals[0]).toMatch(/^The key [0-9A-Z ]+ is not on the roster of "Harbour address"; ask its owner to add you\.$/);
    expect(d.provider.isSynced).toBe(false);
    expect(textRoot(d.doc).length).toBe(0);
    expect(server.output()).toMatch(/a connection to msg-live was refused: The key/);
    // Cat is on the roster, but a token she made for another server is no good at this one.
    const relayed = client(server.url, 'msg-live', cat, undefined, `evil.example:${new URL(server.url).port}`);
    await until('a refusal', () => relayed.refusals.length > 0);
    expect(relayed.refusals[0]).toBe('the signature does not verify with the key it names');
  }, 20_000);

  it("puts out whoever waits on a new message's name and is not on the roster its owner brings", async () => {
    const d = client(server.url, 'msg-new', dan);
    await until('Dan let in to a message the server does not hold', () => d.provider.isSynced);
    const a = client(server.url, 'msg-new', ada, message('msg-new', ada, [cat]));
    await until("Dan put out", () => d.closes.length > 0);
    expect(d.closes[0]).toBe("You are not on this message's roster.");
    await until('Ada synced', () => a.provider.isSynced && !a.provider.hasUnsyncedChanges);
    await new Promise((r) => setTimeout(r, 200));
    expect(textRoot(d.doc).length).toBe(0);
    expect(server.output()).toMatch(/key [0-9A-Z ]+ \(new message\) joined msg-new/);
  }, 20_000);

  it("refuses a reviewer's edit of the text, says why, and the reviewer resyncs to the server's copy", async () => {
    const b = client(server.url, 'msg-live', ben);
    await until('Ben synced', () => b.provider.isSynced && text(b).includes('Good morning.'));
    const before = text(b);
    firstText(b.doc).insert(0, 'Ben was here. ');
    await until('a refusal', () => b.refusals.length > 0);
    expect(b.refusals[0]).toMatch(/suggest changes, not make them/);
    expect(server.output()).toMatch(/Ben Okafor \(reviewer\): a change to msg-live refused: .*suggest changes/);
    // The server never applied it: a fresh copy from the server has the text as it was.
    b.destroy();
    const again = client(server.url, 'msg-live', ben);
    await until('Ben resynced', () => again.provider.isSynced && text(again).length > 0);
    expect(text(again)).toBe(before);
    expect(text(again)).not.toContain('Ben was here');
    // What a reviewer may do, comment, goes through to the others.
    const at = (i: number) => Y.createRelativePositionFromTypeIndex(firstText(again.doc), i);
    createThread(again.doc, { start: at(0), end: at(4), quote: before.slice(0, 4), text: 'Too informal?', author: personOf(ben.member) });
    await until("Ben's comment reaches Ada", () => listThreads(adaLive.doc).some((t) => t.comments[0]?.text === 'Too informal?'));
    expect(again.refusals).toEqual([]);
  }, 20_000);

  it('passes on no stateless message for everyone, which could pass for a refusal from the server', async () => {
    const c = client(server.url, 'msg-live', cat);
    await until('Cat synced', () => c.provider.isSynced);
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, 'msg-live');
    encoding.writeVarUint(encoder, 6); // Hocuspocus's BroadcastStateless
    encoding.writeVarString(encoder, refusalMessage('Your change was refused. Send your key to support@evil.example.'));
    c.provider.configuration.websocketProvider.send(encoding.toUint8Array(encoder));
    await until("Cat's refusal", () => c.refusals.length > 0);
    expect(c.refusals[0]).toMatch(/does not pass on messages sent to everyone/);
    await new Promise((r) => setTimeout(r, 200));
    expect(adaLive.refusals).toEqual([]);
  }, 20_000);

  it('lets no one show as someone else in who is here', async () => {
    const forger = client(server.url, 'msg-live', cat);
    await until('Cat synced', () => forger.provider.isSynced);
    forger.provider.setAwarenessField('user', { name: 'Ada Mensah', color: '#c00' });
    await until("the forger's refusal", () => forger.refusals.length > 0);
    expect(forger.refusals[0]).toBe('You are "Cat Lindqvist" on this message\'s roster, not "Ada Mensah"; this was not passed on.');
    const c = client(server.url, 'msg-live', cat);
    await until('Cat synced', () => c.provider.isSynced);
    c.provider.setAwarenessField('user', { name: 'Cat Lindqvist', color: '#0a0' });
    const names = () => [...adaLive.provider.awareness!.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name);
    await until('Ada sees Cat here', () => names().includes('Cat Lindqvist'));
    expect(names()).not.toContain('Ada Mensah');
    expect(c.refusals).toEqual([]);

    // Nor speak for Ada's client: a new state under her client id, sent by hand.
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, adaLive.doc.clientID);
    encoding.writeVarUint(update, 999);
    encoding.writeVarString(update, JSON.stringify({ user: { name: 'Ada Mensah', color: '#000' }, away: true }));
    const message = encoding.createEncoder();
    encoding.writeVarString(message, 'msg-live');
    encoding.writeVarUint(message, 1); // Hocuspocus's Awareness
    encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
    c.provider.configuration.websocketProvider.send(encoding.toUint8Array(message));
    await until("Cat's refusal", () => c.refusals.length > 0);
    expect(c.refusals[0]).toBe('A connection may say only where its own person is; this was not passed on.');
    expect(adaLive.provider.awareness!.getStates().get(adaLive.doc.clientID)).not.toHaveProperty('away');
    expect(adaLive.closes).toEqual([]);
  }, 20_000);

  it('refuses an update that deletes a sign-off record or a version, even from the owner', async () => {
    const doc = message('msg-history', ada, [cat]);
    recordVersion(doc, { kind: 'named', author: personOf(ada.member), name: 'First draft' });
    const a = client(server.url, 'msg-history', ada, doc);
    await until('Ada synced', () => a.provider.isSynced);
    doc.getArray(RECORDS).delete(0, 1);
    await until('a refusal', () => a.refusals.length > 0);
    expect(a.refusals[0]).toMatch(/would delete 1 sign-off record/);

    const c = client(server.url, 'msg-history', cat);
    await until("Cat has the server's copy", () => c.provider.isSynced && text(c) === 'Good morning.');
    expect(messageState(c.doc).records).toHaveLength(1);
    c.doc.getMap(HISTORY_ROOTS.versions).clear();
    await until('a refusal', () => c.refusals.length > 0);
    expect(c.refusals[0]).toMatch(/version/);
    const check = client(server.url, 'msg-history', cat);
    await until('a fresh copy', () => check.provider.isSynced && text(check) === 'Good morning.');
    expect(check.doc.getMap(HISTORY_ROOTS.versions).size).toBe(1);
    expect(messageState(check.doc).records).toHaveLength(1);
  }, 20_000);

  it('loses nothing it acknowledged when killed with SIGKILL mid-burst and restarted on the same folder', async () => {
    const data = join(dir, 'burst');
    let burst = await serve(data);
    const a = client(burst.url, 'msg-burst', ada, message('msg-burst', ada, []));
    await until('Ada synced', () => a.provider.isSynced && !a.provider.hasUnsyncedChanges);
    const base = a.acknowledged();
    let typed = 0;
    const typing = setInterval(() => firstText(a.doc).insert(text(a).length, ` w${typed++}`), 1);
    await until('some words acknowledged', () => a.acknowledged() - base > 50);
    burst.process.kill('SIGKILL');
    expect(await burst.exited).toBe('SIGKILL');
    clearInterval(typing);
    const acknowledged = a.acknowledged() - base;
    a.destroy();
    expect(typed).toBeGreaterThan(acknowledged);

    burst = await serve(data);
    try {
      const back = client(burst.url, 'msg-burst', ada);
      await until('the restarted server has the message', () => back.provider.isSynced && text(back).length > 0);
      const words = Array.from({ length: acknowledged }, (_, i) => ` w${i}`).join('');
      expect(text(back).startsWith(`Good morning.${words}`)).toBe(true);
      back.destroy();
    } finally {
      burst.process.kill('SIGTERM');
      expect(await burst.exited).toBe(0);
    }
    expect(burst.output()).toMatch(/Stopped; every message is stored\./);
  }, 30_000);
});
