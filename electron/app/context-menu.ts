// The right-click menu: spelling suggestions for a misspelled word, Comment on selected text, then
// the clipboard.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

export function installContextMenu(window: BrowserWindow): void {
  window.webContents.on('context-menu', (_event, params) => {
    const { webContents } = window;
    const items: MenuItemConstructorOptions[] = [];
    if (params.misspelledWord) {
      for (const suggestion of params.dictionarySuggestions.slice(0, 6)) {
        items.push({ label: suggestion, click: () => webContents.replaceMisspelling(suggestion) });
      }
      if (params.dictionarySuggestions.length === 0) items.push({ label: 'No suggestions', enabled: false });
      items.push(
        {
          label: 'Add to Dictionary',
          click: () => webContents.session.addWordToSpellCheckerDictionary(params.misspelledWord),
        },
        { type: 'separator' },
      );
    }
    // The renderer carries it out like the menu's command (it knows the selection and the message).
    if (params.selectionText.trim()) {
      items.push({ label: 'Comment…', accelerator: 'CmdOrCtrl+Alt+M', click: () => webContents.send('app.command', { command: 'comment' }) }, { type: 'separator' });
    }
    if (params.isEditable) items.push({ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { type: 'separator' }, { role: 'selectAll' });
    else if (params.selectionText) items.push({ role: 'copy' });
    if (items.length) Menu.buildFromTemplate(items).popup({ window });
  });
}
