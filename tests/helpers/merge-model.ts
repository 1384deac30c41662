// A model of the offline review round trip for the merge property test: several copies of one
// message, each a Yjs document with a Lexical editor bound to it the way the app binds one,
// edited through Lexical's own selection API (typing, deleting, formatting, splitting and joining
// paragraphs, lists, headings), commented on through shared/review/comments.ts, and merged pairwise.
//
// Everything random comes from the test's arguments (fast-check), and every copy has a fixed Yjs
// client id, so a failing seed replays exactly.
import { $createHeadingNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import {
  $createListItemNode,
  $createListNode,
  $insertList,
  $isListItemNode,
  $isListNode,
  $removeList,
  registerList,
  type ListNode,
} from '@lexical/list';
import { $setBlocksType } from '@lexical/selection';
import {
  $createParagraphNode,
  $createRangeSelection,
  $createTextNode,
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isTextNode,
  $setSelection,
  SKIP_COLLAB_TAG,
  createEditor,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
  type RangeSelection,
} from 'lexical';
import type { Provider } from '@lexical/yjs';
import * as Y from 'yjs';
import { createMessageEditor, type MessageEditor } from '../../electron/services/document/headless-editor';
import {
  $marksOf,
  bringsCharacters,
  createDetachedEditor,
  formatAsItStands,
  readContent,
  type Block,
  TEXT_ROOT,
  newMessageDoc,
  textRoot,
  MESSAGE_NODES,
  SUGGESTION_ATTRIBUTE,
} from '../../shared/document';
import {
  $suggestDeletion,
  $suggestFormat,
  $suggestInsertion,
  $suggestJoin,
  $suggestLines,
  $suggestSplit,
  createThread,
  decideInEditor,
  deleteComment,
  describeKeptChanges,
  mendMergedMarks,
  editComment,
  keptChanges,
  listSuggestions,
  listThreads,
  logDecisions,
  placeThreads,
  reply,
  setResolved,
  stateOf as sideOf,
  type Decision,
  type Suggester,
} from '../../shared/review';
import type { DocState } from '../../shared/review/merged-marks';
import type { Person } from '../../shared/ipc';

// ── Operations ──────────────────────────────────────────────────────────────────────────────

/** Where an operation acts: numbers folded onto whatever the copy holds when it runs. */
export type Op =
  | { kind: 'type'; copy: number; at: number; text: string }
  | { kind: 'delete'; copy: number; at: number; length: number }
  | { kind: 'format'; copy: number; at: number; length: number; format: 'bold' | 'italic' }
  | { kind: 'split'; copy: number; at: number }
  | { kind: 'join'; copy: number; block: number; how: 'backspace' | 'direct' }
  | { kind: 'blocks'; copy: number; block: number; count: number; to: 'bullet' | 'number' | 'paragraph' | 'heading' }
  | { kind: 'comment'; copy: number; at: number; length: number; text: string }
  | { kind: 'reply'; copy: number; thread: number; text: string }
  | { kind: 'resolve'; copy: number; thread: number; resolved: boolean }
  | { kind: 'edit-comment'; copy: number; thread: number; text: string }
  | { kind: 'delete-comment'; copy: number; thread: number }
  | { kind: 'suggest'; copy: number; at: number; length: number; what: SuggestWhat; text: string }
  | { kind: 'decide'; copy: number; decision: Decision; pick: number }
  | { kind: 'sync'; from: number; to: number };

/** What a person in Suggesting mode does: type, delete, type over words, bold, press Enter, join, paste lines. */
export type SuggestWhat = 'insert' | 'delete' | 'replace' | 'format' | 'split' | 'join' | 'paste';

/** The first content of the message, before the copies are made. */
export type InitialBlock = { kind: 'paragraph' | 'bullet' | 'number' | 'heading'; words: string[] };

/**
 * How a copy's editor lives through merges: 'reload' is the app's policy (after a merge the editor
 * is created afresh from the document); 'incremental' keeps the editor and trusts @lexical/yjs's
 * incremental sync, as a collaborative editor would.
 */
export type Policy = 'reload' | 'incremental';

export const PEOPLE: Person[] = [
  { name: 'Ann Lee', title: 'Speechwriter' },
  { name: 'Ben Ode', title: 'Policy adviser' },
  { name: 'Cat Ruiz', title: 'Press officer' },
  { name: 'Dan Poe', title: 'Legal adviser' },
];

// ── What a reader sees ──────────────────────────────────────────────────────────────────────

/** Blocks as the comparison needs them: kind, list depth and formatted runs. */
export function blocksKey(blocks: Block[]): string {
  return JSON.stringify(
    blocks.map((b) => [b.kind, b.depth ?? -1, b.runs.filter((r) => r.text !== '').map((r) => [r.text, r.format])]),
  );
}

/** The document's content (the one truth), in the comparison's shape. */
export const docKey = (doc: Y.Doc): string => blocksKey(readContent(doc).blocks);

/**
 * What an editor shows, read from its own state with the rules of shared/document/content.ts's reader
 * (the text as it stands), so that it can be compared with the document's content run for run.
 */
export function editorBlocks(editor: LexicalEditor): Block[] {
  return editor.getEditorState().read(() => {
    const blocks: Block[] = [];
    const push = (runs: Block['runs'], text: string, format: number) => {
      const last = runs[runs.length - 1];
      if (last && last.format === format) last.text += text;
      else runs.push({ text, format });
    };
    const inline = (node: ElementNode, runs: Block['runs']) => {
      for (const child of node.getChildren()) {
        if ($isTextNode(child)) {
          // The text as it stands, as the document's reader has it: no pending new characters, formats from before.
          const marks = $marksOf(child);
          if (marks.some((m) => bringsCharacters(m.kind))) continue;
          push(runs, child.getTextContent(), formatAsItStands(child.getFormat(), marks));
        }
        else if ($isLineBreakNode(child)) push(runs, '\n', 0);
        else if ($isElementNode(child)) inline(child, runs);
      }
    };
    const walk = (node: ElementNode, kind: Block['kind'], depth: number) => {
      if ($isListNode(node)) {
        for (const child of node.getChildren()) if ($isElementNode(child)) walk(child, node.getListType(), depth + 1);
        return;
      }
      const inner: Block['kind'] = $isHeadingNode(node) ? node.getTag() : $isQuoteNode(node) ? 'quote' : kind;
      if (node.getType() === 'root' || node.getType() === 'signature' || node.getChildren().some((c) => $isElementNode(c) && !c.isInline())) {
        for (const child of node.getChildren()) if ($isElementNode(child)) walk(child, inner, depth);
        return;
      }
      const block: Block = { kind: inner, runs: [] };
      if (depth >= 0) block.depth = depth;
      inline(node, block.runs);
      blocks.push(block);
    };
    walk($getRoot(), 'paragraph', -1);
    return blocks;
  });
}

export const editorKey = (editor: LexicalEditor): string => blocksKey(editorBlocks(editor));
export const editorJSON = (editor: LexicalEditor): string => JSON.stringify(editor.getEditorState().toJSON());

/**
 * A fresh editor loaded from a copy of the document's state, as the app shows a message it reopens.
 * `wrote` says whether loading wrote to the document at all; `wroteText`, whether it wrote text
 * (characters or blocks in or out). Marked words a merge left typed as plain text are typed as marked words
 * again on load (shared/document/suggestion-node.ts), which writes a formatting attribute, never text.
 */
export function freshLoad(doc: Y.Doc): { json: string; key: string; wrote: boolean; wroteText: boolean } {
  const copy = newMessageDoc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let wrote = false;
  copy.on('update', () => {
    wrote = true;
  });
  const chars = () => treeOf(textRoot(copy));
  const before = chars();
  const { editor, binding } = createDetachedEditor(copy);
  try {
    return { json: editorJSON(editor), key: editorKey(editor), wrote, wroteText: wrote && chars() !== before };
  } finally {
    binding.dispose();
    copy.destroy();
  }
}

// ── Text in the document, character by character ───────────────────────────────────────────

interface Char {
  text: Y.XmlText;
  /** Index of the character in its XmlText. */
  index: number;
  id: string;
  ch: string;
}

const idKey = (client: number, clock: number) => `${client}:${clock}`;

/** Every XmlText of the message in document order (the order shared/review/comments.ts places threads in). */
function textsInOrder(doc: Y.Doc): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  const walk = (el: Y.XmlElement) => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlText) out.push(child);
      else if (child instanceof Y.XmlElement) walk(child);
    }
  };
  walk(textRoot(doc));
  return out;
}

