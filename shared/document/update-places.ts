// What a Yjs update would do to a document, found without applying it: the update is decoded, each
// item it adds is placed (an item names its parent only when it has no neighbour; otherwise it
// shares its origin's parent, found in the update or in the document), and each item its delete set
// names is looked up in the document. Used to refuse, before anything changes, an editor change to
// locked text and a copy that would delete or overwrite what a message keeps for ever.
import * as Y from 'yjs';

/** Where an item lives: its root type, and the entry it sits in there (a map's key, or an array element's id). */
export interface Place {
  root: string;
  /** The key under the root when the root is a map; null in an array. */
  key: string | null;
  /** The entry at the root the item belongs to: its key, or "client:clock" of the array element. */
  entry: string;
}

export interface UpdateEffect {
  /** Each item the update adds, placed (null when it cannot be placed: a doubtful item). */
  added: { place: Place | null; into: 'root' | 'existing' | 'new' }[];
  /** Items already in the document (and not deleted) that it would delete, with how many elements each holds. */
  deleted: { place: Place | null; whole: boolean; length: number }[];
  /** Values in the document's maps that a new value for the same key would replace, or new keys in a map it already holds. */
  replaced: Place[];
  /** Deletions of items neither the document nor the update holds, which Yjs would keep and apply later. */
  deletesUnknown: boolean;
  /** Every client the update holds structs of (the keys of Y.parseUpdateMeta's `to`), read in the same pass. */
  writers: Set<number>;
}

// A root type's name, which never changes: Y.findRootTypeKey searches every root of the document
// for each item placed, and a long update places tens of thousands.
const rootNames = new WeakMap<Y.AbstractType<unknown>, string>();

function rootName(root: Y.AbstractType<unknown>): string {
  let name = rootNames.get(root);
  if (name === undefined) rootNames.set(root, (name = Y.findRootTypeKey(root)));
  return name;
}

/** The place of an item that is in the document: up its parents to the root. */
export function placeInDoc(item: Y.Item): Place | null {
  let top = item;
  while (top.parent instanceof Y.AbstractType && top.parent._item) top = top.parent._item;
  if (!(top.parent instanceof Y.AbstractType)) return null;
  return { root: rootName(top.parent), key: top.parentSub, entry: top.parentSub ?? `${top.id.client}:${top.id.clock}` };
}

interface NewPlace {
  place: Place | null;
  into: 'root' | 'existing' | 'new';
  /** A map value set on a type the document holds: it replaces a value there or adds a key. */
  replaces: Place | null;
}

/** Every effect of `update` on `doc` (see UpdateEffect). */
export function updateEffect(doc: Y.Doc, update: Uint8Array): UpdateEffect {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  const state = (client: number) => Y.getState(store, client);
  const fresh = new Map<number, Y.Item[]>();
  const writers = new Set<number>();
  for (const s of structs) {
    writers.add(s.id.client);
    // GC and Skip structs carry no content and name no place: they change nothing anyone reads.
    if (!(s instanceof Y.Item) || s.id.clock + s.length <= state(s.id.client)) continue;
    const list = fresh.get(s.id.client) ?? [];
    list.push(s);
    fresh.set(s.id.client, list);
  }
  const inUpdate = (id: Y.ID) => {
    const list = fresh.get(id.client);
    if (!list) return undefined;
    // Structs of one client come in clock order: a binary search finds the one holding `id`.
    let [lo, hi] = [0, list.length - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid];
      if (s.id.clock + s.length <= id.clock) lo = mid + 1;
      else if (s.id.clock > id.clock) hi = mid - 1;
      else return s;
    }
    return undefined;
  };
  const placer = newPlacer(doc, inUpdate);
  const effect: UpdateEffect = { added: [], deleted: [], replaced: [], deletesUnknown: false, writers };
  for (const list of fresh.values()) {
    for (const item of list) {
      const placed = placer(item);
      effect.added.push({ place: placed.place, into: placed.into });
      if (placed.replaces) effect.replaced.push(placed.replaces);
    }
  }
  for (const [client, ranges] of ds.clients) {
    const known = state(client);
    for (const { clock, len } of ranges) {
      // Deletions of items the update itself adds delete nothing the document holds.
      for (let at = clock; at < Math.min(clock + len, known); ) {
        const s = Y.getItem(store, Y.createID(client, at));
        if (s instanceof Y.Item && !s.deleted) {
          const place = placeInDoc(s);
          const whole = !(s.parent instanceof Y.AbstractType) || s.parent._item === null;
          const from = Math.max(at, s.id.clock);
          effect.deleted.push({ place, whole, length: Math.min(s.id.clock + s.length, clock + len) - from });
        }
        at = s.id.clock + s.length;
      }
      for (let at = Math.max(clock, known); at < clock + len; ) {
        const s = inUpdate(Y.createID(client, at));
        if (!s) {
          effect.deletesUnknown = true;
          break;
        }
        at = s.id.clock + s.length;
      }
    }
  }
  return effect;
}

