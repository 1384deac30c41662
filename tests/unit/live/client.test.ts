// The app's live client against a real live server on 127.0.0.1 (a free port, in this process), with
// each person's message open from a real .signet file, as the app opens it. No mock of either side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMessageFile, OpenMessage } from '../../../electron/services/files/message-store';
import { LiveClient, OFFLINE, type LiveStatus } from '../../../electron/services/live/client';
import { startLiveServer, type LiveServer } from '../../../electron/services/live/server';
import { caretFromPositions, positionsOf, type Caret } from '../../../shared/live';
import { connect, firstText, message, person, until, type Person } from '../../helpers/live';

let dir = '';
let ada: Person, ben: Person, cat: Person, dan: Person;
const opened: OpenMessage[] = [];
const clients: LiveClient[] = [];
const servers: LiveServer[] = [];

const start = async (port = 0, data = join(dir, 'data')) => {
  const server = await startLiveServer({ host: '127.0.0.1', port, dataDir: data, log: () => {} });
  servers.push(server);
  return server;
};

/** Opens `who`'s own file of the message (made from `doc` on first use) and connects it live. */
async function join_(url: string, file: string, who: Person, doc?: Y.Doc, statuses: LiveStatus[] = []) {
  if (doc) await createMessageFile(file, doc);
  const open = await OpenMessage.open(file, { flushDelayMs: 20 });
  opened.push(open);
  const client = new LiveClient({ url, name: 'msg-live', doc: open.doc, signer: who.signer, user: { name: who.member.name, color: '#2ca02c' }, onStatus: (s) => void statuses.push(s) });
  clients.push(client);
  return { open, client, statuses, text: () => firstText(open.doc).toString() };
}

/** What the file on disk holds, read afresh once the open message is closed. */
async function onDisk(open: OpenMessage): Promise<string> {
  await open.close();
  const again = await OpenMessage.open(open.path);
  try {
    return firstText(again.doc).toString();
  } finally {
    await again.close();
  }
}

