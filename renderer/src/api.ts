// The renderer's only way to the machine: the typed window.signet API from the preload.
import type { Args, ChannelName, EventName, EventPayload, IpcError, Reply, Result, SignetApi } from '../../shared/ipc';

declare global {
  interface Window {
    signet: SignetApi;
  }
}

export class SignetError extends Error {
  constructor(readonly code: IpcError['code'], message: string) {
    super(message);
  }
}

/** Calls one channel and throws a SignetError with the main process's words if it fails. */
export async function call<C extends ChannelName>(channel: C, ...args: Args<C>): Promise<Result<C>> {
  const fn = window.signet.call[channel] as unknown as (...a: Args<C>) => Promise<Reply<Result<C>>>;
  const reply = await fn(...args);
  if (!reply.ok) throw new SignetError(reply.error.code, reply.error.message);
  return reply.value as Result<C>;
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.signet.on(event, listener);
}
