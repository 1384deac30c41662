// A key or sign-off refusal as the error the renderer is told, in one place for every part of
// the sign-off; anything else passes through.
import type { ErrorCode } from '../../../shared/ipc';
import { SignoffError } from '../../../shared/signoff';
import { UserError } from '../errors';
import { KeyError } from './keys';

const KEY_CODES: Record<KeyError['problem'], ErrorCode> = {
  'wrong-passphrase': 'forbidden',
  'wrong-protector': 'forbidden',
  damaged: 'damaged',
  exists: 'exists',
  'not-found': 'not-found',
};

export function told(error: unknown): unknown {
  if (error instanceof KeyError) return new UserError(KEY_CODES[error.problem], error.message);
  if (error instanceof SignoffError) return new UserError('forbidden', error.message);
  return error;
}
