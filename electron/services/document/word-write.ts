// Writes a Word file read by word-read.ts into a new message: its HTML through the .html import's
// path, then, in the same editor update (so the markers never reach the document or its history),
// each tracked change becomes a suggestion mark by its Word author on the very words it is about,
// and each page break marker a page break; after the update, each Word comment becomes a thread on
// the same words, anchored the way the editor anchors one (Yjs relative positions in the texts the
// binding maps its text nodes to), and its replies replies.
import { $isLinkNode } from '@lexical/link';
import { $createTextNode, $getRoot, type ElementFormatType, type ElementNode, type LexicalNode, type TextNode } from 'lexical';
import * as Y from 'yjs';
import type { BindingV2 } from '@lexical/yjs';
import { $createPageBreakNode, $createSuggestionNode, readContent, type Person, type SuggestionMark, type WordLeftOut } from '../../../shared/document';
import { createThread, randomSuggestionId, reply, textPosition } from '../../../shared/review';
import { $appendHtml, $markSignatureBlock } from './compose';
import { createMessageEditor } from './headless-editor';
import { ALIGNMENTS, MARKER, readWord, type WordImport } from './word-read';

export interface WordWritten {
  /** Suggestions made from tracked changes, and their authors. */
  suggestions: number;
  threads: number;
  replies: number;
  /** Comment authors and change authors, in the order they first appear. */
  people: string[];
  /** Where each Word thread's words are, by its index: characters of the document's text nodes before them (word-merge.ts maps them onto a message). */
  spans: Map<number, Span>;
}

const FORMAT_BITS = 1 | 2 | 4 | 8;

/** A thread's words as counts of characters of text nodes before them, in document order. */
export interface Span {
  start: number;
  end: number;
}

export function writeWord(doc: Y.Doc, imported: WordImport, now = new Date()): WordWritten {
  const { editor, binding, dispose } = createMessageEditor(doc);
  const ids = imported.changes.map(() => '');
  imported.changes.forEach((c, i) => (ids[i] = c.group === i ? randomSuggestionId() : ids[c.group]!));
  const used = new Set<string>();
  const people: string[] = [];
  const person = (name: string) => {
    if (!people.includes(name)) people.push(name);
    return { name, title: '' } satisfies Person;
  };
  const marks: SuggestionMark[] = imported.changes.map((c, i) => ({ id: ids[i]!, kind: c.kind, author: person(c.author), at: c.date ?? now.toISOString(), ...(c.kind === 'format' ? { before: c.before ?? 0 } : {}) }));
  let spans = new Map<number, Span>();
  try {
    editor.update(
      () => {
        $appendHtml(editor, imported.html);
        const { spans: counted, pages } = $applyMarkers(marks, used);
        for (const block of pages) {
          if (block.getTextContent().trim()) block.insertBefore($createPageBreakNode());
          else block.replace($createPageBreakNode());
        }
        // Signature lines keep their own text nodes (and marks), so a thread's place stays put.
        const before = $textIndex();
        const points = new Map([...counted].map(([i, s]) => [i, { start: pointAt(before, s.start, 'start'), end: pointAt(before, s.end, 'end') }]));
        $markSignatureBlock(true);
        const after = $textIndex();
        const keys = new Map(after.nodes.map((node, i) => [node.getKey(), i]));
        spans = new Map([...points].map(([i, p]) => [i, { start: countOf(after, keys, p.start), end: countOf(after, keys, p.end) }]));
      },
      { discrete: true },
    );
    return { ...writeThreads(doc, editor, binding.binding, imported, spans, now, person), suggestions: used.size, people, spans };
  } finally {
    dispose();
  }
}

/**
 * Replaces every text node holding markers (or inside an open change) by the pieces between them:
 * plain text, or marked words with the marks of the changes open there. Returns where each
 * thread's markers were (in characters of text before them) and the blocks that were page breaks.
 */
