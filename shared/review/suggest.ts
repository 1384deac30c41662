// Making suggestions: what an edit in Suggesting mode does to the tree instead of changing the
// words. Typed or pasted text goes in marked as an insertion; deleted text stays, marked as a
// deletion; typing over a selection is both, under one id (a replace). Consecutive typing by the
// same person extends their insertion, and deleting one's own pending insertion removes it.
// Splitting a paragraph or joining two puts in a paragraph mark (PARAGRAPH_MARK) marked as the
// proposal; the paragraphs change only when it is accepted.
// These run inside an editor update; the editor calls them from its commands, never for changes
// that arrive from elsewhere (a merge), so those are never turned into suggestions.
import {
  $createTextNode,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  $isTextNode,
  type ElementNode,
  type LexicalNode,
  type RangeSelection,
  type TextFormatType,
  type TextNode,
  TEXT_TYPE_TO_FORMAT,
} from 'lexical';
import {
  $createSuggestionNode,
  $isSuggestionNode,
  bringsCharacters,
  formatAsItStands,
  toggledBits,
  PARAGRAPH_MARK,
  type Person,
  type SuggestionKind,
  type SuggestionMark,
  type SuggestionNode,
} from '../document';

export interface Suggester {
  author: Person;
  /** A new suggestion's id. */
  newId(): string;
  now(): Date;
}

/**
 * A new suggestion's id: 128 random bits, from the platform's cryptographic generator. Copies are
 * edited apart, on machines that never talk to each other, and two suggestions with one id would
 * merge into one; at 128 bits that takes about 2^64 suggestions, where 64 bits took 2^32.
 */
export function randomSuggestionId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const markOf = (node: LexicalNode | null | undefined, kind?: SuggestionKind): SuggestionMark | null => ($isSuggestionNode(node) ? node.getMark(kind) : null);

const mine = (mark: SuggestionMark | null, by: Person): boolean => !!mark && mark.author.name === by.name;

const newMark = (who: Suggester, kind: SuggestionKind, id: string, before?: number): SuggestionMark => ({
  id,
  kind,
  author: { name: who.author.name, title: who.author.title },
  at: who.now().toISOString(),
  ...(kind === 'format' ? { before } : {}),
});

/** The same words, marked: the binding keeps their characters and only sets the mark on them. */
function $mark(text: TextNode, mark: SuggestionMark): SuggestionNode {
  const node = $createSuggestionNode(mark, text.getTextContent(), text.getFormat()).setStyle(text.getStyle());
  text.replace(node);
  return node;
}

/**
 * Marks the selected words as deleted (they stay, struck through); one's own pending insertion in
 * them is removed instead. Leaves the caret before the words (`backward`) or after them. Returns
 * the id of the deletion, or null when nothing was marked.
 */
export function $suggestDeletion(selection: RangeSelection, who: Suggester, backward: boolean, id = who.newId()): string | null {
  return $markDeleted(selection, who, backward, id)?.id ?? null;
}

function $markDeleted(selection: RangeSelection, who: Suggester, backward: boolean, id: string): { id: string; last: SuggestionNode } | null {
  if (selection.isCollapsed()) return null;
  const texts = selection.extract().filter($isTextNode);
  const marked: SuggestionNode[] = [];
  let caret: { node: LexicalNode; after: boolean } | null = null;
  for (const text of texts) {
    const mark = ($isSuggestionNode(text) ? text.getMarks().find((m) => bringsCharacters(m.kind)) : null) ?? markOf(text);
    if (mark && bringsCharacters(mark.kind) && mine(mark, who.author)) {
      // Never accepted, so simply gone; the caret stays where it was.
      const beside = backward ? text.getPreviousSibling() : text.getNextSibling();
      caret = beside ? { node: beside, after: backward } : null;
      text.remove();
      continue;
    }
    // Someone else's insertion (or paragraph mark) is theirs to withdraw and the author's to reject; one's own deletion is under way.
    if ((mark && bringsCharacters(mark.kind)) || (mark && ($isSuggestionNode(text) && text.getMarks().some((m) => m.kind === 'delete' && mine(m, who.author))))) {
      caret = { node: text, after: !backward };
      continue;
    }
    // Words someone else proposes to delete or reformat may be proposed for deletion too.
    marked.push($isSuggestionNode(text) ? text.addMark(newMark(who, 'delete', id)) : $mark(text, newMark(who, 'delete', id)));
  }
  if (!marked.length) {
    if (caret?.node.isAttached()) $caretBeside(caret.node, caret.after);
    return null;
  }
  const joined = joinNeighbours(marked, who.author);
  const edge = $joinWords(marked, backward ? 0 : marked.length - 1);
  $caretBeside(edge, !backward);
  return { id: joined, last: edge };
}

