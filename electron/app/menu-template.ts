// The native menu's items, in the person's language (rebuilt when they switch it in Settings).
// Its commands go to the renderer, which carries them out exactly as the toolbar does. Plain
// code: only Electron's types are imported, so the unit tests build it.
import type { MenuItemConstructorOptions } from 'electron';
import { translate, type Language, type MessageKey } from '../../shared/i18n';

export interface MenuActions {
  /** Sends a command to the window's interface. */
  send(command: string): void;
  openPath(path: string): void;
  version: string;
}

/** Cut, Copy, Paste and Select All, labelled in the person's language (Electron's own labels are English). */
export const clipboardItems = (t: (key: MessageKey) => string): MenuItemConstructorOptions[] => [
  { label: t('menu.cut'), role: 'cut' },
  { label: t('menu.copy'), role: 'copy' },
  { label: t('menu.paste'), role: 'paste' },
  { label: t('menu.selectAll'), role: 'selectAll' },
];

export function menuTemplate(language: Language, recent: string[], actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const t = (key: MessageKey) => translate(language, key);
  const send = (command: string) => () => actions.send(command);
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
  const isMac = platform === 'darwin';
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
        item(t('menu.newFromWord'), 'new-from-word'),
        item(t('menu.open'), 'open', 'CmdOrCtrl+O'),
        item(t('library.fromServer'), 'open-from-server'),
        {
          label: t('menu.openRecent'),
          submenu: recent.length
            ? recent.map((path) => ({ label: path, click: () => actions.openPath(path) }))
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
        ...clipboardItems(t),
        { type: 'separator' },
        { ...item(t('menu.find'), 'find', 'CmdOrCtrl+F'), registerAccelerator: false },
        // Cmd+H hides the app on macOS, so Replace takes Cmd+Option+F there, as in Apple's own apps.
        { ...item(t('menu.replace'), 'replace', isMac ? 'Cmd+Alt+F' : 'Ctrl+H'), registerAccelerator: false },
        { type: 'separator' },
        { ...item(t('comments.add'), 'comment', 'CmdOrCtrl+Alt+M'), registerAccelerator: false },
        { ...item(t('suggest.toggle'), 'suggesting', 'CmdOrCtrl+Alt+Shift+X'), registerAccelerator: false },
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
        { label: t('menu.fullScreen'), role: 'togglefullscreen' },
      ],
    },
    { label: t('menu.help'), role: 'help', submenu: [{ label: `Signet ${actions.version}`, enabled: false }] },
  ];
  return template;
}
