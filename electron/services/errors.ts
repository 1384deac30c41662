// The errors the renderer is told: a UserError says in words what was refused and why; anything
// else (a damaged file, the disk) is turned into the contract's typed error here, in one place.
import type { IpcError } from '../../shared/ipc';
import { MessageFileError } from './files/message-file';

export class UserError extends Error {
  constructor(
    readonly code: IpcError['code'],
    message: string,
  ) {
    super(message);
  }
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof UserError) return { code: error.code, message: error.message };
  if (error instanceof MessageFileError) {
    return { code: 'damaged', message: `${error.file} is damaged: ${error.reason} at byte ${error.offset}. Nothing was changed.` };
  }
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return { code: 'not-found', message: `Not found: ${e.path ?? 'file'}` };
  if (e?.code === 'EEXIST') return { code: 'exists', message: `Already exists: ${e.path ?? 'file'}` };
  if (e?.code === 'EACCES' || e?.code === 'EPERM' || e?.code === 'EROFS') {
    return { code: 'io', message: `Not allowed to write ${e.path ?? 'there'} (${e.code})` };
  }
  return { code: 'io', message: e?.message ?? String(error) };
}
