// "Recover a copy": a new message beside a damaged one, holding every word that can still be read
// of it, from the file itself (with its newest backup merged in, so words the file lost come back
// from there), or from one backup the person chose. The damaged file is never touched.
import { promises as fs } from 'node:fs';
import { basename, dirname } from 'node:path';
import { countText, messageText, readMeta, setTitle } from '../../../shared/document';
import type { RecoveredCopy } from '../../../shared/ipc';
import { UserError } from '../errors';
import type { Backups } from '../files/backups';
import { createMessageFile } from '../files/message-store';
import { recoverLog } from '../files/recovery';
import { freeFileName } from './library';

export async function recoverCopy(path: string, from: string | null, backups: Backups): Promise<RecoveredCopy> {
  let result;
  let backupSavedAt: string | null = null;
  if (from) {
    result = recoverLog(await backups.read(path, from).catch(() => Promise.reject(new UserError('not-found', 'That backup is no longer kept.'))));
  } else {
    const newest = (await backups.list(path))[0];
    result = recoverLog(await fs.readFile(path), newest ? [await backups.read(path, newest.id)] : []);
    if (result.fromBackups) backupSavedAt = newest.savedAt;
  }
  if (result.recovered === 0 && result.fromBackups === 0) {
    result.doc.destroy();
    throw new UserError('damaged', `Nothing could be recovered from ${basename(path)}.`);
  }
  const name = basename(path, '.signet');
  const suffix = from ? `(backup of ${from.slice(0, 10)})` : '(recovered)';
  // The copy says what it is, in the library and wherever it is sent.
  setTitle(result.doc, `${readMeta(result.doc).title || name} ${suffix}`);
  const target = await freeFileName(dirname(path), `${name} ${suffix}`);
  await createMessageFile(target, result.doc);
  const words = countText(messageText(result.doc)).words;
  result.doc.destroy();
  const { recovered, repaired, lostBytes, leftOut, fromBackups } = result;
  return { path: target, words, recovered, repaired, lostBytes, leftOut, fromBackups, backupSavedAt };
}
