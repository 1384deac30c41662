// How a version's Yjs snapshot is stored. A snapshot is a state vector and a delete set, and the
// delete set of a long history is large and grows with every version; but deletions are never
// undone in Yjs, so each version stores only the deletions since the version it was recorded
// after (its base), and the whole set is rebuilt by following the bases. That keeps 260 versions
// of a long speech in a fraction of the space whole snapshots take.
import * as Y from 'yjs';

export type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

export interface StoredSnapshot {
  bytes: Uint8Array;
  /** The version whose deletions these extend; empty for a whole snapshot. */
  base: string;
}

/** Reads a version's stored snapshot by id (undefined when there is no such version). */
export type SnapshotStore = (id: string) => StoredSnapshot | undefined;

// Snapshots already rebuilt, per document: a version never changes once recorded.
const rebuilt = new WeakMap<Y.Doc, Map<string, Y.Snapshot>>();

/** The whole snapshot of version `id`, rebuilt from its base chain. */
export function resolveSnapshot(doc: Y.Doc, id: string, read: SnapshotStore): Y.Snapshot {
  let cache = rebuilt.get(doc);
  if (!cache) rebuilt.set(doc, (cache = new Map()));
  // Walk down to a version already rebuilt (or a whole one), then come back up merging deltas.
  const chain: { id: string; stored: StoredSnapshot }[] = [];
  const seen = new Set<string>();
  for (let at = id; at && !cache.has(at); ) {
    const stored = read(at);
    if (!stored) throw new Error(`There is no version ${at}.`);
    if (seen.has(at)) throw new Error(`Version ${id} is damaged: its snapshots refer to each other in a loop.`);
    seen.add(at);
    chain.push({ id: at, stored });
    at = stored.base;
  }
  for (let k = chain.length - 1; k >= 0; k -= 1) {
    const { id: at, stored } = chain[k];
    const own = decode(at, stored.bytes);
    const base = stored.base ? cache.get(stored.base)! : null;
    cache.set(at, base ? Y.createSnapshot(Y.mergeDeleteSets([base.ds, own.ds]), own.sv) : own);
  }
  return cache.get(id)!;
}

/** The snapshot of the document now, stored as the deletions since `base` (a resolved snapshot). */
export function storeSnapshot(doc: Y.Doc, base: { id: string; snapshot: Y.Snapshot } | null): StoredSnapshot {
  const now = Y.snapshot(doc);
  if (!base) return { bytes: Y.encodeSnapshotV2(now), base: '' };
  return { bytes: Y.encodeSnapshotV2(Y.createSnapshot(subtract(now.ds, base.snapshot.ds), now.sv)), base: base.id };
}

function decode(id: string, bytes: Uint8Array): Y.Snapshot {
  try {
    return Y.decodeSnapshotV2(bytes);
  } catch {
    throw new Error(`Version ${id} is damaged: its snapshot cannot be read. The other versions and the text are not affected.`);
  }
}

/** The ranges of `a` not in `b` (both sorted and merged, as Yjs keeps them). */
export function subtract(a: DeleteSet, b: DeleteSet): DeleteSet {
  const out = Y.createDeleteSet();
  for (const [client, ranges] of a.clients) {
    const minus = b.clients.get(client) ?? [];
    const kept: (typeof ranges)[number][] = [];
    let k = 0;
    for (const range of ranges) {
      let at = range.clock;
      const end = range.clock + range.len;
      while (k < minus.length && minus[k].clock + minus[k].len <= at) k += 1;
      for (let m = k; m < minus.length && minus[m].clock < end; m += 1) {
        if (minus[m].clock > at) kept.push({ clock: at, len: minus[m].clock - at } as (typeof ranges)[number]);
        at = Math.max(at, minus[m].clock + minus[m].len);
      }
      if (at < end) kept.push({ clock: at, len: end - at } as (typeof ranges)[number]);
    }
    if (kept.length) out.clients.set(client, kept);
  }
  return out;
}
