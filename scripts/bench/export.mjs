// Export of a signed statement of about ten A4 pages (the Statement template): the PDF copy
// (makeCopy: the HTML copy, printed by ChromiumPrinter, sealed by pdf-lib with the manifest
// attached) beside a bare page.pdf of the same HTML in a fresh context of the same browser, and
// the HTML copy (htmlCopy: manifest, page, fonts inlined), the first call in the process and warm.
// Then where the time goes: the copy's three steps (from its progress reports), the bare print
// with the printer's tagged PDF and outline and in its closed page, sealPdf alone (pdf-lib's load
// and save) and htmlCopy's parts. And the check of the signed copy: `signet verify`'s (read with
// pdf.js in Node, checked) beside the verifier page's (the same code in Chromium, the copy dropped
// on out/verifier/verifier.html, timed by the page's own performance measure of its check).
//
// The export services are not in the services bundle, so tests/bench/export-message.ts (which
// also makes the message) is built into out/bench-export with Vite, dependencies left to
// node_modules as electron-vite leaves them, when it is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectGarbage, median, round } from './measure.mjs';

export const title = "Export of a signed 10-page statement: PDF copy (makeCopy) vs a bare page.pdf of the same HTML; HTML copy (htmlCopy); the verifier page's check vs signet verify's";

const ENTRY = 'tests/bench/export-message.ts';
const BUNDLE = 'out/bench-export/export-message.js';
const SOURCES = [ENTRY, 'tests/bench/content.ts', 'tests/helpers/signed.ts', 'electron/services', 'shared', 'package-lock.json'];
const BUILD = `import { build } from 'vite';
await build({ configFile: false, logLevel: 'warn', build: { ssr: '${ENTRY}', outDir: 'out/bench-export', emptyOutDir: true, target: 'node20', minify: false, reportCompressedSize: false } });`;

/** The newest modification time under `path` (a file or a folder). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  return stat.isDirectory() ? Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry)))) : stat.mtimeMs;
}

async function loadExportBench(root, log) {
  const bundle = join(root, BUNDLE);
  if (newest(bundle) < Math.max(...SOURCES.map((source) => newest(join(root, source))))) {
    log(`  ${existsSync(bundle) ? `${BUNDLE} is older than its sources` : `no ${BUNDLE} yet`}; building it with Vite…`);
    const build = spawnSync(process.execPath, ['--input-type=module', '-e', BUILD], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0 || !existsSync(bundle)) throw new Error(`building ${BUNDLE} failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
  }
  return import(pathToFileURL(bundle).href);
}

const count = (args, name, fallback, min) => {
  const value = Number(args[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
  return value;
};

/** Times an async step after a garbage collection; returns the milliseconds and its result. */
async function timed(fn) {
  collectGarbage();
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

/**
 * Runs each task (name → an async function returning its milliseconds, or an object of named
 * milliseconds) once to warm up, then `runs` times in a rotating order, so that no task always
 * runs first or last; returns every sample per name.
 */
async function rotate(tasks, runs) {
  const names = Object.keys(tasks);
  const samples = {};
  for (let r = 0; r <= runs; r += 1) {
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(k + r) % names.length];
      const got = await tasks[name]();
      if (r === 0) continue;
      for (const [key, value] of Object.entries(typeof got === 'number' ? { [name]: got } : got)) (samples[key] ??= []).push(value);
    }
  }
  return samples;
}

/** The verifier page in its own context of `browser`, built first when the build has not made it. */
async function openVerifier(browser, root, log) {
  const file = join(root, 'out/verifier/verifier.html');
  if (!existsSync(file)) {
    log('  no out/verifier/verifier.html yet; building it…');
    await (await import(pathToFileURL(join(root, 'scripts/build-verifier.mjs')).href)).buildVerifier();
  }
  const page = await (await browser.newContext()).newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  page.requests = requests;
  return page;
}

