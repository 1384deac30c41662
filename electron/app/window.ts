import { BrowserWindow, nativeTheme } from 'electron';
import { join } from 'node:path';
import type { Language } from '../../shared/i18n';
import { installContextMenu } from './context-menu';
import { APP_ORIGIN } from './protocol';

export function createMainWindow(preloadFolder: string, language: () => Language): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Signet',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1d1f23' : '#f7f6f3',
    webPreferences: {
      preload: join(preloadFolder, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      navigateOnDragDrop: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  installContextMenu(window, language);
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