/** The visible characters of one XmlText with their Yjs ids. */
function charsOf(text: Y.XmlText): { id: string; ch: string }[] {
  const out: { id: string; ch: string }[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const str = item.content.str;
    for (let k = 0; k < str.length; k += 1) out.push({ id: idKey(item.id.client, item.id.clock + k), ch: str[k] });
  }
  return out;
}

/** The elements and characters below an element (their Yjs ids), as a string: what loading must not change. */
function treeOf(el: Y.XmlElement): string {
  return `<${el.nodeName}>${el
    .toArray()
    .map((c) => (c instanceof Y.XmlElement ? treeOf(c) : c instanceof Y.XmlText ? `[${charsOf(c).map((x) => x.id).join(',')}]` : '?'))
    .join('')}</>`;
}

const plainText = (text: Y.XmlText) => charsOf(text).map((c) => c.ch).join('');

/** The characters of every XmlText below a Yjs element (a block), with their ids. */
function idsBelow(type: Y.XmlElement | Y.XmlText, into: Set<string>): void {
  if (type instanceof Y.XmlText) for (const c of charsOf(type)) into.add(c.id);
  else for (const child of type.toArray()) if (child instanceof Y.XmlElement || child instanceof Y.XmlText) idsBelow(child, into);
}

// ── Threads the test started ────────────────────────────────────────────────────────────────

