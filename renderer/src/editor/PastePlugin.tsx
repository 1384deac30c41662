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
import { protectInlineAttributes, sanitizeTree } from '../../../shared/sanitize';

/** Paragraphs per editor update when a long text arrives: the window keeps answering in between. */
const CHUNK = 150;

function $insertPlain(text: string): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  // One paragraph per line, as typed.
  text.split(/\r?\n/).forEach((line, i) => {
    if (i > 0) selection.insertParagraph();
    if (line) selection.insertText(line);
  });
}

/** Inserts pasted or dropped content, cleaned; a long HTML text goes in chunks. */
async function insertTransfer(editor: LexicalEditor, data: DataTransfer, $placeCaret?: () => void): Promise<void> {
  const html = data.getData('text/html');
  if (!html) return editor.update(() => ($placeCaret?.(), $insertPlain(data.getData('text/plain'))));
  const dom = new DOMParser().parseFromString(protectInlineAttributes(html), 'text/html');
  sanitizeTree(dom.body);
  const blocks = Array.from(dom.body.childNodes);
  for (let i = 0; i === 0 || i < blocks.length; i += CHUNK) {
    const part = document.implementation.createHTMLDocument('');
    part.body.append(...blocks.slice(i, i + CHUNK));
    editor.update(() => {
      if (i === 0) $placeCaret?.();
      const selection = $getSelection();
      if (selection) $insertGeneratedNodes(editor, $generateNodesFromDOM(editor, part), selection);
    });
    // Yield to the window between chunks; Yjs's undo joins chunks that follow closely into one step.
    if (i + CHUNK < blocks.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
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
            void insertTransfer(editor, data);
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
            void insertTransfer(editor, data, () => {
              if (!range) return;
              const dom = window.getSelection();
              dom?.removeAllRanges();
              dom?.addRange(range);
              const at = $createRangeSelectionFromDom(dom, editor);
              if (at) $setSelection(at);
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
