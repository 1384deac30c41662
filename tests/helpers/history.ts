// Editing sessions on a message the way the app has them, for the revision-history tests: each
// session is a Lexical editor bound to its own copy of the message's document, loaded from the
// file's state (a new Yjs client, as a new window is), and its changes reach the file's document
// as one Yjs update with the editor's origin.
import { $createLinkNode } from '@lexical/link';
import type { TextNode } from 'lexical';
import * as Y from 'yjs';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  createMessageEditor,
  type MessageEditor,
} from '../../electron/services/document/headless-editor';
import { FROM_EDITOR } from '../../electron/services/files/message-store';
import type { Comparison, DeleteSet } from '../../shared/history';
import { blockText, canonicalContent, readContent, newMessageDoc } from '../../shared/document';

/** A piece of a paragraph: plain words, or words with Lexical format bits and a link. */
export type Part = string | { text: string; format?: number; link?: string };

export const BOLD = 1;
export const ITALIC = 2;

/** A second copy of a message (a file copied or emailed), which is then edited on its own. */
export function copyOf(doc: Y.Doc): Y.Doc {
  const copy = newMessageDoc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** The text of each paragraph. */
export const paragraphs = (doc: Y.Doc): string[] => readContent(doc).blocks.map(blockText);

/** Everything a reader sees (words, formats, links, kinds of paragraph, title) as one string. */
export const seen = (doc: Y.Doc): string => canonicalContent(readContent(doc));

export interface Session extends MessageEditor {
  doc: Y.Doc;
  /** One discrete editor change. */
  edit(change: () => void): void;
  /** The paragraphs become these, each made of its parts. */
  write(...paras: Part[][]): void;
  /** What `target` lacks of this session's changes: the update the editor sends. */
  changes(target: Y.Doc): Uint8Array;
  /**
   * Applies this session's changes to the file's document as the main process applies the
   * editor's (origin FROM_EDITOR) and returns what they deleted there.
   */
  send(target: Y.Doc): DeleteSet;
  /** Takes in the main process's changes (a version recorded, a copy merged), as the renderer does. */
  receive(source: Y.Doc): void;
}

const FROM_MAIN = Symbol('from-main');

/** A person's editing session on a message: an editor on a copy loaded from its state. */
export function openSession(from: Y.Doc | Uint8Array): Session {
  const doc = newMessageDoc();
  Y.applyUpdate(doc, from instanceof Y.Doc ? Y.encodeStateAsUpdate(from) : from);
  const editor = createMessageEditor(doc);
  const edit = (change: () => void) => editor.editor.update(change, { discrete: true });
  const changes = (target: Y.Doc) => Y.encodeStateAsUpdate(doc, Y.encodeStateVector(target));
  return {
    ...editor,
    doc,
    edit,
    write: (...paras) => edit(() => $setParagraphs(paras)),
    changes,
    send(target) {
      let deleted: DeleteSet = Y.createDeleteSet();
      const collect = (tr: Y.Transaction) => {
        if (tr.origin === FROM_EDITOR) deleted = tr.deleteSet;
      };
      target.on('afterTransaction', collect);
      try {
        Y.applyUpdate(target, changes(target), FROM_EDITOR);
      } finally {
        target.off('afterTransaction', collect);
      }
      return deleted;
    },
    receive: (source) => Y.applyUpdate(doc, Y.encodeStateAsUpdate(source, Y.encodeStateVector(doc)), FROM_MAIN),
  };
}

/** Inside an editor update: the whole text becomes these paragraphs. */
export function $setParagraphs(paras: Part[][]): void {
  const root = $getRoot().clear();
  for (const parts of paras) root.append($paragraph(parts));
}

export const $paragraph = (parts: Part[]) => $createParagraphNode().append(...parts.map($inline));

/** Inside an editor update: a text node, or a link holding one. */
export function $inline(part: Part) {
  const { text, format = 0, link } = typeof part === 'string' ? { text: part } : part;
  const node = $createTextNode(text).setFormat(format);
  return link ? $createLinkNode(link).append(node) : node;
}

/** Inside an editor update: the first occurrence of `words`, as a text node of its own. */
export function $words(words: string): TextNode {
  for (const node of $getRoot().getAllTextNodes()) {
    const at = node.getTextContent().indexOf(words);
    if (at >= 0) return node.splitText(at, at + words.length)[at === 0 ? 0 : 1];
  }
  throw new Error(`The text has no "${words}".`);
}

/** Inside an editor update: types `replacement` over the first occurrence of `words`. */
export function $replace(words: string, replacement: string): void {
  for (const node of $getRoot().getAllTextNodes()) {
    const at = node.getTextContent().indexOf(words);
    if (at >= 0) return void node.spliceText(at, words.length, replacement, false);
  }
  throw new Error(`The text has no "${words}".`);
}

/** The changes a comparison shows, as a reader would describe them: `added "four" (Ben Ode)`. */
export function describeChanges(comparison: Comparison): string[] {
  const out: string[] = [];
  for (const block of comparison.blocks) {
    if (block.change === 'same') continue;
    for (const run of block.runs) {
      if (run.change === 'same') continue;
      // Spaces that a word diff lines up differently are not a change anyone would name.
      if (!run.text.trim()) continue;
      const by = run.by === undefined ? '' : ` (${comparison.people[run.by]?.name ?? '?'})`;
      out.push(`${run.change} "${run.text.trim()}"${by}`);
    }
  }
  return out;
}