/** A server of its own (data-`n`) with Ada's message on it, and Cat, its reviewer, connected. */
async function withReviewer(n: string) {
  const server = await start(0, join(dir, `data-${n}`));
  const copy = message('msg-live', ada, [ben, cat]);
  const a = await join_(server.url, join(dir, `ada-${n}.signet`), ada, copy);
  await until('Ada settled', () => a.client.status.state === 'connected' && a.client.settled);
  const c = await join_(server.url, join(dir, `cat-${n}.signet`), cat, copy);
  await until('Cat synced', () => c.client.status.state === 'connected' && c.text() === 'Good morning.');
  return { server, a, c };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'signet-live-client-'));
  [ada, ben, cat, dan] = await Promise.all([
    person(dir, 'Ada Mensah', ['owner', 'author']),
    person(dir, 'Ben Okafor', ['author']),
    person(dir, 'Cat Lindqvist', ['reviewer']),
    person(dir, 'Dan Roe', ['author']),
  ]);
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const s of servers) await s.stop();
  for (const o of opened) await o.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe('the live client', () => {
  it('keeps two authors in step through a server that restarts while they type, and both files hold every word', async () => {
    let server = await start();
    const doc = message('msg-live', ada, [ben, cat]);
    const a = await join_(server.url, join(dir, 'ada.signet'), ada, doc);
    await until('Ada connected', () => a.client.status.state === 'connected' && a.client.settled);
    const b = await join_(server.url, join(dir, 'ben.signet'), ben, doc);
    await until("Ben has Ada's copy", () => b.client.status.state === 'connected' && b.text() === 'Good morning.');
    firstText(a.open.doc).insert(0, 'Ada: ');
    firstText(b.open.doc).insert(b.text().length, ' Ben.');
    await until('both hold both', () => a.text() === 'Ada: Good morning. Ben.' && b.text() === a.text());
    await until('Ada sees Ben here', () => a.client.present().some((p) => p.name === 'Ben Okafor'));

    const port = server.port;
    await server.stop();
    await until('both offline', () => [a, b].every((p) => p.client.status.state === 'offline'));
    expect(a.statuses.at(-1)).toEqual({ state: 'offline', detail: OFFLINE });
    firstText(a.open.doc).insert(0, 'While away, ');
    firstText(b.open.doc).insert(b.text().length, ' Still here.');
    server = await start(port);
    await until('they converge', () => a.text() === b.text() && a.text().includes('While away, ') && a.text().includes(' Still here.'), 15_000);
    firstText(a.open.doc).insert(a.text().length, ' Back.');
    await until('Ben has Back', () => b.text().endsWith(' Back.'));
    await until('all sent', () => a.client.settled && b.client.settled);
    const words = a.text();
    a.client.destroy();
    b.client.destroy();
    expect(await onDisk(a.open)).toBe(words);
    expect(await onDisk(b.open)).toBe(words);
  }, 40_000);

  it("states the server's refusal of a reviewer's edit and resyncs to the server's copy", async () => {
    const { a, c } = await withReviewer('2');
    firstText(c.open.doc).insert(0, 'Cat was here. ');
    // Looked for among the statuses said: once resynced, the client is connected again at once.
    await until('refused', () => c.statuses.some((s) => s.state === 'refused'));
    expect(c.statuses.find((s) => s.state === 'refused')).toMatchObject({ reason: expect.stringMatching(/suggest changes, not make them/) });
    await new Promise((r) => setTimeout(r, 300));
    expect(a.text()).toBe('Good morning.');
    // Resynced: what Ada types next still reaches Cat.
    firstText(a.open.doc).insert(a.text().length, ' Welcome.');
    await until('Cat has Welcome', () => c.text().endsWith(' Welcome.'));
  }, 30_000);

  it('goes back to connected once it has resynced after a refusal, saying once what was refused', async () => {
    const { server: first, a, c } = await withReviewer('4');
    let server = first;
    const before = c.statuses.length;
    firstText(c.open.doc).insert(0, 'Cat was here. ');
    await until('connected again', () => c.statuses.length > before + 1 && c.client.status.state === 'connected');
    const [refusal, back, ...rest] = c.statuses.slice(before);
    expect(refusal).toMatchObject({ state: 'refused', reason: expect.stringMatching(/suggest changes, not make them/) });
    expect(back).toEqual({ state: 'connected', refused: (refusal as { reason: string }).reason });
    expect(rest).toEqual([]);
    // In step again: Ada's next words reach Cat, and a later reconnect says nothing more of the refusal.
    firstText(a.open.doc).insert(a.text().length, ' Welcome.');
    await until('Cat has Welcome', () => c.text().endsWith(' Welcome.'));
    const port = server.port;
    await server.stop();
    await until('Cat offline', () => c.client.status.state === 'offline');
    server = await start(port, join(dir, 'data-4'));
    await until('Cat connected', () => c.client.status.state === 'connected');
    expect(c.client.status).toEqual({ state: 'connected' });
    expect(c.statuses.filter((s) => s.state === 'refused')).toHaveLength(1);
  }, 30_000);

  it('cannot connect with a key that is not on the roster, and says why', async () => {
    const server = await start(0, join(dir, 'data-3'));
    const a = await join_(server.url, join(dir, 'ada-3.signet'), ada, message('msg-live', ada, [ben]));
    await until('Ada settled', () => a.client.status.state === 'connected' && a.client.settled);
    const d = await join_(server.url, join(dir, 'dan.signet'), dan, new Y.Doc({ gc: false }));
    await until('refused', () => d.client.status.state === 'refused');
    expect(d.client.status).toMatchObject({ reason: expect.stringMatching(/^The key [0-9A-Z ]+ is not on the roster of "Harbour address"/) });
    expect(d.open.doc.store.clients.size).toBe(0);
  }, 30_000);

  it("shows Ada's selection at Ben's under her name, on the same words as Ben types before them, and ignores a hostile caret", async () => {
    const server = await start(0, join(dir, 'data-5'));
    const copy = message('msg-live', ada, [ben, dan]);
    const a = await join_(server.url, join(dir, 'ada-5.signet'), ada, copy);
    await until('Ada settled', () => a.client.status.state === 'connected' && a.client.settled);
    const b = await join_(server.url, join(dir, 'ben-5.signet'), ben, copy);
    await until('Ben synced', () => b.client.status.state === 'connected' && b.text() === 'Good morning.');
    // Ada selects "morning".
    const at = (i: number) => Y.createRelativePositionFromTypeIndex(firstText(a.open.doc), i);
    a.client.setCaret(caretFromPositions(at(5), at(12)));
    const adaAtBen = () => b.client.present().find((p) => p.name === 'Ada Mensah');
    await until("Ada's caret at Ben's", () => !!adaAtBen()?.caret);
    const selected = (caret: Caret) => {
      const { anchor, focus } = positionsOf(caret);
      const [from, to] = [anchor, focus].map((p) => Y.createAbsolutePositionFromRelativePosition(p, b.open.doc)!.index);
      return b.text().slice(from, to);
    };
    expect(adaAtBen()).toMatchObject({ name: 'Ada Mensah', color: '#2ca02c' });
    expect(selected(adaAtBen()!.caret!)).toBe('morning');
    // Ben's own entry carries no caret for him to draw.
    expect(b.client.present().find((p) => p.name === 'Ben Okafor')?.caret).toBeNull();
    firstText(b.open.doc).insert(0, 'Dear all. ');
    expect(selected(adaAtBen()!.caret!)).toBe('morning');

    // Dan, on the roster, sends carets no app makes: a root of his naming, junk, a place outside the
    // text (an entry of a map the message keeps beside it). Each time, a good caret first, so its
    // going proves the bad one arrived.
    const d = connect(server.url, 'msg-live', dan, new Y.Doc({ gc: false }));
    d.provider.setAwarenessField('user', { name: 'Dan Roe', color: '#2ca02c' });
    const danAtBen = () => b.client.present().find((p) => p.name === 'Dan Roe');
    const good = caretFromPositions(Y.createRelativePositionFromTypeIndex(firstText(b.open.doc), 0), Y.createRelativePositionFromTypeIndex(firstText(b.open.doc), 4));
    const [, beside] = [...b.open.doc.share.entries()].find(([name, type]) => name !== 'root-v2' && type._map.size > 0)!;
    const outside = { item: beside._map.values().next().value!.id, assoc: 0 };
    const hostile: unknown[] = [
      { anchor: { tname: 'evil', assoc: 0 }, focus: { tname: 'evil', assoc: 0 } },
      { anchor: { item: { client: -1, clock: 2 ** 60 } }, focus: 'x' },
      { anchor: { type: { client: 1, clock: 1 }, tname: 'root-v2', extra: '<img>' }, focus: {} },
      { anchor: outside, focus: outside },
    ];
    for (const caret of hostile) {
      d.provider.setAwarenessField('caret', good);
      await until("Dan's good caret at Ben's", () => !!danAtBen()?.caret);
      d.provider.setAwarenessField('caret', caret);
      await until(`Dan's caret ${JSON.stringify(caret)} left out`, () => danAtBen()?.caret === null);
    }
    // A colour that is not a caret colour, or a state far too big: Dan is not shown at all, Ada still is.
    d.provider.setAwarenessField('user', { name: 'Dan Roe', color: 'red; background: url(x)' });
    await until('Dan not shown', () => !danAtBen());
    d.provider.setAwarenessField('user', { name: 'Dan Roe', color: '#2ca02c', pad: 'x'.repeat(5_000) });
    await new Promise((r) => setTimeout(r, 200));
    expect(danAtBen()).toBeUndefined();
    expect(selected(adaAtBen()!.caret!)).toBe('morning');
    expect(b.open.doc.share.has('evil')).toBe(false);
    expect(b.client.status.state).toBe('connected');
    d.destroy();
  }, 30_000);
});
