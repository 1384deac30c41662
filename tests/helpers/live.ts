// A real `signet serve` in a child process on 127.0.0.1 (a free port), and real Hocuspocus providers
// connected to it over ws, each proving a key made by the app's own profile code.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { createProfile, passphraseProtector } from '../../electron/services/signoff/keys';
import { connectionToken } from '../../electron/services/live/auth';
import { refusalReason } from '../../electron/services/live/protocol';
import { initMeta, newMessageDoc, textRoot } from '../../shared/document';
import { changeRoster, type Role, type RosterMember, type Signer } from '../../shared/signoff';
import { ensureBuiltServices } from './built-services';
import { BUILT_CLI } from './cli';

export interface Person {
  signer: Signer;
  member: RosterMember;
}

/** Someone with a profile made as the app makes one (a fresh key, sealed by a passphrase) in `dir`. */
export async function person(dir: string, name: string, roles: Role[]): Promise<Person> {
  const details = { name, titles: ['Speechwriter'], organisation: 'City of Aldport', email: `${name.split(' ')[0].toLowerCase()}@aldport.example` };
  const { profile, signer } = await createProfile(join(dir, `${name}.signet-profile`), details, passphraseProtector('correct horse battery'));
  const { publicKey, titles, organisation, email } = profile;
  return { signer, member: { publicKey, name, titles, organisation, email, roles } };
}

/** A message as the app starts one: its id, one paragraph, and a roster its owner signed. */
export function message(id: string, owner: Person, others: Person[]): Y.Doc {
  const doc = newMessageDoc();
  initMeta(doc, { id, title: 'Harbour address', createdAt: '2026-12-03T09:00:00.000Z', template: 'blank', language: 'en' });
  const paragraph = new Y.XmlElement('paragraph');
  textRoot(doc).insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText('Good morning.')]);
  changeRoster(doc, owner.signer, [owner.member, ...others.map((p) => p.member)]);
  return doc;
}

/** The message's first paragraph's text, where the tests type. */
export const firstText = (doc: Y.Doc): Y.XmlText => (textRoot(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

export interface Serve {
  url: string;
  process: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with its exit code (or the signal that ended it). */
  exited: Promise<number | string>;
}

/** Starts `signet serve --port PORT --data DIR` (a free port by default; the same one to restart it) and waits for its address. */
export function serve(dataDir: string, port = 0): Promise<Serve> {
  const child = spawn(process.execPath, [BUILT_CLI, 'serve', '--port', String(port), '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  const exited = new Promise<number | string>((done) => child.on('exit', (code, signal) => done(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`signet serve did not start within 15 s:\n${out}`)), 15_000);
    const look = () => {
      const url = /Signet live server on (ws:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.off('data', look);
      resolve({ url, process: child, output: () => out, exited });
    };
    child.stdout.on('data', look);
    void exited.then((code) => reject(new Error(`signet serve exited (${code}) before it started:\n${out}`)));
  });
}

/** A test file's live server: a fresh folder with its people's profiles, and `signet serve` on its data. */
export interface Room {
  dir: string;
  server: Serve;
  people: Person[];
}

export async function openRoom(prefix: string, people: [string, Role[]][]): Promise<Room> {
  ensureBuiltServices();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const made = await Promise.all(people.map(([name, roles]) => person(dir, name, roles)));
  return { dir, server: await serve(join(dir, 'data')), people: made };
}

/** Ends the clients, stops the server as Ctrl+C would, and removes the folder. */
export async function closeRoom(room: Room | undefined, clients: Client[]): Promise<void> {
  for (const c of clients) c.destroy();
  if (!room) return;
  room.server.process.kill('SIGTERM');
  await room.server.exited;
  rmSync(room.dir, { recursive: true, force: true });
}

export interface Client {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Why the server refused this connection or a change, as it said, in order. */
  refusals: string[];
  /** The reasons the server gave when it closed this message's connection. */
  closes: string[];
  /** How many acknowledgements the server sent (of the first sync and of each change, in order). */
  acknowledged(): number;
  destroy(): void;
}

/** A WebSocket that dials `through` (a proxy: the network between) while asking for the server at `url`, as a router passes it on. */
function socketThrough(url: string): typeof WebSocket {
  const headers = { host: new URL(url).host };
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  } as unknown as typeof WebSocket;
}

/**
 * A provider for `doc` that proves `who`'s key to the server at `url` (with a token made for `host`,
 * by default the one dialled), over a connection dialled to `through` when given (a proxy).
 */
export function connect(url: string, name: string, who: Person, doc: Y.Doc = newMessageDoc(), host = new URL(url).host, through?: string): Client {
  const WebSocketPolyfill = through ? socketThrough(url) : WebSocket;
  const socket = new HocuspocusProviderWebsocket({ url: through ?? url, WebSocketPolyfill, delay: 100, minDelay: 100, maxDelay: 500 });
  const refusals: string[] = [];
  const closes: string[] = [];
  let acked = 0;
  let last = 0;
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token: () => connectionToken(who.signer, name, host),
    onAuthenticationFailed: ({ reason }) => void refusals.push(reason),
    onStateless: ({ payload }) => void (refusalReason(payload) !== undefined && refusals.push(refusalReason(payload)!)),
    onClose: ({ event }) => void closes.push(event.reason),
    onUnsyncedChanges: ({ number }) => {
      if (number < last) acked += last - number;
      last = number;
    },
  });
  provider.attach();
  return {
    doc,
    provider,
    refusals,
    closes,
    acknowledged: () => acked,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** Waits until `check` holds, polling, or fails saying what it waited for. */
export async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