function $applyMarkers(marks: SuggestionMark[], used: Set<string>): { spans: Map<number, Span>; pages: Set<LexicalNode> } {
  const open: number[] = [];
  const spans = new Map<number, Span>();
  const pages = new Set<LexicalNode>();
  const aligned: [ElementNode, ElementFormatType][] = [];
  let count = 0;
  for (const node of $getRoot().getAllTextNodes()) {
    const text = node.getTextContent();
    if (!text.includes('\uE000') && open.length === 0) {
      count += text.length;
      continue;
    }
    const pieces: { text: string; changes: number[] }[] = [];
    let last = 0;
    const piece = (to: number) => {
      if (to <= last) return;
      pieces.push({ text: text.slice(last, to), changes: [...open] });
      count += to - last;
    };
    for (const m of text.matchAll(MARKER)) {
      piece(m.index);
      last = m.index + m[0].length;
      const n = Number(m[2]);
      if (m[1] === 'i') open.push(n);
      else if (m[1] === 'j' && open.includes(n)) open.splice(open.lastIndexOf(n), 1);
      else if (m[1] === 's') spans.set(n, { start: count, end: spans.get(n)?.end ?? count });
      else if (m[1] === 'e') spans.set(n, { start: spans.get(n)?.start ?? count, end: count });
      else if (m[1] === 'p') pages.add(node.getTopLevelElementOrThrow());
      else if (m[1] === 'a') aligned.push([node.getParentOrThrow(), ALIGNMENTS[n] ?? 'left']);
    }
    piece(text.length);
    const format = node.getFormat();
    const style = node.getStyle();
    for (const p of pieces) {
      const on = p.changes.map((i) => marks[i]).filter((m): m is SuggestionMark => !!m);
      let made: TextNode;
      if (on.length === 0) made = $createTextNode(p.text).setFormat(format).setStyle(style);
      else {
        const withBefore = (m: SuggestionMark) => (m.kind === 'format' ? { ...m, before: (format & ~FORMAT_BITS) | (m.before ?? 0) } : m);
        let marked = $createSuggestionNode(withBefore(on[0]!), p.text, format).setStyle(style);
        for (const m of on.slice(1)) marked = marked.addMark(withBefore(m));
        for (const m of on) used.add(m.id);
        made = marked;
      }
      node.insertBefore(made);
    }
    node.remove();
  }
  // A link's words are aligned with their paragraph.
  for (const [element, align] of aligned) ($isLinkNode(element) ? element.getParentOrThrow() : element).setFormat(align);
  return { spans, pages };
}

type Point = { node: TextNode; offset: number } | null;

/** The document's text nodes and, for each, how many characters of text come before it: read once, searched for every thread. */
interface TextIndex {
  nodes: TextNode[];
  starts: number[];
  sizes: number[];
}

function $textIndex(): TextIndex {
  const nodes = $getRoot().getAllTextNodes();
  const starts: number[] = [];
  const sizes: number[] = [];
  let seen = 0;
  for (const node of nodes) {
    const size = node.getTextContentSize();
    starts.push(seen);
    sizes.push(size);
    seen += size;
  }
  return { nodes, starts, sizes };
}

