// Wires the contract's channels to the plain-Node services. Each call must come from the top
// frame of one of our own windows; the services validate the arguments.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/ipc';
import type { Services } from '../services/services';
import { isAppUrl } from './security';

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
}

/** The preload's own channel (not exposed to the page): a file the person dropped on the window. */
export const GRANT_DROPPED_FILE = 'signet:dropped-file';

export function registerIpc(services: Services): void {
  ipcMain.on(GRANT_DROPPED_FILE, (event, path: unknown) => {
    if (trustedSender(event as unknown as IpcMainInvokeEvent) && typeof path === 'string' && /\.(signet|docx)$/i.test(path)) services.grant(path);
  });
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(name, (event, ...args: unknown[]) => {
      if (!trustedSender(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'call from an untrusted frame' } };
      }
      return services.dispatch(name, args);
    });
  }
}
