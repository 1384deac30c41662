// The right-click menu (its items are in context-menu-items.ts), in the language the person chose.
import { Menu, type BrowserWindow } from 'electron';
import type { Language } from '../../shared/i18n';
import { contextMenuItems } from './context-menu-items';

export function installContextMenu(window: BrowserWindow, language: () => Language): void {
  window.webContents.on('context-menu', (_event, params) => {
    const { webContents } = window;
    const items = contextMenuItems(params, language(), {
      replaceMisspelling: (word) => webContents.replaceMisspelling(word),
      addToDictionary: (word) => webContents.session.addWordToSpellCheckerDictionary(word),
      comment: () => webContents.send('app.command', { command: 'comment' }),
    });
    if (items.length) Menu.buildFromTemplate(items).popup({ window });
  });
}