/** Drops `bytes` on the verifier page as a PDF and returns the milliseconds the page measured for its check; throws unless it says authentic. */
async function verifierCheck(page, bytes) {
  collectGarbage();
  const transfer = await page.evaluateHandle((base64) => {
    const data = new DataTransfer();
    data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'statement.pdf'));
    return data;
  }, Buffer.from(bytes).toString('base64'));
  const before = await page.evaluate(() => performance.getEntriesByName('signet-check').length);
  await page.locator('#drop').dispatchEvent('drop', { dataTransfer: transfer });
  await page.waitForFunction((n) => performance.getEntriesByName('signet-check').length > n, before, { timeout: 120_000 });
  const heading = await page.locator('.result article h2').textContent();
  if (!heading?.startsWith('Authentic')) throw new Error(`the verifier page did not find the copy authentic: ${await page.locator('.result').textContent()}`);
  await transfer.dispose();
  return page.evaluate(() => performance.getEntriesByName('signet-check').at(-1).duration);
}

const ms = (x) => round(x, 1);
const PDF = 'PDF copy (makeCopy)';
const PREPARING = '  preparing: htmlCopy';
const PRINTING = '  printing: ChromiumPrinter.pdf';
const SEALING = '  sealing: sealPdf';
const BARE = 'bare page.pdf';
const TAGGED = 'bare page.pdf, tagged and with an outline';
const SHUT = 'bare page.pdf, no scripts, offline, requests aborted';
const SEAL = 'sealPdf alone, on one print';
const VERIFY = 'verify of the signed PDF copy (read and check)';
const BEFORE = 'verify with pages compared, one after the other';
const AFTER = 'verify with pages compared, print overlapping the read';
const CLI = 'signet verify COPY, a new process (Chromium started)';
const LAUNCH = 'Chromium start (launch, a page, a one-line print)';
const PAGE = 'the verifier page\'s check of the same copy, in Chromium';
const LOAD = '  pdf-lib load';
const SAVE = '  pdf-lib save (nothing changed)';
const stats = (xs) => ({ median: median(xs), min: Math.min(...xs) });

/**
 * Options: --export-words N words of body (default 3200, which prints ten A4 pages with the
 * certificate), --export-runs N timed runs of each print and seal (default 9), --html-runs N timed
 * runs of htmlCopy and its parts (default 20), --export-out DIR to keep the HTML copy, the PDF copy
 * and the bare print there to look at.
 */
