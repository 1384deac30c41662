// The edit search behind comparing and restoring versions: the same greedy Myers search as the
// `diff` package's diffArrays (v9), step for step and with its tie-breaks, so it gives the very
// same changes, but with tokens numbered and paths kept in typed arrays. diffArrays keeps a path
// object per diagonal, in an array indexed by negative numbers, and that bookkeeping was most of
// the time of comparing two distant versions of a long speech (issue 20).
// tests/unit/history/diff.test.ts checks it against diffArrays on random and edited inputs.

export interface Change {
  count: number;
  added: boolean;
  removed: boolean;
}

const NONE = -1;
// How a step began (in a Uint8Array): the first step with no edit, an added or a removed token.
const FIRST = 0;
const ADD = 1;
const REMOVE = 2;

/** Path steps: where each ends in the old list, its diagonal, how it began, and the step before. */
class Steps {
  oldPos = new Int32Array(1024);
  diagonal = new Int32Array(1024);
  kind = new Uint8Array(1024);
  prev = new Int32Array(1024);
  size = 0;

  clear() {
    this.size = 0;
  }

  add(oldPos: number, diagonal: number, kind: number, prev: number): number {
    if (this.size === this.oldPos.length) this.grow();
    const at = this.size++;
    this.oldPos[at] = oldPos;
    this.diagonal[at] = diagonal;
    this.kind[at] = kind;
    this.prev[at] = prev;
    return at;
  }

  private grow() {
    const more = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.oldPos = more(this.oldPos);
    this.diagonal = more(this.diagonal);
    this.kind = more(this.kind);
    this.prev = more(this.prev);
  }
}

// One store for every search, grown to the largest yet: a comparison runs one search per
// changed paragraph, and allocating each anew cost as much as the search. A store grown past
// KEEP_AT_MOST steps (13 bytes each) by one huge search is let go rather than held.
let kept = new Steps();
const KEEP_AT_MOST = 1 << 20;

/** The tokens of both lists as numbers, equal where the tokens are (===). */
function numbered<T>(a: readonly T[], b: readonly T[]): [Int32Array, Int32Array] {
  const ids = new Map<T, number>();
  const number = (list: readonly T[]) => {
    const out = new Int32Array(list.length);
    for (let i = 0; i < list.length; i += 1) {
      let id = ids.get(list[i]);
      if (id === undefined) ids.set(list[i], (id = ids.size));
      out[i] = id;
    }
    return out;
  };
  return [number(a), number(b)];
}

/**
 * The changes that turn `before` into `after`, as diffArrays(before, after, { maxEditLength })
 * gives them (without their values), or undefined past `maxEditLength` edits.
 */
export function diffLists<T>(before: readonly T[], after: readonly T[], maxEditLength = Infinity): Change[] | undefined {
  try {
    return search(before, after, maxEditLength);
  } finally {
    if (kept.oldPos.length > KEEP_AT_MOST) kept = new Steps();
  }
}

function search<T>(before: readonly T[], after: readonly T[], maxEditLength: number): Change[] | undefined {
  const [a, b] = numbered(before, after);
  const oldLen = a.length;
  const newLen = b.length;
  const steps = kept;
  steps.clear();
  // Follows equal tokens along a diagonal from oldPos; returns where it stops in the old list.
  const slide = (oldPos: number, diagonal: number) => {
    let newPos = oldPos - diagonal;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && a[oldPos + 1] === b[newPos + 1]) {
      newPos += 1;
      oldPos += 1;
    }
    return oldPos;
  };
  const done = (newPos: number, oldPos: number) => oldPos + 1 >= oldLen && newPos + 1 >= newLen;

  const start = steps.add(slide(-1, 0), 0, FIRST, NONE);
  if (done(steps.oldPos[start], steps.oldPos[start])) return changesOf(steps, start);

  // The best step on each diagonal so far (diagonal k at k + offset), or NONE; entries persist
  // from earlier rounds as diffArrays's do, since its tie-breaks read them.
  const max = Math.min(newLen + oldLen, maxEditLength);
  const offset = max + 1;
  const best = new Int32Array(2 * max + 3).fill(NONE);
  best[offset] = start;
  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let d = 1; d <= max; d += 1) {
    for (let k = Math.max(minDiagonal, -d); k <= Math.min(maxDiagonal, d); k += 2) {
      const removePath = best[k - 1 + offset];
      const addPath = best[k + 1 + offset];
      if (removePath !== NONE) best[k - 1 + offset] = NONE;
      let canAdd = false;
      if (addPath !== NONE) {
        const addNewPos = steps.oldPos[addPath] - k;
        canAdd = addNewPos >= 0 && addNewPos < newLen;
      }
      const canRemove = removePath !== NONE && steps.oldPos[removePath] + 1 < oldLen;
      if (!canAdd && !canRemove) {
        best[k + offset] = NONE;
        continue;
      }
      const fromAdd = !canRemove || (canAdd && steps.oldPos[removePath] < steps.oldPos[addPath]);
      const from = fromAdd ? addPath : removePath;
      const oldPos = slide(steps.oldPos[from] + (fromAdd ? 0 : 1), k);
      const step = steps.add(oldPos, k, fromAdd ? ADD : REMOVE, from);
      const newPos = oldPos - k;
      if (done(newPos, oldPos)) return changesOf(steps, step);
      best[k + offset] = step;
      if (oldPos + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, k - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, k + 1);
    }
  }
  return undefined;
}

/** The path that ends at `last`, as runs of kept, added and removed tokens, first to last. */
function changesOf(steps: Steps, last: number): Change[] {
  const out: Change[] = [];
  const push = (count: number, added: boolean, removed: boolean) => {
    if (count === 0) return;
    const top = out[out.length - 1];
    if (top && top.added === added && top.removed === removed) top.count += count;
    else out.push({ count, added, removed });
  };
  // Walked from the end, so each step gives its kept tokens, then its one edit, reversed later.
  for (let s = last; s !== NONE; s = steps.prev[s]) {
    const kind = steps.kind[s];
    const p = steps.prev[s];
    // Where the step's edit left it in the old list, before it followed equal tokens.
    const editedTo = kind === FIRST ? -1 : kind === ADD ? steps.oldPos[p] : steps.oldPos[p] + 1;
    push(steps.oldPos[s] - editedTo, false, false);
    if (kind !== FIRST) push(1, kind === ADD, kind === REMOVE);
  }
  return out.reverse();
}
