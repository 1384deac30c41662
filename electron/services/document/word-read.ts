// Reading a Word file into what a message can hold. mammoth maps Word's styles to semantic HTML
// (headings, lists, quotes, links, bold and the rest), which then takes the .html import's path
// (the sanitiser, Lexical's reader). What mammoth does not keep, the OOXML is read for here, with
// a real XML parser: tracked changes still open (w:ins, w:del, w:rPrChange), which mammoth would
// accept or drop, and comments with their replies. Before mammoth reads the document, each of them
// is replaced by marker runs (characters from the Private Use Area, which are taken out of the
// file's own text first) that survive into the editor's text nodes, where word-write.ts turns them
// into suggestion marks and comment threads and removes them. What cannot come through (pictures,
// tables, text boxes, fields, headers and footers, notes) is taken out and counted.
import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { WORD_LEFT_OUT, type WordLeftOut } from '../../../shared/document';
import { openWordPackage, parseXml, relationshipTargets, WordFileError, type WordPackage } from './word-package';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
const W15 = 'http://schemas.microsoft.com/office/word/2012/wordml';
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const MATH = 'http://schemas.openxmlformats.org/officeDocument/2006/math';

/** Markers in the text: OPEN, a letter, a number, CLOSE. */
export const MARKER = /\uE000([ijsepa])(\d*)\uE001/g;
const MARKER_CHARS = /[\uE000\uE001]/g;
const HAS_MARKER_CHAR = /[\uE000\uE001]/;
const marker = (tag: 'i' | 'j' | 's' | 'e' | 'p' | 'a', n = 0) => `\uE000${tag}${tag === 'p' ? '' : n}\uE001`;

export interface WordChange {
  kind: 'insert' | 'delete' | 'format';
  /** Changes that share a group are one suggestion (a replace: a deletion and the insertion after it). */
  group: number;
  author: string;
  /** When Word says it was made (ISO), if it says. */
  date: string | null;
  /** A format change: bold, italic, strikethrough and underline as they were before it (Lexical's bits). */
  before?: number;
}

export interface WordComment {
  author: string;
  date: string | null;
  text: string;
}

/** A comment and its replies, on the words between its markers. */
export interface WordThread {
  comments: WordComment[];
  /** Marked done in Word. */
  done: boolean;
}

export type LeftOut = WordLeftOut;

/** A tracked change to a paragraph's properties (w:pPrChange): its words and what changed ("Heading 2 → body text"). */
export interface WordParagraphChange {
  words: string;
  change: string;
}

export interface WordImport {
  /** The document as HTML, with markers for changes (i/j + index), threads (s/e + index) and page breaks (p). */
  html: string;
  changes: WordChange[];
  threads: WordThread[];
  leftOut: LeftOut;
  /** Tracked paragraph property changes, kept as the file shows them (a suggestion cannot change a paragraph's kind). */
  paragraphChanges: WordParagraphChange[];
}

const els = (root: Document | Element, ns: string, name: string): Element[] => Array.from(root.getElementsByTagNameNS(ns, name) as unknown as ArrayLike<Element>);
const children = (el: Element): Element[] => Array.from(el.childNodes as unknown as ArrayLike<Node>).filter((n): n is Element => n.nodeType === 1);
const isW = (el: Node | null, name: string): el is Element => !!el && el.nodeType === 1 && (el as Element).namespaceURI === W && (el as Element).localName === name;
const attr = (el: Element, name: string) => el.getAttributeNS(W, name) ?? el.getAttribute(`w:${name}`);

