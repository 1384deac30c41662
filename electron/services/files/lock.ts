// A lock file beside a message (FILE.lock) so that a second Signet instance opens it read-only
// instead of writing over the first. A lock whose owner process is gone is taken over.
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export type LockResult = { held: true; release(): Promise<void> } | { held: false; owner: LockOwner | null };

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await fs.readFile(lockPath, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : null;
  } catch {
    return null;
  }
}

/**
 * A lock file that names no owner is one being written this instant, or one whose writer died
 * (or lost power) before its content reached the disk; after a few seconds it can only be the latter.
 */
async function unreadableAndOld(lockPath: string): Promise<boolean> {
  try {
    return Date.now() - (await fs.stat(lockPath)).mtimeMs > 5_000;
  } catch {
    return false;
  }
}

const sameOwner = (a: LockOwner | null, b: LockOwner | null) =>
  a !== null && b !== null && a.pid === b.pid && a.host === b.host && a.since === b.since;

/** Creates the lock file only if there is none; a lock file left half-written is removed again. */
async function createLock(lockPath: string, me: LockOwner): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(me));
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => {});
    await fs.rm(lockPath, { force: true });
    throw error;
  }
  return true;
}

export async function acquireLock(file: string): Promise<LockResult> {
  const lockPath = `${file}.lock`;
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (await createLock(lockPath, me)) {
      return {
        held: true,
        release: async () => {
          if (sameOwner(await readOwner(lockPath), me)) await fs.rm(lockPath, { force: true });
        },
      };
    }
    const owner = await readOwner(lockPath);
    const stale = owner !== null ? owner.host === me.host && !alive(owner.pid) : await unreadableAndOld(lockPath);
    if (!stale) return { held: false, owner };
    // Two instances can find the same stale lock at once. Each moves it aside under a name of
    // its own instead of deleting it, so that neither can delete a lock the other has just taken.
    const aside = join(dirname(lockPath), `.${basename(lockPath)}.${me.pid}.${randomBytes(6).toString('hex')}.stale`);
    try {
      await fs.rename(lockPath, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const moved = await readOwner(aside);
    if (owner ? !sameOwner(moved, owner) : moved !== null) {
      // What was moved is a fresh lock another instance took meanwhile: put it back.
      await fs.link(aside, lockPath).catch(() => {});
    }
    await fs.rm(aside, { force: true });
  }
  return { held: false, owner: await readOwner(lockPath) };
}
