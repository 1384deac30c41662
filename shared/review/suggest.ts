// Making suggestions: what an edit in Suggesting mode does to the tree instead of changing the
// words. Typed or pasted text goes in inside an insertion mark; deleted text stays, inside a
// deletion mark; typing over a selection is both, under one id (a replace). Consecutive typing by
// the same person extends their insertion, and deleting one's own pending insertion removes it.
// These run inside an editor update; the editor calls them from its commands, never for changes
// that arrive from elsewhere (a merge), so those are never turned into suggestions.
import {
  $createTextNode,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  $isTextNode,
  type LexicalNode,
  type RangeSelection,
  type TextNode,
} from 'lexical';
import { $createSuggestionNode, $isSuggestionNode, type Person, type SuggestionKind, type SuggestionMark, type SuggestionNode } from '../document';

export interface Suggester {
  author: Person;
  /** A new suggestion's id. */
  newId(): string;
  now(): Date;
}

export function randomSuggestionId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const markOf = (node: LexicalNode | null | undefined, kind?: SuggestionKind): SuggestionMark | null => {
  const mark = $isSuggestionNode(node) ? node.getMark() : null;
  return mark && (!kind || mark.kind === kind) ? mark : null;
};

const mine = (mark: SuggestionMark | null, by: Person): boolean => !!mark && mark.author.name === by.name;

/** The suggestion a text node is directly inside, if any. */
const suggestionOf = (node: LexicalNode): SuggestionNode | null => {
  const parent = node.getParent();
  return $isSuggestionNode(parent) ? parent : null;
};

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
  let caret: LexicalNode | null = null;
  for (const text of texts) {
    const around = suggestionOf(text);
    const mark = markOf(around);
    if (mark?.kind === 'insert' && mine(mark, who.author)) {
      // Never accepted, so simply gone; the caret stays where it was.
      caret = backward ? (text.getPreviousSibling() ?? around) : (text.getNextSibling() ?? around);
      text.remove();
      if (around && around.isAttached() && around.getChildrenSize() === 0) around.remove();
      continue;
    }
    // Someone else's proposal is theirs to withdraw and the author's to reject; a deletion is under way.
    if (mark) continue;
    marked.push(wrap(text, { id, kind: 'delete', author: who.author, at: who.now().toISOString() }));
  }
  if (!marked.length) {
    if (caret?.isAttached()) $caretBeside(caret, !backward || caret === texts[0]);
    return null;
  }
  const joined = joinNeighbours(marked, who.author);
  const edge = backward ? marked[0] : marked[marked.length - 1];
  const last = (edge.isAttached() ? edge : marked.find((m) => m.isAttached()))!;
  $caretBeside(last, !backward);
  return { id: joined, last };
}

function wrap(text: TextNode, mark: SuggestionMark): SuggestionNode {
  const node = $createSuggestionNode(mark);
  text.replace(node);
  node.append(text);
  return node;
}

/**
 * Consecutive deletions by one person are one suggestion: marks that touch a deletion of theirs
 * take its id (and its element, when they are side by side). Returns the id they all have.
 */
function joinNeighbours(marked: SuggestionNode[], by: Person): string {
  const first = marked[0];
  const last = marked[marked.length - 1];
  const before = first.getPreviousSibling();
  const after = last.getNextSibling();
  const neighbour = [before, after].find((n) => mine(markOf(n, 'delete'), by)) as SuggestionNode | undefined;
  const id = neighbour ? neighbour.getMark()!.id : first.getMark()!.id;
  for (const node of marked) if (node.getMark()!.id !== id) node.setMark({ ...node.getMark()!, id });
  // Side by side with the same id: one element.
  for (const node of [before, ...marked, after]) {
    const next = node?.getNextSibling();
    if ($isSuggestionNode(node) && $isSuggestionNode(next) && node.isAttached() && markOf(node)?.id === id && markOf(next)?.id === id && markOf(next)?.kind === markOf(node)?.kind) {
      for (const child of next.getChildren()) node.append(child);
      next.remove();
    }
  }
  return id;
}

/** Puts the caret just before or after a node, in a neighbouring text when there is one, never inside a mark. */
function $caretBeside(node: LexicalNode, after: boolean): void {
  const parent = node.getParent();
  if (!parent) return;
  const next = after ? node.getNextSibling() : node.getPreviousSibling();
  if ($isTextNode(next)) next.select(after ? 0 : next.getTextContentSize(), after ? 0 : next.getTextContentSize());
  else {
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
  const node = $createSuggestionNode({ id: replaced?.id ?? who.newId(), kind: 'insert', author: who.author, at: who.now().toISOString() });
  const words = $createTextNode(text).setFormat(format);
  node.append(words);
  if (replaced) replaced.last.insertAfter(node);
  else {
    const caret = $getSelection();
    if (!$isRangeSelection(caret) || !caret.isCollapsed()) return null;
    const anchor = caret.anchor.getNode();
    const own = $isTextNode(anchor) ? suggestionOf(anchor) : null;
    if ($isTextNode(anchor) && mine(markOf(own, 'insert'), who.author)) {
      // Typing on in one's own insertion.
      anchor.spliceText(caret.anchor.offset, 0, text, true);
      return own!.getMark()!.id;
    }
    const beside = $ownInsertionBeside(caret, who.author);
    if (beside) {
      beside.text.spliceText(beside.offset, 0, text, true);
      return beside.mark.id;
    }
    if (!$placeAt(caret, anchor, own, node)) return null;
  }
  words.select(text.length, text.length);
  return node.getMark()!.id;
}

/**
 * One's own insertion that the caret stands just outside of (the editor keeps the caret out of
 * marks at their edges): the text in it to type on, and where.
 */
function $ownInsertionBeside(caret: RangeSelection, by: Person): { text: TextNode; offset: number; mark: SuggestionMark } | null {
  const anchor = caret.anchor.getNode();
  const offset = caret.anchor.offset;
  let before: LexicalNode | null = null;
  let after: LexicalNode | null = null;
  if ($isTextNode(anchor)) {
    if (offset === 0) before = anchor.getPreviousSibling();
    if (offset === anchor.getTextContentSize()) after = anchor.getNextSibling();
  } else if ($isElementNode(anchor)) {
    before = anchor.getChildAtIndex(offset - 1);
    after = anchor.getChildAtIndex(offset);
  }
  const mark = markOf(before, 'insert');
  const last = $isSuggestionNode(before) ? before.getLastChild() : null;
  if (mine(mark, by) && $isTextNode(last)) return { text: last, offset: last.getTextContentSize(), mark: mark! };
  const next = markOf(after, 'insert');
  const first = $isSuggestionNode(after) ? after.getFirstChild() : null;
  if (mine(next, by) && $isTextNode(first)) return { text: first, offset: 0, mark: next! };
  return null;
}

/** Puts a new mark at the caret: never inside another mark, just beside it. */
function $placeAt(caret: RangeSelection, anchor: LexicalNode, around: SuggestionNode | null, node: SuggestionNode): boolean {
  const offset = caret.anchor.offset;
  if ($isTextNode(anchor)) {
    if (around) {
      if (offset === 0) around.insertBefore(node);
      else around.insertAfter(node);
    } else if (offset === 0) anchor.insertBefore(node);
    else if (offset >= anchor.getTextContentSize()) anchor.insertAfter(node);
    else anchor.splitText(offset)[0].insertAfter(node);
    return true;
  }
  if (!$isElementNode(anchor) || $isRootOrShadowRoot(anchor)) return false;
  const child = anchor.getChildAtIndex(offset);
  if (child) child.insertBefore(node);
  else anchor.append(node);
  return true;
}
