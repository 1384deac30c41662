// Start in Chromium: from loading the page to a 40,000-word message shown and editable, the app
// (its built, minified renderer in the e2e harness, opening the file as when the OS opens it)
// beside a bare Lexical editor building the same paragraphs; and what the renderer weighs.
// The loading is timed by tests/bench/start.bench.ts; this module builds what it needs, runs it
// and turns its times into figures.
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { median, round } from './measure.mjs';
import { buildPages, runPlaywright } from './typing.mjs';

export const title = 'Start in Chromium: page load to a 40,000-word message shown and editable, app vs bare Lexical';

/** The renderer's JavaScript and CSS as shipped: bytes, and gzip bytes for a sense of its content. */
function weight(root) {
  const folder = join(root, 'out/renderer/assets');
  const files = readdirSync(folder).filter((f) => /\.(js|css)$/.test(f));
  const bytes = files.reduce((n, f) => n + statSync(join(folder, f)).size, 0);
  const gzip = files.reduce((n, f) => n + gzipSync(readFileSync(join(folder, f))).length, 0);
  return { bytes, gzip };
}

/**
 * Options: --start-words N words in the message (default 40000), --start-loads N counted loads of
 * each (default 7), --start-trace DIR to also record a Chromium trace, with V8's sampling
 * profiler, of one more load of the app (open it in Chrome DevTools).
 */
export async function run({ args, root, log }) {
  const words = Math.max(1, Number(args['start-words'] ?? 40_000));
  const loads = Math.max(3, Number(args['start-loads'] ?? 7));
  const out = join(root, 'tests/artifacts/bench/start.json');
  buildPages(root, log);
  mkdirSync(join(out, '..'), { recursive: true });
  const started = Date.now();
  await runPlaywright(root, {
    SIGNET_BENCH_OUT: out,
    SIGNET_BENCH_WORDS: String(words),
    SIGNET_BENCH_LOADS: String(loads),
    ...(typeof args['start-trace'] === 'string' ? { SIGNET_BENCH_TRACE: resolve(args['start-trace']) } : {}),
  }, log, 'start.bench.ts', /^\s*load /);
  if (statSync(out).mtimeMs < started) throw new Error(`the start benchmark passed but did not write ${out}`);
  const r = JSON.parse(readFileSync(resolve(out), 'utf8'));
  const app = median(r.times.app);
  const bare = median(r.times.bare);
  const w = weight(root);
  const list = (xs) => xs.map((x) => Math.round(x)).join(', ');
  log(`  ${r.settings.loads} loads of each, taking turns, after one uncounted load of each; ${r.settings.paragraphs} paragraphs; Chromium ${r.browser}`);
  log(`  app ms: ${list(r.times.app)}; bare ms: ${list(r.times.bare)}`);
  log(`  renderer: ${w.bytes.toLocaleString('en')} bytes of JavaScript and CSS (${w.gzip.toLocaleString('en')} gzipped)`);
  const label = `${words.toLocaleString('en')}-word message`;
  return [
    { name: `page load to a ${label} shown and editable (median)`, value: round(app), unit: 'ms', baseline: round(bare), ratio: round(app / bare, 2), goal: 1.3 },
    { name: `page load to a ${label} shown and editable, absolute`, value: round(app), unit: 'ms', goal: 500 },
    { name: 'renderer JavaScript and CSS as shipped', value: w.bytes, unit: 'bytes' },
  ];
}
