// The guard on what a message keeps: versions and their names, comment threads and their changes,
// sign-off records (the roster's history among them), who wrote and deleted what, review rounds,
// and the message's id and creation are only ever added to. A copy that is merged (in the app, by
// `signet merge`, by a live server) and every change the editor sends are inspected before they
// are applied, and one that would delete or overwrite any of them is refused whole.
import type * as Y from 'yjs';
import { META, updateEffect, type Place, type UpdateEffect } from '../document';
import { HISTORY_ROOTS } from '../history';
import { RECORDS } from '../signoff';
import { COMMENTS, COMMENT_CHANGES } from './comments';
import { REVIEWS } from './rounds';
import { SUGGESTION_DECISIONS } from './suggestions';

/** What each kept root holds, in words: one, many. */
const KEPT: Record<string, [string, string]> = {
  [HISTORY_ROOTS.versions]: ['version', 'versions'],
  [HISTORY_ROOTS.versionNames]: ['version name', 'version names'],
  [COMMENTS]: ['comment thread', 'comment threads'],
  [COMMENT_CHANGES]: ['change to a comment', 'changes to comments'],
  [RECORDS]: ['sign-off record', 'sign-off records'],
  [HISTORY_ROOTS.people]: ['note of who wrote what', 'notes of who wrote what'],
  [HISTORY_ROOTS.deletions]: ['note of who deleted what', 'notes of who deleted what'],
  [REVIEWS]: ['review round', 'review rounds'],
  [SUGGESTION_DECISIONS]: ['decision on a suggestion', 'decisions on suggestions'],
};

/** The message's own facts: set when it is made, never by a copy or the editor. */
const META_KEPT = new Set(['id', 'createdAt', 'template', 'creator']);

const kept = (place: Place | null): boolean => !!place && (place.root in KEPT || (place.root === META && META_KEPT.has(place.key ?? '')));

export interface KeptChanges {
  /** Per kept root, the entries the update would delete whole. */
  deleted: Map<string, Set<string>>;
  /** Per kept root, the entries it would change (part deleted, a value replaced, a key added). */
  changed: Map<string, Set<string>>;
  /** It deletes things this message does not hold yet, which would go as soon as they arrived. */
  deletesUnknown: boolean;
  /** It adds items whose place cannot be found, so they cannot be shown harmless. */
  unplaced: number;
}

/**
 * What `update` would delete or overwrite of what `doc` keeps for ever; null when nothing. A
 * caller that reads the update's effect for more than this passes it in, to decode the update once.
 */
export function keptChanges(doc: Y.Doc, update: Uint8Array, effect: UpdateEffect = updateEffect(doc, update)): KeptChanges | null {
  const found: KeptChanges = { deleted: new Map(), changed: new Map(), deletesUnknown: effect.deletesUnknown, unplaced: 0 };
  const note = (into: Map<string, Set<string>>, place: Place, entry = place.entry) => {
    const root = place.root === META ? `${META}:${place.key}` : place.root;
    if (!into.has(root)) into.set(root, new Set());
    into.get(root)!.add(entry);
  };
  for (const d of effect.deleted) {
    if (!kept(d.place)) continue;
    // An array element may hold several values; each counts. A map entry is its key.
    if (d.whole && d.place!.key === null) for (let i = 0; i < d.length; i += 1) note(found.deleted, d.place!, `${d.place!.entry}+${i}`);
    else note(d.whole ? found.deleted : found.changed, d.place!);
  }
  // An entry deleted whole is not also "changed" (its parts go with it)…
  for (const [root, entries] of found.deleted) for (const entry of entries) found.changed.get(root)?.delete(entry);
  // …but a value replaced under its key is a change, not a deletion.
  const replaced = new Map<string, Set<string>>();
  for (const place of effect.replaced) if (kept(place)) note(replaced, place);
  for (const [root, entries] of replaced) {
    for (const entry of entries) {
      found.deleted.get(root)?.delete(entry);
      note(found.changed, { root: root.startsWith(`${META}:`) ? META : root, key: root.startsWith(`${META}:`) ? root.slice(META.length + 1) : null, entry });
    }
  }
  for (const map of [found.deleted, found.changed]) for (const [root, entries] of map) if (!entries.size) map.delete(root);
  for (const a of effect.added) {
    if (!a.place) found.unplaced += 1;
    else if (a.place.root === META && META_KEPT.has(a.place.key ?? '')) note(found.changed, a.place);
  }
  const anything = found.deleted.size || found.changed.size || found.deletesUnknown || found.unplaced;
  return anything ? found : null;
}

const count = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;
const words = (root: string): [string, string] =>
  KEPT[root] ?? [`the message's ${root.slice(META.length + 1)}`, `the message's ${root.slice(META.length + 1)}`];
const list = (parts: string[]) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);

/** In words: "would delete 7 versions and 1 comment thread, and change 1 comment thread". */
export function describeKeptChanges(found: KeptChanges): string {
  // In the order of KEPT (versions first), the message's own facts last.
  const rank = (root: string) => (root in KEPT ? Object.keys(KEPT).indexOf(root) : Object.keys(KEPT).length);
  const phrase = (map: Map<string, Set<string>>) =>
    list([...map].sort(([a], [b]) => rank(a) - rank(b)).map(([root, entries]) => (root.startsWith(`${META}:`) ? words(root)[0] : count(entries.size, words(root)))));
  const parts: string[] = [];
  if (found.deleted.size) parts.push(`delete ${phrase(found.deleted)}`);
  if (found.changed.size) parts.push(`change ${phrase(found.changed)}`);
  if (found.deletesUnknown) parts.push('delete things this message does not hold yet');
  if (found.unplaced) parts.push(`add ${found.unplaced === 1 ? 'a change' : `${found.unplaced} changes`} to parts of the message it does not contain`);
  return `would ${parts.join(', and ')}`;
}
