// The read-only commands: info, text and check (versions, diff and `text --version` are in
// history.ts). None of them takes the lock or writes a byte.
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { commentCounts } from '../../shared/review';
import { countText, messageText, readMeta } from '../../shared/document';
import { messageState } from '../../shared/signoff';
import { listVersions } from '../../shared/history';
import { loadLog, MessageFileError, type LoadedMessage } from '../services/files/message-file';
import { EXIT, pathError, shellQuote } from './errors';
import { loadMessage, readMessageBytes, tornTail } from './files';
import type { CommandArgs, Io } from './types';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function info(args: CommandArgs, io: Io): Promise<number> {
  const path = args.operand('FILE');
  const { doc, version } = await loadMessage(path, io.err);
  const stat = await fs.stat(path).catch((error: unknown) => Promise.reject(pathError(error, path, 'read')));
  const meta = readMeta(doc);
  const signoff = messageState(doc);
  // countText over messageText: the numbers the library and the status bar show.
  const result = {
    id: meta.id || null,
    title: meta.title || basename(path, '.signet'),
    state: signoff.state,
    ...countText(messageText(doc)),
    versions: listVersions(doc).length,
    comments: commentCounts(doc).open,
    approvals: signoff.approvals.length,
    createdAt: meta.createdAt || null,
    updatedAt: stat.mtime.toISOString(),
    formatVersion: version,
  };
  doc.destroy();
  io.block(JSON.stringify(result, null, 2));
  return EXIT.ok;
}

export async function text(args: CommandArgs, io: Io): Promise<number> {
  if (args.string('version') !== undefined) return (await import('./history')).versionText(args, io);
  const { doc } = await loadMessage(args.operand('FILE'), io.err);
  io.block(messageText(doc).replace(/\n+$/, ''));
  doc.destroy();
  return EXIT.ok;
}

/** Framing, checksums and every update, exactly as opening the file would; a torn tail is a failure here. */
export async function check(args: CommandArgs, io: Io): Promise<number> {
  const path = args.operand('FILE');
  const bytes = await readMessageBytes(path);
  let loaded: LoadedMessage;
  try {
    loaded = loadLog(bytes, path);
  } catch (error) {
    if (!(error instanceof MessageFileError)) throw error;
    io.err(`signet check: ${error.message}`);
    if (error.kind === 'bad-record' || error.kind === 'bad-update') {
      io.err(`To save what can still be read: signet recover ${shellQuote(path)} -o COPY.signet`);
    }
    return EXIT.damaged;
  }
  loaded.doc.destroy();
  if (loaded.tornBytes > 0) {
    io.err(`signet check: ${tornTail(path, loaded)}`);
    return EXIT.damaged;
  }
  io.out(`ok: ${plural(loaded.records, 'record')}, ${plural(bytes.length, 'byte')}`);
  return EXIT.ok;
}
