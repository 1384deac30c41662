// People each with their own Signet (data folder, library, passphrase-protected profile) for the
// live tests that go through the services as the renderer calls them, hearing their live
// announcements; and member cards passed from one to another as people pass them by hand.
import { join } from 'node:path';
import { afterEach } from 'vitest';
import * as Y from 'yjs';
import { textRoot } from '../../shared/document';
import { startLiveServer, type LiveServer } from '../../electron/services/live/server';
import type { EventPayload } from '../../shared/ipc';
import { callers, testServices, type TestServices } from './services';

/** A test file's people and live servers, each test's ended after it (its Signets disposed, its servers stopped). */
export function liveTestbed() {
  const running: TestServices[] = [];
  const servers: LiveServer[] = [];
  afterEach(async () => {
    for (const setup of running.splice(0)) await setup.dispose();
    for (const server of servers.splice(0)) await server.stop();
  });
  return {
    running,
    signet: (name: string) => signet(name, running),
    /** A live server in this process on 127.0.0.1, on a free port, its messages in `dataDir`. */
    async startServer(dataDir: string): Promise<LiveServer> {
      const server = await startLiveServer({ host: '127.0.0.1', port: 0, dataDir, log: () => {} });
      servers.push(server);
      return server;
    },
  };
}

/** A person's own Signet with a passphrase-protected key, hearing its live announcements. */
async function signet(name: string, running: TestServices[]) {
  const heard: EventPayload<'live.session'>[] = [];
  const setup = await testServices({}, { emit: (event, payload) => event === 'live.session' && heard.push(payload as EventPayload<'live.session'>) });
  running.push(setup);
  const { call, refused } = callers(setup.services);
  await call('profile.create', { name, titles: ['Speechwriter'], organisation: 'City of Aldport', email: '', passphrase: 'correct horse battery' });
  return { ...setup, call, refused, heard, last: () => heard.at(-1)?.session ?? null };
}
export type Signet = Awaited<ReturnType<typeof signet>>;

/** `from`'s member card, imported by `to`; resolves with `from`'s key. */
export async function passCard(from: Signet, to: Signet): Promise<string> {
  const card = join(from.dir, 'own.signet-card');
  from.answers.saveLocation = card;
  await from.call('profile.exportCard');
  to.answers.cardToOpen = card;
  return (await to.call('contacts.import'))!.publicKey;
}

/** Types `words` at the start of the first paragraph, as the editor sends a change. */
export async function type(s: Signet, path: string, words: string): Promise<void> {
  const editor = new Y.Doc({ gc: false });
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(s.services.open.get(path)!.doc));
  const before = Y.encodeStateVector(editor);
  const paragraph = textRoot(editor).get(0) as Y.XmlElement;
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  text.insert(0, words);
  await s.call('message.update', path, Y.encodeStateAsUpdate(editor, before));
}
