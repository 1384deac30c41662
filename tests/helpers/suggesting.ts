// Making suggestions in a headless session, as the editor does in Suggesting mode: select words
// by what they say, then type over them, type at the caret or delete them.
import { $getRoot, $getSelection, $isRangeSelection, $isTextNode, type TextNode } from 'lexical';
import type { Person } from '../../shared/document';
import { $suggestDeletion, $suggestFormat, $suggestInsertion, $suggestJoin, $suggestLines, $suggestSplit, randomSuggestionId, type Suggester } from '../../shared/review';
import type { Session } from './history';

export const suggester = (author: Person, at = new Date('2026-12-01T09:00:00Z')): Suggester => ({ author, newId: randomSuggestionId, now: () => at });

function $texts(): TextNode[] {
  return $getRoot().getAllTextNodes().filter($isTextNode);
}

/** Selects `words` (the `nth` time they occur in one text node), or puts the caret after them when `caret`. */
export function $selectWords(words: string, caret: 'over' | 'after' | 'before' = 'over', nth = 0): void {
  let seen = 0;
  for (const node of $texts()) {
    const text = node.getTextContent();
    for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
      if (seen++ < nth) continue;
      if (caret === 'over') node.select(at, at + words.length);
      else if (caret === 'after') node.select(at + words.length, at + words.length);
      else node.select(at, at);
      return;
    }
  }
  throw new Error(`No text node holds “${words}”.`);
}

const $range = () => {
  const s = $getSelection();
  if (!$isRangeSelection(s)) throw new Error('no range selection');
  return s;
};

/** Types `text` over (or after) `words`, as a suggestion by `who`. */
export const suggestType = (session: Session, who: Suggester, words: string, text: string, caret: 'over' | 'after' | 'before' = 'over') =>
  session.edit(() => {
    $selectWords(words, caret);
    $suggestInsertion($range(), text, who);
  });

/** Types at the caret wherever it is now. */
export const suggestTypeOn = (session: Session, who: Suggester, text: string) => session.edit(() => void $suggestInsertion($range(), text, who));

/** Deletes `words` as a suggestion by `who`. */
export const suggestDelete = (session: Session, who: Suggester, words: string) =>
  session.edit(() => {
    $selectWords(words);
    $suggestDeletion($range(), who, true);
  });

/** Bolds (or italicises…) `words` as a suggestion by `who`. */
export const suggestFormat = (session: Session, who: Suggester, words: string, type: 'bold' | 'italic' | 'underline' | 'strikethrough') =>
  session.edit(() => {
    $selectWords(words);
    $suggestFormat($range(), type, who);
  });

/** Presses Enter after (or before) `words`, as a suggestion by `who`. */
export const suggestSplit = (session: Session, who: Suggester, words: string, caret: 'after' | 'before' = 'after') =>
  session.edit(() => {
    $selectWords(words, caret);
    $suggestSplit($range(), who);
  });

/** Presses Backspace before `words` (the start of a paragraph), or Delete after them (its end). Returns whether it proposed a join. */
export function suggestJoin(session: Session, who: Suggester, words: string, key: 'backspace' | 'delete'): boolean {
  let done = false;
  session.edit(() => {
    $selectWords(words, key === 'backspace' ? 'before' : 'after');
    done = $suggestJoin($range(), who, key === 'backspace');
  });
  return done;
}

/** Pastes lines of text after `words`, as a suggestion by `who`. */
export const suggestPaste = (session: Session, who: Suggester, words: string, text: string) =>
  session.edit(() => {
    $selectWords(words, 'after');
    $suggestLines($range(), text, who);
  });
