// Writes content into a message document through a headless Lexical editor bound with the same
// binding as the app's editor, so text made here (templates, imported files) has the editor's shape.
import { $createHeadingNode } from '@lexical/rich-text';
import { $convertFromMarkdownString, TRANSFORMERS } from '@lexical/markdown';
import { $generateNodesFromDOM } from '@lexical/html';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, $isLineBreakNode, $isParagraphNode, type LexicalEditor, type LexicalNode } from 'lexical';
import { parseHTML } from 'linkedom';
import type * as Y from 'yjs';
import { MESSAGE_NODES, $createSignatureNode, $isSignatureNode, type TemplateBlock } from '../../../shared/document';
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

/** A paragraph of lines: single line breaks inside it are kept as line breaks. */
function linesParagraph(lines: readonly string[]): LexicalNode {
  const p = $createParagraphNode();
  lines.forEach((line, i) => {
    if (i > 0) p.append($createLineBreakNode());
    if (line) p.append($createTextNode(line));
  });
  return p;
}

/**
 * Whether a plain text's first paragraph reads as a title: one line, short, and not a greeting or
 * a sentence ("Dear friends," and "We begin today." are not titles).
 */
function looksLikeTitle(lines: readonly string[], paragraphs: number): boolean {
  if (lines.length !== 1 || paragraphs < 2) return false;
  const line = lines[0]!;
  return Array.from(line).length <= 120 && line.split(/\s+/).length <= 15 && !/[.,;:]$/.test(line);
}

/**
 * Paragraphs are separated by blank lines; single line breaks inside one are kept. A first line that
 * reads as a title becomes a heading, as a Markdown `# heading` does, so every import gives its title
 * the same way: the first heading, shown once on a copy.
 */
export function writePlainText(doc: Y.Doc, text: string): void {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line.length > 0))
    .filter((lines) => lines.length > 0);
  withEditor(doc, () => {
    const root = $getRoot().clear();
    paragraphs.forEach((lines, i) => {
      if (i === 0 && looksLikeTitle(lines, paragraphs.length)) root.append($createHeadingNode('h1').append($createTextNode(lines[0]!)));
      else root.append(linesParagraph(lines));
    });
    if (root.getChildrenSize() === 0) root.append(paragraph(''));
    $markSignatureBlock();
  });
}

// A closing line as letters and speeches end: "Yours sincerely,", "With best wishes,", "Thank you.", "此致".
const CLOSING = /^(yours( sincerely| faithfully| truly| ever)?|sincerely( yours)?|faithfully|(kind|best|warm|warmest|with kind|with best) regards|regards|(with )?(best|kind|warm|warmest|all good) wishes\b.*|with (my|our) .*|respectfully( yours)?|thank you( all)?|many thanks|thanks|cordially|此致|敬礼|顺颂.*|谨上)[,.!，。！]?$/i;
/** At most this many lines (name, titles, place and date) follow the closing in a signature block. */
const MAX_SIGNATURE_LINES = 5;

/** Short lines, none a sentence: a name, a title, "Aldport, 1 January 2027". */
function signatureLines(lines: readonly string[]): boolean {
  return lines.length >= 1 && lines.length <= MAX_SIGNATURE_LINES && lines.every((line) => Array.from(line).length <= 80 && line.split(/\s+/).length <= 10 && !/[.;:!?]$/.test(line.replace(/\b(Dr|Mr|Mrs|Ms|Prof|St|Jr|Sr)\.$/, '')));
}

/**
 * Makes the last paragraphs of an import a signature block when they read as one: a closing line
 * starting a paragraph, then one to five short lines (in that paragraph or the next ones), then the end.
 * `keepWords` moves the lines' own text nodes into the block (their formats, and any marks on them),
 * where a plain import writes the lines anew.
 */
export function $markSignatureBlock(keepWords = false): void {
  const root = $getRoot();
  const children = root.getChildren();
  if (children.some($isSignatureNode)) return;
  for (let start = children.length - 1; start >= Math.max(0, children.length - 1 - MAX_SIGNATURE_LINES); start -= 1) {
    const tail = children.slice(start);
    if (!tail.every($isParagraphNode)) return;
    const lines = tail.flatMap((p) => p.getTextContent().split('\n')).map((line) => line.trim()).filter(Boolean);
    if (!CLOSING.test(lines[0] ?? '') || !signatureLines(lines.slice(1))) continue;
    const block = $createSignatureNode().append(...(keepWords ? tail.flatMap(linesOf) : lines.map(paragraph)));
    tail[0]!.insertBefore(block);
    for (const p of tail) p.remove();
    return;
  }
}

/** A paragraph's lines as paragraphs of their own, made of its own inline nodes (line breaks and blank lines dropped). */
function linesOf(p: LexicalNode): LexicalNode[] {
  const groups: LexicalNode[][] = [[]];
  for (const child of $isParagraphNode(p) ? p.getChildren() : []) {
    if ($isLineBreakNode(child)) groups.push([]);
    else groups[groups.length - 1]!.push(child);
  }
  return groups.filter((g) => g.some((n) => n.getTextContent().trim())).map((g) => $createParagraphNode().append(...g));
}

export function writeMarkdown(doc: Y.Doc, markdown: string): void {
  withEditor(doc, () => {
    $getRoot().clear();
    $convertFromMarkdownString(markdown, TRANSFORMERS.filter((t) => !('dependencies' in t) || t.dependencies.every((d) => MESSAGE_NODES.includes(d))));
    $markSignatureBlock();
  });
}

export function writeHtml(doc: Y.Doc, html: string): void {
  withEditor(doc, (editor) => {
    $appendHtml(editor, html);
    $markSignatureBlock();
  });
}

/** Clears the editor and fills it with sanitised HTML, the way the .html import reads it. */
export function $appendHtml(editor: LexicalEditor, html: string): void {
  const { document } = parseHTML(`<!doctype html><html><body>${sanitizeHtml(html)}</body></html>`);
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
}
