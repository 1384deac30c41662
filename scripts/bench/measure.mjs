// Small measuring helpers shared by the benchmarks.
import v8 from 'node:v8';
import vm from 'node:vm';

export function quantile(xs, q) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export const median = (xs) => quantile(xs, 0.5);

export const round = (x, digits = 3) => Number(x.toFixed(digits));

let gc = null;
/**
 * Collects garbage now, so that a timed run does not pay for the garbage of the run before it
 * (`npm run bench` runs node without --expose-gc; this turns it on from inside).
 */
export function collectGarbage() {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc');
  }
  gc();
}

/** Times `fn` once, after a garbage collection; returns the milliseconds and what `fn` returned. */
export function timeOnce(fn) {
  collectGarbage();
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

/**
 * Runs each task (name → a function returning the milliseconds it measured, so it can set up
 * untimed) once to warm up, then `runs` times in a rotating order, so that no task always runs
 * first or last; returns the median per name.
 */
export function rounds(tasks, runs) {
  const names = Object.keys(tasks);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r <= runs; r += 1) {
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(k + r) % names.length];
      const ms = tasks[name]();
      if (r > 0) times[name].push(ms);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name])]));
}

/** `rounds` for tasks that return a promise of the milliseconds they measured. */
export async function roundsAsync(tasks, runs) {
  const names = Object.keys(tasks);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r <= runs; r += 1) {
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(k + r) % names.length];
      const ms = await tasks[name]();
      if (r > 0) times[name].push(ms);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(times[name])]));
}

/** A small seeded generator, so every run makes the same edits. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
