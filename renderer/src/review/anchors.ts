// Between the editor's selection and a thread's anchor: Lexical points become Yjs relative
// positions in the texts the binding maps them to, and back.
import { $getAnchorAndFocusForUserState, type BindingV2, type UserState } from '@lexical/yjs';
import { $getSelection, $isRangeSelection, $isTextNode, type PointType, type TextNode } from 'lexical';
import * as Y from 'yjs';
import { textPosition, type Thread } from '../../../shared/review';
import type { Match } from '../document/find';

export interface SelectionAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
  quote: string;
}

/** The selected words as a thread's anchor, or null when nothing (or no text) is selected. */
export function $selectionAnchor(binding: BindingV2): SelectionAnchor | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || selection.isCollapsed()) return null;
  const texts = selection.getNodes().filter($isTextNode);
  if (texts.length === 0) return null;
  const [first, last] = selection.isBackward() ? [selection.focus, selection.anchor] : [selection.anchor, selection.focus];
  // An element point (a whole paragraph selected) becomes the edge of the first or last text.
  const start = textPosition(binding, ...textPoint(first, texts[0], 0), 0);
  const end = textPosition(binding, ...textPoint(last, texts[texts.length - 1], texts[texts.length - 1].getTextContentSize()), -1);
  const quote = selection.getTextContent().trim();
  return start && end && quote ? { start, end, quote } : null;
}

function textPoint(point: PointType, fallback: TextNode, fallbackOffset: number): [TextNode, number] {
  const node = point.getNode();
  return point.type === 'text' && $isTextNode(node) ? [node, point.offset] : [fallback, fallbackOffset];
}

/** Where a thread's words are in the editor now, or null when they are gone. */
export function $threadMatch(binding: BindingV2, thread: Thread): Match | null {
  const user = { anchorPos: thread.start, focusPos: thread.end } as UserState;
  const { anchorKey, anchorOffset, focusKey, focusOffset } = $getAnchorAndFocusForUserState(binding, user);
  if (!anchorKey || !focusKey || (anchorKey === focusKey && anchorOffset >= focusOffset)) return null;
  return { start: { key: anchorKey, offset: anchorOffset }, end: { key: focusKey, offset: focusOffset } };
}
