// Writes content into a message document through a headless Lexical editor bound with the same
// binding as the app's editor, so text made here (templates, imported files) has the editor's shape.
import { $createHeadingNode } from '@lexical/rich-text';
import { $convertFromMarkdownString, TRANSFORMERS } from '@lexical/markdown';
import { $generateNodesFromDOM } from '@lexical/html';
import { $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor, type LexicalNode } from 'lexical';
import { parseHTML } from 'linkedom';
import type * as Y from 'yjs';
import { MESSAGE_NODES, $createSignatureNode, type TemplateBlock } from '../../../shared/document';
import { createMessageEditor } from './headless-editor';
import { sanitizeHtml } from './sanitize';

function withEditor(doc: Y.Doc, build: (editor: LexicalEditor) => void): void {
  const { editor, dispose } = createMessageEditor(doc);
  try {
    editor.update(() => build(editor), { discrete: true });
  } finally {
    dispose();
  }
}

function paragraph(text: string): LexicalNode {
  const p = $createParagraphNode();
  if (text) p.append($createTextNode(text));
  return p;
}

export function writeTemplate(doc: Y.Doc, blocks: readonly TemplateBlock[]): void {
  withEditor(doc, () => {
    const root = $getRoot().clear();
    for (const block of blocks) {
      if (block.kind === 'heading') root.append($createHeadingNode('h1').append($createTextNode(block.text)));
      else if (block.kind === 'paragraph') root.append(paragraph(block.text));
      else root.append($createSignatureNode().append(...block.lines.map(paragraph)));
    }
  });
}

/** Paragraphs are separated by blank lines; single line breaks inside one are kept as spaces. */
export function writePlainText(doc: Y.Doc, text: string): void {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
  withEditor(doc, () => {
    const root = $getRoot().clear();
    for (const p of paragraphs.length ? paragraphs : ['']) root.append(paragraph(p));
  });
}

export function writeMarkdown(doc: Y.Doc, markdown: string): void {
  withEditor(doc, () => {
    $getRoot().clear();
    $convertFromMarkdownString(markdown, TRANSFORMERS.filter((t) => !('dependencies' in t) || t.dependencies.every((d) => MESSAGE_NODES.includes(d))));
  });
}

export function writeHtml(doc: Y.Doc, html: string): void {
  const { document } = parseHTML(`<!doctype html><html><body>${sanitizeHtml(html)}</body></html>`);
  withEditor(doc, (editor) => {
    const root = $getRoot().clear();
    const nodes = $generateNodesFromDOM(editor, document as unknown as Document);
    // Inline nodes at the top level (bare text) need a paragraph to live in.
    let loose: ReturnType<typeof $createParagraphNode> | null = null;
    for (const node of nodes) {
      if ('isInline' in node && (node as { isInline(): boolean }).isInline()) {
        if (!loose) root.append((loose = $createParagraphNode()));
        loose.append(node);
      } else {
        loose = null;
        root.append(node);
      }
    }
    if (root.getChildrenSize() === 0) root.append($createParagraphNode());
  });
}
