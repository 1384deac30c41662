// Comment threads, kept in the message's Yjs document so they travel with every copy and merge.
// A thread is anchored to a range of text by two Yjs relative positions, which follow the text as
// it is edited around them, survive undo, reopening and merging, and collapse when the text they
// held is deleted (the thread then shows "on deleted text" with its quote).
import type { BindingV2 } from '@lexical/yjs';
import { $isTextNode, type TextNode } from 'lexical';
import * as Y from 'yjs';
import type { Person } from '../document';
import { TEXT_ROOT } from '../document';

export const COMMENTS = 'comments';

export interface Comment {
  id: string;
  author: Person;
  at: string;
  text: string;
  editedAt?: string;
  /** A deleted comment keeps its place (replies may follow it) but not its words. */
  deleted?: boolean;
}

export interface Thread {
  id: string;
  /** The words the thread was started on, as they were then. */
  quote: string;
  resolved: boolean;
  resolvedBy?: Person;
  resolvedAt?: string;
  comments: Comment[];
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

export interface NewThread {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  quote: string;
  text: string;
  author: Person;
  at?: Date;
}

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const threads = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(COMMENTS);

function commentMap(author: Person, text: string, at: Date): Y.Map<unknown> {
  const comment = new Y.Map<unknown>();
  comment.set('id', randomId());
  comment.set('author', { name: author.name, title: author.title });
  comment.set('at', at.toISOString());
  comment.set('text', text);
  return comment;
}

/** Starts a thread on a range of text; returns its id. */
export function createThread(doc: Y.Doc, thread: NewThread): string {
  const text = thread.text.trim();
  if (!text) throw new Error('A comment needs some words.');
  const id = randomId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('id', id);
    map.set('quote', thread.quote.slice(0, 500));
    map.set('start', Y.encodeRelativePosition(thread.start));
    map.set('end', Y.encodeRelativePosition(thread.end));
    map.set('resolved', false);
    const comments = new Y.Array<Y.Map<unknown>>();
    comments.push([commentMap(thread.author, text, thread.at ?? new Date())]);
    map.set('comments', comments);
    threads(doc).set(id, map);
  });
  return id;
}

function threadMap(doc: Y.Doc, threadId: string): Y.Map<unknown> {
  const map = threads(doc).get(threadId);
  if (!(map instanceof Y.Map)) throw new Error(`There is no comment thread ${threadId}.`);
  return map;
}

/** Adds a reply to a thread; returns its id. */
export function reply(doc: Y.Doc, threadId: string, author: Person, text: string, at = new Date()): string {
  if (!text.trim()) throw new Error('A reply needs some words.');
  const comments = threadMap(doc, threadId).get('comments');
  if (!(comments instanceof Y.Array)) throw new Error(`Comment thread ${threadId} is damaged.`);
  const comment = commentMap(author, text.trim(), at);
  comments.push([comment]);
  return comment.get('id') as string;
}

const samePerson = (a: Person | undefined, b: Person) => !!a && a.name === b.name && a.title === b.title;

// ── Changes to threads, kept as a log ─────────────────────────────────────────────────────────
// A thread and its comments, once written, are never overwritten: a copy that deleted or replaced
// them could take words out of the message (shared/review/guard.ts refuses such a copy). Resolving,
// reopening, editing and deleting a comment are entries appended to one log for the whole message;
// each thread reads its latest valid entry (by time, then by place in the log, the same in every
// copy). Files written before the log keep the fields those changes overwrote then, which are where
// the log starts.

export const COMMENT_CHANGES = 'comment-changes';

type ChangeKind = 'resolved' | 'reopened' | 'edited' | 'deleted';

interface CommentChange {
  thread: string;
  change: ChangeKind;
  /** The comment edited or deleted. */
  comment?: string;
  text?: string;
  by: Person;
  at: string;
}

function logChange(doc: Y.Doc, change: CommentChange): void {
  doc.getArray<CommentChange>(COMMENT_CHANGES).push([JSON.parse(JSON.stringify(change))]);
}

function ownComment(doc: Y.Doc, threadId: string, commentId: string, by: Person): Comment {
  const thread = parseThread(threadMap(doc, threadId), changesByThread(doc).get(threadId) ?? []);
  const comment = thread?.comments.find((c) => c.id === commentId);
  if (!comment) throw new Error(`There is no comment ${commentId}.`);
  if (!samePerson(comment.author, by)) throw new Error('Only the person who wrote a comment can change or delete it.');
  return comment;
}

/** Changes the words of one's own comment. */
export function editComment(doc: Y.Doc, threadId: string, commentId: string, by: Person, text: string, at = new Date()): void {
  if (!text.trim()) throw new Error('A comment needs some words; delete it instead.');
  ownComment(doc, threadId, commentId, by);
  logChange(doc, { thread: threadId, change: 'edited', comment: commentId, text: text.trim(), by, at: at.toISOString() });
}

