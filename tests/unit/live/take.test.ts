// "Open from server…" through the services, as the renderer calls it, against a real live server on
// 127.0.0.1: Ben takes Ada's message he has no file of, and a server copy that does not stand by
// itself (a roster by a key Ben has no card of, a roster without Ben, a forged record) becomes no file.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMessageFile } from '../../../electron/services/files/message-file';
import { checkServerCopy } from '../../../electron/services/live/server-copy';
import { messageText, readMeta } from '../../../shared/document';
import { RECORDS } from '../../../shared/signoff';
import { message, person, until } from '../../helpers/live';
import { passCard, liveTestbed, type, type Signet } from '../../helpers/live-signets';

const { signet, startServer } = liveTestbed();

/** Ada's message, with `members` on its roster beside her, brought to a fresh live server by her joining it. */
async function adasLive(ada: Signet, members: Signet[]) {
  const server = await startServer(join(ada.dir, 'server'));
  const adaKey = (await ada.call('profile.get'))!.publicKey;
  const keys = await Promise.all(members.map((m) => passCard(m, ada)));
  const path = await ada.call('message.create', { template: 'blank', title: 'Harbour address' });
  await ada.call('message.open', path);
  const roster = [{ publicKey: adaKey, roles: ['owner', 'author'] as const }, ...keys.map((publicKey) => ({ publicKey, roles: ['author'] as const }))];
  await ada.call('signoff.step', path, { action: 'change-roster', members: roster.map((m) => ({ ...m, roles: [...m.roles] })) });
  await type(ada, path, 'Good morning, harbour. ');
  await ada.call('live.join', path, server.url);
  await until('Ada connected', () => ada.last()?.status.state === 'connected');
  return { path, url: server.url, id: readMeta(ada.services.open.get(path)!.doc).id };
}

/** Opens from the server once it has Ada's first copy (until then it has no such message, and nothing is written): its reply. */
async function take(who: Signet, url: string, id: string) {
  for (let tries = 0; ; tries += 1) {
    const reply = await who.services.dispatch('live.openFromServer', [url, id]);
    if (reply.ok || reply.error.code !== 'not-found' || tries > 50) return reply;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const libraryFiles = async (who: Signet) => (await readdir(join(who.dir, 'lib'))).filter((n) => n.endsWith('.signet')).sort();

it("Ben takes Ada's message from the server: a new file in his library with her words, opened and joined live", async () => {
  const ada = await signet('Ada Mensah');
  const ben = await signet('Ben Okafor');
  await passCard(ada, ben);
  const { path: adas, url, id } = await adasLive(ada, [ben]);
  // A file of another message already has the name the new one would take: it is left as it was.
  await ben.call('message.create', { template: 'blank', title: 'Harbour address' });
  const [other] = await libraryFiles(ben);
  const otherBytes = await readFile(join(ben.dir, 'lib', other));

  const bens = join(ben.dir, 'lib', 'Harbour address 2.signet');
  expect(await take(ben, url, id)).toEqual({ ok: true, value: { path: bens, existing: false } });
  expect(await libraryFiles(ben)).toEqual(['Harbour address 2.signet', 'Harbour address.signet']);
  expect(await readFile(join(ben.dir, 'lib', other))).toEqual(otherBytes);
  expect(messageText((await readMessageFile(bens)).doc)).toContain('Good morning, harbour.');
  expect(await ben.call('live.session', bens)).toMatchObject({ server: new URL(url).host });
  await until('Ben connected', () => ben.last()?.status.state === 'connected');

  // Joined: what Ada types next reaches Ben's new file.
  await type(ada, adas, 'Welcome aboard. ');
  await until("Ada's next words in Ben's file", () => messageText(ben.services.open.get(bens)!.doc).includes('Welcome aboard.'), 5_000);
}, 30_000);

it("refuses a server copy whose roster was signed by a key Ben has no member card of, writing nothing", async () => {
  const ada = await signet('Ada Mensah');
  const ben = await signet('Ben Okafor');
  const { url, id } = await adasLive(ada, [ben]);
  expect(await take(ben, url, id)).toMatchObject({ ok: false, error: {
    code: 'forbidden',
    message: expect.stringMatching(/^The roster of "Harbour address" was signed by key [0-9A-Z ]+ \("Ada Mensah"\), whose member card you have not imported: .* Nothing was written\.$/),
  } });
  expect(await libraryFiles(ben)).toEqual([]);
}, 30_000);

it('refuses when Ben is not on the roster (the server says so), a server not there is said to be unreachable, and a bad address or id is refused before dialling', async () => {
  const ada = await signet('Ada Mensah');
  const ben = await signet('Ben Okafor');
  const carmen = await signet('Carmen Ruiz');
  await passCard(ada, ben);
  const { url, id } = await adasLive(ada, [carmen]);
  expect(await take(ben, url, id)).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('is not on the roster of "Harbour address"') } });
  expect(await ben.refused('live.openFromServer', 'http://example.org', id)).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('not a live server') });
  expect(await ben.refused('live.openFromServer', '127.0.0.1:1', id)).toEqual({ code: 'io', message: expect.stringContaining('could not be reached') });
  expect(await ben.refused('live.openFromServer', url, '../other')).toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('is not a message id') });
  expect(await libraryFiles(ben)).toEqual([]);
}, 30_000);