export interface StartedThread {
  id: string;
  /** The copy it was started in. */
  copy: number;
  quote: string;
  /** The quoted characters themselves (the quote joins the texts it spans with spaces). */
  chars: string;
  /** The Yjs ids of the quoted characters. */
  ids: string[];
}

// ── A copy ──────────────────────────────────────────────────────────────────────────────────

export interface Stats {
  /** Merges (applied updates that changed something) into a copy, and how many left its live editor
   *  showing content other than its document's, or a Lexical state other than a fresh load's. */
  merges: number;
  contentDiverged: number;
  jsonDiverged: number;
  /** Merges after which the copy's editor wrote something back to the document by itself. */
  mergeWrites: number;
  /** Of those, the ones that wrote formatting again (Lexical's view of it, over the same text). */
  formatRewrites: number;
  /** And the ones that rewrote text (deleted characters, or inserted any): each is a failure. */
  textRewrites: number;
  /** Merges during which the live editor's incremental sync threw. */
  editorErrors: number;
  /** Fresh loads that wrote to the document they loaded. */
  loadWrites: number;
  examples: string[];
  writeExamples: string[];
  jsonExamples: string[];
}

export const newStats = (): Stats => ({ merges: 0, contentDiverged: 0, jsonDiverged: 0, mergeWrites: 0, formatRewrites: 0, textRewrites: 0, editorErrors: 0, loadWrites: 0, examples: [], writeExamples: [], jsonExamples: [] });

/** What a Yjs item that is not text is, for the report: a format mark, an element, a value. */
function describe(item: Y.Item): string {
  const c = item.content;
  if (c instanceof Y.ContentFormat) return `format ${c.key}=${JSON.stringify(c.value)}`;
  if (c instanceof Y.ContentType) return `type ${c.type instanceof Y.XmlElement ? c.type.nodeName : 'text'}`;
  return `${c.constructor.name} ${item.parentSub ?? ''}=${JSON.stringify(c.getContent())}`;
}

export class Copy {
  readonly doc: Y.Doc;
  editor!: MessageEditor;
  private stopList: () => void = () => {};
  /** Characters deleted by this copy's own transactions since the last reset. */
  readonly deletedHere = new Set<string>();
  /** Text this copy's own transactions inserted since the last reset. */
  readonly insertedHere: string[] = [];
  /** Anything else it wrote (formats, elements, attributes), described. */
  readonly otherWrites: string[] = [];
  wroteHere = false;
  /** The live editor has been seen showing something other than the document. */
  diverged = false;
  /** Leave the caret where the last edit put it, as a person typing does (else no selection). */
  keepCaret = false;

  constructor(
    readonly index: number,
    base: Uint8Array,
  ) {
    this.doc = newMessageDoc();
    // A fixed client id per copy: Yjs orders concurrent insertions by client id, so a seed replays.
    this.doc.clientID = 1000 + index;
    Y.applyUpdate(this.doc, base);
    this.doc.on('afterTransaction', (tx: Y.Transaction) => {
      if (!tx.local) return;
      if (tx.changed.size > 0 || tx.deleteSet.clients.size > 0) this.wroteHere = true;
      tx.deleteSet.clients.forEach((ranges, client) => {
        for (const range of ranges) {
          for (let clock = range.clock; clock < range.clock + range.len; clock += 1) {
            const item = Y.getItem(this.doc.store, Y.createID(client, clock));
            if (item instanceof Y.Item && item.content instanceof Y.ContentString) this.deletedHere.add(idKey(client, clock));
            else if (item instanceof Y.Item && item.id.clock === clock) this.otherWrites.push(`delete ${describe(item)}`);
          }
        }
      });
      const client = this.doc.clientID;
      for (let clock = tx.beforeState.get(client) ?? 0; clock < (tx.afterState.get(client) ?? 0); ) {
        const item = Y.getItem(this.doc.store, Y.createID(client, clock));
        if (item instanceof Y.Item && item.content instanceof Y.ContentString) {
          const str = item.content.str.slice(clock - item.id.clock);
          this.insertedHere.push(str);
        } else if (item instanceof Y.Item) {
          this.otherWrites.push(describe(item));
        }
        clock = item.id.clock + item.length;
      }
    });
    this.load();
  }

