// Rolling backups of each message, in the app's data folder (never in the library, where they
// would be listed as messages): before compaction replaces a message file, the file as it was is
// kept here. The last few generations are kept, and one a day for a week, so that a file damaged
// on disk (or by another program) still has its words somewhere "Recover a copy" can reach.
//
//   <data folder>/backups/<16 hex digits of the SHA-256 of the message's path>/
//     about.json                       { "path": the message's path }
//     2026-12-02T04-15-09.123Z.signet  the message file as it was then
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from './message-file';

/** Generations kept whatever their age: the last few compactions. */
export const KEEP_LAST = 3;
/** Days for which the newest backup of the day is kept. */
export const KEEP_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const NAME = /^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z)(?:-\d+)?\.signet$/;

export interface Backup {
  /** The backup's file name, which names it to `read`. */
  id: string;
  savedAt: string;
  bytes: number;
}

const stampOf = (date: Date) => date.toISOString().replace(/:/g, '-');
const dateOf = (id: string) => new Date(NAME.exec(id)![1].replace(/T(\d\d)-(\d\d)-(\d\d)/, 'T$1:$2:$3'));

export class Backups {
  constructor(readonly folder: string) {}

  /** The folder holding one message's backups, named by its path (a damaged file has no readable id). */
  folderOf(path: string): string {
    return join(this.folder, createHash('sha256').update(resolve(path)).digest('hex').slice(0, 16));
  }

  /** Keeps `bytes` as the message's backup now, then lets go of the ones no longer kept. */
  async keep(path: string, bytes: Uint8Array, now = new Date()): Promise<string> {
    const folder = this.folderOf(path);
    await fs.mkdir(folder, { recursive: true });
    const about = join(folder, 'about.json');
    if (!(await fs.access(about).then(() => true, () => false))) await writeFileAtomic(about, Buffer.from(`${JSON.stringify({ path: resolve(path) })}\n`));
    let id = `${stampOf(now)}.signet`;
    for (let n = 2; await fs.access(join(folder, id)).then(() => true, () => false); n += 1) id = `${stampOf(now)}-${n}.signet`;
    await writeFileAtomic(join(folder, id), bytes, true);
    await this.prune(path, now);
    return id;
  }

  /** The message's backups, newest first. */
  async list(path: string): Promise<Backup[]> {
    const folder = this.folderOf(path);
    const names = (await fs.readdir(folder).catch(() => [] as string[])).filter((name) => NAME.test(name));
    const backups = await Promise.all(
      names.map(async (id) => ({ id, savedAt: dateOf(id).toISOString(), bytes: (await fs.stat(join(folder, id))).size })),
    );
    return backups.sort((a, b) => (a.id < b.id ? 1 : -1));
  }

  async read(path: string, id: string): Promise<Buffer> {
    if (!NAME.test(id)) throw new Error(`'${id}' is not a backup`);
    return fs.readFile(join(this.folderOf(path), id));
  }

  /** Keeps the last KEEP_LAST, and the newest of each of the last KEEP_DAYS days; removes the rest. */
  private async prune(path: string, now: Date): Promise<void> {
    const all = await this.list(path);
    const kept = new Set(all.slice(0, KEEP_LAST).map((b) => b.id));
    const days = new Set<string>();
    for (const backup of all) {
      const day = backup.savedAt.slice(0, 10);
      if (now.getTime() - Date.parse(backup.savedAt) < KEEP_DAYS * DAY_MS && !days.has(day)) {
        days.add(day);
        kept.add(backup.id);
      }
    }
    for (const backup of all) if (!kept.has(backup.id)) await fs.rm(join(this.folderOf(path), backup.id), { force: true });
  }
}