/** The first node whose text ends after `count` (a start), or at or after it (an end): a binary search, as a Word file may have thousands of threads. */
function firstEndingAfter(index: TextIndex, count: number, inclusive: boolean): number {
  let lo = 0;
  let hi = index.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const end = index.starts[mid]! + index.sizes[mid]!;
    if (inclusive ? end >= count : end > count) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The text node and offset `count` characters of text in: a start at the beginning of the node after, an end at the end of the one before. */
function pointAt(index: TextIndex, count: number, edge: 'start' | 'end'): Point {
  let i = firstEndingAfter(index, count, edge === 'end');
  // An end never sits in an empty node.
  while (edge === 'end' && i < index.nodes.length && index.sizes[i] === 0) i += 1;
  if (i < index.nodes.length) return { node: index.nodes[i]!, offset: count - index.starts[i]! };
  for (let last = index.nodes.length - 1; last >= 0; last -= 1) if (index.sizes[last]! > 0) return { node: index.nodes[last]!, offset: index.sizes[last]! };
  return null;
}

function countOf(index: TextIndex, keys: Map<string, number>, point: Point): number {
  if (!point || !point.node.isAttached()) return -1;
  const i = keys.get(point.node.getKey());
  return i === undefined ? -1 : index.starts[i]! + point.offset;
}

function writeThreads(
  doc: Y.Doc,
  editor: ReturnType<typeof createMessageEditor>['editor'],
  binding: BindingV2,
  imported: WordImport,
  spans: Map<number, Span>,
  now: Date,
  person: (name: string) => Person,
): { threads: number; replies: number } {
  let threads = 0;
  let replies = 0;
  const anchors = editor.getEditorState().read(() => {
    const index = $textIndex();
    return imported.threads.map((_, i) => {
      const span = spans.get(i);
      if (!span || span.start < 0 || span.end < 0) return null;
      const start = pointAt(index, span.start, 'start');
      const end = pointAt(index, Math.max(span.start, span.end), 'end');
      if (!start || !end) return null;
      const from = textPosition(binding, start.node, start.offset, 0);
      const to = textPosition(binding, end.node, end.offset, -1);
      return from && to ? { start: from, end: to, quote: textBetween(index, span.start, span.end) } : null;
    });
  });
  imported.threads.forEach((thread, i) => {
    const anchor = anchors[i];
    const [first, ...rest] = thread.comments;
    if (!anchor || !first) return;
    const at = (date: string | null) => (date ? new Date(date) : now);
    const id = createThread(doc, { ...anchor, text: first.text, author: person(first.author), at: at(first.date) });
    threads += 1;
    for (const r of rest) {
      reply(doc, id, person(r.author), r.text, at(r.date));
      replies += 1;
    }
  });
  return { threads, replies };
}

/** The words between two counts, a space between text in different blocks. */
function textBetween(index: TextIndex, start: number, end: number): string {
  let out = '';
  let parent: string | null = null;
  for (let i = firstEndingAfter(index, start, false); i < index.nodes.length && index.starts[i]! < end; i += 1) {
    const node = index.nodes[i]!;
    const seen = index.starts[i]!;
    const from = Math.max(start, seen);
    const to = Math.min(end, seen + index.sizes[i]!);
    if (to > from) {
      const key = node.getParentOrThrow().getKey();
      if (parent !== null && parent !== key) out += ' ';
      out += node.getTextContent().slice(from - seen, to - seen);
      parent = key;
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

export interface WordImported extends WordWritten {
  leftOut: WordLeftOut;
  /** Threads Word had marked done: they come in open. */
  done: number;
}

/** Reads a Word file's bytes into a new, empty message document; a WordFileError says why it cannot be. */
export async function importWord(doc: Y.Doc, bytes: Uint8Array): Promise<WordImported> {
  const imported = await readWord(bytes);
  const written = writeWord(doc, imported);
  return { ...written, leftOut: imported.leftOut, done: imported.threads.filter((t) => t.done).length };
}

/** What came in from a Word file, in one line: "3 suggestions (Ben Okafor) and 2 comment threads with 1 reply (Ben Okafor, Carmen Ruiz) came in from Word". */
export function describeWordImport(result: WordImported): string | null {
  const parts: string[] = [];
  if (result.suggestions) parts.push(`${result.suggestions} ${result.suggestions === 1 ? 'suggestion' : 'suggestions'} from tracked changes`);
  if (result.threads) parts.push(`${result.threads} comment ${result.threads === 1 ? 'thread' : 'threads'}${result.replies ? ` with ${result.replies} ${result.replies === 1 ? 'reply' : 'replies'}` : ''}`);
  if (!parts.length) return null;
  return `${parts.join(' and ')}, by ${result.people.join(', ')}${result.done ? ` (${result.done} marked done in Word ${result.done === 1 ? 'is' : 'are'} open here)` : ''}`;
}

/** The title rule of every import: the first block's words when it is a heading, else the file's name; one line, at most 200 characters. */
export function wordTitle(doc: Y.Doc, fileName: string): string {
  const clean = (text: string) => Array.from(text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim()).slice(0, 200).join('').trim();
  const first = readContent(doc).blocks[0];
  const heading = first && /^h[1-6]$/.test(first.kind) ? clean(first.runs.map((r) => r.text).join('')) : '';
  return heading || clean(fileName.replace(/\.docx$/i, '')) || 'Untitled message';
}