  get person(): Person {
    return PEOPLE[this.index % PEOPLE.length];
  }

  /** Binds a new editor to the document, as the app does when it opens a message or after a merge. */
  load(): void {
    this.stopList();
    this.editor?.dispose();
    this.editor = createMessageEditor(this.doc);
    // The app's editor has the list plugin, whose transforms keep list items' text format.
    this.stopList = registerList(this.editor.editor);
    this.diverged = false;
  }

  dispose(): void {
    this.stopList();
    this.editor.dispose();
  }

  resetTracking(): void {
    this.deletedHere.clear();
    this.insertedHere.length = 0;
    this.otherWrites.length = 0;
    this.wroteHere = false;
  }

  edit(change: () => void): void {
    this.editor.editor.update(change, { discrete: true });
  }
}

// ── Lexical positions ───────────────────────────────────────────────────────────────────────

/** Blocks that hold text, in document order (list items, paragraphs, headings). */
function $leafBlocks(): ElementNode[] {
  const out: ElementNode[] = [];
  const walk = (node: ElementNode) => {
    for (const child of node.getChildren()) {
      if (!$isElementNode(child) || child.isInline()) continue;
      if ($isListNode(child) || child.getChildren().some((c) => $isElementNode(c) && !c.isInline())) walk(child);
      else out.push(child);
    }
  };
  walk($getRoot());
  return out;
}

type LexPoint = { key: string; offset: number; type: 'text' | 'element' };

/** The point `offset` characters into a block. */
function $pointIn(block: ElementNode, offset: number): LexPoint {
  let rest = offset;
  let last: LexicalNode | null = null;
  for (const child of block.getChildren()) {
    if (!$isTextNode(child)) continue;
    const size = child.getTextContentSize();
    if (rest <= size) return { key: child.getKey(), offset: rest, type: 'text' };
    rest -= size;
    last = child;
  }
  if (last) return { key: last.getKey(), offset: last.getTextContentSize(), type: 'text' };
  return { key: block.getKey(), offset: 0, type: 'element' };
}

/** Every caret position of the message, block by block. */
function $positions(blocks: ElementNode[]): { block: number; offset: number }[] {
  const out: { block: number; offset: number }[] = [];
  blocks.forEach((b, i) => {
    for (let k = 0; k <= b.getTextContentSize(); k += 1) out.push({ block: i, offset: k });
  });
  return out;
}

function $select(blocks: ElementNode[], from: { block: number; offset: number }, to = from): RangeSelection {
  const a = $pointIn(blocks[from.block], from.offset);
  const f = $pointIn(blocks[to.block], to.offset);
  const selection = $createRangeSelection();
  selection.anchor.set(a.key, a.offset, a.type);
  selection.focus.set(f.key, f.offset, f.type);
  // A caret in formatted text types formatted text, as it does for a user.
  const node = selection.anchor.getNode();
  if ($isTextNode(node)) selection.format = node.getFormat();
  $setSelection(selection);
  return selection;
}

/** The blocks an operation may rewrite: its own, the rest of their lists, and lists beside them. */
function $rewritable(copy: Copy, touched: ElementNode[]): Set<string> {
  const nodes = new Set<ElementNode>();
  for (const block of touched) {
    nodes.add(block);
    let top: ElementNode = block;
    while (top.getParent() && top.getParent()!.getType() !== 'root') top = top.getParent()!;
    for (const near of [top, top.getPreviousSibling(), top.getNextSibling()]) if (near && $isElementNode(near)) nodes.add(near);
  }
  const ids = new Set<string>();
  for (const node of nodes) {
    const type = copy.editor.binding.binding.mapping.getSharedType(node);
    if (type) idsBelow(type, ids);
  }
  return ids;
}

// ── Applying operations ─────────────────────────────────────────────────────────────────────

const AT = Date.UTC(2026, 2, 1);

export interface OpResult {
  /** Characters this operation was allowed to delete (undefined: any). */
  allowed?: Set<string>;
}

/** One discrete editor change on the copy's blocks; `change` says which characters it may rewrite. */
function editBlocks(copy: Copy, change: (blocks: ElementNode[]) => Set<string>): OpResult {
  let allowed: Set<string> | undefined;
  copy.edit(() => {
    allowed = change($leafBlocks());
    if (!copy.keepCaret) $setSelection(null);
  });
  return { allowed };
}

/**
 * Applies one editing or commenting operation to a copy. Returns what it may delete, for the
 * check that an edit deletes (and so un-anchors) no characters outside what it touched.
 */