const sameMarks = (a: SuggestionNode, b: SuggestionNode) => {
  const key = (n: SuggestionNode) => n.getAllMarks().map((m) => `${m.kind}:${m.id}`).sort().join(' ');
  return key(a) === key(b) && a.getFormat() === b.getFormat() && a.getStyle() === b.getStyle();
};

/**
 * Side by side with the same marks, words are one text node (a deletion typed key by key is one
 * span, not one a character). Only node bounds change, not characters, so nothing is rewritten.
 * Returns the node that now holds `marked[edge]`.
 */
function $joinWords(marked: SuggestionNode[], edge: number): SuggestionNode {
  const before = marked[0].getPreviousSibling();
  const after = marked[marked.length - 1].getNextSibling();
  const last = $isSuggestionNode(after) ? after : marked[marked.length - 1];
  const run: LexicalNode[] = [];
  for (let n: LexicalNode | null = $isSuggestionNode(before) ? before : marked[0]; n; n = n.getNextSibling()) {
    run.push(n);
    if (n === last) break;
  }
  const holder = new Map<LexicalNode, SuggestionNode>();
  let keep = run[0];
  for (const n of run.slice(1)) {
    if ($isSuggestionNode(keep) && $isSuggestionNode(n) && sameMarks(keep, n)) {
      keep.setTextContent(keep.getTextContent() + n.getTextContent());
      holder.set(n, keep);
      n.remove();
    } else keep = n;
  }
  let at: SuggestionNode = marked[edge];
  while (holder.has(at)) at = holder.get(at)!;
  return at;
}

/** Consecutive deletions by one person are one suggestion: marks that touch a deletion of theirs take its id. */
function joinNeighbours(marked: SuggestionNode[], by: Person): string {
  const before = marked[0].getPreviousSibling();
  const after = marked[marked.length - 1].getNextSibling();
  const neighbour = [before, after].find((n) => mine(markOf(n, 'delete'), by));
  const id = neighbour ? ($isSuggestionNode(neighbour) ? neighbour.getMarks().find((m) => m.kind === 'delete' && mine(m, by))!.id : '') : marked[0].getMark('delete')!.id;
  for (const node of marked) {
    const own = node.getMarks().find((m) => m.kind === 'delete' && mine(m, by))!;
    if (own.id !== id) node.removeMark(own.id).addMark({ ...own, id });
  }
  return id;
}

/** Puts the caret just before or after a node, in a neighbouring plain text when there is one. */
function $caretBeside(node: LexicalNode, after: boolean): void {
  const parent = node.getParent();
  if (!parent) return;
  const next = after ? node.getNextSibling() : node.getPreviousSibling();
  if ($isTextNode(next) && !$isSuggestionNode(next)) {
    const offset = after ? 0 : next.getTextContentSize();
    next.select(offset, offset);
  } else if ($isTextNode(node)) {
    const offset = after ? node.getTextContentSize() : 0;
    node.select(offset, offset);
  } else {
    const index = node.getIndexWithinParent() + (after ? 1 : 0);
    parent.select(index, index);
  }
}

/**
 * Inserts `text` at the caret as a suggestion (after marking any selected words deleted, under the
 * same id: a replace). Typing on from one's own pending insertion extends it. Returns the id.
 */
export function $suggestInsertion(selection: RangeSelection, text: string, who: Suggester): string | null {
  if (!text) return null;
  const format = selection.format;
  const replaced = selection.isCollapsed() ? null : $markDeleted(selection, who, false, who.newId());
  const node = $createSuggestionNode(newMark(who, 'insert', replaced?.id ?? who.newId()), text, format);
  if (replaced) replaced.last.getLatest().insertAfter(node);
  else {
    const caret = $getSelection();
    if (!$isRangeSelection(caret) || !caret.isCollapsed()) return null;
    const own = $ownInsertionAt(caret, who.author);
    if (own) {
      own.text.spliceText(own.offset, 0, text, true);
      return own.mark.id;
    }
    if (!$placeAt(caret, node)) return null;
  }
  node.select(text.length, text.length);
  return node.getMark('insert')!.id;
}

