// The signed order of a message's records. Each record names the latest records its signer had
// seen (their hashes, in `after`), so the records form a graph like Git's commits or Matrix's
// events: a record comes after every record it names, two records that name the same ones were
// made concurrently (in two review copies) and are ordered by their signed time, then their hash.
// The order entries happen to have in the Yjs array counts for nothing: reordering them changes no
// state, and a record that names one the message does not hold (one taken out, or a record copied
// in from another message's history) is out of place, with every record after it.
// Records made before issue 13 name none; they follow one another in the order they are stored.
import { parseRecord, recordHash, type SignoffRecord } from './records';

export interface OrderedRecord {
  /** Its position in the stored list, from 0. */
  index: number;
  /** The record, or what is wrong with its shape. */
  record: SignoffRecord | string;
  /** Null when it stands where its signer put it; otherwise why its place cannot be trusted. */
  outOfPlace: string | null;
  /** False for a record made before issue 13: its place is only where it is stored. */
  orderSigned: boolean;
}

interface Node {
  index: number;
  record: SignoffRecord | string;
  hash: string;
  parents: number[];
  missing: boolean;
}

/** The stored records in their signed order (malformed ones last, in the order stored). */
export function signedOrder(stored: readonly unknown[]): OrderedRecord[] {
  const nodes = graph(stored);
  const children = nodes.map(() => [] as number[]);
  const waiting = nodes.map((n) => n.parents.length);
  nodes.forEach((n) => n.parents.forEach((p) => children[p].push(n.index)));
  const key = (i: number): [string, string, number] => {
    const r = nodes[i].record as SignoffRecord;
    return [r.time, nodes[i].hash, i];
  };
  const ready = new Heap<number>((a, b) => compareKeys(key(a), key(b)));
  for (const n of nodes) if (typeof n.record !== 'string' && waiting[n.index] === 0) ready.push(n.index);
  const out: OrderedRecord[] = [];
  const problem = new Map<number, string | null>();
  for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
    const n = nodes[i];
    const badParent = n.parents.find((p) => problem.get(p));
    const why = n.missing
      ? "it follows a record that is not in the message: one was taken out, or this record was copied in from another message's history"
      : badParent !== undefined ? `it follows record ${badParent + 1}, which is out of place` : null;
    problem.set(i, why);
    out.push({ index: i, record: n.record, outOfPlace: why, orderSigned: !!(n.record as SignoffRecord).after });
    for (const c of children[i]) if (--waiting[c] === 0) ready.push(c);
  }
  // Records in a loop (hashes cannot make one, but a malformed list is read anyway), then malformed ones.
  for (const n of nodes) {
    if (typeof n.record !== 'string' && !problem.has(n.index)) out.push({ index: n.index, record: n.record, outOfPlace: 'it follows records that follow it', orderSigned: true });
  }
  for (const n of nodes) if (typeof n.record === 'string') out.push({ index: n.index, record: n.record, outOfPlace: null, orderSigned: false });
  return out;
}

/** Each record with the records it follows: those it names, or for an old record the old one stored before it. */
function graph(stored: readonly unknown[]): Node[] {
  const nodes: Node[] = stored.map((raw, index) => {
    const record = parseRecord(raw);
    return { index, record, hash: typeof record === 'string' ? '' : recordHash(record), parents: [], missing: false };
  });
  const byHash = new Map<string, number>();
  for (const n of nodes) if (n.hash && !byHash.has(n.hash)) byHash.set(n.hash, n.index);
  let previousOld = -1;
  for (const n of nodes) {
    if (typeof n.record === 'string') continue;
    if (n.record.after) {
      for (const hash of n.record.after) {
        const p = byHash.get(hash);
        if (p === undefined || p === n.index) n.missing = true;
        else n.parents.push(p);
      }
    } else {
      if (previousOld >= 0) n.parents.push(previousOld);
      previousOld = n.index;
    }
  }
  return nodes;
}

function compareKeys(a: [string, string, number], b: [string, string, number]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return a[2] - b[2];
}

/** A binary min-heap: records ready to be placed, the earliest first, in log time each. */
class Heap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => number) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (this.before(items[i], items[up]) >= 0) break;
      [items[i], items[up]] = [items[up], items[i]];
      i = up;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length === 0) return top;
    items[0] = last;
    for (let i = 0; ; ) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let least = i;
      if (l < items.length && this.before(items[l], items[least]) < 0) least = l;
      if (r < items.length && this.before(items[r], items[least]) < 0) least = r;
      if (least === i) break;
      [items[i], items[least]] = [items[least], items[i]];
      i = least;
    }
    return top;
  }
}
