// The live server `signet serve` runs: Hocuspocus (its own class, with our hooks) behind our own HTTP
// and WebSocket server, because Hocuspocus 3.4.4's Server.listen ignores the address to bind to.
// Who may connect is live/admission.ts's; what a change may do, live/relay.ts's; where messages
// are kept, live/store.ts's (through Hocuspocus's database extension).
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { Database } from '@hocuspocus/extension-database';
import { Hocuspocus, type onAuthenticatePayload, type onDisconnectPayload } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import { Admission, type Who } from './admission';
import { hostAndPort, serverAddresses } from './hosts';
import { Relay } from './relay';
import { LiveStore } from './store';

export interface LiveServerOptions {
  /** The address to listen on: an IP address or a name (0.0.0.0 for every interface). */
  host: string;
  /** The port; 0 for any free one. */
  port: number;
  /** The folder that holds the server's SQLite file (made if missing). */
  dataDir: string;
  /** Where who joins, leaves and is refused is said, a line each. */
  log: (line: string) => void;
}

export interface LiveServer {
  /** The address colleagues give Signet, ws://host:port. */
  readonly url: string;
  readonly port: number;
  /** The SQLite file the messages are kept in. */
  readonly file: string;
  /** Stops taking connections, closes those open, stores every message and closes the file. */
  stop(): Promise<void>;
}

/** How long stopping waits for Hocuspocus to store and unload its messages before storing what is left itself. */
const UNLOAD_WAIT_MS = 5_000;

const clock = () => new Date().toISOString().slice(11, 19);
const whoIs = (who: Who) => `${who.name} (${who.roles})`;
const messageOf = (who: Who, name: string) => (who.title ? `${name} "${who.title}"` : name);

function hooks(admission: Admission, relay: Relay, log: (line: string) => void) {
  return {
    async onAuthenticate(payload: onAuthenticatePayload): Promise<Who> {
      try {
        const who = await admission.admit(payload);
        log(`${whoIs(who)} joined ${messageOf(who, payload.documentName)}`);
        return who;
      } catch (error) {
        const reason = (error as { reason?: string }).reason ?? `The server could not open this message (${(error as Error).message}).`;
        log(`a connection to ${payload.documentName} was refused: ${reason}`);
        // A plain object, not an Error: Hocuspocus tells the client its reason and prints no stack.
        throw { reason };
      }
    },
    beforeHandleMessage: relay.handle.bind(relay),
    async onDisconnect({ context, documentName }: onDisconnectPayload): Promise<void> {
      const who = context as Partial<Who>;
      if (who.publicKey) log(`${whoIs(who as Who)} left ${messageOf(who as Who, documentName)}`);
    },
  };
}

function listen(http: HttpServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen({ host, port }, () => {
      http.off('error', reject);
      resolve((http.address() as AddressInfo).port);
    });
  });
}

/** Starts a live server; rejects, with Node's error (EADDRINUSE…), when it cannot listen. */
export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const log = (line: string) => options.log(`${clock()} ${line}`);
  const store = await LiveStore.open(options.dataDir);
  const relay = new Relay(store, log);
  let addresses: ReadonlySet<string> = new Set();
  const hocuspocus = new Hocuspocus({
    // Every deleted item is kept: versions are made from them.
    yDocOptions: { gc: false, gcFilter: () => false },
    extensions: [
      new Database({
        fetch: ({ documentName }) => store.fetch(documentName),
        store: ({ documentName, document }) => store.compact(documentName, document),
      }),
      hooks(new Admission(relay.gate, store, () => addresses), relay, log),
    ],
  });
  const http = createServer((_request, response) => {
    response.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8' }).end('This is a Signet live server: give its address to Signet.\n');
  });
  const sockets = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request, socket, head) => {
    sockets.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', (error) => log(`a connection failed: ${error.message}`));
      hocuspocus.handleConnection(ws, request);
    });
  });
  let port: number;
  try {
    port = await listen(http, options.host, options.port);
  } catch (error) {
    await store.close();
    throw error;
  }
  addresses = serverAddresses(options.host, port);
  const shown = ['0.0.0.0', '::'].includes(options.host) ? hostname() : options.host;
  let stopping: Promise<void> | undefined;
  return {
    // Plain ws: the server speaks no TLS itself, so on a network that is not trusted messages travel readable (README).
    // eslint-disable-next-line @microsoft/sdl/no-insecure-url
    url: `ws://${hostAndPort(shown, port)}`,
    port,
    file: store.file,
    stop: () => (stopping ??= stop(hocuspocus, http, sockets, store)),
  };
}

async function stop(hocuspocus: Hocuspocus, http: HttpServer, sockets: WebSocketServer, store: LiveStore): Promise<void> {
  const closed = new Promise((resolve) => http.close(resolve));
  sockets.close();
  hocuspocus.closeConnections();
  for (const ws of sockets.clients) ws.close(1001, 'The server is stopping');
  // The last connection to a message closing stores it (onStoreDocument) and unloads it.
  const until = Date.now() + UNLOAD_WAIT_MS;
  while (hocuspocus.getDocumentsCount() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  // Every accepted change is in the log already; this only folds what is still loaded into its state.
  for (const document of hocuspocus.documents.values()) await store.compact(document.name, document);
  for (const ws of sockets.clients) ws.terminate();
  http.closeAllConnections();
  await closed;
  await store.close();
}
