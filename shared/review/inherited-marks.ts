// Suggestions made at one place in two copies at once. Yjs formats a run of words with a format
// item at each end, and words another copy typed at that end at the same time can land inside
// the run: Ben's deletion of "by June" closes just where Carmen typed "before July", so after a
// merge her words carry his deletion mark, and accepting his deletion would delete her proposal.
// A character can rightly carry only a mark that one of the merged sides gave it; after a merge,
// any other suggestion mark on it is taken off (a plain Yjs edit, so every copy converges on it).
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

type Keys = Set<string>;
const withKey = (keys: Keys, key: string, value: unknown): Keys => {
  if (!key.startsWith(SUGGESTION_ATTRIBUTE) || (value !== null) === keys.has(key)) return keys;
  const next = new Set(keys);
  if (value === null) next.delete(key);
  else next.add(key);
  return next;
};

/** The runs of `text` whose suggestion marks no side gave them, and those marks. */
function inherited(text: Y.XmlText, sides: readonly DocState[]): { index: number; length: number; keys: string[] }[] {
  const out: { index: number; length: number; keys: string[] }[] = [];
  let now: Keys = new Set();
  const then: Keys[] = sides.map(() => new Set());
  let index = 0;
  for (let item = text._start; item; item = item.right) {
    if (item.content instanceof Y.ContentFormat) {
      const { key, value } = item.content;
      if (!item.deleted) now = withKey(now, key, value);
      sides.forEach((side, i) => heldIn(item, side) && (then[i] = withKey(then[i]!, key, value)));
    } else if (item.content instanceof Y.ContentString && !item.deleted && now.size) {
      const given = sides.flatMap((side, i) => (heldIn(item, side) ? [...then[i]!] : []));
      const keys = [...now].filter((k) => !given.includes(k));
      if (keys.length) out.push({ index, length: item.length, keys });
    }
    if (!item.deleted && item.countable) index += item.length;
  }
  return out;
}

/**
 * Takes off `doc`'s characters the suggestion marks that none of `sides` (the states merged to
 * make it) gave them. Returns how many runs it mended.
 */
export function dropInheritedMarks(doc: Y.Doc, sides: readonly DocState[], origin?: unknown): number {
  let mended = 0;
  doc.transact(() => {
    for (const text of textsOf(textRoot(doc))) {
      // Last first: a format leaves the indexes before it as they were.
      for (const run of inherited(text, sides).reverse()) {
        text.format(run.index, run.length, Object.fromEntries(run.keys.map((k) => [k, null])));
        mended += 1;
      }
    }
  }, origin);
  return mended;
}