/** Deletes one's own comment: its words are no longer shown, its place in the thread stays. */
export function deleteComment(doc: Y.Doc, threadId: string, commentId: string, by: Person, at = new Date()): void {
  ownComment(doc, threadId, commentId, by);
  logChange(doc, { thread: threadId, change: 'deleted', comment: commentId, by, at: at.toISOString() });
}

export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean, by: Person, at = new Date()): void {
  threadMap(doc, threadId);
  logChange(doc, { thread: threadId, change: resolved ? 'resolved' : 'reopened', by: { name: by.name, title: by.title }, at: at.toISOString() });
}

/** The log's well-formed entries by thread, each thread's in the order they apply. */
function changesByThread(doc: Y.Doc): Map<string, CommentChange[]> {
  const out = new Map<string, CommentChange[]>();
  const log = doc.getArray<unknown>(COMMENT_CHANGES).toArray();
  log.forEach((raw) => {
    const c = raw as CommentChange;
    if (!c || typeof c.thread !== 'string' || !['resolved', 'reopened', 'edited', 'deleted'].includes(c.change) || !isPerson(c.by) || typeof c.at !== 'string') return;
    if ((c.change === 'edited' || c.change === 'deleted') && typeof c.comment !== 'string') return;
    if (c.change === 'edited' && (typeof c.text !== 'string' || !c.text.trim())) return;
    const list = out.get(c.thread) ?? [];
    list.push(c);
    out.set(c.thread, list);
  });
  // A stable sort: entries of the same time keep their place in the log.
  for (const list of out.values()) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return out;
}

/** Applies a thread's log to what its maps hold: the latest valid entry wins; only a comment's author may edit or delete it. */
function applyChanges(thread: Thread, changes: CommentChange[]): Thread {
  for (const c of changes) {
    if (c.change === 'resolved' || c.change === 'reopened') {
      thread.resolved = c.change === 'resolved';
      if (thread.resolved) Object.assign(thread, { resolvedBy: { name: c.by.name, title: c.by.title }, resolvedAt: c.at });
      else {
        delete thread.resolvedBy;
        delete thread.resolvedAt;
      }
      continue;
    }
    const comment = thread.comments.find((x) => x.id === c.comment);
    if (!comment || comment.deleted || !samePerson(comment.author, c.by)) continue;
    if (c.change === 'deleted') Object.assign(comment, { deleted: true, text: '' });
    else Object.assign(comment, { text: c.text!.trim(), editedAt: c.at });
  }
  return thread;
}

/** Calls `listener` on any change to any thread; returns the way to stop. */
export function observeThreads(doc: Y.Doc, listener: () => void): () => void {
  const map = threads(doc);
  const log = doc.getArray(COMMENT_CHANGES);
  map.observeDeep(listener);
  log.observe(listener);
  return () => {
    map.unobserveDeep(listener);
    log.unobserve(listener);
  };
}

/** Every whole thread, in no particular order; a malformed one (a hostile or damaged copy) is skipped. */
export function listThreads(doc: Y.Doc): Thread[] {
  const out: Thread[] = [];
  const changes = changesByThread(doc);
  for (const map of threads(doc).values()) {
    const thread = parseThread(map, changes.get(map instanceof Y.Map ? String(map.get('id')) : '') ?? []);
    if (thread && thread.comments.some((c) => !c.deleted)) out.push(thread);
  }
  return out;
}

const isPerson = (p: unknown): p is Person => !!p && typeof (p as Person).name === 'string' && typeof (p as Person).title === 'string';

function parseThread(map: unknown, changes: CommentChange[]): Thread | null {
  if (!(map instanceof Y.Map)) return null;
  const id = map.get('id');
  const start = map.get('start');
  const end = map.get('end');
  const comments = map.get('comments');
  if (typeof id !== 'string' || !(start instanceof Uint8Array) || !(end instanceof Uint8Array) || !(comments instanceof Y.Array)) return null;
  let startPos: Y.RelativePosition;
  let endPos: Y.RelativePosition;
  try {
    startPos = Y.decodeRelativePosition(start);
    endPos = Y.decodeRelativePosition(end);
  } catch {
    return null;
  }
  const list: Comment[] = [];
  for (const c of comments.toArray()) {
    if (!(c instanceof Y.Map)) continue;
    const [cid, author, at, text] = [c.get('id'), c.get('author'), c.get('at'), c.get('text')];
    if (typeof cid !== 'string' || !isPerson(author) || typeof at !== 'string' || typeof text !== 'string') continue;
    const comment: Comment = { id: cid, author, at, text };
    if (typeof c.get('editedAt') === 'string') comment.editedAt = c.get('editedAt') as string;
    if (c.get('deleted') === true) comment.deleted = true;
    list.push(comment);
  }
  const quote = map.get('quote');
  const thread: Thread = { id, quote: typeof quote === 'string' ? quote : '', resolved: map.get('resolved') === true, comments: list, start: startPos, end: endPos };
  const resolvedBy = map.get('resolvedBy');
  if (thread.resolved && isPerson(resolvedBy)) thread.resolvedBy = resolvedBy;
  if (thread.resolved && typeof map.get('resolvedAt') === 'string') thread.resolvedAt = map.get('resolvedAt') as string;
  return applyChanges(thread, changes);
}

