// Pasted HTML (Word, Google Docs, web pages) is cleaned by the shared sanitiser before Lexical
// reads it: only the formatting a message supports survives. Lexical's own clipboard format is
// ignored on purpose, since any program can put it on the clipboard.
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $generateNodesFromDOM } from '@lexical/html';
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { $getSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND } from 'lexical';
import { sanitizeTree } from '../../../shared/sanitize';

export function PastePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = event instanceof ClipboardEvent ? event.clipboardData : null;
          const html = data?.getData('text/html');
          if (!html) return false; // plain text: Lexical's own handling is safe
          event.preventDefault();
          const dom = new DOMParser().parseFromString(html, 'text/html');
          sanitizeTree(dom.body);
          editor.update(() => {
            const selection = $getSelection();
            if (selection) $insertGeneratedNodes(editor, $generateNodesFromDOM(editor, dom), selection);
          });
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}
