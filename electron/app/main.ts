// The Electron main process: wires windows, menus and IPC to the plain-Node services.
import { app, BrowserWindow, dialog, safeStorage, session, shell } from 'electron';
import { extname, join, resolve } from 'node:path';
import type { Language } from '../../shared/i18n';
import { createServices, type Services } from '../services/services';
import { defaultSettings } from '../services/files/settings';
import type { SecretStore } from '../services/signoff/profile';
import { integrateAppImage } from './appimage-integration';
import { AppSettings } from './app-settings';
import { messageArg } from './arguments';
import { chromiumLocale, savedLanguage } from './locale';
import { dictionaryDownloadUrl, installDictionaries } from './dictionaries';
import { registerIpc } from './ipc';
import { buildMenu, showFormat } from './menu';
import { ElectronPrinter } from './pdf';
import { registerScheme, serveRenderer } from './protocol';
import { QuitGuard } from './quit';
import { hardenApp } from './security';
import { createMainWindow } from './window';

/** What the save dialog offers, by the kind of file saved. */
const SAVE_FILTERS: Record<string, Electron.FileFilter> = {
  '.signet': { name: 'Signet messages', extensions: ['signet'] },
  '.signet-card': { name: 'Signet member cards', extensions: ['signet-card'] },
  '.pdf': { name: 'PDF documents', extensions: ['pdf'] },
  '.html': { name: 'Web pages (HTML)', extensions: ['html'] },
  '.docx': { name: 'Word documents', extensions: ['docx'] },
};

/**
 * The signing key's protection by the OS: Keychain, DPAPI, or on Linux a keyring. Where Linux has
 * none, safeStorage falls back to 'basic_text', a key hard-coded in Chromium, which protects
 * nothing: then the store is not available and a passphrase protects the key instead.
 */
const secretStore: SecretStore = {
  available: async () => (await safeStorage.isAsyncEncryptionAvailable()) && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
  // safeStorage seals strings, so the key's bytes cross as base64.
  encrypt: (bytes) => safeStorage.encryptStringAsync(Buffer.from(bytes).toString('base64')),
  decrypt: async (sealed) => new Uint8Array(Buffer.from((await safeStorage.decryptStringAsync(sealed)).result, 'base64')),
};

/** Spelling without Google's servers: the dictionaries come with the app (electron/app/dictionaries.ts). */
async function useShippedDictionaries() {
  if (process.platform === 'darwin') return;
  const shipped = app.isPackaged ? join(process.resourcesPath, 'dictionaries') : join(app.getAppPath(), 'resources/dictionaries');
  session.defaultSession.setSpellCheckerDictionaryDownloadURL(dictionaryDownloadUrl(shipped));
  await installDictionaries(shipped, app.getPath('userData')).catch(() => {});
}

