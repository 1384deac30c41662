// Finding text in the editor: each block's text is searched as one string, so a match may cross
// bold, italic or link boundaries, but never a line break or the end of a paragraph.
import {
  $createRangeSelection,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isLineBreakNode,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  type ElementNode,
  type TextNode,
} from 'lexical';

export interface FindOptions {
  matchCase: boolean;
  wholeWord: boolean;
}

export interface Match {
  /** Text node keys and offsets where the match starts and ends. */
  start: { key: string; offset: number };
  end: { key: string; offset: number };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function findPattern(query: string, { matchCase, wholeWord }: FindOptions): RegExp | null {
  if (!query) return null;
  const body = wholeWord ? `(?<![\\p{L}\\p{N}_])${escape(query)}(?![\\p{L}\\p{N}_])` : escape(query);
  return new RegExp(body, matchCase ? 'gu' : 'giu');
}

/** One block's text, in order: text nodes (also inside links) and line breaks as "\n". */
interface Run {
  text: string;
  nodes: { node: TextNode; start: number }[];
}

/** Every block's run, in document order; nothing is ever matched across two blocks. */
function $runs(): Run[] {
  const runs: Run[] = [];
  const walk = (element: ElementNode, run: Run | null): Run | null => {
    for (const child of element.getChildren()) {
      if ($isTextNode(child)) {
        run ??= { text: '', nodes: [] };
        run.nodes.push({ node: child, start: run.text.length });
        run.text += child.getTextContent();
      } else if ($isLineBreakNode(child)) {
        if (run) run.text += '\n';
      } else if ($isElementNode(child) && child.isInline()) {
        run = walk(child, run);
      } else {
        if (run) runs.push(run);
        run = null;
        if ($isElementNode(child)) {
          const inner = walk(child, null);
          if (inner) runs.push(inner);
        }
      }
    }
    return run;
  };
  const last = walk($getRoot(), null);
  if (last) runs.push(last);
  return runs;
}

export function $findMatches(pattern: RegExp | null): Match[] {
  if (!pattern) return [];
  const matches: Match[] = [];
  for (const { text, nodes } of $runs()) {
    const locate = (at: number, isEnd: boolean) => {
      let i = nodes.length - 1;
      while (i > 0 && (isEnd ? nodes[i].start >= at : nodes[i].start > at)) i -= 1;
      const { node, start } = nodes[i];
      return { key: node.getKey(), offset: Math.min(at - start, node.getTextContentSize()) };
    };
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      if (!m[0]) continue;
      matches.push({ start: locate(m.index, false), end: locate(m.index + m[0].length, true) });
    }
  }
  return matches;
}

export function $selectMatch(match: Match): void {
  const selection = $createRangeSelection();
  selection.anchor.set(match.start.key, match.start.offset, 'text');
  selection.focus.set(match.end.key, match.end.offset, 'text');
  $setSelection(selection);
}

/** Replaces a match's text; the replacement takes the formatting of the match's first letter. */
export function $replaceMatch(match: Match, replacement: string): void {
  $selectMatch(match);
  const selection = $getSelection();
  if ($isRangeSelection(selection)) selection.insertText(replacement);
}
