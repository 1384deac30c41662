#!/usr/bin/env node
// `npm run bench`: runs every benchmark in scripts/bench/registry.mjs against the built services
// and prints a table of figures.
//
//   npm run bench -- [--trace PATH] [--json FILE] [--only ID,ID] [--check] [benchmark options]
//
//   --trace PATH  an editing trace (gzip JSON, see ../shared/data/traces/README.md); default
//                 ../shared/data/traces/automerge-paper.json.gz beside the repository. Naming
//                 one also runs the benchmarks that need it named (the revision history's)
//   --json FILE   also write every figure as a JSON array of { name, value, unit, baseline, ratio, goal, goalOn }
//   --only IDS    run only these benchmarks (with or without --trace)
//   --check       exit 1 if a figure misses its goal
//   Each benchmark documents its own options (e.g. --lexical-batch, --flush-every in bench/file.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchmarks } from './bench/registry.mjs';
import { loadTrace } from './bench/trace.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out/main/services.js');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [key, inline] = arg.slice(2).split(/=(.*)/s);
    if (inline !== undefined) args[key] = inline;
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args[key] = argv[(i += 1)];
    else args[key] = true;
  }
  return args;
}

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds when the services bundle is missing or older than its sources: figures of stale code mislead. */
function ensureBuilt() {
  const builtAt = () => (existsSync(bundle) ? statSync(bundle).mtimeMs : 0);
  const sources = Math.max(newestSource(join(root, 'electron/services')), newestSource(join(root, 'shared')));
  if (builtAt() >= sources) return;
  console.log(existsSync(bundle) ? 'The services bundle is older than its sources; building…' : 'No services bundle yet; building…');
  const started = Date.now();
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (builtAt() >= started - 1_000) {
    if (build.status !== 0) console.log('(The build failed after the main-process bundle was written; the services are up to date.)');
    return;
  }
  throw new Error(`npx electron-vite build did not produce ${bundle} (exit ${build.status})`);
}

function fmt(x) {
  if (x === undefined || x === null) return '';
  if (typeof x !== 'number') return String(x);
  if (Number.isInteger(x)) return x.toLocaleString('en');
  return x >= 100 ? x.toFixed(1) : x.toPrecision(3);
}

/** Whether a figure's goal bounds its value rather than its ratio (it always does when it has no ratio). */
const goalOnValue = (row) => row.goalOn === 'value' || row.ratio === undefined;

/** A figure meets its goal when its ratio (or its value, see goalOnValue) is at most the goal. */
const verdict = (row) => (row.goal === undefined ? '' : (goalOnValue(row) ? row.value : row.ratio) <= row.goal ? 'yes' : 'NO');

function printTable(rows) {
  const header = ['figure', 'value', 'unit', 'baseline', 'ratio', 'goal', 'meets goal'];
  const lines = rows.map((r) => [r.name, fmt(r.value), r.unit, fmt(r.baseline), r.ratio === undefined ? '' : `${fmt(r.ratio)}x`, r.goal === undefined ? '' : `≤ ${fmt(r.goal)}${goalOnValue(r) ? ` ${r.unit}` : 'x'}`, verdict(r)]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  const numeric = [false, true, false, true, true, false, false];
  const show = (cells) => cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  console.log(show(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const line of lines) console.log(show(line));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const tracePath = resolve(typeof args.trace === 'string' ? args.trace : join(root, '../shared/data/traces/automerge-paper.json.gz'));
  const only = typeof args.only === 'string' ? new Set(args.only.split(',')) : null;
  const chosen = benchmarks.filter((b) => (only ? only.has(b.id) : !b.withTrace || typeof args.trace === 'string'));
  if (chosen.length === 0) throw new Error(`no benchmark called ${args.only}; there are: ${benchmarks.map((b) => b.id).join(', ')}`);

  ensureBuilt();
  const services = await import(pathToFileURL(bundle).href);
  const trace = loadTrace(tracePath);
  console.log(`Trace: ${tracePath} (${trace.txns.length.toLocaleString('en')} transactions, ${[...trace.endContent].length.toLocaleString('en')} characters at the end)`);
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}\n`);

  const rows = [];
  for (const bench of chosen) {
    const module = await bench.load();
    console.log(`${bench.id}: ${module.title}`);
    const started = performance.now();
    const figures = await module.run({ trace, services, args, root, log: (line) => console.log(line) });
    for (const figure of figures) rows.push({ ...figure, name: `${bench.id}: ${figure.name}` });
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  printTable(rows);

  if (typeof args.json === 'string') {
    const out = rows.map(({ name, value, unit, baseline, ratio, goal, goalOn }) => ({ name, value, unit, baseline, ratio, goal, goalOn }));
    writeFileSync(resolve(args.json), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\nWrote ${out.length} figures to ${resolve(args.json)}`);
  }
  const missed = rows.filter((r) => verdict(r) === 'NO');
  if (missed.length) console.log(`\n${missed.length} figure${missed.length === 1 ? '' : 's'} missed the goal: ${missed.map((r) => r.name).join('; ')}`);
  if (args.check && missed.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
});
