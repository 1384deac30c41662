// Live co-editing under load (issue 18): the built `signet serve` in its own process on 127.0.0.1,
// and real Hocuspocus providers, each proving its own Ed25519 key, typing into a few messages at
// once. It measures updates lost (every client's final text must hold every keystroke of everyone
// in its message, once), how long a keystroke takes to reach the other clients, the server's memory
// (from /proc, so it is the server's own) and its SQLite file beside Y.encodeStateAsUpdate of the
// same messages. Clients, receivers and the server share this machine's cores, so the latency is
// an upper bound of what the server adds.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { round } from './measure.mjs';

export const title = 'Live co-editing: clients typing through `signet serve` on loopback';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, check, ms) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await sleep(50);
  }
}

/** `signet serve --port 0 --data DIR` as a child, with its address and SQLite file once it says them. */
async function serve(root, dataDir) {
  const child = spawn(process.execPath, [join(root, 'out/main/cli.js'), 'serve', '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk) => void (out += chunk));
  child.stderr.on('data', (chunk) => void (out += chunk));
  const exited = new Promise((done) => child.on('exit', (code, signal) => done(code ?? signal)));
  await until('signet serve to start', () => /Messages are kept in/.test(out) || child.exitCode !== null, 20_000);
  const url = /Signet live server on (ws:\/\/\S+)/.exec(out)?.[1];
  if (!url) throw new Error(`signet serve did not start:\n${out}`);
  return { url, file: /Messages are kept in (.+?)\. Stop/.exec(out)[1], child, exited, output: () => out };
}

/** The server's resident memory and its peak so far, in MB, as Linux counts them. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function connect(s, url, name, signer, doc) {
  const host = new URL(url).host;
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, delay: 100, minDelay: 100, maxDelay: 500 });
  const refusals = [];
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token: () => s.connectionToken(signer, name, host),
    onAuthenticationFailed: ({ reason }) => void refusals.push(reason),
  });
  provider.attach();
  return { doc, provider, refusals, destroy: () => (provider.destroy(), socket.destroy()) };
}

const firstText = (s, doc) => s.textRoot(doc).get(0).get(0);

/** One message, its owner's copy with a roster of every typist, and the typists' connections. */
async function openMessage(s, url, m, typists) {
  const people = typists.map((signer, i) => ({ publicKey: signer.publicKey, name: `Typist ${m}.${i}`, titles: ['Speechwriter'], organisation: 'City of Aldport', email: '', roles: i === 0 ? ['owner', 'author'] : ['author'] }));
  const doc = s.newMessage('blank', `Load ${m}`);
  const paragraph = s.textRoot(doc).get(0);
  if (!(paragraph.get(0) instanceof s.Y.XmlText)) paragraph.insert(0, [new s.Y.XmlText('')]);
  s.changeRoster(doc, typists[0], people);
  const name = s.readMeta(doc).id;
  const owner = connect(s, url, name, typists[0], doc);
  await until(`message ${m} stored`, () => owner.provider.isSynced && !owner.provider.hasUnsyncedChanges, 20_000);
  const others = typists.slice(1).map((signer) => connect(s, url, name, signer, s.newMessageDoc()));
  const clients = [owner, ...others];
  await until(`message ${m}'s typists synced`, () => clients.every((c) => c.provider.isSynced && s.textRoot(c.doc).length > 0), 30_000);
  for (const c of clients) if (c.refusals.length) throw new Error(`refused: ${c.refusals[0]}`);
  return { name, clients };
}

/** Percentile `p` (0–100) of sorted numbers. */
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * Options: --live-clients N (default 50), --live-messages N (5), --live-seconds N (60),
 * --live-rate N keystrokes a second per client (5). A quick run: --live-clients 10 --live-seconds 5.
 */
export async function run({ services: s, args, root, log }) {
  const clientCount = Number(args['live-clients'] ?? 50);
  const messageCount = Math.min(clientCount, Number(args['live-messages'] ?? 5));
  const seconds = Number(args['live-seconds'] ?? 60);
  const rate = Number(args['live-rate'] ?? 5);
  const folder = mkdtempSync(join(tmpdir(), 'signet-bench-live-'));
  const server = await serve(root, join(folder, 'data'));
  const messages = [];
  try {
    const before = memoryOf(server.child.pid);
    const key = (n) => s.signerFromSecretKey(Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n * 31 + 1) & 255));
    for (let m = 0; m < messageCount; m += 1) {
      const typists = Array.from({ length: Math.ceil((clientCount - m) / messageCount) }, (_, i) => key(m * 1000 + i));
      messages.push(await openMessage(s, server.url, m, typists));
    }
    const connected = messages.reduce((n, m) => n + m.clients.length, 0);
    log(`${connected} clients in ${messageCount} messages, ${rate} keystrokes a second each for ${seconds} s, server on ${server.url}`);

    // A keystroke is a token naming its typist and number, typed at the end of the paragraph; the
    // others note when each token first shows in their copy.
    const sentAt = new Map();
    const latencies = [];
    let typed = 0;
    messages.forEach((m, mi) =>
      m.clients.forEach((c, ci) => {
        firstText(s, c.doc).observe((event, transaction) => {
          if (transaction.local) return;
          const now = performance.now();
          for (const op of event.delta) {
            if (typeof op.insert !== 'string') continue;
            for (const [token] of op.insert.matchAll(/\[\d+\.\d+\.\d+\]/g)) latencies.push(now - sentAt.get(token));
          }
        });
        c.typed = [];
        c.mi = mi;
        c.ci = ci;
      }),
    );
    const all = messages.flatMap((m) => m.clients);
    const timers = all.map((c, i) =>
      setTimeout(() => {
        c.timer = setInterval(() => {
          const token = `[${c.mi}.${c.ci}.${c.typed.length}]`;
          const text = firstText(s, c.doc);
          sentAt.set(token, performance.now());
          text.insert(text.length, token);
          c.typed.push(token);
          typed += 1;
        }, 1000 / rate);
      }, (i * 1000) / rate / all.length),
    );
    await sleep(seconds * 1000);
    for (const t of timers) clearTimeout(t);
    for (const c of all) clearInterval(c.timer);
    const during = memoryOf(server.child.pid);

    // Everyone's copy must come to hold every token typed in its message, each exactly once.
    const expected = messages.map((m) => m.clients.flatMap((c) => c.typed));
    const holdsAll = (c) => firstText(s, c.doc).toString().match(/\[\d+\.\d+\.\d+\]/g)?.length === expected[c.mi].length;
    await until('every client to hold every keystroke', () => all.every((c) => !c.provider.hasUnsyncedChanges && holdsAll(c)), 60_000).catch((error) => log(error.message));
    let lost = 0;
    for (const c of all) {
      const seen = new Map();
      for (const token of firstText(s, c.doc).toString().match(/\[\d+\.\d+\.\d+\]/g) ?? []) seen.set(token, (seen.get(token) ?? 0) + 1);
      for (const token of expected[c.mi]) if (seen.get(token) !== 1) lost += 1;
    }
    const converged = messages.every((m) => new Set(m.clients.map((c) => firstText(s, c.doc).toString())).size === 1);
    const after = memoryOf(server.child.pid);
    const yjsBytes = messages.reduce((n, m) => n + s.Y.encodeStateAsUpdate(m.clients[0].doc).length, 0);

    for (const c of all) c.destroy();
    server.child.kill('SIGTERM');
    const code = await server.exited;
    if (code !== 0) throw new Error(`signet serve exited ${code}:\n${server.output().slice(-2000)}`);
    const fileBytes = statSync(server.file).size;
    latencies.sort((a, b) => a - b);
    const expectedSeen = all.reduce((n, c) => n + expected[c.mi].length - c.typed.length, 0);
    log(`${typed.toLocaleString('en')} keystrokes typed (${round(typed / seconds)} a second); ${latencies.length.toLocaleString('en')} of ${expectedSeen.toLocaleString('en')} arrivals timed; converged: ${converged ? 'yes' : 'NO'}`);
    log(`server memory: ${round(before.rss)} MB before, ${round(during.rss)} MB at the end of typing, ${round(after.rss)} MB after, peak ${round(after.peak)} MB`);
    return [
      { name: 'updates lost (keystroke missing or doubled in a copy)', value: lost, unit: 'keystrokes', goal: 0 },
      { name: 'keystroke to other clients p50', value: round(percentile(latencies, 50)), unit: 'ms' },
      { name: 'keystroke to other clients p95', value: round(percentile(latencies, 95)), unit: 'ms', goal: 100 },
      { name: 'keystroke to other clients p99', value: round(percentile(latencies, 99)), unit: 'ms' },
      { name: 'server RSS after the run', value: round(after.rss), unit: 'MB', baseline: round(before.rss), ratio: round(after.rss / before.rss) },
      { name: "server's SQLite file", value: round(fileBytes / 1024), unit: 'KB', baseline: round(yjsBytes / 1024), ratio: round(fileBytes / yjsBytes) },
    ];
  } finally {
    for (const m of messages) for (const c of m.clients) c.destroy();
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  }
}
