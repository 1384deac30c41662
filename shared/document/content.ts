// The message's content as data: blocks of formatted runs, read straight from the Yjs document
// (never from an editor view). One reader serves the plain text, the counts, the digest that
// approvals are bound to, and the comparison of versions, so they can never disagree.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import * as Y from 'yjs';
import { META, TEXT_ROOT } from './message';
import { bringsCharacters, formatAsItStands, marksOfAttributes } from './suggestion-node';

export type BlockKind =
  | 'paragraph'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'h5'
  | 'h6'
  | 'quote'
  | 'bullet'
  | 'number'
  | 'check'
  | 'signature'
  | 'rule'
  | 'page-break';

/** Where a run's characters came from in the document: runs of consecutive Yjs ids. */
export interface Origin {
  client: number;
  clock: number;
  length: number;
  /** The client that set the run's formatting, if any. */
  formattedBy?: number;
}

export interface Run {
  text: string;
  /** Lexical's text format bits (bold 1, italic 2, strikethrough 4, underline 8, code 16, …). */
  format: number;
  link?: string;
  /** Only when asked for: which document items hold these characters. */
  origins?: Origin[];
}

export interface Block {
  kind: BlockKind;
  /** Alignment (Lexical's element format: 1 left … 6 end) and indent, when set. */
  align?: number;
  indent?: number;
  /** Nesting depth of a list item (0 for the outermost list). */
  depth?: number;
  runs: Run[];
}

export interface MessageContent {
  title: string;
  blocks: Block[];
}

export const FORMAT_NAMES = ['bold', 'italic', 'strikethrough', 'underline', 'code', 'subscript', 'superscript', 'highlight'] as const;

// Elements whose children are blocks, never text.
const CONTAINERS = new Set(['root', 'list', 'signature']);
const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'list', 'listitem', 'signature', 'horizontalrule', 'page-break']);
const LINKS = new Set(['link', 'autolink']);

interface Walk {
  blocks: Block[];
  withOrigins: boolean;
  /** Read the document as it was at this snapshot (a version), not as it is now. */
  snapshot?: Y.Snapshot;
}

export interface ReadOptions {
  /** Say which document items hold each run's characters (for attribution). */
  origins?: boolean;
  /**
   * Read the content as it was at this snapshot, straight from the document's history (gc is
   * off), without building a copy of the document with Y.createDocFromSnapshot: the same content,
   * with the same items, at a fraction of the cost on a long history.
   */
  snapshot?: Y.Snapshot;
}

/** The content of a document (or of a version's document, or of the document at a snapshot). */
export function readContent(doc: Y.Doc, options: ReadOptions = {}): MessageContent {
  const walk: Walk = { blocks: [], withOrigins: !!options.origins, snapshot: options.snapshot };
  const root = doc.get(TEXT_ROOT, Y.XmlElement) as Y.XmlElement;
  for (const child of childrenOf(walk, root)) if (child instanceof Y.XmlElement) walkBlock(walk, child, { kind: 'paragraph', depth: -1 });
  const meta = doc.getMap<string>(META);
  const title = options.snapshot ? Y.typeMapGetSnapshot(meta, 'title', options.snapshot) : meta.get('title');
  return { title: typeof title === 'string' ? title : '', blocks: walk.blocks };
}

const childrenOf = (walk: Walk, el: Y.XmlElement): unknown[] => (walk.snapshot ? Y.typeListToArraySnapshot(el, walk.snapshot) : el.toArray());

const attributesOf = (walk: Walk, el: Y.XmlElement): Record<string, unknown> => el.getAttributes(walk.snapshot) as Record<string, unknown>;

interface Context {
  kind: BlockKind;
  depth: number;
}

