// Listing and searching a library of 1,000 messages (office.mjs makes them with the app's own
// code, from a seed). The app's services list it three ways: the first listing ever (every file
// read, every record verified, the summary cache written), the first after Signet restarts (new
// services on the same data folder: the summaries come from the cache file, every file is only
// stat'ed) and the next (warm), beside the floor any listing pays: reading the folder and stat'ing
// each file. Search: the first results for a word after the list arrives (the index built, then
// searched) and for the next query, beside the old way (lower-casing every text on each query).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, promises as fs, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectGarbage, median, round } from './measure.mjs';
import { OFFICE_VERSION } from './office.mjs';

export const title = 'A library of 1,000 messages: listing (first ever, after a restart, warm) and search';

const noDialogs = async () => null;
const host = { emit() {}, showInFolder: async () => {}, chooseMessageToOpen: noDialogs, chooseFolder: noDialogs, chooseSaveLocation: noDialogs, chooseCardToOpen: noDialogs, spellcheckLanguages: () => [], useSpellcheckLanguage() {} };

/** Signet started on `data` with the library in `library`. */
function start(s, data, library) {
  const settings = new s.SettingsStore(join(data, 'settings.json'), { ...s.defaultSettings(data), libraryFolder: library });
  return s.createServices(settings, host, { dataFolder: data });
}

async function list(services) {
  const reply = await services.dispatch('library.list', []);
  if (!reply.ok) throw new Error(`library.list failed: ${reply.error.message}`);
  return reply.value;
}

async function timed(fn) {
  collectGarbage();
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Makes the library in `workers` processes, each its share of the messages; returns the files' total bytes. */
async function makeOffice(bundle, folder, count, seed, workers, log) {
  const share = Math.ceil(count / workers);
  const generator = fileURLToPath(new URL('./office.mjs', import.meta.url));
  const done = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const child = spawn(process.execPath, [generator, bundle, folder, w * share, Math.min(count, (w + 1) * share), seed], { stdio: ['ignore', 'pipe', 'inherit'] });
      let last = '';
      child.stdout.setEncoding('utf8').on('data', (chunk) => {
        last = chunk.trim().split('\n').pop();
        if (w === 0 && last.startsWith('…')) log(`  ${last} (in the first of ${workers} processes)`);
      });
      return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(last).bytes) : reject(new Error(`office.mjs exited with ${code}`)))));
    }),
  );
  return done.reduce((a, b) => a + b, 0);
}

/**
 * The generated library, made once for this seed, size and OFFICE_VERSION (minutes of setup) and
 * kept in the temporary folder for the next run, whatever the build; `fresh` makes it again.
 */
async function office(root, count, seed, workers, fresh, log) {
  const folder = join(tmpdir(), `signet-bench-office-${OFFICE_VERSION}-${count}-${seed}`);
  if (existsSync(folder) && !fresh) {
    log(`  the library made earlier by this generator: ${folder}`);
    return folder;
  }
  const making = `${folder}.${process.pid}.making`;
  rmSync(making, { recursive: true, force: true });
  mkdirSync(making);
  const made = performance.now();
  const bytes = await makeOffice(join(root, 'out/main/services.js'), making, count, seed, workers, log);
  rmSync(folder, { recursive: true, force: true });
  renameSync(making, folder);
  log(`  ${count.toLocaleString('en')} messages, ${(bytes / 1e6).toFixed(1)} MB, made in ${((performance.now() - made) / 1000).toFixed(1)} s into ${folder}`);
  // The cache keeps no summary of a file changed in the last seconds; an office's files are older.
  await new Promise((resolve) => setTimeout(resolve, 3_500));
  return folder;
}

/**
 * Options: --library-messages N (default 1,000), --library-runs N (default 5), --seed N (default 1),
 * --library-workers N processes making the library (default 2), --library-fresh to make it again
 * rather than use the one made earlier.
 */
export async function run({ services: s, args, root: repository, log }) {
  const count = Math.max(1, Number(args['library-messages'] ?? 1000));
  const runs = Math.max(1, Number(args['library-runs'] ?? 5));
  const root = mkdtempSync(join(tmpdir(), 'signet-bench-library-'));
  try {
    start(s, join(root, 'setup'), root); // Node's Ed25519 for the setup's signature checks too.
    const workers = Math.max(1, Number(args['library-workers'] ?? 2));
    const library = await office(repository, count, Number(args.seed ?? 1), workers, !!args['library-fresh'], log);

    const floor = async () => {
      const names = (await fs.readdir(library)).filter((n) => n.endsWith('.signet'));
      for (const n of names) statSync(join(library, n), { bigint: true });
    };
    const readAll = async () => {
      const names = (await fs.readdir(library)).filter((n) => n.endsWith('.signet'));
      await Promise.all(names.map((n) => fs.readFile(join(library, n))));
    };
    const first = [];
    const restarted = [];
    const warm = [];
    const floors = [];
    const reads = [];
    let shown = [];
    for (let r = 0; r < runs; r += 1) {
      const data = join(root, `data-${r}`);
      mkdirSync(data);
      reads.push((await timed(readAll)).ms);
      const once = await timed(() => list(start(s, data, library)));
      first.push(once.ms);
      floors.push((await timed(floor)).ms);
      const again = start(s, data, library);
      const after = await timed(() => list(again));
      restarted.push(after.ms);
      warm.push((await timed(() => list(again))).ms);
      if (JSON.stringify(after.value) !== JSON.stringify(once.value)) throw new Error('the listing after a restart differs from the first');
      shown = after.value;
    }
    if (shown.length !== count || shown.some((m) => m.damage)) throw new Error(`listed ${shown.length} messages, ${shown.filter((m) => m.damage).length} damaged`);
    const states = {};
    for (const m of shown) states[m.state] = (states[m.state] ?? 0) + 1;
    log(`  states: ${Object.entries(states).map(([k, v]) => `${k} ${v}`).join(', ')}; ${shown.reduce((n, m) => n + m.words, 0).toLocaleString('en')} words`);

    // Search: a word in some messages' text, as typed into the box once the list has come.
    const query = 'firefighters nurses';
    const firstSearch = [];
    const nextSearch = [];
    const oldWay = [];
    let found = 0;
    for (let r = 0; r < runs; r += 1) {
      const a = await timed(() => s.search(s.searchIndex(shown), query));
      firstSearch.push(a.ms);
      found = a.value.length;
      const index = s.searchIndex(shown);
      nextSearch.push((await timed(() => s.search(index, 'harbour wall'))).ms);
      const q = query.toLocaleLowerCase();
      const b = await timed(() => shown.filter((m) => m.title.toLocaleLowerCase().includes(q) || m.text.toLocaleLowerCase().includes(q)));
      if (b.value.length !== found) throw new Error(`the search found ${found}, the old way ${b.value.length}`);
      oldWay.push(b.ms);
    }
    log(`  "${query}" is in ${found} messages; medians of ${runs} runs, each on new services over a new data folder`);
    const vs = (name, value, baseline, goal) => ({ name, value: round(value), unit: 'ms', baseline: round(baseline), ratio: round(value / baseline), ...(goal ? { goal, goalOn: 'value' } : {}) });
    return [
      vs('first listing ever (every file read) vs reading every file', median(first), median(reads)),
      vs('listing after a restart (the cache file) vs stat of every file', median(restarted), median(floors), 1000),
      vs('listing again (warm) vs stat of every file', median(warm), median(floors), 50),
      vs('search: first results after the list came vs lower-casing every text', median(firstSearch), median(oldWay), 200),
      vs('search: the next query vs lower-casing every text', median(nextSearch), median(oldWay), 200),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
