// The right-click menu's items, in the person's language: spelling suggestions for a misspelled
// word, Comment on selected text, then the clipboard. Plain code, so the unit tests build it.
import type { ContextMenuParams, MenuItemConstructorOptions } from 'electron';
import { translate, type Language, type MessageKey } from '../../shared/i18n';
import { clipboardItems } from './menu-template';

export interface ContextActions {
  replaceMisspelling(word: string): void;
  addToDictionary(word: string): void;
  /** The renderer carries it out like the menu's command (it knows the selection and the message). */
  comment(): void;
}

type Params = Pick<ContextMenuParams, 'misspelledWord' | 'dictionarySuggestions' | 'selectionText' | 'isEditable'>;

export function contextMenuItems(params: Params, language: Language, actions: ContextActions): MenuItemConstructorOptions[] {
  const t = (key: MessageKey) => translate(language, key);
  const items: MenuItemConstructorOptions[] = [];
  if (params.misspelledWord) {
    for (const suggestion of params.dictionarySuggestions.slice(0, 6)) items.push({ label: suggestion, click: () => actions.replaceMisspelling(suggestion) });
    if (params.dictionarySuggestions.length === 0) items.push({ label: t('menu.noSuggestions'), enabled: false });
    items.push({ label: t('menu.addToDictionary'), click: () => actions.addToDictionary(params.misspelledWord) }, { type: 'separator' });
  }
  if (params.selectionText.trim()) {
    items.push({ label: `${t('comments.add')}…`, accelerator: 'CmdOrCtrl+Alt+M', click: () => actions.comment() }, { type: 'separator' });
  }
  const [cut, copy, paste, selectAll] = clipboardItems(t);
  if (params.isEditable) items.push(cut, copy, paste, { type: 'separator' }, selectAll);
  else if (params.selectionText) items.push(copy);
  return items;
}
