// The native menu (its items are in menu-template.ts) and the ticks on its format items.
import { app, Menu, type BrowserWindow } from 'electron';
import type { Language } from '../../shared/i18n';
import type { FormatState } from '../../shared/ipc';
import { menuTemplate } from './menu-template';

export function buildMenu(window: BrowserWindow, language: Language, recent: string[], openPath: (p: string) => void): void {
  const actions = { send: (command: string) => window.webContents.send('app.command', { command }), openPath, version: app.getVersion() };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, recent, actions)));
}

/** Ticks the menu's format items to match the selection. */
export function showFormat(state: FormatState): void {
  const menu = Menu.getApplicationMenu();
  if (!menu) return;
  const active = new Set<string>([`block:${state.block === 'bullet' || state.block === 'number' ? '' : state.block}`, `align:${state.align || 'left'}`]);
  if (state.block === 'bullet') active.add('bullets');
  if (state.block === 'number') active.add('numbers');
  for (const key of ['bold', 'italic', 'underline', 'strikethrough', 'link'] as const) if (state[key]) active.add(key);
  const ids = ['bold', 'italic', 'underline', 'strikethrough', 'link', 'bullets', 'numbers', 'block:paragraph', 'block:h1', 'block:h2', 'block:h3', 'block:quote', 'align:left', 'align:center', 'align:right', 'align:justify'];
  for (const id of ids) {
    const item = menu.getMenuItemById(id);
    if (item) item.checked = active.has(id);
  }
}
