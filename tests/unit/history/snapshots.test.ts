// A version stores only the deletions since the version before it; these tests hold that what is
// rebuilt is exactly the snapshot the document had when the version was recorded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { resolveSnapshot, storeSnapshot, subtract, type StoredSnapshot } from '../../../shared/history';

/** A delete set from [clock, len] pairs of one client, as Yjs would keep it (sorted, merged). */
function deleteSet(ranges: [number, number][], client = 1) {
  const ds = Y.createDeleteSet();
  if (ranges.length) ds.clients.set(client, ranges.map(([clock, len]) => ({ clock, len })) as never);
  return Y.mergeDeleteSets([ds]);
}
const clocks = (ds: ReturnType<typeof Y.createDeleteSet>, client = 1) =>
  new Set((ds.clients.get(client) ?? []).flatMap((r) => Array.from({ length: r.len }, (_, i) => r.clock + i)));

describe('version snapshots stored as deletions since the version before', () => {
  it('subtracts exactly the deleted clocks of one set from another', () => {
    const ranges = fc.array(fc.tuple(fc.nat(200), fc.integer({ min: 1, max: 20 })), { maxLength: 12 });
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        const got = clocks(subtract(deleteSet(a), deleteSet(b)));
        const minus = clocks(deleteSet(b));
        expect([...got].sort((x, y) => x - y)).toEqual([...clocks(deleteSet(a))].filter((c) => !minus.has(c)).sort((x, y) => x - y));
      }),
      { numRuns: 300 },
    );
  });

  it('rebuilds every version of a long history, with copies merged in between, as it was when recorded', () => {
    const doc = new Y.Doc({ gc: false });
    const text = doc.getText('t');
    const stored = new Map<string, StoredSnapshot>();
    const truth = new Map<string, Y.Snapshot>();
    let previous: string | null = null;
    let random = 7;
    const next = (n: number) => ((random = (random * 1103515245 + 12345) % 2 ** 31), random % n);
    for (let v = 0; v < 40; v += 1) {
      for (let k = 0; k < 30; k += 1) {
        if (text.length > 0 && next(3) === 0) text.delete(next(text.length), 1 + next(3));
        else text.insert(next(text.length + 1), 'abc'.slice(next(3)));
      }
      if (v % 10 === 5) {
        // A copy edited elsewhere comes back with its own deletions.
        const copy = new Y.Doc({ gc: false });
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
        copy.getText('t').delete(0, Math.min(5, copy.getText('t').length));
        copy.getText('t').insert(0, 'copy');
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc)));
      }
      const id = `v${v}`;
      const base = previous ? { id: previous, snapshot: resolveSnapshot(doc, previous, (x) => stored.get(x)) } : null;
      stored.set(id, storeSnapshot(doc, base));
      truth.set(id, Y.snapshot(doc));
      previous = id;
    }
    // A fresh cache (another document object) rebuilds the same, from the stored bytes alone.
    const reader = new Y.Doc({ gc: false });
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(doc));
    for (const [id, snapshot] of truth) {
      expect(Y.equalSnapshots(resolveSnapshot(reader, id, (x) => stored.get(x)), snapshot), id).toBe(true);
    }
    const whole = [...truth.values()].reduce((n, s) => n + Y.encodeSnapshotV2(s).length, 0);
    const deltas = [...stored.values()].reduce((n, s) => n + s.bytes.length, 0);
    expect(deltas).toBeLessThan(whole / 2);
  });

  it('says a version is damaged when its snapshot cannot be read or its bases loop', () => {
    const doc = new Y.Doc({ gc: false });
    expect(() => resolveSnapshot(doc, 'a', () => ({ bytes: new Uint8Array([255, 255, 255]), base: '' }))).toThrow(/Version a is damaged: its snapshot cannot be read/);
    const loop = { a: { bytes: Y.encodeSnapshotV2(Y.snapshot(doc)), base: 'b' }, b: { bytes: Y.encodeSnapshotV2(Y.snapshot(doc)), base: 'a' } };
    expect(() => resolveSnapshot(doc, 'a', (x) => loop[x as 'a' | 'b'])).toThrow(/loop/);
  });
});