export function applyOp(copy: Copy, op: Exclude<Op, { kind: 'sync' }>, step: number, threads: StartedThread[]): OpResult {
  const { doc } = copy;
  const at = new Date(AT + step * 1000);
  switch (op.kind) {
    case 'type':
    case 'delete':
    case 'format':
    case 'split':
      return editBlocks(copy, (blocks) => {
        if (blocks.length === 0) {
          if (op.kind === 'type') $getRoot().append($createParagraphNode().append($createTextNode(op.text)));
          return new Set();
        }
        const positions = $positions(blocks);
        const from = positions[op.at % positions.length];
        const to = 'length' in op ? positions[Math.min(positions.length - 1, (op.at % positions.length) + op.length)] : from;
        const allowed = op.kind === 'type' || op.kind === 'format' ? new Set<string>() : $rewritable(copy, blocks.slice(from.block, to.block + 1));
        const selection = $select(blocks, from, to);
        if (op.kind === 'type') selection.insertText(op.text);
        else if (op.kind === 'delete') selection.removeText();
        else if (op.kind === 'format') {
          if (!selection.isCollapsed()) selection.formatText(op.format);
        } else selection.insertParagraph();
        return allowed;
      });
    case 'join':
      return editBlocks(copy, (blocks) => {
        if (blocks.length < 2) return new Set();
        const i = 1 + (op.block % (blocks.length - 1));
        const [prev, cur] = [blocks[i - 1], blocks[i]];
        const allowed = $rewritable(copy, [prev, cur]);
        if (op.how === 'backspace') {
          $select(blocks, { block: i, offset: 0 }).deleteCharacter(true);
        } else {
          const parent = cur.getParent();
          prev.append(...cur.getChildren());
          cur.remove();
          if (parent && $isListNode(parent) && parent.getChildrenSize() === 0) parent.remove();
        }
        return allowed;
      });
    case 'blocks':
      return editBlocks(copy, (blocks) => {
        if (blocks.length === 0) return new Set();
        const i = op.block % blocks.length;
        const j = Math.min(blocks.length - 1, i + op.count);
        const chosen = blocks.slice(i, j + 1);
        const allowed = $rewritable(copy, chosen);
        const selection = $select(blocks, { block: i, offset: 0 }, { block: j, offset: blocks[j].getTextContentSize() });
        if (op.to === 'bullet' || op.to === 'number') $insertList(op.to);
        else if (chosen.some((b) => $isListItemNode(b))) $removeList();
        else $setBlocksType(selection, () => (op.to === 'heading' ? $createHeadingNode('h2') : $createParagraphNode()));
        return allowed;
      });
    case 'suggest':
      return editBlocks(copy, (blocks) => {
        if (blocks.length === 0) return new Set();
        let made = 0;
        const who: Suggester = { author: copy.person, newId: () => `s${copy.index}-${step}-${(made += 1)}`, now: () => at };
        const positions = $positions(blocks);
        const from = positions[op.at % positions.length];
        const to = positions[Math.min(positions.length - 1, (op.at % positions.length) + op.length)];
        const ranged = op.what === 'delete' || op.what === 'replace' || op.what === 'format';
        // Only one's own pending words may be rewritten (taken out, or cut in two by a split).
        const allowed = op.what === 'insert' || op.what === 'format' ? new Set<string>() : $rewritable(copy, blocks.slice(from.block, (ranged ? to : from).block + 1));
        if (op.what === 'join') {
          if (blocks.length < 2) return allowed;
          $suggestJoin($select(blocks, { block: 1 + (op.at % (blocks.length - 1)), offset: 0 }), who, true);
          return allowed;
        }
        const selection = ranged ? $select(blocks, from, to) : $select(blocks, from);
        if (op.what === 'insert' || op.what === 'replace') $suggestInsertion(selection, op.text, who);
        else if (op.what === 'delete') $suggestDeletion(selection, who, op.at % 2 === 0);
        else if (op.what === 'format') {
          if (!selection.isCollapsed()) $suggestFormat(selection, 'bold', who);
        } else if (op.what === 'split') $suggestSplit(selection, who);
        else $suggestLines(selection, `${op.text}\n${op.text}`, who);
        return allowed;
      });
    case 'decide': {
      // The author decides one open suggestion or all; a person withdraws one of their own or all of theirs.
      const open = listSuggestions(doc);
      const pool = op.decision === 'withdrawn' ? open.filter((x) => x.author.name === copy.person.name) : open;
      if (pool.length === 0) return { allowed: new Set() };
      const k = op.pick % (pool.length + 1);
      const which = k < pool.length ? new Set([pool[k].id]) : op.decision === 'withdrawn' ? { author: copy.person.name } : 'all';
      const decided = decideInEditor(copy.editor.editor, which, op.decision);
      logDecisions(doc, open.filter((x) => decided.includes(x.id)), op.decision, copy.person, at);
      // Deciding removes words and splits or joins paragraphs: it may rewrite what it touches.
      return {};
    }
    case 'comment': {
      const texts = textsInOrder(doc);
      const all: Char[] = [];
      for (const text of texts) charsOf(text).forEach((c, index) => all.push({ text, index, id: c.id, ch: c.ch }));
      if (all.length === 0) return { allowed: new Set() };
      const s = op.at % all.length;
      const e = Math.min(all.length, s + op.length);
      const [first, last] = [all[s], all[e - 1]];
      const a = texts.indexOf(first.text);
      const b = texts.indexOf(last.text);
      // The quote as shared/review/comments.ts reads a range: parts of each text, joined by spaces.
      const quote =
        a === b
          ? plainText(first.text).slice(first.index, last.index + 1)
          : texts
              .slice(a, b + 1)
              .map((t, k) => (k === 0 ? plainText(t).slice(first.index) : k === b - a ? plainText(t).slice(0, last.index + 1) : plainText(t)))
              .join(' ');
      const id = createThread(doc, {
        start: Y.createRelativePositionFromTypeIndex(first.text, first.index, 0),
        end: Y.createRelativePositionFromTypeIndex(last.text, last.index + 1, -1),
        quote,
        text: op.text,
        author: copy.person,
        at,
      });
      const chars = all.slice(s, e);
      threads.push({ id, copy: copy.index, quote, chars: chars.map((c) => c.ch).join(''), ids: chars.map((c) => c.id) });
      return { allowed: new Set() };
    }
    default: {
      // Replies and the rest act on a thread this copy has (started here or merged in).
      const known = threads.filter((t) => doc.getMap('comments').has(t.id));
      if (known.length === 0) return { allowed: new Set() };
      const thread = known[op.thread % known.length];
      if (op.kind === 'reply') reply(doc, thread.id, copy.person, op.text, at);
      else if (op.kind === 'resolve') setResolved(doc, thread.id, op.resolved, copy.person, at);
      else {
        const own = listThreads(doc)
          .find((t) => t.id === thread.id)
          ?.comments.find((c) => !c.deleted && c.author.name === copy.person.name);
        if (!own) return { allowed: new Set() };
        if (op.kind === 'edit-comment') editComment(doc, thread.id, own.id, copy.person, op.text, at);
        else deleteComment(doc, thread.id, own.id, copy.person);
      }
      return { allowed: new Set() };
    }
  }
}