function unwrap(el: Element): void {
  const parent = el.parentNode!;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

function removeAll(list: Element[]): void {
  for (const el of list) el.parentNode?.removeChild(el);
}

/** A run holding only a marker. */
function markerRun(doc: Document, text: string): Element {
  const r = doc.createElementNS(W, 'w:r');
  const t = doc.createElementNS(W, 'w:t');
  t.setAttribute('xml:space', 'preserve');
  t.appendChild(doc.createTextNode(text));
  r.appendChild(t);
  return r;
}

function markerParagraph(doc: Document, text: string): Element {
  const p = doc.createElementNS(W, 'w:p');
  p.appendChild(markerRun(doc, text));
  return p;
}

/** Whether an on/off property (w:b, w:i, …) is on: present, and not w:val="0"/"false"/"off". */
function on(rPr: Element | null, name: string): boolean {
  const el = rPr ? children(rPr).find((c) => isW(c, name)) : undefined;
  if (!el) return false;
  const val = attr(el, 'val');
  if (name === 'u') return val !== 'none';
  return val === null || val === '' || !/^(0|false|off)$/i.test(val);
}

/** Lexical's format bits of a run's properties: bold 1, italic 2, strikethrough 4, underline 8. */
function formatBits(rPr: Element | null): number {
  return (on(rPr, 'b') ? 1 : 0) | (on(rPr, 'i') ? 2 : 0) | (on(rPr, 'strike') || on(rPr, 'dstrike') ? 4 : 0) | (on(rPr, 'u') ? 8 : 0);
}

function emptyLeftOut(): LeftOut {
  return { images: 0, tables: 0, textBoxes: 0, fields: 0, headers: 0, footers: 0, footnotes: 0, endnotes: 0, equations: 0, paragraphChanges: 0 };
}

/** Takes out what a message cannot hold, counting it. */
function takeOutObjects(doc: Document, leftOut: LeftOut): void {
  const hasTextBox = (el: Element) => els(el, W, 'txbxContent').length > 0;
  // Word writes a drawing twice (the drawing and a fallback picture for older readers): one object.
  for (const alt of els(doc, MC, 'AlternateContent')) {
    if (!alt.parentNode) continue;
    if (els(alt, W, 'drawing').length || els(alt, W, 'pict').length) {
      if (hasTextBox(alt)) leftOut.textBoxes += 1;
      else leftOut.images += 1;
      alt.parentNode.removeChild(alt);
    } else {
      // Anything else: read what the document offers to every reader.
      const fallback = children(alt).find((c) => c.localName === 'Fallback');
      if (fallback) {
        unwrap(fallback);
        removeAll(children(alt));
        unwrap(alt);
      } else alt.parentNode.removeChild(alt);
    }
  }
  for (const name of ['drawing', 'pict', 'object']) {
    for (const el of els(doc, W, name)) {
      if (!el.parentNode) continue;
      if (hasTextBox(el)) leftOut.textBoxes += 1;
      else leftOut.images += 1;
      el.parentNode.removeChild(el);
    }
  }
  const tables = els(doc, W, 'tbl');
  leftOut.tables += tables.filter((t) => !tables.some((outer) => outer !== t && isAncestor(outer, t))).length;
  removeAll(tables);
  const maths = els(doc, MATH, 'oMathPara').concat(els(doc, MATH, 'oMath'));
  leftOut.equations += maths.filter((m) => !maths.some((outer) => outer !== m && isAncestor(outer, m))).length;
  removeAll(maths);
  for (const [name, key] of [['footnoteReference', 'footnotes'], ['endnoteReference', 'endnotes']] as const) {
    const refs = els(doc, W, name);
    leftOut[key] += refs.length;
    removeAll(refs);
  }
  countFields(doc, leftOut);
}

function isAncestor(outer: Node, inner: Node): boolean {
  for (let n = inner.parentNode; n; n = n.parentNode) if (n === outer) return true;
  return false;
}

/** Fields other than links (page numbers, dates, tables of contents, merge fields) keep their shown words, and are counted. */
function countFields(doc: Document, leftOut: LeftOut): void {
  // mammoth does not read simple fields: their shown words stay, as the runs they hold.
  for (const f of els(doc, W, 'fldSimple')) {
    if (!/^\s*HYPERLINK\b/i.test(attr(f, 'instr') ?? '')) leftOut.fields += 1;
    unwrap(f);
  }
  let depth = 0;
  let instr: string[] = [];
  for (const el of els(doc, W, '*')) {
    if (el.localName === 'fldChar') {
      const type = attr(el, 'fldCharType');
      if (type === 'begin') {
        depth += 1;
        if (depth === 1) instr = [];
      } else if (type === 'separate' && depth === 1) {
        if (!/^\s*HYPERLINK\b/i.test(instr.join(''))) leftOut.fields += 1;
        instr = ['counted'];
      } else if (type === 'end') {
        if (depth === 1 && instr[0] !== 'counted' && !/^\s*HYPERLINK\b/i.test(instr.join(''))) leftOut.fields += 1;
        depth = Math.max(0, depth - 1);
      }
    } else if (el.localName === 'instrText' && depth === 1 && instr[0] !== 'counted') instr.push(el.textContent ?? '');
  }
}

const ALIGNED: Record<string, string> = { center: 'centred', right: 'right-aligned', end: 'right-aligned', both: 'justified', distribute: 'justified' };

/** A paragraph's properties in words: its style's name ("body text" for none or Normal), in a list, its alignment. */
function describeParagraph(pPr: Element | null, styleName: (id: string) => string): string {
  const own = (name: string) => (pPr ? children(pPr).find((c) => isW(c, name)) : undefined);
  const style = own('pStyle');
  const name = style ? styleName(attr(style, 'val') ?? '') : '';
  const parts = [!name || /^normal$/i.test(name) ? 'body text' : name.charAt(0).toUpperCase() + name.slice(1)];
  if (own('numPr')) parts.push('in a list');
  const jc = own('jc');
  const aligned = jc ? ALIGNED[attr(jc, 'val') ?? ''] : undefined;
  if (aligned) parts.push(aligned);
  return parts.join(', ');
}

/** Each tracked paragraph property change, in words, before it is taken out (the paragraph stays as the file shows it). */
function describeParagraphChange(change: Element, styleName: (id: string) => string): WordParagraphChange {
  const pPr = change.parentNode as Element;
  const p = pPr.parentNode as Element | null;
  const text = p && isW(p, 'p') ? els(p, W, 't').map((t) => t.textContent ?? '').join('').replace(MARKER_CHARS, '').replace(/\s+/g, ' ').trim() : '';
  const words = Array.from(text).length > 60 ? `${Array.from(text).slice(0, 59).join('')}…` : text;
  const before = describeParagraph(children(change).find((c) => isW(c, 'pPr')) ?? null, styleName);
  const after = describeParagraph(pPr, styleName);
  return { words, change: before === after ? 'spacing or indents' : `${before} → ${after}` };
}

/** Style ids to the names Word shows (styles.xml), so a change reads "Heading 2", not "Heading2". */
function styleNames(pkg: WordPackage, part: string | undefined): (id: string) => string {
  const names = new Map<string, string>();
  const bytes = part ? pkg.parts.get(part) : undefined;
  if (bytes) {
    for (const style of els(parseXml(bytes, part!), W, 'style')) {
      const name = children(style).find((c) => isW(c, 'name'));
      if (name) names.set(attr(style, 'styleId') ?? '', wordName(attr(name, 'val')));
    }
  }
  return (id) => names.get(id) ?? wordName(id);
}

/** Tracked changes still open become marker runs around their words (see WordChange); paragraph marks' changes are counted, property changes described. */
function markChanges(doc: Document, changes: WordChange[], leftOut: LeftOut, styleName: (id: string) => string): WordParagraphChange[] {
  // A paragraph split or join Word tracked: left as the file shows it (mammoth would join the paragraphs).
  for (const rPr of els(doc, W, 'rPr')) {
    if (!isW(rPr.parentNode, 'pPr')) continue;
    const marks = children(rPr).filter((c) => isW(c, 'ins') || isW(c, 'del') || isW(c, 'moveFrom') || isW(c, 'moveTo'));
    leftOut.paragraphChanges += marks.length ? 1 : 0;
    removeAll(marks);
  }
  const pPrChanges = els(doc, W, 'pPrChange').filter((c) => isW(c.parentNode, 'pPr'));
  const described = pPrChanges.map((c) => describeParagraphChange(c, styleName));
  leftOut.paragraphChanges += pPrChanges.length;
  removeAll(els(doc, W, 'pPrChange'));
  for (const name of ['delInstrText']) removeAll(els(doc, W, name));
  // In document order, so that a deletion and the insertion just after it are read as one replace.
  const tracked = els(doc, W, '*').filter((el) => ['ins', 'del', 'moveTo', 'moveFrom'].includes(el.localName ?? ''));
  let previous: { close: Node; author: string; group: number; kind: WordChange['kind'] } | null = null;
  for (const el of tracked) {
    const kind = el.localName === 'ins' || el.localName === 'moveTo' ? 'insert' : 'delete';
    const author = wordName(attr(el, 'author'));
    // Word writes a replace as a deletion and, right after it, the insertion: one suggestion.
    const replacing: boolean = kind === 'insert' && previous?.kind === 'delete' && previous.author === author && previous.close.nextSibling === el;
    const group: number = replacing ? previous!.group : changes.length;
    const index = changes.push({ kind, group, author, date: wordDate(attr(el, 'date')) }) - 1;
    if (kind === 'delete') {
      for (const t of els(el, W, 'delText')) {
        const replacement = doc.createElementNS(W, 'w:t');
        replacement.setAttribute('xml:space', 'preserve');
        while (t.firstChild) replacement.appendChild(t.firstChild);
        t.parentNode!.replaceChild(replacement, t);
      }
    }
    const close = markerRun(doc, marker('j', index));
    el.parentNode!.insertBefore(markerRun(doc, marker('i', index)), el);
    el.parentNode!.insertBefore(close, el.nextSibling);
    previous = { close, author, group, kind };
    unwrap(el);
  }
  for (const change of els(doc, W, 'rPrChange')) {
    const rPr = change.parentNode as Element;
    const run = rPr.parentNode as Element;
    if (!isW(rPr, 'rPr') || !isW(run, 'r')) {
      change.parentNode?.removeChild(change);
      continue;
    }
    const old = children(change).find((c) => isW(c, 'rPr')) ?? null;
    const before = formatBits(old);
    rPr.removeChild(change);
    if (before === formatBits(rPr)) continue;
    const index = changes.push({ kind: 'format', group: changes.length, author: wordName(attr(change, 'author')), date: wordDate(attr(change, 'date')), before }) - 1;
    run.parentNode!.insertBefore(markerRun(doc, marker('i', index)), run);
    run.parentNode!.insertBefore(markerRun(doc, marker('j', index)), run.nextSibling);
  }
  return described;
}

/** The longest author name a Word file may bring in, in characters. */
export const MAX_AUTHOR = 100;

/**
 * An author's name as Word wrote it, made fit to stand beside a suggestion or a comment: control
 * characters and line breaks become spaces, bidirectional overrides and invisible characters go
 * (so a name cannot show as another's, or as nothing), and it is one line of at most MAX_AUTHOR characters.
 */
export function wordName(value: string | null): string {
  const name = (value ?? '')
    .replace(/[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(name).slice(0, MAX_AUTHOR).join('').trim() || 'Unknown author';
}

function wordDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Alignments a paragraph can have in a message, by their number in the 'a' marker. */
export const ALIGNMENTS = ['center', 'right', 'justify'] as const;
const JC: Record<string, number> = { center: 0, right: 1, end: 1, both: 2, distribute: 2 };

/** A paragraph aligned in Word (its own w:jc, not its style's) starts with a marker saying how. */
function markAlignment(doc: Document): void {
  for (const jc of els(doc, W, 'jc')) {
    const pPr = jc.parentNode as Element;
    const p = pPr?.parentNode as Element;
    const align = JC[attr(jc, 'val') ?? ''];
    if (!isW(pPr, 'pPr') || !isW(p, 'p') || align === undefined) continue;
    p.insertBefore(markerRun(doc, marker('a', align)), pPr.nextSibling);
  }
}

/** A page break in a paragraph splits it, with a marker paragraph between (a page break is a block of its own in a message). */
function markPageBreaks(doc: Document): void {
  for (const br of els(doc, W, 'br')) {
    if (attr(br, 'type') !== 'page') continue;
    let p: Node | null = br.parentNode;
    while (p && !isW(p, 'p')) p = p.parentNode;
    if (!p || !p.parentNode) {
      br.parentNode?.removeChild(br);
      continue;
    }
    splitParagraph(doc, p as Element, br);
  }
  for (const pPr of els(doc, W, 'pPr')) {
    const p = pPr.parentNode as Element;
    if (isW(p, 'p') && on(pPr, 'pageBreakBefore') && p.parentNode) p.parentNode.insertBefore(markerParagraph(doc, marker('p')), p);
  }
}

/** Moves what follows `at` in paragraph `p` into a new paragraph after it (with the same properties), the break between. */
function splitParagraph(doc: Document, p: Element, at: Element): void {
  let current: Node = at;
  let carried: Node | null = null;
  while (current.parentNode !== p) {
    const parent = current.parentNode as Element;
    const copy = parent.cloneNode(false) as Element;
    const props = children(parent).find((c) => isW(c, 'rPr') || isW(c, 'hyperlinkPr'));
    if (props && props !== current) copy.appendChild(props.cloneNode(true));
    if (carried) copy.appendChild(carried);
    while (current.nextSibling) copy.appendChild(current.nextSibling);
    carried = copy;
    current = parent;
  }
  const after = p.cloneNode(false) as Element;
  const pPr = children(p).find((c) => isW(c, 'pPr'));
  if (pPr) after.appendChild(pPr.cloneNode(true));
  if (carried) after.appendChild(carried);
  while (current.nextSibling) after.appendChild(current.nextSibling);
  at.parentNode!.removeChild(at);
  p.parentNode!.insertBefore(after, p.nextSibling);
  p.parentNode!.insertBefore(markerParagraph(doc, marker('p')), after);
}

/** The paragraphs of a comment's words, one line each. */
function commentText(comment: Element): string {
  return els(comment, W, 'p')
    .map((p) => els(p, W, 't').map((t) => t.textContent ?? '').join('').replace(MARKER_CHARS, '').trim())
    .filter(Boolean)
    .join('\n');
}

/**
 * Word's comments as threads: comments.xml holds each comment, commentsExtended.xml says which one
 * a reply answers (by the id of the last paragraph of each) and which are done. Each thread is
 * anchored on its first comment's range (commentRangeStart/End); a comment with no range takes its
 * paragraph up to its reference. The markers go into the document; replies' own ranges are removed.
 */
function markComments(doc: Document, pkg: WordPackage, commentsPart: string | undefined, extendedPart: string | undefined): WordThread[] {
  const starts = els(doc, W, 'commentRangeStart');
  const ends = els(doc, W, 'commentRangeEnd');
  const refs = els(doc, W, 'commentReference');
  const bytes = commentsPart ? pkg.parts.get(commentsPart) : undefined;
  if (!bytes) {
    removeAll([...starts, ...ends, ...refs]);
    return [];
  }
  const { threads, threadOf } = readThreads(els(parseXml(bytes, commentsPart!), W, 'comment'), extendedPart ? pkg.parts.get(extendedPart) : undefined, extendedPart ?? '');
  const placed = new Set<string>();
  const place = (el: Element, tag: 's' | 'e') => {
    const id = attr(el, 'id') ?? '';
    const index = threadOf.get(id);
    if (index !== undefined) {
      placeMarker(doc, el, marker(tag, index), tag === 's');
      placed.add(`${tag}${id}`);
    }
    el.parentNode?.removeChild(el);
  };
  for (const s of starts) place(s, 's');
  for (const e of ends) place(e, 'e');
  // A comment with no range of its own: its paragraph, up to where it is referred to.
  for (const ref of refs) {
    const id = attr(ref, 'id') ?? '';
    const index = threadOf.get(id);
    if (index === undefined || placed.has(`s${id}`) || placed.has(`e${id}`)) continue;
    const run = ref.parentNode as Element;
    let p: Node | null = run;
    while (p && !isW(p, 'p')) p = p.parentNode;
    if (!p) continue;
    const pPr = children(p as Element).find((c) => isW(c, 'pPr'));
    (p as Element).insertBefore(markerRun(doc, marker('s', index)), pPr ? pPr.nextSibling : p.firstChild);
    run.parentNode!.insertBefore(markerRun(doc, marker('e', index)), run);
    placed.add(`s${id}`);
  }
  // mammoth would look the references up in the comments part, which it is not given.
  removeAll(refs);
  return threads;
}

/** Each comment in its thread: a reply joins the thread of the comment it answers (commentsExtended.xml's paraIdParent). */
function readThreads(list: Element[], extended: Uint8Array | undefined, extendedPart: string): { threads: WordThread[]; threadOf: Map<string, number> } {
  const byParagraph = new Map<string, string>();
  for (const c of list) {
    const paragraphs = els(c, W, 'p');
    const last = paragraphs[paragraphs.length - 1];
    const paraId = last ? (last.getAttributeNS(W14, 'paraId') ?? last.getAttribute('w14:paraId')) : null;
    if (paraId) byParagraph.set(paraId, attr(c, 'id') ?? '');
  }
  const parentOf = new Map<string, string>();
  const done = new Set<string>();
  if (extended) {
    for (const ex of els(parseXml(extended, extendedPart), W15, 'commentEx')) {
      const id = byParagraph.get(ex.getAttributeNS(W15, 'paraId') ?? ex.getAttribute('w15:paraId') ?? '');
      const parent = byParagraph.get(ex.getAttributeNS(W15, 'paraIdParent') ?? ex.getAttribute('w15:paraIdParent') ?? '');
      if (id && parent && parent !== id) parentOf.set(id, parent);
      if (id && /^(1|true)$/.test(ex.getAttributeNS(W15, 'done') ?? ex.getAttribute('w15:done') ?? '')) done.add(id);
    }
  }
  const root = (id: string) => {
    const seen = new Set<string>();
    while (parentOf.has(id) && !seen.has(id)) {
      seen.add(id);
      id = parentOf.get(id)!;
    }
    return id;
  };
  const threads: WordThread[] = [];
  const threadOf = new Map<string, number>();
  for (const c of list) {
    const id = attr(c, 'id') ?? '';
    const text = commentText(c);
    if (!text) continue;
    const comment = { author: wordName(attr(c, 'author')), date: wordDate(attr(c, 'date')), text };
    const top = root(id);
    const at = threadOf.get(top);
    if (at !== undefined) threads[at]!.comments.push(comment);
    else if (top === id) threadOf.set(id, threads.push({ comments: [comment], done: done.has(id) }) - 1);
  }
  // Replies whose first comment was empty or missing stand as threads of their own.
  for (const c of list) {
    const id = attr(c, 'id') ?? '';
    if (threadOf.has(id) || threadOf.has(root(id)) || !commentText(c)) continue;
    threadOf.set(id, threads.push({ comments: [{ author: wordName(attr(c, 'author')), date: wordDate(attr(c, 'date')), text: commentText(c) }], done: done.has(id) }) - 1);
  }
  return { threads, threadOf };
}

/** A comment's range mark as a marker run: where it sits between paragraphs, into the paragraph after (a start) or before (an end). */
function placeMarker(doc: Document, at: Element, text: string, start: boolean): void {
  const parent = at.parentNode as Element;
  const run = markerRun(doc, text);
  if (isW(parent, 'p') || isW(parent, 'hyperlink') || isW(parent, 'sdtContent') || isW(parent, 'smartTag') || isW(parent, 'fldSimple')) {
    parent.insertBefore(run, at);
    return;
  }
  let sibling: Node | null = start ? at.nextSibling : at.previousSibling;
  while (sibling && !isW(sibling, 'p')) sibling = start ? sibling.nextSibling : sibling.previousSibling;
  if (!sibling) return;
  const p = sibling as Element;
  if (start) {
    const pPr = children(p).find((c) => isW(c, 'pPr'));
    p.insertBefore(run, pPr ? pPr.nextSibling : p.firstChild);
  } else p.appendChild(run);
}

/** Headers and footers the document's sections name that hold any words. */
function countHeaders(doc: Document, pkg: WordPackage, rels: Map<string, string>, leftOut: LeftOut): void {
  const seen = new Set<string>();
  for (const [name, key] of [['headerReference', 'headers'], ['footerReference', 'footers']] as const) {
    for (const ref of els(doc, W, name)) {
      const target = rels.get(ref.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id') ?? ref.getAttribute('r:id') ?? '');
      if (!target || seen.has(target)) continue;
      seen.add(target);
      const bytes = pkg.parts.get(target);
      if (!bytes) continue;
      const words = els(parseXml(bytes, target), W, 't').some((t) => (t.textContent ?? '').trim());
      if (words || els(parseXml(bytes, target), W, 'fldSimple').length || els(parseXml(bytes, target), W, 'drawing').length) leftOut[key] += 1;
    }
  }
}

const STYLE_MAP = [
  'u => u',
  'strike => s',
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='Quote'] => blockquote:fresh",
  "p[style-name='Intense Quote'] => blockquote:fresh",
  "p[style-name='Quotations'] => blockquote:fresh",
  "p[style-name='Block Text'] => blockquote:fresh",
  "r[style-name='Intense Emphasis'] => strong",
  "r[style-name='Emphasis'] => em",
  'comment-reference =>',
];

/** Reads a Word file (its bytes); a WordFileError says why one cannot be read. */
export async function readWord(bytes: Uint8Array): Promise<WordImport> {
  const pkg = openWordPackage(bytes);
  // mammoth reads the other parts (styles, numbering) with a parser of its own: none may declare a DTD either (checked first, so every part is refused alike).
  for (const [name, part] of pkg.parts) {
    if (Buffer.from(part.buffer, part.byteOffset, part.byteLength).includes('<!DOCTYPE')) throw new WordFileError(`its part ${name} declares a DTD, which Word documents never do; it was not read`);
  }
  const base = pkg.main.includes('/') ? pkg.main.slice(0, pkg.main.lastIndexOf('/') + 1) : '';
  const relsName = `${base}_rels/${pkg.main.slice(base.length)}.rels`;
  const relsBytes = pkg.parts.get(relsName);
  const rels = relsBytes ? relationshipTargets(parseXml(relsBytes, relsName), base) : [];
  const relTarget = (type: string) => rels.find((r) => r.type.endsWith(`/${type}`))?.target;
  const doc = parseXml(pkg.parts.get(pkg.main)!, pkg.main);
  if (!isW(doc.documentElement, 'document')) throw new WordFileError('it is not a Word document: its main part is not a w:document');
  // The markers are the one kind of character a Word file may not bring in.
  for (const t of [...els(doc, W, 't'), ...els(doc, W, 'delText')]) {
    if (t.firstChild && HAS_MARKER_CHAR.test(t.textContent ?? '')) t.textContent = (t.textContent ?? '').replace(MARKER_CHARS, '');
  }
  const leftOut = emptyLeftOut();
  takeOutObjects(doc, leftOut);
  countHeaders(doc, pkg, new Map(rels.map((r) => [r.id, r.target])), leftOut);
  const changes: WordChange[] = [];
  const paragraphChanges = markChanges(doc, changes, leftOut, styleNames(pkg, relTarget('styles')));
  const threads = markComments(doc, pkg, relTarget('comments'), relTarget('commentsExtended'));
  markAlignment(doc);
  markPageBreaks(doc);
  const parts: Record<string, Uint8Array> = {};
  for (const [name, part] of pkg.parts) if (!/\/(comments|commentsExtended|commentsIds|footnotes|endnotes)\.xml$/.test(name)) parts[name] = part;
  parts[pkg.main] = new TextEncoder().encode(new XMLSerializer().serializeToString(doc));
  const rezipped = zipSync(parts, { level: 0 });
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(rezipped.buffer, rezipped.byteOffset, rezipped.byteLength) },
      { styleMap: STYLE_MAP, includeEmbeddedStyleMap: false, externalFileAccess: false, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (error) {
    throw new WordFileError(`its document could not be read (${(error as Error).message.split('\n')[0]})`);
  }
  return { html, changes, threads, leftOut, paragraphChanges };
}

const LEFT_OUT_WORDS: Record<(typeof WORD_LEFT_OUT)[number], [string, string]> = {
  images: ['image', 'images'],
  tables: ['table', 'tables'],
  textBoxes: ['text box', 'text boxes'],
  equations: ['equation', 'equations'],
  headers: ['header', 'headers'],
  footers: ['footer', 'footers'],
  footnotes: ['footnote', 'footnotes'],
  endnotes: ['endnote', 'endnotes'],
};

/**
 * What did not come through, in one sentence ("2 images and 1 table were not imported"), then what
 * came in changed (fields as their words, tracked paragraph changes as the file shows them); null when nothing.
 */
export function describeLeftOut(leftOut: LeftOut): string | null {
  const items = WORD_LEFT_OUT.filter((key) => leftOut[key] > 0).map((key) => `${leftOut[key]} ${LEFT_OUT_WORDS[key][leftOut[key] === 1 ? 0 : 1]}`);
  const sentences: string[] = [];
  if (items.length) {
    const total = WORD_LEFT_OUT.reduce((n, key) => n + leftOut[key], 0);
    sentences.push(`${joinList(items)} ${total === 1 ? 'was' : 'were'} not imported.`);
  }
  if (leftOut.fields) sentences.push(`${leftOut.fields} ${leftOut.fields === 1 ? 'field (a page number, date or the like) was' : 'fields (page numbers, dates and the like) were'} kept as plain words.`);
  if (leftOut.paragraphChanges) {
    sentences.push(`${leftOut.paragraphChanges} tracked ${leftOut.paragraphChanges === 1 ? 'change' : 'changes'} to paragraphs (a split, a join or a style) ${leftOut.paragraphChanges === 1 ? 'is' : 'are'} kept as the file shows ${leftOut.paragraphChanges === 1 ? 'it' : 'them'}, not as a suggestion.`);
  }
  return sentences.length ? sentences.join(' ') : null;
}

function joinList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
