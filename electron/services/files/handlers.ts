// The channels of this machine's settings and the app around the messages: the settings (the
// library folder only through its dialog), recent messages, the native menu's format ticks, the
// spelling languages, and a message the OS asked to open.
import { resolve } from 'node:path';
import type { HandlersOf, ServiceContext } from '../context';
import { UserError } from '../errors';

type Channel = 'settings.get' | 'settings.set' | 'settings.chooseLibraryFolder' | 'app.recent' | 'app.showFormat' | 'spellcheck.languages' | 'app.pendingOpen';

export function settingsHandlers({ settings, host, access, recent }: ServiceContext): HandlersOf<Channel> {
  return {
    'settings.get': async () => settings.get(),
    'settings.set': async (change) => {
      // The library folder changes only through the folder dialog, never to a path the page names.
      if (change.libraryFolder !== undefined && resolve(change.libraryFolder) !== resolve((await settings.get()).libraryFolder)) {
        throw new UserError('forbidden', 'Choose the library folder with the Choose… button.');
      }
      return settings.set(change);
    },
    'settings.chooseLibraryFolder': async () => {
      const folder = await host.chooseFolder();
      return folder ? settings.set({ libraryFolder: folder }) : settings.get();
    },
    'app.recent': async () => [...recent],
    'app.showFormat': async (state) => {
      host.showFormat?.(state);
      return null;
    },
    'spellcheck.languages': async () => host.spellcheckLanguages(),
    'app.pendingOpen': async () => access.grant(host.takePendingOpen?.() ?? null),
  };
}
