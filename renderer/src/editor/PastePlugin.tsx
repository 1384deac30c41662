// Everything that arrives by paste or drop goes through the shared sanitiser: pasted HTML (Word,
// Google Docs, web pages) keeps only the formatting a message supports, and plain text is plain
// text. Lexical's own clipboard format is never read, since any web page can put it on the
// clipboard with hidden styles or links of its choosing.
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $generateNodesFromDOM } from '@lexical/html';
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { mergeRegister } from '@lexical/utils';
import {
  $createRangeSelectionFromDom,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_HIGH,
  DROP_COMMAND,
  PASTE_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { sanitizeTree } from '../../../shared/sanitize';

function $insertTransfer(editor: LexicalEditor, data: DataTransfer): void {
  const selection = $getSelection();
  if (!selection) return;
  const html = data.getData('text/html');
  if (html) {
    const dom = new DOMParser().parseFromString(html, 'text/html');
    sanitizeTree(dom.body);
    $insertGeneratedNodes(editor, $generateNodesFromDOM(editor, dom), selection);
    return;
  }
  if (!$isRangeSelection(selection)) return;
  // Plain text: one paragraph per line, as typed.
  data
    .getData('text/plain')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (i > 0) selection.insertParagraph();
      if (line) selection.insertText(line);
    });
}

export function PastePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          PASTE_COMMAND,
          (event) => {
            const data = event instanceof ClipboardEvent ? event.clipboardData : null;
            if (!data) return false; // an InputEvent paste carries no clipboard: nothing to read
            event.preventDefault();
            editor.update(() => $insertTransfer(editor, data));
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          DROP_COMMAND,
          (event) => {
            const data = event.dataTransfer;
            // Dropped files are for the window (a .signet file opens); text is inserted where it lands.
            if (!data || data.files.length > 0) return false;
            event.preventDefault();
            const range = document.caretRangeFromPoint?.(event.clientX, event.clientY);
            editor.update(() => {
              if (range) {
                const dom = window.getSelection();
                dom?.removeAllRanges();
                dom?.addRange(range);
                const at = $createRangeSelectionFromDom(dom, editor);
                if (at) $setSelection(at);
              }
              $insertTransfer(editor, data);
            });
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor],
  );
  return null;
}
