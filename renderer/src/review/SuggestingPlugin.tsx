// Suggesting mode in the editor: while it is on, every change the person makes with the keyboard,
// the clipboard or the menus becomes a suggestion (shared/review/suggest.ts) instead of an edit.
// Only the person's own input is taken over, through the editor's commands and the page's
// beforeinput events; changes that arrive from the document (a merge, undo) never pass here, so
// they are never turned into suggestions.
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_CRITICAL,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  CUT_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  DROP_COMMAND,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  PASTE_COMMAND,
  REMOVE_TEXT_COMMAND,
  type LexicalCommand,
  type LexicalEditor,
  type RangeSelection,
} from 'lexical';
import type { Person } from '../../../shared/document';
import { $suggestDeletion, $suggestFormat, $suggestInsertion, $suggestJoin, $suggestLines, $suggestSplit, randomSuggestionId, type Suggester } from '../../../shared/review';

/** What one deletion key takes, as the browser's selection moves it. */
type Granularity = 'character' | 'word' | 'lineboundary';

function $deleteAsSuggestion(who: Suggester, backward: boolean, granularity: Granularity): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return true;
  // At a paragraph's start (Backspace) or end (Delete): a proposal to join it with its neighbour.
  if ($suggestJoin(selection, who, backward)) return true;
  if (selection.isCollapsed()) selection.modify('extend', backward, granularity);
  $suggestDeletion(selection, who, backward);
  return true;
}

function $typeAsSuggestion(who: Suggester, text: string): boolean {
  const selection = $getSelection();
  if ($isRangeSelection(selection)) $suggestInsertion(selection, text, who);
  return true;
}

/** Pasted or dropped text: its lines come in as one suggestion, each line break a proposed split. */
function $pasteAsSuggestion(who: Suggester, text: string): boolean {
  const selection = $getSelection();
  if ($isRangeSelection(selection)) $suggestLines(selection, plainLines(text), who);
  return true;
}

function $splitAsSuggestion(who: Suggester): boolean {
  const selection = $getSelection();
  if ($isRangeSelection(selection)) $suggestSplit(selection, who);
  return true;
}

/** Pasted text as plain lines: no control characters, and no blank space around its line breaks. */
const plainLines = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[ \t]*(\r\n|\r|\n)[ \t]*/g, '\n');

// Changes that cannot be suggested yet (line breaks inside a paragraph, block formats, links): while
// suggesting they do nothing, rather than change the text outside a suggestion.
const REFUSED: LexicalCommand<unknown>[] = [INSERT_LINE_BREAK_COMMAND, FORMAT_ELEMENT_COMMAND, INDENT_CONTENT_COMMAND, OUTDENT_CONTENT_COMMAND, DROP_COMMAND] as LexicalCommand<unknown>[];

const DELETIONS: Record<string, [boolean, Granularity]> = {
  deleteContentBackward: [true, 'character'],
  deleteContentForward: [false, 'character'],
  deleteWordBackward: [true, 'word'],
  deleteWordForward: [false, 'word'],
  deleteSoftLineBackward: [true, 'lineboundary'],
  deleteSoftLineForward: [false, 'lineboundary'],
  deleteHardLineBackward: [true, 'lineboundary'],
  deleteHardLineForward: [false, 'lineboundary'],
};

/**
 * The page's own input, before Lexical (which lets the browser type into the text) sees it: typed
 * words and deletions become suggestions; any other change to the text is held back.
 */
function onBeforeInput(editor: LexicalEditor, who: Suggester, event: InputEvent): void {
  if (event.inputType === 'insertCompositionText' || event.inputType.startsWith('history') || event.inputType.startsWith('format')) return;
  event.preventDefault();
  event.stopPropagation();
  const deletion = DELETIONS[event.inputType];
  if (deletion) editor.update(() => void $deleteAsSuggestion(who, ...deletion));
  else if (event.inputType === 'insertParagraph') editor.update(() => void $splitAsSuggestion(who));
  else if ((event.inputType === 'insertText' || event.inputType === 'insertReplacementText') && event.data) editor.update(() => void $typeAsSuggestion(who, event.data!));
  else if (event.inputType === 'insertReplacementText' && event.dataTransfer) {
    const text = event.dataTransfer.getData('text/plain');
    editor.update(() => void $pasteAsSuggestion(who, text));
  }
}

function register(editor: LexicalEditor, who: Suggester): () => void {
  const critical = COMMAND_PRIORITY_CRITICAL;
  const typed = (payload: InputEvent | string) => $typeAsSuggestion(who, typeof payload === 'string' ? payload : payload.data ?? '');
  const cut = (event: ClipboardEvent | KeyboardEvent | null) => {
    // The words go to the clipboard as they are; in the text they are only marked as deleted.
    const selection = $getSelection();
    if (event && 'clipboardData' in event && event.clipboardData && $isRangeSelection(selection)) {
      event.preventDefault();
      event.clipboardData.setData('text/plain', selection.getTextContent());
    }
    if ($isRangeSelection(selection)) $suggestDeletion(selection as RangeSelection, who, false);
    return true;
  };
  const paste = (event: ClipboardEvent | InputEvent | KeyboardEvent) => {
    const text = 'clipboardData' in event ? event.clipboardData?.getData('text/plain') : null;
    event.preventDefault();
    return text ? $pasteAsSuggestion(who, text) : true;
  };
  const root = editor.getRootElement();
  const before = (event: Event) => onBeforeInput(editor, who, event as InputEvent);
  root?.addEventListener('beforeinput', before, true);
  return mergeRegister(
    () => root?.removeEventListener('beforeinput', before, true),
    editor.registerCommand(CONTROLLED_TEXT_INSERTION_COMMAND, typed, critical),
    editor.registerCommand(DELETE_CHARACTER_COMMAND, (backward) => $deleteAsSuggestion(who, backward, 'character'), critical),
    editor.registerCommand(DELETE_WORD_COMMAND, (backward) => $deleteAsSuggestion(who, backward, 'word'), critical),
    editor.registerCommand(DELETE_LINE_COMMAND, (backward) => $deleteAsSuggestion(who, backward, 'lineboundary'), critical),
    editor.registerCommand(REMOVE_TEXT_COMMAND, () => $deleteAsSuggestion(who, true, 'character'), critical),
    editor.registerCommand(INSERT_PARAGRAPH_COMMAND, () => $splitAsSuggestion(who), critical),
    editor.registerCommand(CUT_COMMAND, cut, critical),
    editor.registerCommand(PASTE_COMMAND, paste, critical),
    editor.registerCommand(
      FORMAT_TEXT_COMMAND,
      (type) => {
        const selection = $getSelection();
        if (['bold', 'italic', 'underline', 'strikethrough'].includes(type) && $isRangeSelection(selection)) $suggestFormat(selection, type, who);
        return true;
      },
      critical,
    ),
    ...REFUSED.map((command) => editor.registerCommand(command, () => true, critical)),
  );
}

/** Turns the person's changes into suggestions by `author` while `on`. */
export function SuggestingPlugin({ on, author }: { on: boolean; author: Person }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (!on) return;
    const who: Suggester = { author, newId: randomSuggestionId, now: () => new Date() };
    let stop = () => {};
    // Called at once with the root element, and again whenever it changes.
    const stopRoot = editor.registerRootListener(() => {
      stop();
      stop = register(editor, who);
    });
    return () => {
      stopRoot();
      stop();
    };
  }, [editor, on, author]);
  return null;
}