// ── Merging ─────────────────────────────────────────────────────────────────────────────────

/** How merges are run and what they found, for one case. */
export interface MergeContext {
  policy: Policy;
  stats: Stats;
  /** Merges that made an editor rewrite text, or fresh loads that wrote: each is a bug. */
  problems: string[];
}

/**
 * Applies an update from another copy to `to`, as "Merge a copy…" does (after its guard); then looks at the live
 * editor (did the incremental sync show what the document now says? did it write anything back?)
 * and, under the app's policy, creates the editor afresh from the document.
 */
export function receive(to: Copy, update: Uint8Array, ctx: MergeContext, label: string, from: DocState): void {
  const { stats } = ctx;
  let changed = false;
  const mark = () => {
    changed = true;
  };
  // Every merge passes the guard the app and `signet merge` apply: legitimate work deletes nothing kept.
  const kept = keptChanges(to.doc, update);
  if (kept) throw new Error(`${label}: the guard refused a legitimate copy: it ${describeKeptChanges(kept)}`);
  to.doc.on('update', mark);
  to.resetTracking();
  // The live editor syncs inside Yjs's observers; if it throws, Yjs still applies the whole
  // update (it calls every observer, then rethrows the first error), so the document is whole.
  let failed: unknown = null;
  // As the app's merge does: a suggestion mark that neither side gave a character is taken off.
  // Yjs deletes a mark's closing item when the mark is taken off (a decision), so another copy's
  // item opening the same mark would otherwise run on over the words after it.
  const sides = [sideOf(to.doc), from];
  try {
    Y.applyUpdate(to.doc, update, 'merge');
    mendMergedMarks(to.doc, sides, 'merge');
  } catch (error) {
    failed = error;
  }
  to.doc.off('update', mark);
  if (!changed) return;
  stats.merges += 1;
  if (failed) {
    stats.editorErrors += 1;
    if (stats.examples.length < 8) stats.examples.push(`${label}: copy ${to.index}'s editor threw while syncing the merge: ${String(failed).slice(0, 160)}`);
    // That editor is broken: whatever the policy, the copy gets a new one.
    to.load();
    return;
  }
  if (to.wroteHere) stats.mergeWrites += 1;
  if (to.otherWrites.some((w) => w.startsWith('format '))) stats.formatRewrites += 1;
  const wrote = `copy ${to.index} wrote back ${JSON.stringify(to.insertedHere)}, deleting ${to.deletedHere.size} characters, and ${to.otherWrites.join('; ') || 'nothing else'}`;
  if (to.wroteHere && stats.writeExamples.length < 3) stats.writeExamples.push(`${label}: ${wrote}`);
  // A merge brings text; the editor must not rewrite any. Text it deletes and inserts again is
  // moved: a comment on it loses its place, and two copies that both move it have it twice.
  if (to.deletedHere.size > 0 || to.insertedHere.some((t) => t !== '')) {
    stats.textRewrites += 1;
    ctx.problems.push(`${label}: a merge made the editor rewrite text: ${wrote}`);
  }
  const live = to.editor.editor;
  const truth = docKey(to.doc);
  const shown = editorKey(live);
  const fresh = freshLoad(to.doc);
  if (fresh.wrote) stats.loadWrites += 1;
  if (fresh.wroteText) ctx.problems.push(`${label}: loading copy ${to.index} afresh wrote text to its document`);
  if (shown !== truth) {
    stats.contentDiverged += 1;
    to.diverged = true;
    if (stats.examples.length < 5) stats.examples.push(`${label}: copy ${to.index} shows ${shown} where its document says ${truth}`);
  }
  const liveJSON = editorJSON(live);
  if (liveJSON !== fresh.json) {
    stats.jsonDiverged += 1;
    let k = 0;
    while (liveJSON[k] === fresh.json[k]) k += 1;
    if (stats.jsonExamples.length < 5) stats.jsonExamples.push(`${label}: copy ${to.index}'s live editor has …${liveJSON.slice(k - 60, k + 60)}… where a fresh load has …${fresh.json.slice(k - 60, k + 60)}…`);
  }
  if (ctx.policy === 'reload') to.load();
}