function walkBlock(walk: Walk, el: Y.XmlElement, context: Context): void {
  const type = el.nodeName;
  if (type === 'horizontalrule' || type === 'page-break') {
    walk.blocks.push({ kind: type === 'page-break' ? 'page-break' : 'rule', runs: [] });
    return;
  }
  const attrs = attributesOf(walk, el);
  const inner = innerContext(el, attrs, context);
  const children = childrenOf(walk, el);
  if (CONTAINERS.has(type) || hasBlockChild(children)) {
    for (const child of children) if (child instanceof Y.XmlElement) walkBlock(walk, child, inner);
    return;
  }
  const block: Block = { kind: inner.kind, runs: [] };
  if (typeof attrs.__format === 'number' && attrs.__format > 0) block.align = attrs.__format;
  if (typeof attrs.__indent === 'number' && attrs.__indent > 0) block.indent = attrs.__indent;
  if (inner.depth >= 0) block.depth = inner.depth;
  readInline(walk, children, undefined, block.runs);
  walk.blocks.push(block);
}

/** What kind of block the paragraphs inside `el` are. */
function innerContext(el: Y.XmlElement, attrs: Record<string, unknown>, context: Context): Context {
  switch (el.nodeName) {
    case 'heading':
      return { ...context, kind: (typeof attrs.__tag === 'string' ? attrs.__tag : 'h1') as BlockKind };
    case 'quote':
      return { ...context, kind: 'quote' };
    case 'signature':
      return { ...context, kind: 'signature' };
    case 'list': {
      const listType = typeof attrs.__listType === 'string' ? attrs.__listType : 'number';
      return { kind: listType as BlockKind, depth: context.depth + 1 };
    }
    default:
      return context;
  }
}

/** A quote or list item that holds paragraphs or lists is a container, not one line of text. */
function hasBlockChild(children: unknown[]): boolean {
  return children.some((c) => c instanceof Y.XmlElement && BLOCK_TYPES.has(c.nodeName));
}

function readInline(walk: Walk, children: unknown[], link: string | undefined, runs: Run[]): void {
  for (const child of children) {
    if (child instanceof Y.XmlText) readText(walk, child, link, runs);
    else if (child instanceof Y.XmlElement) {
      if (child.nodeName === 'linebreak') pushRun(runs, { text: '\n', format: 0, link }, walk.withOrigins ? idOf(child) : undefined);
      else if (LINKS.has(child.nodeName)) {
        const url = attributesOf(walk, child).__url;
        readInline(walk, childrenOf(walk, child), typeof url === 'string' ? url : link, runs);
      } else readInline(walk, childrenOf(walk, child), link, runs);
    }
  }
}

const idOf = (type: { _item: Y.Item | null }): Origin | undefined =>
  type._item ? { client: type._item.id.client, clock: type._item.id.clock, length: 1 } : undefined;

/**
 * Walks the text's items as Yjs's own toDelta does, so that each run also knows which items its
 * characters are (for attribution) and who last set its formatting.
 *
 * It reads the text as it stands: a pending insertion is not in it, a pending deletion still is,
 * words with a pending format change keep their format from before, and a proposed split or
 * join (a paragraph mark) leaves the paragraphs as they are. Every reader of the text
 * (counts, digest, export, compare, `signet text`) comes through here, so none reads a mixture.
 */
function readText(walk: Walk, text: Y.XmlText, link: string | undefined, runs: Run[]): void {
  const attributes = new Map<string, unknown>();
  let formattedBy: number | undefined;
  const at = walk.snapshot && new SnapshotView(walk.snapshot);
  for (let item = text._start; item !== null; item = item.right) {
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (at ? !at.shows(item.id.client, item.id.clock) : item.deleted) continue;
      if (content.value === null) attributes.delete(content.key);
      else attributes.set(content.key, content.value);
      if (content.key === 'p') formattedBy = item.id.client;
    } else if (content instanceof Y.ContentString) {
      if (!at && item.deleted) continue;
      const marks = attributes.size > 1 ? marksOfAttributes(attributes) : [];
      if (marks.some((m) => bringsCharacters(m.kind))) continue;
      const properties = attributes.get('p') as { __format?: unknown } | undefined;
      const format = formatAsItStands(typeof properties?.__format === 'number' ? properties.__format : 0, marks);
      const { client, clock } = item.id;
      const push = (from: number, to: number) => {
        const origin = walk.withOrigins ? { client, clock: clock + from, length: to - from, ...(properties ? { formattedBy } : {}) } : undefined;
        pushRun(runs, { text: from === 0 && to === content.str.length ? content.str : content.str.slice(from, to), format, link }, origin);
      };
      if (at) at.visibleRanges(client, clock, item.length, push);
      else push(0, item.length);
    }
  }
}