/** One's own insertion that the caret is in or just beside: the text to type on, and where. */
function $ownInsertionAt(caret: RangeSelection, by: Person): { text: TextNode; offset: number; mark: SuggestionMark } | null {
  const anchor = caret.anchor.getNode();
  const offset = caret.anchor.offset;
  const candidates: [LexicalNode | null, 'at' | 'end' | 'start'][] = [];
  if ($isTextNode(anchor)) {
    candidates.push([anchor, 'at']);
    if (offset === 0) candidates.push([anchor.getPreviousSibling(), 'end']);
    if (offset === anchor.getTextContentSize()) candidates.push([anchor.getNextSibling(), 'start']);
  } else if ($isElementNode(anchor)) {
    candidates.push([anchor.getChildAtIndex(offset - 1), 'end'], [anchor.getChildAtIndex(offset), 'start']);
  }
  for (const [node, where] of candidates) {
    const mark = markOf(node, 'insert');
    if (!mine(mark, by) || !$isTextNode(node)) continue;
    return { text: node, offset: where === 'at' ? offset : where === 'end' ? node.getTextContentSize() : 0, mark: mark! };
  }
  return null;
}

/** Puts a new insertion at the caret: never inside another suggestion's words, just beside them. */
function $placeAt(caret: RangeSelection, node: SuggestionNode): boolean {
  const anchor = caret.anchor.getNode();
  const offset = caret.anchor.offset;
  if ($isTextNode(anchor)) {
    if (offset === 0) anchor.insertBefore(node);
    else if (offset >= anchor.getTextContentSize() || $isSuggestionNode(anchor)) anchor.insertAfter(node);
    else anchor.splitText(offset)[0].insertAfter(node);
    return true;
  }
  if (!$isElementNode(anchor) || $isRootOrShadowRoot(anchor)) return false;
  const child = anchor.getChildAtIndex(offset);
  if (child) child.insertBefore(node);
  else anchor.append(node);
  return true;
}

/**
 * Bold, italic, underline or strikethrough on the selected words as a suggestion: the words take
 * the new format in place, marked with the format they had, so rejecting gives it back. On one's
 * own insertion the format simply changes; turning one's own change back takes the mark away.
 */
export function $suggestFormat(selection: RangeSelection, type: TextFormatType, who: Suggester): string | null {
  if (selection.isCollapsed()) {
    selection.toggleFormat(type);
    return null;
  }
  const texts = selection.extract().filter($isTextNode);
  if (!texts.length) return null;
  const on = !texts.every((t) => t.hasFormat(type));
  const id = who.newId();
  const changed = texts.map((text) => {
    if (text.hasFormat(type) === on) return text;
    if (mine(markOf(text, 'insert'), who.author)) return text.toggleFormat(type);
    // Someone else's new words are theirs to change, and a paragraph mark has no format: a mark
    // on them would not count (countingMarks), so the change would be lost in silence.
    if ($isSuggestionNode(text) && text.getMarks().some((m) => bringsCharacters(m.kind))) return text;
    const marks = $isSuggestionNode(text) ? text.getMarks() : [];
    const format = text.getFormat();
    // Someone else's proposal to change this very format is theirs: discussed or decided, not undone by another.
    if (marks.some((m) => m.kind === 'format' && !mine(m, who.author) && toggledBits(m, format) & TEXT_TYPE_TO_FORMAT[type])) return text;
    const own = marks.find((m) => m.kind === 'format' && mine(m, who.author));
    // One's own change grows or shrinks by the bits this toggle changes (italic off, say, as
    // superscript goes on); with none left it is withdrawn.
    const toggled = (own ? toggledBits(own, format) : 0) ^ format ^ text.getFormatFlags(type, null);
    const mark = { ...newMark(who, 'format', own?.id ?? id, formatAsItStands(format, marks)), ...(own ? { at: own.at } : {}), toggled };
    const node = $isSuggestionNode(text) ? text : $mark(text, mark);
    if (toggled) node.addMark(mark);
    else node.removeMark(mark.id);
    node.toggleFormat(type);
    return node.getMarks().length || !$isSuggestionNode(node) ? node : $plain(node);
  });
  const first = changed[0];
  const last = changed[changed.length - 1];
  selection.setTextNodeRange(first, 0, last, last.getTextContentSize());
  return id;
}

/** Marked words whose last mark went: plain text again (the same characters). */
function $plain(node: SuggestionNode): TextNode {
  const text = $createTextNode(node.getTextContent()).setFormat(node.getFormat()).setStyle(node.getStyle());
  node.replace(text);
  return text;
}

// ── Splitting and joining paragraphs ───────────────────────────────────────────────────────────

const $paragraphMark = (who: Suggester, kind: 'split' | 'join', id = who.newId()): SuggestionNode => $createSuggestionNode(newMark(who, kind, id), PARAGRAPH_MARK);