registerScheme();
app.enableSandbox();
// Before ready: dates in the native date field follow the interface's language (a switch of language
// takes effect at the next start; the words switch at once).
const uiLanguage = savedLanguage(join(app.getPath('userData'), 'settings.json'));
if (uiLanguage) app.commandLine.appendSwitch('lang', chromiumLocale(uiLanguage, Intl.DateTimeFormat().resolvedOptions().locale));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let services: Services;
  const recent: string[] = [];
  let pendingOpen = messageArg(process.argv, process.cwd());
  let language: Language = 'en';
  let ready = false;
  let rebuildMenu = async () => {};

  // Until the interface asks for it (once it listens), a file to open waits here.
  let rendererListening = false;
  const openInWindow = (path: string) => {
    if (!window || !rendererListening) {
      pendingOpen = resolve(path);
      showWindow();
      return;
    }
    services.grant(resolve(path));
    window.webContents.send('app.command', { command: 'open-path', path: resolve(path) });
    if (window.isMinimized()) window.restore();
    window.focus();
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = messageArg(argv, workingDirectory);
    if (path) openInWindow(path);
    else showWindow();
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openInWindow(path);
  });

  void app.whenReady().then(async () => {
    hardenApp();
    await useShippedDictionaries();
    // An AppImage has no installer to register .signet files: it does so itself, for this person.
    if (process.platform === 'linux' && process.env.APPIMAGE) {
      void integrateAppImage({ appImage: process.env.APPIMAGE, icon: join(process.resourcesPath, 'icon.png') }).catch(() => {});
    }
    serveRenderer(join(import.meta.dirname, '../renderer'));
    const settings = new AppSettings(
      join(app.getPath('userData'), 'settings.json'),
      defaultSettings(app.getPath('documents'), app.getLocale()),
    );
    language = (await settings.get()).language;
    rebuildMenu = async () => {
      if (window) buildMenu(window, (await settings.get()).language, recent, openInWindow);
    };
    settings.onLanguage((next) => {
      language = next;
      void rebuildMenu();
    });
    services = createServices(settings, {
      emit: (event, payload) => window?.webContents.send(event, payload),
      showInFolder: async (path) => shell.showItemInFolder(path),
      chooseMessageToOpen: async () => {
        const result = await dialog.showOpenDialog(window!, {
          properties: ['openFile'],
          filters: [{ name: 'Signet messages', extensions: ['signet'] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseCopyToMerge: async () => {
        const result = await dialog.showOpenDialog(window!, { properties: ['openFile'], filters: [{ name: 'Signet copies and Word reviews', extensions: ['signet', 'docx'] }] });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseFolder: async () => {
        const result = await dialog.showOpenDialog(window!, { properties: ['openDirectory', 'createDirectory'] });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseSaveLocation: async (defaultName) => {
        const result = await dialog.showSaveDialog(window!, {
          defaultPath: join(app.getPath('documents'), defaultName),
          filters: [SAVE_FILTERS[extname(defaultName).toLowerCase()] ?? SAVE_FILTERS['.signet']],
        });
        return result.canceled ? null : (result.filePath ?? null);
      },
      chooseWordFile: async () => {
        const result = await dialog.showOpenDialog(window!, { properties: ['openFile'], filters: [{ name: 'Word documents', extensions: ['docx'] }] });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseImage: async () => {
        const result = await dialog.showOpenDialog(window!, { properties: ['openFile'], filters: [{ name: 'PNG images', extensions: ['png'] }] });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      printer: new ElectronPrinter(),
      chooseCertificateToOpen: async () => {
        const result = await dialog.showOpenDialog(window!, { properties: ['openFile'], filters: [{ name: 'Certificates with their key (PKCS #12)', extensions: ['p12', 'pfx'] }] });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      chooseCardToOpen: async () => {
        const result = await dialog.showOpenDialog(window!, {
          properties: ['openFile'],
          filters: [{ name: 'Signet member cards', extensions: ['signet-card'] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      secretStore,
      showFormat,
      takePendingOpen: () => {
        rendererListening = true;
        const path = pendingOpen;
        pendingOpen = null;
        return path;
      },
      spellcheckLanguages: () => session.defaultSession.availableSpellCheckerLanguages,
      useSpellcheckLanguage: (language) => {
        // macOS uses the system's checker, which follows the text by itself.
        if (process.platform === 'darwin') return;
        const available = session.defaultSession.availableSpellCheckerLanguages;
        const match = available.find((l) => l === language) ?? available.find((l) => l.split('-')[0] === language.split('-')[0]);
        if (match) session.defaultSession.setSpellCheckerLanguages([match]);
      },
      addRecent: (path) => {
        app.addRecentDocument(path);
        recent.splice(0, recent.length, path, ...recent.filter((p) => p !== path).slice(0, 9));
        void rebuildMenu();
      },
    }, { dataFolder: app.getPath('userData') });
    registerIpc(services);
    ready = true;
    showWindow();
  });

  // The one window: focused if it is there, made again if it was closed (the dock, a second launch,
  // a quit that the person called off), so a running Signet always has a window to show.
  function showWindow() {
    if (!ready || guard.leaving) return;
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
      return;
    }
    rendererListening = false;
    const made = createMainWindow(join(import.meta.dirname, '../preload'), () => language);
    made.on('closed', () => {
      if (window === made) window = null;
    });
    // Windows' shutdown and log-off end the app without before-quit: save first.
    made.on('query-session-end', (event) => {
      if (guard.sessionEnding()) event.preventDefault();
    });
    made.on('session-end', () => void guard.sessionEnding());
    window = made;
    void rebuildMenu();
  }
  app.on('activate', showWindow);

  // Every open message is flushed and compacted before the app goes; if that fails, the person decides.
  const guard = new QuitGuard({
    closeAll: () => services.closeAll(),
    ask: async (error) => {
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        buttons: ['Keep Signet Open', 'Quit and Lose Unsaved Changes'],
        defaultId: 0,
        cancelId: 0,
        message: 'Some changes could not be saved.',
        detail: `${error.message}. Free some disk space or make the folder writable, then quit again.`,
      });
      return response === 1 ? 'quit' : 'keep-open';
    },
    quit: () => app.quit(),
    showWindow,
  });
  app.on('before-quit', (event) => {
    if (services && !guard.beforeQuit()) event.preventDefault();
  });
  app.on('window-all-closed', () => app.quit());
}
