// Suggestions made at one place in two copies at once. Yjs formats a run of words with a format
// item at each end, and words another copy typed at that end at the same time can land inside
// the run: Ben's deletion of "by June" closes just where Carmen typed "before July", so after a
// merge her words carry his deletion mark, and accepting his deletion would delete her proposal.
// A character can rightly carry only a mark that one of the merged sides gave it; after a merge,
// any other suggestion mark on it is taken off (a plain Yjs edit, so every copy converges on it).
//
// The other way round, a mark can be lost. Yjs takes a mark off (a decision) by formatting its
// run, and then drops the run's closing items as no longer needed; words another copy typed at
// the run's end meanwhile (Ben going on with his pending insertion while Ada accepted it) sat
// inside the run, before that closing item, and after the merge have no mark at all: accepted in
// silence, though Ada never saw them. A mark that every side holding a character gave it is
// there by right, so one missing after the merge is put back.
import * as Y from 'yjs';
import { SUGGESTION_ATTRIBUTE, textRoot } from '../document';

/** What one side of a merge held: its state vector and what it had deleted. */
export interface DocState {
  vector: Map<number, number>;
  deleted: ReturnType<typeof Y.createDeleteSetFromStructStore>;
}

export const stateOf = (doc: Y.Doc): DocState => ({ vector: Y.decodeStateVector(Y.encodeStateVector(doc)), deleted: Y.createDeleteSetFromStructStore(doc.store) });

/** Whether `item` (its first character) was there, not deleted, in `state`. */
export const heldIn = (item: Y.Item, state: DocState): boolean => (state.vector.get(item.id.client) ?? 0) > item.id.clock && !Y.isDeleted(state.deleted, item.id);

/** Every XmlText of the message's text that is still there, in document order. */
export function textsOf(element: Y.XmlElement, out: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) out.push(child);
    else if (child instanceof Y.XmlElement) textsOf(child, out);
  }
  return out;
}

/** The suggestion marks on a character: attribute key to stored mark. */
type Marks = ReadonlyMap<string, unknown>;
const withMark = (marks: Marks, key: string, value: unknown): Marks => {
  if (!key.startsWith(SUGGESTION_ATTRIBUTE)) return marks;
  const next = new Map(marks);
  if (value === null) next.delete(key);
  else next.set(key, value);
  return next;
};

/** One run of characters whose marks the merge got wrong: the attributes that put them right. */
interface Mend {
  index: number;
  length: number;
  format: Record<string, unknown>;
}

/** The runs of `text` that carry a mark no side gave them, or lack one every side holding them gave them. */
function wrongMarks(text: Y.XmlText, sides: readonly DocState[]): Mend[] {
  const out: Mend[] = [];
  let now: Marks = new Map();
  const then: Marks[] = sides.map(() => new Map());
  let index = 0;
  for (let item = text._start; item; item = item.right) {
    if (item.content instanceof Y.ContentFormat) {
      const { key, value } = item.content;
      if (!item.deleted) now = withMark(now, key, value);
      sides.forEach((side, i) => heldIn(item, side) && (then[i] = withMark(then[i]!, key, value)));
    } else if (item.content instanceof Y.ContentString && !item.deleted) {
      const holding = sides.flatMap((side, i) => (heldIn(item, side) ? [then[i]!] : []));
      const format: Record<string, unknown> = {};
      for (const key of now.keys()) if (!holding.some((m) => m.has(key))) format[key] = null;
      for (const [key, value] of holding[0] ?? []) if (!now.has(key) && holding.every((m) => m.has(key))) format[key] = value;
      if (Object.keys(format).length) out.push({ index, length: item.length, format });
    }
    if (!item.deleted && item.countable) index += item.length;
  }
  return out;
}

/**
 * Puts right the suggestion marks of `doc`'s characters after a merge of `sides` (the states
 * merged to make it): off where no side gave them, back where every side holding the character
 * gave them. Returns how many runs it mended.
 */
export function mendMergedMarks(doc: Y.Doc, sides: readonly DocState[], origin?: unknown): number {
  let mended = 0;
  doc.transact(() => {
    for (const text of textsOf(textRoot(doc))) {
      // Last first: a format leaves the indexes before it as they were.
      for (const run of wrongMarks(text, sides).reverse()) {
        text.format(run.index, run.length, run.format);
        mended += 1;
      }
    }
  }, origin);
  return mended;
}
