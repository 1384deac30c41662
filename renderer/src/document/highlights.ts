// Marking ranges of the text without changing the document (found words, commented words), with
// the CSS Custom Highlight API.
import type { LexicalEditor } from 'lexical';
import type { Match } from './find';

/** The DOM text node inside a text node's element (which may wrap it, as for sup or code). */
function textIn(element: HTMLElement | null): Node | null {
  let node: Node | null = element;
  while (node && node.nodeType !== Node.TEXT_NODE) node = node.firstChild;
  return node;
}

/** The DOM range of a stretch of text given by Lexical text node keys and offsets. */
export function domRange(editor: LexicalEditor, match: Match): Range | null {
  const start = textIn(editor.getElementByKey(match.start.key));
  const end = textIn(editor.getElementByKey(match.end.key));
  if (!start || !end) return null;
  const range = document.createRange();
  try {
    range.setStart(start, match.start.offset);
    range.setEnd(end, match.end.offset);
  } catch {
    return null;
  }
  return range;
}

type HighlightRegistry = Map<string, unknown>;
const registry = () => (CSS as unknown as { highlights?: HighlightRegistry }).highlights;
const HighlightClass = () => (window as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;

/** Shows `ranges` as the highlight `name` (styled by ::highlight(name)); no ranges clears it. */
export function showHighlight(name: string, ranges: Range[]): void {
  const highlights = registry();
  const Highlight = HighlightClass();
  if (!highlights || !Highlight) return;
  if (ranges.length) highlights.set(name, new Highlight(...ranges));
  else highlights.delete(name);
}