/**
 * Enter while suggesting: a paragraph mark where the paragraph would split (after marking any
 * selected words deleted). Inside one's own pending insertion the mark goes at the caret; inside
 * anyone else's marked words, just after them. The caret goes after the mark. Returns its id.
 */
export function $suggestSplit(selection: RangeSelection, who: Suggester, id = who.newId()): string | null {
  if (!selection.isCollapsed()) $suggestDeletion(selection, who, false);
  const caret = $getSelection();
  if (!$isRangeSelection(caret) || !caret.isCollapsed()) return null;
  const marker = $paragraphMark(who, 'split', id);
  const anchor = caret.anchor.getNode();
  const offset = caret.anchor.offset;
  if ($isSuggestionNode(anchor) && offset > 0 && offset < anchor.getTextContentSize() && mine(anchor.getMark('insert'), who.author)) {
    // One's own words, never accepted: they may be cut in two (their characters are nobody else's).
    const text = anchor.getTextContent();
    const rest = $createSuggestionNode(anchor.getMark('insert')!, text.slice(offset), anchor.getFormat()).setStyle(anchor.getStyle());
    anchor.setTextContent(text.slice(0, offset));
    anchor.insertAfter(rest);
    anchor.insertAfter(marker);
  } else if (!$placeAt(caret, marker)) return null;
  $caretBeside(marker, true);
  return id;
}

/** The block (paragraph, heading, list item, quote) a node's words are in. */
export function $blockOf(node: LexicalNode): ElementNode | null {
  for (let n: LexicalNode | null = node; n; n = n.getParent()) if ($isElementNode(n) && !n.isInline() && !$isRootOrShadowRoot(n)) return n;
  return null;
}

/** Whether the caret is at the very start (`backward`) or end of its block. */
function $atBlockEdge(caret: RangeSelection, block: ElementNode, backward: boolean): boolean {
  let node: LexicalNode = caret.anchor.getNode();
  const offset = caret.anchor.offset;
  const size = $isElementNode(node) ? node.getChildrenSize() : node.getTextContentSize();
  if (offset !== (backward ? 0 : size)) return false;
  for (; node !== block; node = node.getParent()!) if (backward ? node.getPreviousSibling() : node.getNextSibling()) return false;
  return true;
}

/** The block of text next to `block` in the text (into a list, its first or last item), or null. */
export function $textBlockBeside(block: ElementNode, backward: boolean): ElementNode | null {
  let n: LexicalNode | null = backward ? block.getPreviousSibling() : block.getNextSibling();
  while ($isElementNode(n) && n.getChildren().some((c) => $isElementNode(c) && !c.isInline())) n = backward ? n.getLastChild() : n.getFirstChild();
  return $isElementNode(n) && !n.isInline() ? n : null;
}

/** The paragraph mark of a proposed join in a block, if it has one (whoever proposed it). */
export function $joinMarkIn(block: ElementNode): SuggestionNode | null {
  for (const child of block.getChildren()) if ($isSuggestionNode(child) && child.getMark('join')) return child;
  return null;
}

/**
 * Backspace at the start of a block, or Delete at its end, while suggesting: a paragraph mark at
 * the end of the first of the two blocks, proposing to join them; the caret goes just before it.
 * Returns whether the caret was at such an edge (if not, the key deletes words as usual).
 */
export function $suggestJoin(selection: RangeSelection, who: Suggester, backward: boolean): boolean {
  if (!selection.isCollapsed()) return false;
  const block = $blockOf(selection.anchor.getNode());
  if (!block || !$atBlockEdge(selection, block, backward)) return false;
  const beside = $textBlockBeside(block, backward);
  if (!beside) return true;
  const first = backward ? beside : block;
  const marker = $joinMarkIn(first) ?? $paragraphMark(who, 'join');
  if (!marker.isAttached()) first.append(marker);
  $caretBeside(marker, false);
  return true;
}

/**
 * Text of several lines (a paste) as one suggestion: each line an insertion, each line break a
 * proposed split, all under one id, so accepting it brings the lines in as paragraphs.
 */
export function $suggestLines(selection: RangeSelection, text: string, who: Suggester): string | null {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length === 1) return $suggestInsertion(selection, text, who);
  let id = lines[0] ? $suggestInsertion(selection, lines[0], who) : null;
  id ??= who.newId();
  const same: Suggester = { ...who, newId: () => id };
  for (const line of lines.slice(1)) {
    const caret = $getSelection();
    if (!$isRangeSelection(caret) || !$suggestSplit(caret, same, id)) break;
    const after = $getSelection();
    if (line && $isRangeSelection(after)) $suggestInsertion(after, line, same);
  }
  return id;
}
