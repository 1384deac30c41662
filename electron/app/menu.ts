// The native menu. Its commands go to the renderer, which carries them out exactly as the
// toolbar does, so both show and do the same thing.
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { translate, type Language, type MessageKey } from '../../shared/i18n';

export function buildMenu(window: BrowserWindow, language: Language, recent: string[], openPath: (p: string) => void): void {
  const t = (key: MessageKey) => translate(language, key);
  const send = (command: string) => () => window.webContents.send('app.command', { command });
  const item = (label: string, command: string, accelerator?: string): MenuItemConstructorOptions => ({ label, accelerator, click: send(command) });
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
        item(t('menu.close'), 'close', 'CmdOrCtrl+W'),
        item(t('menu.settings'), 'settings', 'CmdOrCtrl+,'),
        ...(isMac ? [] : [{ type: 'separator' as const }, { label: t('menu.quit'), role: 'quit' as const }]),
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        item(t('editor.undo'), 'undo', 'CmdOrCtrl+Z'),
        item(t('editor.redo'), 'redo', isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item(t('menu.find'), 'find', 'CmdOrCtrl+F'),
        item(t('menu.replace'), 'replace', isMac ? 'Alt+Cmd+F' : 'Ctrl+H'),
      ],
    },
    {
      label: t('menu.format'),
      submenu: [
        item(t('editor.bold'), 'bold', 'CmdOrCtrl+B'),
        item(t('editor.italic'), 'italic', 'CmdOrCtrl+I'),
        item(t('editor.underline'), 'underline', 'CmdOrCtrl+U'),
        item(t('editor.strikethrough'), 'strikethrough', 'CmdOrCtrl+Shift+X'),
        { type: 'separator' },
        item(t('editor.paragraph'), 'block:paragraph', 'CmdOrCtrl+Alt+0'),
        item(t('editor.h1'), 'block:h1', 'CmdOrCtrl+Alt+1'),
        item(t('editor.h2'), 'block:h2', 'CmdOrCtrl+Alt+2'),
        item(t('editor.h3'), 'block:h3', 'CmdOrCtrl+Alt+3'),
        item(t('editor.quote'), 'block:quote'),
        item(t('editor.bullets'), 'bullets'),
        item(t('editor.numbers'), 'numbers'),
        { type: 'separator' },
        item(t('editor.alignLeft'), 'align:left'),
        item(t('editor.alignCenter'), 'align:center'),
        item(t('editor.alignRight'), 'align:right'),
        item(t('editor.justify'), 'align:justify'),
        { type: 'separator' },
        item(t('editor.link'), 'link', 'CmdOrCtrl+K'),
        item(t('editor.rule'), 'rule'),
        item(t('editor.pageBreak'), 'page-break', 'CmdOrCtrl+Enter'),
        item(t('editor.signature'), 'signature'),
      ],
    },
    {
      label: t('menu.view'),
      submenu: [item(t('menu.library'), 'library', 'CmdOrCtrl+Shift+L'), { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { label: t('menu.help'), role: 'help', submenu: [{ label: `Signet ${app.getVersion()}`, enabled: false }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
