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
