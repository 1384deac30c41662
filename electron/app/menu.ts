// The native menu. Its commands go to the renderer, which carries them out exactly as the
// toolbar does, so both show and do the same thing.
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { translate, type Language, type MessageKey } from '../../shared/i18n';
import type { FormatState } from '../../shared/ipc';

export function buildMenu(window: BrowserWindow, language: Language, recent: string[], openPath: (p: string) => void): void {
  const t = (key: MessageKey) => translate(language, key);
  const send = (command: string) => () => window.webContents.send('app.command', { command });
  const item = (label: string, command: string, accelerator?: string): MenuItemConstructorOptions => ({ label, accelerator, click: send(command) });
  // Format commands tick when active. Their shortcuts belong to the editor (it handles the keys
  // itself), so the menu only shows them: registering them too would toggle twice.
  const format = (label: string, command: string, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    type: 'checkbox',
    id: command,
    click: send(command),
  });
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t('menu.file'),
      submenu: [
        {
          label: t('menu.new'),
          submenu: (['blank', 'letter', 'speech', 'new-year'] as const).map((id) =>
            item(t(`template.${id}`), `new:${id}`, id === 'blank' ? 'CmdOrCtrl+N' : undefined),
          ),
        },
        item(t('menu.open'), 'open', 'CmdOrCtrl+O'),
        {
          label: t('menu.openRecent'),
          submenu: recent.length
            ? recent.map((path) => ({ label: path, click: () => openPath(path) }))
            : [{ label: '—', enabled: false }],
        },
        { type: 'separator' },
        { ...item(t('history.save'), 'save-version', 'CmdOrCtrl+Alt+S'), registerAccelerator: false },
        item(t('review.send'), 'send-review'),
        item(t('review.merge'), 'merge'),
        { ...item(t('export.menu'), 'export', 'CmdOrCtrl+Shift+E'), registerAccelerator: false },
        { type: 'separator' },
        item(t('menu.close'), 'close', 'CmdOrCtrl+W'),
        item(t('menu.settings'), 'settings', 'CmdOrCtrl+,'),
        ...(isMac ? [] : [{ type: 'separator' as const }, { label: t('menu.quit'), role: 'quit' as const }]),
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { ...item(t('editor.undo'), 'undo', 'CmdOrCtrl+Z'), registerAccelerator: false },
        { ...item(t('editor.redo'), 'redo', isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'), registerAccelerator: false },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { ...item(t('menu.find'), 'find', 'CmdOrCtrl+F'), registerAccelerator: false },
        { ...item(t('menu.replace'), 'replace', 'CmdOrCtrl+H'), registerAccelerator: false },
        { type: 'separator' },
        { ...item(t('comments.add'), 'comment', 'CmdOrCtrl+Alt+M'), registerAccelerator: false },
      ],
    },
    {
      label: t('menu.format'),
      submenu: [
        format(t('editor.bold'), 'bold', 'CmdOrCtrl+B'),
        format(t('editor.italic'), 'italic', 'CmdOrCtrl+I'),
        format(t('editor.underline'), 'underline', 'CmdOrCtrl+U'),
        format(t('editor.strikethrough'), 'strikethrough', 'CmdOrCtrl+Shift+X'),
        { type: 'separator' },
        format(t('editor.paragraph'), 'block:paragraph', 'CmdOrCtrl+Alt+0'),
        format(t('editor.h1'), 'block:h1', 'CmdOrCtrl+Alt+1'),
        format(t('editor.h2'), 'block:h2', 'CmdOrCtrl+Alt+2'),
        format(t('editor.h3'), 'block:h3', 'CmdOrCtrl+Alt+3'),
        format(t('editor.quote'), 'block:quote'),
        format(t('editor.bullets'), 'bullets'),
        format(t('editor.numbers'), 'numbers'),
        { type: 'separator' },
        format(t('editor.alignLeft'), 'align:left'),
        format(t('editor.alignCenter'), 'align:center'),
        format(t('editor.alignRight'), 'align:right'),
        format(t('editor.justify'), 'align:justify'),
        { type: 'separator' },
        format(t('editor.link'), 'link', 'CmdOrCtrl+K'),
        item(t('editor.rule'), 'rule'),
        { ...item(t('editor.pageBreak'), 'page-break', 'CmdOrCtrl+Enter'), registerAccelerator: false },
        item(t('editor.signature'), 'signature'),
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        item(t('menu.library'), 'library', 'CmdOrCtrl+Shift+L'),
        { ...item(t('history.title'), 'history', 'CmdOrCtrl+Alt+Y'), registerAccelerator: false },
        item(t('comments.title'), 'comments'),
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: t('menu.help'), role: 'help', submenu: [{ label: `Signet ${app.getVersion()}`, enabled: false }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
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