export async function run({ args, root, log }) {
  const words = count(args, 'export-words', 3_200, 100);
  const runs = count(args, 'export-runs', 9, 3);
  const htmlRuns = count(args, 'html-runs', 20, 3);
  const x = await loadExportBench(root, log);
  const loadBefore = loadavg();

  const made = await timed(() => x.statementMessage({ words }));
  const { doc } = made.result;
  const counted = x.countText(x.messageText(doc)).words;
  const layout = x.defaultLayout(doc, 'statement', 'A4');
  const at = new Date().toISOString();
  const htmlRequest = { format: 'html', layout, at };
  const pdfRequest = { format: 'pdf', layout, at };

  // Amina exports: her key seals the copy and signs the PDF (PAdES), as every final copy is.
  const exporter = await x.exporterFromSigner(x.AMINA.signer, x.AMINA.member);
  // The HTML copy: the first call reads and encodes the font slices, later calls have them.
  const first = await timed(() => x.htmlCopy(doc, htmlRequest, exporter));
  const { manifest, html } = first.result;
  const parts = {
    'htmlCopy': () => x.htmlCopy(doc, htmlRequest, exporter),
    'buildManifest': () => x.buildManifest(doc, { layout, at, images: {} }),
    'copyText (the words, for the fonts)': () => x.copyText(manifest),
    'fontCss (slices inlined)': () => x.fontCss(x.copyText(manifest) + manifest.content.title),
    'renderCopy (the page)': () => x.renderCopy(manifest, { fontCss: '' }),
    'manifestState (records verified)': () => x.manifestState(manifest),
  };
  const htmlSamples = await rotate(Object.fromEntries(Object.entries(parts).map(([name, fn]) => [name, async () => (await timed(fn)).ms])), htmlRuns);
  if (x.htmlCopy(doc, htmlRequest, exporter).html !== html) throw new Error('htmlCopy gave a different page for the same request');

  // The printer, and its browser launched (by an untimed copy) before anything is timed.
  const executable = x.findChromium();
  if (!executable) throw new Error(x.NO_CHROMIUM);
  const printer = new x.ChromiumPrinter(executable);
  try {
    const launch = await timed(() => x.makeCopy(doc, pdfRequest, { printer, exporter }));
    if (launch.result.html !== html) throw new Error("makeCopy's page is not htmlCopy's for the same request");
    // ChromiumPrinter keeps its browser to itself; the bare print runs in the same one.
    const browser = await printer.browser;
    if (typeof browser?.newContext !== 'function') throw new Error("could not reach ChromiumPrinter's browser (its private field 'browser')");

    // A bare print: a fresh context and page, the HTML set, page.pdf, the context closed; the
    // what-ifs add the printer's own settings one by one to find what costs.
    const bare = async (options, { context: contextOptions = {}, abortRequests = false } = {}) => {
      collectGarbage();
      const t0 = performance.now();
      const context = await browser.newContext(contextOptions);
      const page = await context.newPage();
      if (abortRequests) await page.route('**/*', (route) => route.abort());
      await page.setContent(html);
      const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true, ...options });
      await context.close();
      return { ms: performance.now() - t0, bytes };
    };
    let copy = launch.result;
    let barePdf = null;
    // One print for sealPdf to seal again and again (untimed).
    const printed = await printer.pdf(html, { pageSize: layout.pageSize });
    const signedManifest = launch.result.manifest;
    const json = JSON.stringify(signedManifest);
    const verifier = await openVerifier(browser, root, log);
    const copyFile = join(mkdtempSync(join(tmpdir(), 'signet-bench-')), 'statement.pdf');
    writeFileSync(copyFile, launch.result.bytes);
    if (!existsSync(join(root, 'out/main/cli.js'))) throw new Error('out/main/cli.js is not built: run npm run build first');
    const samples = await rotate(
      {
        // The copy's own steps, timed from its progress reports.
        [PDF]: async () => {
          const at = {};
          collectGarbage();
          const t0 = performance.now();
          copy = await x.makeCopy(doc, pdfRequest, { printer, exporter, onProgress: (step) => (at[step] = performance.now()) });
          const end = performance.now();
          return { [PDF]: end - t0, [PREPARING]: at.printing - t0, [PRINTING]: at.sealing - at.printing, [SEALING]: end - at.sealing };
        },
        [BARE]: async () => {
          const t = await bare({});
          barePdf = t.bytes;
          return t.ms;
        },
        [TAGGED]: async () => (await bare({ tagged: true, outline: true })).ms,
        // signet verify's work on the signed copy: read with pdf.js (text, drawing, signature) and checked.
        [VERIFY]: async () => {
          collectGarbage();
          const t0 = performance.now();
          const read = await x.readCopyBytes(copy.bytes, 'statement.pdf');
          const check = x.checkCopy(read.manifest, read.seen);
          if (!check.authentic || read.hazards.length) throw new Error(`the signed copy does not verify: ${[...read.hazards, ...check.problems].join('; ')}`);
          return performance.now() - t0;
        },
        // All of signet verify's work in the process, Chromium running: as it was (read and check,
        // then the fresh print compared) and as it is (readCopyComparing: the print starts once the
        // manifest is read, while pdf.js reads the pages).
        [BEFORE]: async () => {
          collectGarbage();
          const t0 = performance.now();
          const read = await x.readCopyBytes(copy.bytes, 'statement.pdf');
          const verdict = x.copyVerdict(read, null);
          const problems = verdict.authentic ? await x.drawnPageProblems(copy.bytes, read.manifest, read.attachments, printer) : verdict.problems;
          if (problems.length) throw new Error(`the signed copy does not verify: ${problems.join('; ')}`);
          return performance.now() - t0;
        },
        [AFTER]: async () => {
          collectGarbage();
          const t0 = performance.now();
          const read = await x.readCopyComparing(copy.bytes, 'statement.pdf', printer);
          const verdict = x.copyVerdict(read.copy, null);
          const problems = verdict.authentic ? await read.pages() : verdict.problems;
          if (problems.length) throw new Error(`the signed copy does not verify: ${problems.join('; ')}`);
          return performance.now() - t0;
        },
        // What a user waits for: node bin/signet.js verify COPY, from the process's start to its exit.
        [CLI]: async () => {
          const t0 = performance.now();
          const result = spawnSync(process.execPath, [join(root, 'bin/signet.js'), 'verify', copyFile], { encoding: 'utf8' });
          const elapsed = performance.now() - t0;
          if (result.status !== 0) throw new Error(`signet verify failed (exit ${result.status}): ${result.stderr}`);
          return elapsed;
        },
        // Chromium's start alone, as signet verify starts it: the least a new process can take.
        [LAUNCH]: async () => {
          const fresh = new x.ChromiumPrinter(executable);
          const t0 = performance.now();
          try {
            await fresh.pdf('<!doctype html><p>x</p>', { pageSize: 'A4' });
            return performance.now() - t0;
          } finally {
            await fresh.close();
          }
        },
        // The same check in the verifier page (out/verifier/verifier.html), as a dropped file: the page's own measure of it.
        [PAGE]: async () => verifierCheck(verifier, copy.bytes),
        [SHUT]: async () => (await bare({}, { context: { javaScriptEnabled: false, offline: true }, abortRequests: true })).ms,
        [SEAL]: async () => {
          const seal = await timed(() => x.sealPdf(printed, signedManifest, json, exporter.pdfSigner(new Date(at))));
          const load = await timed(() => x.PDFDocument.load(printed, { updateMetadata: false }));
          const save = await timed(() => load.result.save({ useObjectStreams: false }));
          return { [SEAL]: seal.ms, [LOAD]: load.ms, [SAVE]: save.ms };
        },
      },
      runs,
    );

    const fetched = verifier.requests.filter((url) => url !== verifier.url());
    if (fetched.length) throw new Error(`the verifier page made requests: ${fetched.join(', ')}`);
    await verifier.context().close();
    rmSync(dirname(copyFile), { recursive: true, force: true });
    const pages = (await x.PDFDocument.load(copy.bytes)).getPageCount();
    const barePages = (await x.PDFDocument.load(barePdf)).getPageCount();
    const version = browser.version();
    if (typeof args['export-out'] === 'string') {
      const out = resolve(args['export-out']);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'statement.html'), html);
      writeFileSync(join(out, 'statement.pdf'), copy.bytes);
      writeFileSync(join(out, 'statement-bare.pdf'), barePdf);
      log(`  wrote statement.html, statement.pdf and statement-bare.pdf to ${out}`);
    }

    const s = Object.fromEntries(Object.entries({ ...samples, ...htmlSamples }).map(([name, xs]) => [name, stats(xs)]));
    const base = s[BARE];
    const line = (name, median, min, ratio) => `    ${name.padEnd(54)} ${ms(median).toFixed(1).padStart(7)} ${min === undefined ? '' : ms(min).toFixed(1).padStart(7)}${ratio ? `  ${ratio.toFixed(2)}x the bare print` : ''}`;
    const row = (name, against) => line(name, s[name].median, s[name].min, against && s[name].median / against.median);
    log(
      `  a Signed statement (roster, review, two approvals, the signature; ${made.result.paragraphs} paragraphs, ${made.result.headings} headings, ` +
        `${made.result.bold} bold words, ${counted.toLocaleString('en')} words), made in ${round(made.ms / 1000, 2)} s;\n` +
        `  ${pages} A4 pages in the PDF copy (${barePages} in the bare print), ${html.length.toLocaleString('en')} characters of HTML; Chromium ${version} (${executable});\n` +
        `  the browser launched by a first, untimed copy (${ms(launch.ms)} ms with the launch); medians and minimums of ${runs} runs (${htmlRuns} for the HTML),\n` +
        `  in rotating order, each after a garbage collection; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ` +
        `${loadavg().map((l) => l.toFixed(2)).join(' ')} after, on ${availableParallelism()} CPUs.`,
    );
    if (pages < 9 || pages > 11) log(`  (the PDF has ${pages} pages, not about 10: set --export-words to suit)`);
    log(`    ${'in ms'.padEnd(54)} ${'median'.padStart(7)} ${'min'.padStart(7)}`);
    for (const name of [PDF, PREPARING, PRINTING, SEALING, BARE, TAGGED, SHUT]) log(row(name, [PDF, PRINTING, TAGGED, SHUT].includes(name) ? base : null));
    for (const name of [SEAL, LOAD, SAVE, VERIFY, BEFORE, LAUNCH]) log(row(name));
    log(line(AFTER, s[AFTER].median, s[AFTER].min, s[AFTER].median / s[BEFORE].median).replace('the bare print', 'one after the other'));
    log(line(CLI, s[CLI].median, s[CLI].min, s[CLI].median / s[LAUNCH].median).replace('the bare print', "Chromium's start"));
    log(line(PAGE, s[PAGE].median, s[PAGE].min, s[PAGE].median / s[VERIFY].median).replace('the bare print', 'signet verify'));
    log(line('htmlCopy, the first call in the process', first.ms));
    for (const name of Object.keys(parts)) log(row(name));

    const figure = (name, value, unit, extra = {}) => ({ name, value, unit, ...extra });
    const vs = (name, a, b, goal) => figure(name, ms(a), 'ms', { baseline: ms(b), ratio: round(a / b, 2), ...(goal === undefined ? {} : { goal }) });
    return [
      vs(`PDF copy of ${pages} pages (makeCopy) vs bare page.pdf of the same HTML, median`, s[PDF].median, base.median, 1.2),
      vs('PDF copy vs bare page.pdf, min', s[PDF].min, base.min),
      figure('HTML copy (htmlCopy), warm, median', ms(s.htmlCopy.median), 'ms', { goal: 100 }),
      figure('HTML copy, warm, min', ms(s.htmlCopy.min), 'ms'),
      figure('HTML copy, the first call in the process (font files read)', ms(first.ms), 'ms', { goal: 100 }),
      figure('bare page.pdf (fresh context, setContent, pdf), median', ms(base.median), 'ms'),
      figure('PDF copy, step 1: preparing (htmlCopy), median', ms(s[PREPARING].median), 'ms'),
      vs('PDF copy, step 2: printing (ChromiumPrinter.pdf) vs bare page.pdf, median', s[PRINTING].median, base.median),
      figure('PDF copy, step 3: sealing (sealPdf), median', ms(s[SEALING].median), 'ms'),
      vs('bare page.pdf tagged and with an outline vs bare, median', s[TAGGED].median, base.median),
      vs("bare page.pdf in the printer's closed page (no scripts, offline, requests aborted) vs bare, median", s[SHUT].median, base.median),
      figure(`verify of the ${pages}-page signed PDF copy (pdf.js read, signature, check), median`, ms(s[VERIFY].median), 'ms', { goal: 1000 }),
      vs('verify vs bare page.pdf of the same HTML, median', s[VERIFY].median, base.median),
      vs('verify with the pages compared, the print overlapping the read vs one after the other (Chromium running), median', s[AFTER].median, s[BEFORE].median),
      figure(`signet verify of the ${pages}-page copy, a new process from start to exit (Chromium started, pages printed and compared), median`, ms(s[CLI].median), 'ms', { goal: 1000 }),
      vs("signet verify, a new process vs Chromium's start alone (launch, a page, a one-line print), median", s[CLI].median, s[LAUNCH].median),
      figure("Chromium's start alone (launch, a page, a one-line print), median", ms(s[LAUNCH].median), 'ms'),
      vs(`the verifier page's check of the ${pages}-page copy (Chromium, pdf.js in the page) vs signet verify's, median`, s[PAGE].median, s[VERIFY].median),
      figure('PDF pages', pages, 'pages'),
      figure('PDF copy size vs the bare print', copy.bytes.length, 'bytes', { baseline: barePdf.length, ratio: round(copy.bytes.length / barePdf.length, 2) }),
      figure('PDF as printed, before sealing', printed.length, 'bytes'),
      figure('HTML copy size', Buffer.byteLength(html), 'bytes'),
    ];
  } finally {
    await printer.close();
  }
}