/** Brings into `to` everything `from` has that it lacks. */
export function mergeInto(to: Copy, from: Copy, ctx: MergeContext, label: string): void {
  receive(to, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), ctx, label, sideOf(from.doc));
}

/**
 * Two copies exchange what each lacks, both ways at once (two reviewers who each merge the
 * other's copy): both updates are taken before either is applied.
 */
export function exchange(a: Copy, b: Copy, ctx: MergeContext, label: string): void {
  const toB = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc));
  const toA = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc));
  const [fromA, fromB] = [sideOf(a.doc), sideOf(b.doc)];
  receive(b, toB, ctx, label, fromA);
  receive(a, toA, ctx, label, fromB);
}

/** What a copy has: its state vector and its deletions, independent of the order it got them in. */
function stateOf(copy: Copy): string {
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(copy.doc)).entries()].sort((a, b) => a[0] - b[0]);
  const ds = [...Y.createDeleteSetFromStructStore(copy.doc.store).clients.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([client, ranges]) => [client, ranges.map((r) => `${r.clock}+${r.len}`).join(' ')]);
  return JSON.stringify([sv, ds]);
}

/** Pairwise exchanges in the order `random` picks, round after round, until every copy has everything. */
export function mergeAll(copies: Copy[], random: () => number, ctx: MergeContext): number {
  const pairs: [number, number][] = [];
  for (let i = 0; i < copies.length; i += 1) for (let j = i + 1; j < copies.length; j += 1) pairs.push([i, j]);
  for (let round = 1; round <= 10; round += 1) {
    for (let k = pairs.length - 1; k > 0; k -= 1) {
      const r = Math.floor(random() * (k + 1));
      [pairs[k], pairs[r]] = [pairs[r], pairs[k]];
    }
    for (const [i, j] of random() < 0.5 ? pairs : pairs.map(([i, j]) => [j, i] as [number, number])) {
      exchange(copies[i], copies[j], ctx, `round ${round}, ${i}<->${j}`);
    }
    const first = stateOf(copies[0]);
    if (copies.every((c) => stateOf(c) === first)) return round;
  }
  throw new Error('The copies still differ after 10 rounds of merging: their editors keep writing to them.');
}

// ── Threads, as every copy must agree on them ───────────────────────────────────────────────

export function threadsKey(doc: Y.Doc): string {
  const placed = placeThreads(doc);
  return JSON.stringify(
    placed
      .map((p) => ({
        id: p.thread.id,
        quote: p.thread.quote,
        resolved: p.thread.resolved,
        resolvedBy: p.thread.resolvedBy ?? null,
        comments: p.thread.comments,
        anchored: p.anchored,
        text: p.text,
        order: p.anchored ? p.order : -1,
      }))
      .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
  );
}