/** Whether the update adds or deletes anything under `root` (or anything it cannot place, or what neither side holds). */
export const touchesRoot = (effect: UpdateEffect, root: string): boolean =>
  effect.deletesUnknown || effect.added.some((a) => a.place === null || a.place.root === root) || effect.deleted.some((d) => d.place === null || d.place.root === root);

/** Places the update's new items, each once (a cycle, in a malformed update, ends unplaced). */
function newPlacer(doc: Y.Doc, inUpdate: (id: Y.ID) => Y.Item | undefined): (item: Y.Item) => NewPlace {
  const store = doc.store;
  const done = new Map<Y.Item, NewPlace>();
  const UNPLACED: NewPlace = { place: null, into: 'new', replaces: null };
  const known = (id: Y.ID) => id.clock < Y.getState(store, id.client);
  const hasValue = (type: { _map: Map<string, Y.Item> } | undefined, key: string | null) => key !== null && !!type && type._map.has(key);

  // A new item beside one the document holds: it shares that item's parent and (in a map) its key.
  const besideExisting = (neighbour: Y.Item): NewPlace => {
    const place = placeInDoc(neighbour);
    const atRoot = !(neighbour.parent instanceof Y.AbstractType) || neighbour.parent._item === null;
    return { place, into: atRoot ? 'root' : 'existing', replaces: neighbour.parentSub !== null ? place : null };
  };
  const inParent = (item: Y.Item, parent: Y.ID): NewPlace => {
    if (!known(parent)) {
      const p = inUpdate(parent);
      return p ? { ...placeOf(p), into: 'new', replaces: null } : UNPLACED;
    }
    const p = Y.getItem(store, parent);
    if (!(p instanceof Y.Item) || !(p.content instanceof Y.ContentType)) return UNPLACED;
    const place = placeInDoc(p);
    // Any new key in a map the document holds changes that entry, whether or not it had a value.
    return { place, into: 'existing', replaces: item.parentSub !== null ? place : null };
  };
  const placeOf = (item: Y.Item): NewPlace => {
    const cached = done.get(item);
    if (cached) return cached;
    done.set(item, UNPLACED);
    const parent = item.parent as unknown;
    let placed: NewPlace = UNPLACED;
    if (typeof parent === 'string') {
      const place = { root: parent, key: item.parentSub, entry: item.parentSub ?? `${item.id.client}:${item.id.clock}` };
      placed = { place, into: 'root', replaces: hasValue(doc.share.get(parent), item.parentSub) ? place : null };
    } else if (parent instanceof Y.ID) placed = inParent(item, parent);
    else {
      const neighbour = item.origin ?? item.rightOrigin;
      if (neighbour) {
        const n = known(neighbour) ? Y.getItem(store, neighbour) : inUpdate(neighbour);
        if (n instanceof Y.Item) placed = known(neighbour) ? besideExisting(n) : placeOf(n);
      }
    }
    done.set(item, placed);
    return placed;
  };
  return placeOf;
}