// ── Where threads are in the text ──────────────────────────────────────────────────────────

export interface Placed {
  thread: Thread;
  /** False when the words the thread was on have all been deleted. */
  anchored: boolean;
  /** Sorts threads in document order (deleted ones last). */
  order: number;
  /** The thread's words as they are now ('' when deleted). */
  text: string;
}

/** Threads in document order, each with whether its words still exist and what they say now. */
export function placeThreads(doc: Y.Doc, list: Thread[] = listThreads(doc)): Placed[] {
  if (list.length === 0) return [];
  const texts = textOrder(doc);
  const point = (rel: Y.RelativePosition) => {
    const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
    if (!abs || !(abs.type instanceof Y.XmlText)) return null;
    const at = texts.get(abs.type)?.at;
    return at === undefined ? null : { at, text: abs.type, index: abs.index };
  };
  const placed = list.map((thread) => {
    const start = point(thread.start);
    const end = point(thread.end);
    const anchored = !!start && !!end && (start.at < end.at || (start.at === end.at && start.index < end.index));
    const order = anchored ? start!.at * 1e9 + start!.index : Number.MAX_SAFE_INTEGER;
    return { thread, anchored, order, text: anchored ? textBetween(start!, end!, texts) : '' };
  });
  return placed.sort((a, b) => a.order - b.order || (a.thread.comments[0]?.at ?? '').localeCompare(b.thread.comments[0]?.at ?? ''));
}

/** Links sit inside a paragraph's words: their text runs on from the text around them. */
const INLINE = new Set(['link', 'autolink']);

/**
 * Every text of the message in document order, with what joins it to the text before it: nothing
 * inside one paragraph (text before, in and after a link), a space across a line break or paragraph.
 */
function textOrder(doc: Y.Doc): Map<Y.XmlText, { at: number; glue: string }> {
  const order = new Map<Y.XmlText, { at: number; glue: string }>();
  let glue = '';
  const walk = (el: Y.XmlElement) => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlText) {
        order.set(child, { at: order.size, glue });
        glue = '';
      } else if (child instanceof Y.XmlElement) {
        const inline = INLINE.has(child.nodeName);
        if (!inline) glue = ' ';
        walk(child);
        if (!inline) glue = ' ';
      }
    }
  };
  walk(doc.get(TEXT_ROOT, Y.XmlElement) as Y.XmlElement);
  return order;
}

type Point = { at: number; text: Y.XmlText; index: number };

function textBetween(start: Point, end: Point, texts: Map<Y.XmlText, { at: number; glue: string }>): string {
  if (start.text === end.text) return plainText(start.text).slice(start.index, end.index);
  const parts: string[] = [];
  for (const [text, { at, glue }] of texts) {
    if (at < start.at || at > end.at) continue;
    const plain = plainText(text);
    parts.push(at === start.at ? plain.slice(start.index) : glue + (at === end.at ? plain.slice(0, end.index) : plain));
  }
  return parts.join('');
}

const plainText = (text: Y.XmlText) =>
  text
    .toDelta()
    .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');

/** Comment counts for the library: open threads, and all threads. */
export function commentCounts(doc: Y.Doc): { open: number; total: number } {
  const list = listThreads(doc);
  return { open: list.filter((t) => !t.resolved).length, total: list.length };
}

/**
 * A point in a text node as a position in the Yjs text that holds it (and the text nodes beside it):
 * how a thread's ends are anchored, by the editor and by an import alike.
 */
export function textPosition(binding: BindingV2, node: TextNode, offset: number, assoc: number): Y.RelativePosition | null {
  const text = binding.mapping.getSharedType(node);
  if (!(text instanceof Y.XmlText)) return null;
  let index = offset;
  for (let before = node.getPreviousSibling(); $isTextNode(before); before = before.getPreviousSibling()) index += before.getTextContentSize();
  return Y.createRelativePositionFromTypeIndex(text, index, assoc);
}
