// Finding text in the editor: runs of text nodes that share a parent are searched as one string,
// so a match may cross bold or italic boundaries.
import { $createRangeSelection, $getRoot, $getSelection, $isRangeSelection, $isTextNode, $setSelection, type TextNode } from 'lexical';

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

/** Text nodes grouped by parent, in document order. */
function $runs(): TextNode[][] {
  const runs = new Map<string, TextNode[]>();
  for (const node of $getRoot().getAllTextNodes()) {
    if (!$isTextNode(node)) continue;
    const parentKey = node.getParentOrThrow().getKey();
    const run = runs.get(parentKey) ?? [];
    run.push(node);
    runs.set(parentKey, run);
  }
  return [...runs.values()];
}

export function $findMatches(pattern: RegExp | null): Match[] {
  if (!pattern) return [];
  const matches: Match[] = [];
  for (const run of $runs()) {
    const starts: number[] = [];
    let text = '';
    for (const node of run) {
      starts.push(text.length);
      text += node.getTextContent();
    }
    const locate = (at: number, isEnd: boolean) => {
      let i = run.length - 1;
      while (i > 0 && (isEnd ? starts[i] >= at : starts[i] > at)) i -= 1;
      return { key: run[i].getKey(), offset: at - starts[i] };
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