/**
 * What a snapshot shows, item by item, read without changing the document: an item (or the
 * part of one) is shown when the snapshot's state vector includes it and its delete set does
 * not. Yjs's own snapshot readers split the items at those bounds inside a transaction instead.
 */
class SnapshotView {
  constructor(private readonly snapshot: Y.Snapshot) {}

  shows(client: number, clock: number): boolean {
    return clock < (this.snapshot.sv.get(client) ?? 0) && !Y.isDeleted(this.snapshot.ds, Y.createID(client, clock));
  }

  /** Calls `emit(from, to)` for each part of the item [clock, clock + length) the snapshot shows, as offsets into it. */
  visibleRanges(client: number, clock: number, length: number, emit: (from: number, to: number) => void): void {
    const end = Math.min(clock + length, this.snapshot.sv.get(client) ?? 0);
    if (end <= clock) return;
    const deleted = this.snapshot.ds.clients.get(client);
    let at = clock;
    if (deleted) {
      // The first deleted range that ends after `clock` (the ranges are sorted by clock and disjoint).
      let lo = 0;
      let hi = deleted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (deleted[mid].clock + deleted[mid].len <= clock) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < deleted.length && deleted[k].clock < end; k += 1) {
        const range = deleted[k];
        if (range.clock > at) emit(at - clock, range.clock - clock);
        at = Math.max(at, range.clock + range.len);
      }
    }
    if (at < end) emit(at - clock, end - clock);
  }
}

/** Appends a run, joining it to the last when they look the same (Lexical splits text nodes freely). */
function pushRun(runs: Run[], run: Run, origin: Origin | undefined): void {
  const last = runs[runs.length - 1];
  if (last && last.format === run.format && last.link === run.link) {
    last.text += run.text;
    if (origin) last.origins!.push(origin);
    return;
  }
  const next: Run = { text: run.text, format: run.format };
  if (run.link !== undefined) next.link = run.link;
  if (origin) next.origins = [origin];
  runs.push(next);
}

export const blockText = (block: Block): string => block.runs.map((r) => r.text).join('');

/** Blocks that hold text (a rule or a page break does not). */
export const isTextBlock = (block: Block): boolean => block.kind !== 'rule' && block.kind !== 'page-break';

/**
 * The canonical form of the content: JSON with a fixed key order and no optional keys left
 * empty, so the same words and formatting always give the same bytes, whichever editor wrote them.
 */
export function canonicalContent(content: MessageContent): string {
  const blocks = content.blocks.map((b) => {
    const out: Record<string, unknown> = { kind: b.kind };
    if (b.align) out.align = b.align;
    if (b.indent) out.indent = b.indent;
    if (b.depth !== undefined) out.depth = b.depth;
    out.runs = b.runs.map((r) => {
      const run: Record<string, unknown> = { text: r.text };
      if (r.format) run.format = r.format;
      if (r.link !== undefined) run.link = r.link;
      return run;
    });
    return out;
  });
  return JSON.stringify({ format: 'signet-content-1', title: content.title, blocks });
}

/** The SHA-256 digest (hex) of the canonical content: what approvals and signatures are bound to. */
export function contentDigest(content: MessageContent): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalContent(content))));
}

/** The digest of a document's current content. */
export const messageDigest = (doc: Y.Doc): string => contentDigest(readContent(doc));

/** A digest short enough to read aloud and compare: the first 12 hex digits in groups of four. */
export const shortDigest = (digest: string): string => digest.slice(0, 12).replace(/(.{4})(?=.)/g, '$1 ');

/**
 * The message as paragraphs of plain text, read straight from the Yjs document (never from an
 * editor view), so the command line, the library and the status bar agree.
 */
export function messageParagraphs(doc: Y.Doc): string[] {
  return contentParagraphs(readContent(doc));
}

/** The paragraphs of some content (a version's, say) as plain text. */
export const contentParagraphs = (content: MessageContent): string[] => content.blocks.filter(isTextBlock).map(blockText);

/** Plain text: paragraphs separated by one blank line. */
export function messageText(doc: Y.Doc): string {
  return messageParagraphs(doc).join('\n\n');
}
