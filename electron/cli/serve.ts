// `signet serve`: runs a live server until Ctrl+C (SIGINT) or SIGTERM, then stops it with every
// message stored. The server's packages (Hocuspocus and the native sqlite3) are devDependencies, kept
// out of the installed app: they are loaded only here, and their absence is said plainly.
import { resolve } from 'node:path';
import { DEFAULT_PORT } from '../services/live/protocol';
import type { LiveServer } from '../services/live/server';
import { CliError, EXIT, usageError } from './errors';
import type { CommandArgs, Io } from './types';

const ROOT = resolve(import.meta.dirname, '../..');

/** --port as a number from 0 (any free port) to 65535. */
function portOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) throw usageError(`--port must be a number from 0 to 65535 (not '${text}')`);
  return Number(text);
}

function hostOf(text: string | undefined): string {
  if (text === undefined) return '127.0.0.1';
  if (!/^[\w.:-]+$/.test(text)) throw usageError(`--host must be an IP address or a host name (not '${text}')`);
  return text;
}

async function loadServer(): Promise<typeof import('../services/live/server')> {
  try {
    return await import('../services/live/server');
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    throw new CliError(
      `the live server's packages (@hocuspocus/server and sqlite3) are not installed: they come with a source checkout (run \`npm ci\` in ${ROOT}); the installed app does not carry them (${why})`,
      EXIT.usage,
    );
  }
}

const LISTEN_REASONS: Record<string, string> = {
  EADDRINUSE: 'the port is in use (try another --port, or 0 for any free one)',
  EADDRNOTAVAIL: 'this machine has no such address',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  ENOTFOUND: 'no such host name',
  EAI_AGAIN: 'the host name could not be looked up',
};

async function start(args: CommandArgs, io: Io): Promise<LiveServer> {
  const host = hostOf(args.string('host'));
  const port = portOf(args.string('port'));
  const dataDir = resolve(args.string('data') ?? 'signet-live');
  const { startLiveServer } = await loadServer();
  try {
    return await startLiveServer({ host, port, dataDir, log: (line) => io.out(line) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code in LISTEN_REASONS) throw new CliError(`cannot listen on ${host}:${port}: ${LISTEN_REASONS[code]}`, EXIT.usage);
    if ((error as NodeJS.ErrnoException).syscall || code.startsWith('SQLITE')) throw new CliError(`cannot use ${dataDir} for the server's messages: ${(error as Error).message}`, EXIT.usage);
    throw error;
  }
}

/** Resolves with the signal's name on the first Ctrl+C (SIGINT) or SIGTERM. */
function stopSignal(): Promise<string> {
  return new Promise((done) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      done(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

export async function serve(args: CommandArgs, io: Io): Promise<number> {
  const server = await start(args, io);
  // Listened for before the address is printed: whoever reads it may stop the server at once.
  const signal = stopSignal();
  io.out(`Signet live server on ${server.url} — give this address to colleagues`);
  io.out(`Messages are kept in ${server.file}. Stop with Ctrl+C.`);
  io.out(`Stopping (${await signal}): storing every message…`);
  try {
    await server.stop();
  } catch (error) {
    io.err(`signet serve: stopping failed: ${(error as Error).message}`);
    return EXIT.damaged;
  }
  io.out('Stopped; every message is stored.');
  return EXIT.ok;
}