it("the server's copy is checked by itself: a roster without the person, a forged record, another message, nothing at all", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'signet-take-'));
  const [ada, ben, cat] = await Promise.all([person(dir, 'Ada Mensah', ['owner', 'author']), person(dir, 'Ben Okafor', ['author']), person(dir, 'Cat Lindqvist', ['author'])]);
  const cards = [ada.member];
  // A hostile server can send what it likes: Ada's genuine message, but its roster without Ben.
  expect(() => checkServerCopy(message('m1', ada, [cat]), 'm1', ben.member.publicKey, cards)).toThrow(/^Your key [0-9A-Z ]+ is not on the roster of "Harbour address"; ask its owner to add you\. Nothing was written\.$/);
  expect(() => checkServerCopy(message('m1', ada, [ben]), 'm1', ben.member.publicKey, cards)).not.toThrow();
  expect(() => checkServerCopy(message('m2', ada, [ben]), 'm1', ben.member.publicKey, cards)).toThrow(/sent another message \("m2"\) for "m1"/);
  expect(() => checkServerCopy(new Y.Doc({ gc: false }), 'm1', ben.member.publicKey, cards)).toThrow(/has no message "m1"/);
  // A roster Ben's name was slipped into after Ada signed it.
  const forged = message('m1', ada, [cat]);
  const records = forged.getArray<Record<string, unknown>>(RECORDS);
  const signed = records.get(0);
  forged.transact(() => {
    records.delete(0);
    records.insert(0, [{ ...signed, members: [...(signed.members as unknown[]), { ...ben.member }] }]);
  });
  expect(() => checkServerCopy(forged, 'm1', ben.member.publicKey, cards)).toThrow(/carries a sign-off record that does not verify \(Record 1 .*forged/);
  await rm(dir, { recursive: true, force: true });
});

it('a message Ben already has is not fetched again: his file is opened and joined, and no second file is made', async () => {
  const ada = await signet('Ada Mensah');
  const ben = await signet('Ben Okafor');
  const { path: adas, url, id } = await adasLive(ada, [ben]);
  await ada.services.open.get(adas)!.flush();
  const bens = join(ben.dir, 'lib', 'Harbour address.signet');
  await mkdir(join(ben.dir, 'lib'), { recursive: true });
  await writeFile(bens, await readFile(adas));
  // No card of Ada's: a fetched copy would be refused, so this shows the library's file is what is opened.
  expect(await ben.call('live.openFromServer', url, id)).toEqual({ path: bens, existing: true });
  expect(await libraryFiles(ben)).toEqual(['Harbour address.signet']);
  await until('Ben connected', () => ben.last()?.status.state === 'connected');
}, 30_000);
