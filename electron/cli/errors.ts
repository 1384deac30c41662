// What went wrong, as one line a user can act on, and the exit code that goes with it.
import { MessageFileError } from '../services/files/message-file';
import { NotRegularFile } from '../services/files/regular-file';

export const EXIT = {
  ok: 0,
  /** The file is damaged, or the check failed. */
  damaged: 1,
  /** A usage error, or a path that cannot be read or written. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Whether to point at the command's --help after the message. */
    readonly showHelpHint = false,
    /** Lines printed after the message, each on its own (what in a file they name is made visible line by line). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage, true);
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EEXIST: 'it already exists',
};

/** A file system error on `path`, as "cannot read PATH: reason" (exit 2). */
export function pathError(error: unknown, path: string, action: 'read' | 'write'): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = error instanceof NotRegularFile ? `it is ${error.what}, not a regular file` : (FS_REASONS[code] ?? (code || (error as Error).message));
  return new CliError(`cannot ${action} ${path}: ${reason}`, EXIT.usage);
}

/** A path or argument as a POSIX shell would need it written, for commands we suggest. */
export const shellQuote = (arg: string): string => (/^[\w./@%+=:,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** Any error as one line and an exit code; never a stack trace. */
export function describeError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  // MessageFileError's message already says which file, what and at which byte.
  if (error instanceof MessageFileError) return new CliError(error.message, EXIT.damaged);
  if (error instanceof NotRegularFile) return pathError(error, error.path, 'read');
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(`unexpected error: ${message.split('\n')[0]}`, EXIT.damaged);
}
