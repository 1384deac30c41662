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
  $createParagraphNode,
  $createRangeSelectionFromDom,
  $isDecoratorNode,
  $isElementNode,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_HIGH,
  DROP_COMMAND,
  PASTE_COMMAND,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { protectInlineAttributes, sanitizeTree } from '../../../shared/document';

/** Paragraphs per editor update when a long text arrives: the window keeps answering in between. */
const CHUNK = 150;
/** Pasted HTML longer than this is cleaned in steps rather than in the paste event itself. */
const LARGE = 256 * 1024;

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function $insertPlain(text: string): void {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return;
  // One paragraph per line, as typed.
  text.split(/\r?\n/).forEach((line, i) => {
    if (i > 0) selection.insertParagraph();
    if (line) selection.insertText(line);
  });
}

/** Where the blocks of a long paste go: after `last`, replacing `empty` if the caret sat in one. */
interface Insertion {
  last: LexicalNode;
  empty: ElementNode | null;
}

/**
 * Splits the paragraph at the caret so that whole blocks can follow its first half. Only for
 * plain top-level paragraphs, headings and quotes; anywhere else (a list, the signature block) a
 * long paste goes in one update as Lexical places it.
 */
function $prepareLongPaste(): Insertion | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  if (!selection.isCollapsed()) selection.removeText();
  const block = selection.anchor.getNode().getTopLevelElement();
  if (!block || !['paragraph', 'heading', 'quote'].includes(block.getType())) return null;
  if (block.getTextContentSize() === 0) return { last: block, empty: block };
  if (selection.anchor.offset === 0 && selection.anchor.getNode().getPreviousSibling() === null) {
    const before = $createParagraphNode();
    block.insertBefore(before);
    return { last: before, empty: before };
  }
  selection.insertParagraph();
  const split = $getSelection();
  const tail = $isRangeSelection(split) ? split.anchor.getNode().getTopLevelElement() : null;
  return { last: tail?.getPreviousSibling() ?? block, empty: null };
}

/** Appends generated nodes as blocks after `at.last`; loose inline nodes get a paragraph. */
function $appendBlocks(at: Insertion, nodes: LexicalNode[]): void {
  let loose: ElementNode | null = null;
  for (const node of nodes) {
    if (!$isElementNode(node) && !$isDecoratorNode(node)) {
      if (!loose) at.last = at.last.insertAfter((loose = $createParagraphNode()));
      loose.append(node);
    } else if ($isElementNode(node) && node.isInline()) {
      if (!loose) at.last = at.last.insertAfter((loose = $createParagraphNode()));
      loose.append(node);
    } else {
      loose = null;
      at.last = at.last.insertAfter(node);
    }
  }
}

/** Inserts pasted or dropped content, cleaned; a long HTML text goes in chunks. */
async function insertTransfer(editor: LexicalEditor, data: DataTransfer, $placeCaret?: () => void): Promise<void> {
  // The clipboard can be read only now, during the event.
  const html = data.getData('text/html');
  if (!html) return editor.update(() => ($placeCaret?.(), $insertPlain(data.getData('text/plain'))));
  // A large text is cleaned step by step, each step its own task, so the window keeps answering.
  const large = html.length > LARGE;
  const step = () => (large ? tick() : Promise.resolve());
  await step();
  const cleanable = protectInlineAttributes(html);
  await step();
  const dom = new DOMParser().parseFromString(cleanable, 'text/html');
  await step();
  sanitizeTree(dom.body);
  await step();
  const blocks = Array.from(dom.body.childNodes);
  const chunkOf = (from: number, to: number) => {
    const part = document.implementation.createHTMLDocument('');
    part.body.append(...blocks.slice(from, to));
    return part;
  };
  let at: Insertion | null = null;
  editor.update(() => {
    $placeCaret?.();
    if (blocks.length > CHUNK) at = $prepareLongPaste();
    const selection = $getSelection();
    if (!at && selection) $insertGeneratedNodes(editor, $generateNodesFromDOM(editor, dom), selection);
  });
  // Inside the paste command that update is queued behind it: let it run before reading `at`.
  await tick();
  if (!at) return;
  const insertion: Insertion = at;
  for (let i = 0; i < blocks.length; i += CHUNK) {
    const part = chunkOf(i, i + CHUNK);
    editor.update(() => {
      $appendBlocks(insertion, $generateNodesFromDOM(editor, part));
      if (i + CHUNK >= blocks.length) {
        if (insertion.empty?.isAttached()) insertion.empty.remove();
        insertion.last.selectEnd();
      }
    });
    // Yield to the window between chunks; Yjs's undo joins chunks that follow closely into one step.
    await tick();
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
