// Exposes window.signet: one function per channel of the IPC contract, a listener for the
// contract's events, and the path of a dropped file. No ipcRenderer, no event objects.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES, type EventName, type SignetApi } from '../../shared/ipc';

const call = Object.fromEntries(
  CHANNEL_NAMES.map((name) => [name, (...args: unknown[]) => ipcRenderer.invoke(name, ...args)]),
) as SignetApi['call'];

const api: SignetApi = {
  call,
  on(event, listener) {
    if (!EVENT_NAMES.includes(event as EventName)) throw new Error(`unknown event ${String(event)}`);
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
  pathForFile: (file) => {
    // Only a real dropped File has a path; telling the main process lets it open that file.
    const path = webUtils.getPathForFile(file);
    if (path) ipcRenderer.send('signet:dropped-file', path);
    return path;
  },
};

contextBridge.exposeInMainWorld('signet', api);
