// Every formatting command, by name. The toolbar and the native menu both call runCommand, so
// they always do the same thing.
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import {
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { $createHorizontalRuleNode } from '@lexical/extension';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType, $insertNodeToNearestRoot } from '@lexical/utils';
import {
  $createParagraphNode,
  $createTextNode,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type ElementFormatType,
  type LexicalEditor,
  type LexicalNode,
  type TextFormatType,
} from 'lexical';
import { $createPageBreakNode, $createSignatureNode } from '../../../shared/document';

import type { FormatState } from '../../../shared/ipc';

// The shape is the IPC contract's, since the same state ticks the native menu.
export type { FormatState };
export type BlockType = FormatState['block'];

export const EMPTY_FORMAT: FormatState = {
  bold: false,
  italic: false,
  underline: false,
  strikethrough: false,
  block: 'paragraph',
  align: 'left',
  link: false,
};

/** The block holding `node`: a child of the root, or of the signature block (which holds lines). */
function $topBlock(node: LexicalNode): LexicalNode | null {
  let current: LexicalNode | null = node;
  while (current) {
    const parent: LexicalNode | null = current.getParent();
    if (parent === null) return null;
    if ($isRootOrShadowRoot(parent) || parent.getType() === 'signature') return current;
    current = parent;
  }
  return null;
}

/** What the selection looks like now, for the toolbar's and the menu's pressed states. */
export function $readFormat(): FormatState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return EMPTY_FORMAT;
  const anchor = selection.anchor.getNode();
  const block = $topBlock(anchor);
  let blockType: BlockType = 'paragraph';
  const list = $getNearestNodeOfType(anchor, ListNode);
  if (list) blockType = list.getListType() === 'number' ? 'number' : 'bullet';
  // Pasted h4 to h6 show as the smallest heading the toolbar offers.
  else if ($isHeadingNode(block)) blockType = (['h1', 'h2'].includes(block.getTag()) ? block.getTag() : 'h3') as BlockType;
  else if ($isQuoteNode(block)) blockType = 'quote';
  const element = block && 'getFormatType' in block ? (block as unknown as { getFormatType(): ElementFormatType }).getFormatType() : 'left';
  const parent = anchor.getParent();
  return {
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    strikethrough: selection.hasFormat('strikethrough'),
    block: blockType,
    align: element || 'left',
    link: $isLinkNode(parent) || $isLinkNode(anchor),
  };
}

export interface CommandContext {
  editor: LexicalEditor;
  format: FormatState;
  askLink(current: boolean, apply: (url: string | null) => void): void;
  signatory: { name: string; jobTitle: string };
}

function setBlock(editor: LexicalEditor, type: 'paragraph' | 'h1' | 'h2' | 'h3' | 'quote') {
  editor.update(() => {
    const selection = $getSelection();
    $setBlocksType(selection, () =>
      type === 'paragraph' ? $createParagraphNode() : type === 'quote' ? $createQuoteNode() : $createHeadingNode(type),
    );
  });
}

export function runCommand(command: string, ctx: CommandContext): boolean {
  const { editor, format } = ctx;
  const [name, arg] = command.split(':') as [string, string | undefined];
  switch (name) {
    case 'undo':
      return editor.dispatchCommand(UNDO_COMMAND, undefined);
    case 'redo':
      return editor.dispatchCommand(REDO_COMMAND, undefined);
    case 'bold':
    case 'italic':
    case 'underline':
    case 'strikethrough':
      return editor.dispatchCommand(FORMAT_TEXT_COMMAND, name as TextFormatType);
    case 'block':
      if (arg === 'paragraph' || arg === 'h1' || arg === 'h2' || arg === 'h3' || arg === 'quote') setBlock(editor, format.block === arg ? 'paragraph' : arg);
      return true;
    case 'bullets':
      return format.block === 'bullet'
        ? editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined)
        : editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined);
    case 'numbers':
      return format.block === 'number'
        ? editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined)
        : editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined);
    case 'indent':
      return editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined);
    case 'outdent':
      return editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined);
    case 'align':
      return editor.dispatchCommand(FORMAT_ELEMENT_COMMAND, (arg ?? 'left') as ElementFormatType);
    case 'link':
      ctx.askLink(format.link, (url) => editor.dispatchCommand(TOGGLE_LINK_COMMAND, url));
      return true;
    case 'rule':
      editor.update(() => void $insertNodeToNearestRoot($createHorizontalRuleNode()));
      return true;
    case 'page-break':
      editor.update(() => void $insertNodeToNearestRoot($createPageBreakNode()));
      return true;
    case 'signature':
      editor.update(() => {
        const { name: who, jobTitle } = ctx.signatory;
        const lines = ['[Closing line]', who || '[Signatory name]', jobTitle || '[Title]', '[Place], [Date]'];
        $insertNodeToNearestRoot(
          $createSignatureNode().append(...lines.map((line) => $createParagraphNode().append($createTextNode(line)))),
        );
      });
      return true;
    default:
      return false;
  }
}

