// A lock file beside a message (FILE.lock) so that a second Signet instance opens it read-only
// instead of writing over the first. A lock whose owner process is gone is taken over.
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export type LockResult = { held: true; release(): Promise<void> } | { held: false; owner: LockOwner | null };

function alive(pid: number): boolean {
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

export async function acquireLock(file: string): Promise<LockResult> {
  const lockPath = `${file}.lock`;
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await fs.writeFile(lockPath, JSON.stringify(me), { flag: 'wx' });
      return {
        held: true,
        release: async () => {
          const owner = await readOwner(lockPath);
          if (owner?.pid === me.pid && owner.host === me.host) await fs.rm(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(lockPath);
    const stale = owner !== null && owner.host === me.host && !alive(owner.pid);
    if (!stale) return { held: false, owner };
    await fs.rm(lockPath, { force: true });
  }
  return { held: false, owner: await readOwner(lockPath) };
}