/** Whether any of these characters is deleted in the document. */
export function anyDeleted(doc: Y.Doc, ids: string[]): boolean {
  const ds = Y.createDeleteSetFromStructStore(doc.store);
  return ids.some((key) => {
    const [client, clock] = key.split(':').map(Number);
    return Y.isDeleted(ds, Y.createID(client, clock));
  });
}

/** `part`'s characters appear in `whole` in order (words typed inside a range join its text). */
export function isSubsequence(part: string, whole: string): boolean {
  let k = 0;
  for (const ch of whole) if (k < part.length && ch === part[k]) k += 1;
  return k === part.length;
}

// ── The initial message ─────────────────────────────────────────────────────────────────────

/** The state every copy starts from: a new message holding these blocks. */
export function initialState(base: Y.Doc, blocks: InitialBlock[]): Uint8Array {
  const editor = createMessageEditor(base);
  editor.editor.update(
    () => {
      const root = $getRoot().clear();
      for (const block of blocks) {
        const text = () => $createTextNode(block.words.join(' '));
        if (block.kind === 'paragraph') root.append($createParagraphNode().append(text()));
        else if (block.kind === 'heading') root.append($createHeadingNode('h2').append(text()));
        else {
          const last = root.getLastChild();
          const list = $isListNode(last) && last.getListType() === block.kind ? last : root.append($createListNode(block.kind)).getLastChild<ListNode>()!;
          list.append($createListItemNode().append(text()));
        }
      }
      $setSelection(null);
    },
    { discrete: true },
  );
  editor.dispose();
  return Y.encodeStateAsUpdate(base);
}

// ── One build of @lexical/yjs ───────────────────────────────────────────────────────────────

type YjsBinding = typeof import('@lexical/yjs');

/**
 * An editor bound to a document the way shared/document/binding.ts binds one, but with a given build of
 * @lexical/yjs (the app bundles LexicalYjs.prod.js, the tests load LexicalYjs.dev.js), so that a
 * test can check that the patch is in both.
 */
export function editorWithBuild(yjs: YjsBinding, doc: Y.Doc): LexicalEditor {
  const editor = createEditor({ namespace: 'signet', nodes: [...MESSAGE_NODES], onError: (error) => { throw error; } });
  const provider = {
    awareness: { getLocalState: () => null, getStates: () => new Map(), on: () => {}, off: () => {}, setLocalState: () => {}, setLocalStateField: () => {} },
    connect: () => {},
    disconnect: () => {},
    on: () => {},
    off: () => {},
  } as unknown as Provider;
  const binding = yjs.createBindingV2__EXPERIMENTAL(editor, TEXT_ROOT, doc, new Map([[TEXT_ROOT, doc]]), { rootName: TEXT_ROOT });
  binding.root.observeDeep(((events: Y.YEvent<Y.XmlElement | Y.XmlText>[], tx: Y.Transaction) => {
    if (tx.origin !== binding) yjs.syncYjsChangesToLexicalV2__EXPERIMENTAL(binding, provider, events, tx, false);
  }) as (events: Y.YEvent<Y.AbstractType<unknown>>[], tx: Y.Transaction) => void);
  editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    if (!tags.has(SKIP_COLLAB_TAG))
      yjs.syncLexicalUpdateToYjsV2__EXPERIMENTAL(binding, provider, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
  });
  yjs.syncYjsStateToLexicalV2__EXPERIMENTAL(binding, provider);
  return editor;
}

// ── Suggestions, as every copy must agree on them ───────────────────────────────────────────

/** The characters each suggestion's marks are on (their Yjs ids), read from the document's items. */
export function suggestionChars(doc: Y.Doc): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const text of textsInOrder(doc)) {
    const marks = new Map<string, unknown>();
    for (let item = text._start; item !== null; item = item.right) {
      const c = item.content;
      if (c instanceof Y.ContentFormat) {
        if (item.deleted || !c.key.startsWith(SUGGESTION_ATTRIBUTE)) continue;
        if (c.value === null) marks.delete(c.key);
        else marks.set(c.key, c.value);
      } else if (c instanceof Y.ContentString && !item.deleted) {
        for (const key of marks.keys()) {
          const id = key.slice(SUGGESTION_ATTRIBUTE.length);
          const ids = out.get(id) ?? [];
          for (let k = 0; k < c.str.length; k += 1) ids.push(idKey(item.id.client, item.id.clock + k));
          out.set(id, ids);
        }
      }
    }
  }
  return out;
}
