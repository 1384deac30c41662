// Reading a file that must be a regular file. A named pipe would block a reader for ever (until
// someone writes to it), and a device never ends (/dev/zero), so each is refused before a byte is
// read: the file is opened without blocking and checked by its handle, not by a name that could
// be swapped between a check and the read.
import { constants, promises as fs, type Stats } from 'node:fs';

export class NotRegularFile extends Error {
  readonly code = 'ENOTREG';
  constructor(
    readonly path: string,
    /** What it is instead, in words: "a named pipe". */
    readonly what: string,
  ) {
    super(`${path} is ${what}, not a regular file`);
    this.name = 'NotRegularFile';
  }
}

function whatItIs(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/** The bytes of `path`; a folder fails as EISDIR, a pipe, device or socket as NotRegularFile. */
export async function readRegularFile(path: string): Promise<Buffer> {
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK: opening a pipe for reading waits for a writer otherwise. Windows has no such flag.
    handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    // A Unix socket cannot be opened at all.
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') throw new NotRegularFile(path, 'a socket');
    throw error;
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path} is a folder`), { code: 'EISDIR' });
    if (!info.isFile()) throw new NotRegularFile(path, whatItIs(info));
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
