// The native menu and the right-click menu speak the language chosen in Settings, and switching
// it rebuilds them; on macOS, Replace leaves Cmd+H to Hide.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { AppSettings } from '../../../electron/app/app-settings';
import { contextMenuItems } from '../../../electron/app/context-menu-items';
import { menuTemplate } from '../../../electron/app/menu-template';
import { defaultSettings } from '../../../electron/services/files/settings';

const actions = { send: () => {}, openPath: () => {}, version: '0.1.0' };
const labels = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [item.label ?? '', ...(Array.isArray(item.submenu) ? labels(item.submenu) : [])]).filter(Boolean);
const find = (items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? [find(item.submenu, label)].filter((i) => !!i) : [])]).find((i) => i!.label === label);

let folder: string | null = null;
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = null;
});

describe('the native menu', () => {
  it('is in Chinese when the interface is, clipboard items included', () => {
    const zh = labels(menuTemplate('zh-CN', [], actions, 'linux'));
    expect(zh).toEqual(expect.arrayContaining(['文件', '编辑', '新建讲稿', '替换…', '剪切', '复制', '粘贴', '全选', '切换全屏']));
    expect(zh).not.toContain('File');
    expect(labels(menuTemplate('en', [], actions, 'linux'))).toEqual(expect.arrayContaining(['File', 'Edit', 'Replace…', 'Cut', 'Paste']));
  });
  it('gives Replace Ctrl+H, but Cmd+Option+F on macOS, where Cmd+H hides the app', () => {
    expect(find(menuTemplate('en', [], actions, 'linux'), 'Replace…')?.accelerator).toBe('Ctrl+H');
    const mac = menuTemplate('en', [], actions, 'darwin');
    expect(find(mac, 'Replace…')?.accelerator).toBe('Cmd+Alt+F');
    expect(JSON.stringify(mac)).not.toMatch(/"CmdOrCtrl\+H"|"Cmd\+H"/);
  });
  it('is rebuilt in the new language as soon as the person switches it in Settings', async () => {
    folder = await mkdtemp(join(tmpdir(), 'signet-menus-'));
    const settings = new AppSettings(join(folder, 'settings.json'), defaultSettings(folder, 'en-GB'));
    let menu = labels(menuTemplate((await settings.get()).language, [], actions, 'linux'));
    const rebuilt: string[] = [];
    settings.onLanguage((language) => {
      rebuilt.push(language);
      menu = labels(menuTemplate(language, [], actions, 'linux'));
    });
    await settings.set({ name: 'Amina Yusuf' });
    expect(rebuilt).toEqual([]);
    await settings.set({ language: 'zh-CN' });
    expect(rebuilt).toEqual(['zh-CN']);
    expect(menu).toContain('文件');
    await settings.set({ language: 'zh-CN', jobTitle: 'Head of Speechwriting' });
    expect(rebuilt).toEqual(['zh-CN']);
  });
});

describe('the right-click menu', () => {
  const misspelled = { misspelledWord: 'adress', dictionarySuggestions: ['address', 'dress'], selectionText: 'adress', isEditable: true };
  const done: string[] = [];
  const context = { replaceMisspelling: (w: string) => void done.push(`replace:${w}`), addToDictionary: (w: string) => void done.push(`add:${w}`), comment: () => void done.push('comment') };

  it('offers suggestions, the dictionary, Comment and the clipboard, in Chinese when the interface is', () => {
    const zh = contextMenuItems(misspelled, 'zh-CN', context);
    expect(labels(zh)).toEqual(['address', 'dress', '添加到词典', '批注…', '剪切', '复制', '粘贴', '全选']);
    expect(labels(contextMenuItems({ ...misspelled, dictionarySuggestions: [] }, 'zh-CN', context))).toContain('没有拼写建议');
    expect(labels(contextMenuItems(misspelled, 'en', context))).toEqual(['address', 'dress', 'Add to Dictionary', 'Comment…', 'Cut', 'Copy', 'Paste', 'Select All']);
  });
  it('carries out what is chosen, and offers only Copy on text that cannot be edited', () => {
    const items = contextMenuItems(misspelled, 'en', context);
    for (const label of ['address', 'Add to Dictionary', 'Comment…']) (items.find((i) => i.label === label)!.click as () => void)();
    expect(done).toEqual(['replace:address', 'add:adress', 'comment']);
    expect(labels(contextMenuItems({ misspelledWord: '', dictionarySuggestions: [], selectionText: 'Dear residents', isEditable: false }, 'zh-CN', context))).toEqual(['批注…', '复制']);
  });
});
