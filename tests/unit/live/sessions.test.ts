// "Work together live" through the services, as the renderer calls them: Ada and Ben, each with
// their own Signet (data folder, profile, file of the message), join a real live server on
// 127.0.0.1; what one types reaches the other's file, and the status and who is here are announced.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readMessageFile } from '../../../electron/services/files/message-file';
import * as Y from 'yjs';
import { messageText, textRoot } from '../../../shared/document';
import { caretFromPositions, type LiveSession } from '../../../shared/live';
import { callers, testServices } from '../../helpers/services';
import { passCard, liveTestbed, type, type Signet } from '../../helpers/live-signets';
import { until } from '../../helpers/live';

const { signet, startServer, running } = liveTestbed();

/** Ada's message with Ben on its roster as an author, and Ben's own file of it. */
async function shared(ada: Signet, ben: Signet) {
  const benKey = await passCard(ben, ada);
  const adaKey = (await ada.call('profile.get'))!.publicKey;
  const path = await ada.call('message.create', { template: 'blank', title: 'Harbour address' });
  await ada.call('message.open', path);
  await ada.call('signoff.step', path, { action: 'change-roster', members: [{ publicKey: adaKey, roles: ['owner', 'author'] }, { publicKey: benKey, roles: ['author'] }] });
  await ada.services.open.get(path)!.flush();
  const bens = join(ben.dir, 'lib', 'Harbour address.signet');
  await mkdir(join(ben.dir, 'lib'), { recursive: true });
  await copyFile(path, bens);
  ben.services.grant(bens);
  await ben.call('message.open', bens);
  return { adas: path, bens };
}

it('joins a live server: what Ada types is in Ben\'s file within a second, and both are announced as here', async () => {
  const ada = await signet('Ada Lovelace');
  const ben = await signet('Ben Okafor');
  const server = await startServer(join(ada.dir, 'server'));
  const { adas, bens } = await shared(ada, ben);
  const joined = await ada.call('live.join', adas, server.url.replace('ws://', ''));
  expect(joined.server).toBe(new URL(server.url).host);
  await ben.call('live.join', bens, server.url);
  await until('both connected', () => ada.last()?.status.state === 'connected' && ben.last()?.status.state === 'connected');
  await until('each sees both', () => [ada, ben].every((s) => s.last()?.present.length === 2));
  expect(ada.last()!.present.map((p) => p.name).sort()).toEqual(['Ada Lovelace', 'Ben Okafor']);
  expect(ada.last()!.present.every((p) => /^#[0-9a-f]{6}$/.test(p.color))).toBe(true);

  await type(ada, adas, 'Good morning, harbour. ');
  const started = Date.now();
  await until("Ada's words in Ben's file", () => messageText(ben.services.open.get(bens)!.doc).includes('Good morning, harbour.'), 5_000);
  await ben.services.open.get(bens)!.flush();
  expect(messageText((await readMessageFile(bens)).doc)).toContain('Good morning, harbour.');
  expect(Date.now() - started).toBeLessThan(1_000);

  // Ada's caret after "harbour", as her editor sends it: announced at Ben's under her name.
  const adaText = (textRoot(ada.services.open.get(adas)!.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const at = Y.createRelativePositionFromTypeIndex(adaText, 'Good morning, harbour'.length);
  await ada.call('live.caret', adas, caretFromPositions(at, at));
  await until("Ada's caret at Ben's", () => !!ben.last()?.present.find((p) => p.name === 'Ada Lovelace')?.caret);
  expect(ada.last()!.present.every((p) => p.caret === null)).toBe(true);
  expect(await ada.refused('live.caret', adas, { anchor: { tname: 'comments' }, focus: {} } as never)).toMatchObject({ code: 'invalid-argument' });

  await ben.call('live.leave', bens);
  expect(ben.last()).toBeNull();
  expect(await ben.call('live.session', bens)).toBeNull();
  await until('Ada sees Ben gone', () => ada.last()?.present.length === 1);
});

it('refuses a bad address, a message not open and a locked key, saying what to do', async () => {
  const ada = await signet('Ada Lovelace');
  const path = await ada.call('message.create', { template: 'blank' });
  expect(await ada.refused('live.join', path, 'localhost:4455')).toMatchObject({ code: 'not-found' });
  await ada.call('message.open', path);
  expect(await ada.refused('live.join', path, 'http://example.org')).toEqual({ code: 'invalid-argument', message: expect.stringContaining('not a live server') });
  expect(await ada.refused('live.join', path, 'host:4455/path')).toEqual({ code: 'invalid-argument', message: expect.stringContaining('more than a host and port') });
  await ada.call('message.close', path);
  // The app started again: the key stays locked until the passphrase opens it.
  const again = await testServices({}, { dir: ada.dir });
  running.push(again);
  const { call, refused } = callers(again.services);
  await call('message.open', path);
  expect(await refused('live.join', path, 'localhost')).toEqual({ code: 'forbidden', message: expect.stringMatching(/^Unlock your key first/) });
  expect((await call('live.session', path)) as LiveSession | null).toBeNull();
});

it('someone not on the roster is told so, and quitting while live keeps every word in the file', async () => {
  const ada = await signet('Ada Lovelace');
  const ben = await signet('Ben Okafor');
  const carmen = await signet('Carmen Ruiz');
  const server = await startServer(join(ada.dir, 'server'));
  const { adas, bens } = await shared(ada, ben);
  await ada.call('live.join', adas, server.url);
  await until('Ada connected', () => ada.last()?.status.state === 'connected');

  // Carmen has a copy of the file but is not on its roster: the server refuses her and says why.
  const carmens = join(carmen.dir, 'lib', 'Harbour address.signet');
  await mkdir(join(carmen.dir, 'lib'), { recursive: true });
  await copyFile(bens, carmens);
  carmen.services.grant(carmens);
  await carmen.call('message.open', carmens);
  await carmen.call('live.join', carmens, server.url);
  await until('Carmen refused', () => carmen.last()?.status.state === 'refused');
  expect(carmen.last()!.status).toEqual({ state: 'refused', reason: expect.stringContaining('not on the roster') });
  await until('Ada here', () => ada.last()?.present.length === 1);
  await new Promise((r) => setTimeout(r, 600));
  expect(ada.last()!.present.map((p) => p.name)).toEqual(['Ada Lovelace']);

  // Ada types and quits at once: the session ends (it held the file open), the file is let go with her words.
  await type(ada, adas, 'Last words before quitting. ');
  await ada.services.closeAll();
  expect(ada.last()).toBeNull();
  expect(ada.services.open.size).toBe(0);
  expect(messageText((await readMessageFile(adas)).doc)).toContain('Last words before quitting.');
});
