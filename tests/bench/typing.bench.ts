// The typing benchmark, run by scripts/bench/typing.mjs through tests/bench/playwright.config.ts
// (never by `npm test`). Two editors in one Chromium:
//  - the real app, served from out/renderer by the e2e harness with the real services bound in,
//    with a message of SIGNET_BENCH_WORDS words (40,000) open and the caret mid-text;
//  - a bare Lexical editor (tests/bench/bare, built into out/bench) with the same nodes, theme,
//    stylesheet and paragraphs, but no Yjs binding, no IPC and none of the app's listeners.
//  - the same app, for another person (Ben, a browser context of his own) with his copy of the
//    message open in Suggesting mode, so every keystroke goes into one insertion suggestion (issue 17).
// Keystrokes go to the editors in turn, in blocks, one at a time, each after the last one's frame and a
// pause, so drift in the machine's load falls on both alike. Then a large HTML paste
// (SIGNET_BENCH_PASTE_BYTES, 5 MB) into a blank message of the real app and into an empty bare
// editor, with tests/e2e/helpers.ts's synthetic paste. Raw samples go to the JSON file
// SIGNET_BENCH_OUT; typing.mjs turns them into figures and documents the SIGNET_BENCH_* settings.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../e2e/harness';
import { editorOf, fileText, paste, saved } from '../e2e/helpers';
import { writePlainText } from '../../electron/services/document/compose';
import { newMessage } from '../../electron/services/library/library';
import { createMessageFile } from '../../electron/services/files/message-store';
import { PASTE_END, benchPlainText, pasteHtml } from './content';
import { BARE_URL, serveBare } from './serve-bare';

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, not ${process.env[name]}`);
  return value;
};
const WORDS = env('SIGNET_BENCH_WORDS', 40_000);
const KEYSTROKES = env('SIGNET_BENCH_KEYSTROKES', 600);
const WARMUP = env('SIGNET_BENCH_WARMUP', 30);
const BLOCK = Math.max(1, env('SIGNET_BENCH_BLOCK', 25));
const GAP_MS = env('SIGNET_BENCH_GAP', 50);
const PASTE_BYTES = env('SIGNET_BENCH_PASTE_BYTES', 5_000_000);
const OUT = resolve(process.env.SIGNET_BENCH_OUT ?? 'tests/artifacts/bench/typing.json');
/** A folder for a Chromium trace and a V8 CPU profile of extra, uncounted keystrokes in each editor, and of the app's paste. */
const TRACE = process.env.SIGNET_BENCH_TRACE ? resolve(process.env.SIGNET_BENCH_TRACE) : null;
/** What-ifs for finding a fix without touching the app: CSS added to both editors' pages ... */
const EXTRA_CSS = process.env.SIGNET_BENCH_EXTRA_CSS ?? '';
/** ... and the app's Content Security Policy switched off (Playwright's bypassCSP). */
const NO_CSP = process.env.SIGNET_BENCH_NO_CSP === '1';
/** Typed in a loop: lower-case words and single spaces, nothing a plugin would turn into markup. */
const PHRASE = 'we thank every volunteer for the work of this year and ';

test.setTimeout(30 * 60_000);
test.use({ bypassCSP: NO_CSP });

interface Sample {
  /** The keydown event's time stamp: when the browser took the keystroke. */
  keydown: number;
  /** When the page's first keydown listener ran, and the first beforeinput and input listeners. */
  received: number;
  beforeinput: number | null;
  input: number | null;
  /** When the first MutationObserver callback after the keystroke ran. */
  mutation: number;
  /** When the editor committed an update that changed text, after every update listener ran. */
  committed: number | null;
  /** When the main thread had finished the first frame after the DOM change. */
  frame: number;
}
interface LongTask {
  start: number;
  duration: number;
}
type ProbeWindow = Window & {
  __probe: {
    root: HTMLElement;
    stop(): void;
    samples: Sample[];
    longTasks: LongTask[];
    wait(count: number): Promise<void>;
    paste: { dispatched: number | null; text: number | null; frame: number | null };
  };
};

/**
 * Runs in the page: a capture-phase keydown listener notes the keystroke's time stamp (when the
 * browser took it); capture-phase beforeinput and input listeners note when those began; a
 * MutationObserver on the editor root notes the first DOM change after the keystroke (Chromium's
 * own insertion of the character, which comes before Lexical's input handler); a Lexical update
 * listener added after the page's own notes when the editor committed the text change, after the
 * page's listeners (the Yjs binding and everything it sends) ran; and a task posted from the next
 * animation frame notes when the main thread had produced that frame (style, layout, paint).
 */
function installProbe(end: string) {
  const w = window as unknown as ProbeWindow;
  const root = document.querySelector<HTMLElement>('[aria-label="Message text"]')!;
  // Opening another message replaces the editor: start again on the new one.
  if (w.__probe?.root === root) return;
  w.__probe?.stop();
  const listeners = new AbortController();
  const samples: Sample[] = [];
  const longTasks: LongTask[] = [];
  const waiters: { count: number; resolve(): void }[] = [];
  let pending: Omit<Sample, 'mutation' | 'frame'> & { mutation: number | null } | null = null;
  const paste = { dispatched: null as number | null, text: null as number | null, frame: null as number | null };
  const afterTasks = (then: () => void) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      then();
    };
    channel.port2.postMessage(null);
  };
  const capture = { capture: true, signal: listeners.signal };
  window.addEventListener(
    'keydown',
    (e) => void (pending = { keydown: e.timeStamp, received: performance.now(), beforeinput: null, input: null, mutation: null, committed: null }),
    capture,
  );
  window.addEventListener('beforeinput', () => void (pending && (pending.beforeinput ??= performance.now())), capture);
  window.addEventListener('input', () => void (pending && (pending.input ??= performance.now())), capture);
  window.addEventListener('paste', () => void (paste.dispatched = performance.now()), capture);
  const editor = (root as HTMLElement & { __lexicalEditor?: { registerUpdateListener(l: (u: { dirtyLeaves: Set<string> }) => void): () => void } }).__lexicalEditor;
  const stopUpdates = editor?.registerUpdateListener(({ dirtyLeaves }: { dirtyLeaves: Set<string> }) => {
    if (pending && pending.committed === null && dirtyLeaves.size > 0) pending.committed = performance.now();
  });
  const ended = () => {
    for (let el = root.lastElementChild, i = 0; el && i < 3; el = el.previousElementSibling, i += 1) if (el.textContent?.includes(end)) return true;
    return false;
  };
  const mutations = new MutationObserver(() => {
    const now = performance.now();
    if (paste.dispatched !== null && paste.text === null && ended()) {
      paste.text = now;
      requestAnimationFrame(() => afterTasks(() => void (paste.frame = performance.now())));
    }
    const p = pending;
    if (!p || p.mutation !== null) return;
    p.mutation = now;
    requestAnimationFrame(() =>
      afterTasks(() => {
        samples.push({ ...p, mutation: p.mutation!, frame: performance.now() });
        if (pending === p) pending = null;
        for (const waiter of waiters.splice(0)) {
          if (samples.length >= waiter.count) waiter.resolve();
          else waiters.push(waiter);
        }
      }),
    );
  });
  mutations.observe(root, { subtree: true, childList: true, characterData: true });
  const tasks = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  });
  tasks.observe({ type: 'longtask' });
  w.__probe = {
    root,
    stop() {
      listeners.abort();
      stopUpdates?.();
      mutations.disconnect();
      tasks.disconnect();
    },
    samples,
    longTasks,
    paste,
    wait: (count) => (samples.length >= count ? Promise.resolve() : new Promise((resolve) => void waiters.push({ count, resolve }))),
  };
}

/** Adds EXTRA_CSS through a constructed style sheet, which the app's CSP allows. */
async function addExtraCss(page: Page) {
  if (!EXTRA_CSS) return;
  await page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, EXTRA_CSS);
}

/** Puts the caret after a space near the middle of the middle paragraph, scrolled into view. */
async function caretMidText(page: Page) {
  const where = await editorOf(page).evaluate((root) => {
    const paragraphs = Array.from(root.children).filter((el) => el.tagName === 'P');
    const p = paragraphs[Math.floor(paragraphs.length / 2)];
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const text = walker.nextNode() as Text;
    const at = text.data.indexOf(' ', Math.floor(text.data.length / 2)) + 1;
    (root as HTMLElement).focus({ preventScroll: true });
    p.scrollIntoView({ block: 'center' });
    document.getSelection()!.collapse(text, at);
    return { paragraph: paragraphs.indexOf(p), of: paragraphs.length, at, length: text.data.length, characters: root.textContent?.length ?? 0 };
  });
  // The pointer rests over the text in both editors (Chromium hit-tests it again after each change).
  await page.mouse.move(640, 430);
  await page.waitForTimeout(300); // Lexical reads the new selection on selectionchange
  return where;
}

/** The text of the paragraph the caret was put in. */
const paragraphText = (page: Page, index: number) =>
  editorOf(page).evaluate((root, i) => Array.from(root.children).filter((el) => el.tagName === 'P')[i].textContent ?? '', index);

async function typeKeys(page: Page, chars: string) {
  for (const ch of chars) {
    const before = await page.evaluate(() => (window as unknown as ProbeWindow).__probe.samples.length);
    await page.keyboard.type(ch);
    await page.evaluate((n) => (window as unknown as ProbeWindow).__probe.wait(n), before + 1);
    if (GAP_MS) await page.waitForTimeout(GAP_MS);
  }
}

const probeOf = (page: Page) =>
  page.evaluate(() => {
    const { samples, longTasks, paste } = (window as unknown as ProbeWindow).__probe;
    return { samples, longTasks, paste };
  });

/**
 * Runs `work` under a Chromium trace (timeline, layout, editing, input) and a V8 CPU profile of
 * the page, written to TRACE/<name>.trace.json and TRACE/<name>.cpuprofile (open either in
 * Chrome DevTools' Performance panel).
 */
async function traced(page: Page, name: string, work: () => Promise<void>) {
  if (!TRACE) return work();
  await mkdir(TRACE, { recursive: true });
  const browser = page.context().browser()!;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'blink.user_timing', 'editing', 'input', 'latencyInfo', 'toplevel', 'v8.execute'];
  await browser.startTracing(page, { categories });
  await cdp.send('Profiler.start');
  try {
    await work();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(join(TRACE, `${name}.trace.json`), await browser.stopTracing());
    await writeFile(join(TRACE, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}

/** Opens the bare editor with `words` words in `page`. */
async function openBare(page: Page, words: number) {
  await serveBare(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await page.goto(`${BARE_URL}?words=${words}`);
  await expect(editorOf(page)).toBeVisible();
  return errors;
}

/** Waits until the app has saved and the status bar's delayed recount has run. */
async function appSettled(page: Page) {
  await saved(page);
  await page.waitForTimeout(400);
}

test('typing latency and a large paste: the app\'s editor beside a bare Lexical editor', async ({ signet }) => {
  const { page } = signet;
  const started = Date.now();
  await mkdir(signet.library, { recursive: true });
  const typingPath = join(signet.library, 'Typing benchmark.signet');
  const typingDoc = newMessage('blank', 'Typing benchmark');
  writePlainText(typingDoc, benchPlainText(WORDS));
  await createMessageFile(typingPath, typingDoc);
  const pastePath = join(signet.library, 'Paste benchmark.signet');
  await createMessageFile(pastePath, newMessage('blank', 'Paste benchmark'));

  // Ben suggests in his own copy of the message (the same text), in a Signet of his own.
  const ben = await signet.another({ name: 'Ben Okafor', jobTitle: 'Chief of Staff' });
  await mkdir(ben.library, { recursive: true });
  await createMessageFile(join(ben.library, 'Typing benchmark.signet'), typingDoc);

  await signet.start();
  let t0 = Date.now();
  await page.getByRole('row', { name: 'Typing benchmark' }).dblclick();
  await expect(editorOf(page)).toBeVisible();
  await expect(page.getByTestId('count-words')).toHaveText(`${WORDS.toLocaleString()} words`);
  const appOpenMs = Date.now() - t0;

  const barePage = await page.context().newPage();
  t0 = Date.now();
  const bareErrors = await openBare(barePage, WORDS);
  const bareOpenMs = Date.now() - t0;

  await ben.start();
  await ben.page.getByRole('row', { name: 'Typing benchmark' }).dblclick();
  await expect(editorOf(ben.page)).toBeVisible();
  await ben.page.getByRole('radio', { name: 'Suggesting' }).click();
  await expect(ben.page.getByRole('radio', { name: 'Suggesting' })).toBeChecked();

  const editors = [
    { name: 'app', page, after: () => appSettled(page) },
    { name: 'bare', page: barePage, after: () => barePage.waitForTimeout(400) },
    { name: 'suggesting', page: ben.page, after: () => appSettled(ben.page) },
  ] as const;
  const placed: Record<string, Awaited<ReturnType<typeof caretMidText>>> = {};
  for (const e of editors) {
    await e.page.bringToFront();
    await addExtraCss(e.page);
    await e.page.evaluate(installProbe, PASTE_END);
    placed[e.name] = await caretMidText(e.page);
  }
  expect(placed.app.of, 'both editors hold the same paragraphs').toBe(placed.bare.of);
  expect(placed.app.characters, 'both editors hold the same text').toBe(placed.bare.characters);
  const visibility = await Promise.all(editors.map((e) => e.page.evaluate(() => document.visibilityState)));

  const total = WARMUP + KEYSTROKES;
  const typed = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => PHRASE[(from + i) % PHRASE.length]).join('');
  const progress: Record<string, number> = { app: 0, bare: 0, suggesting: 0 };
  /** The stretches of page time the counted keystrokes took, to pick out their long tasks. */
  const counted: Record<string, [number, number][]> = { app: [], bare: [], suggesting: [] };
  const now = (p: Page) => p.evaluate(() => performance.now());
  for (let block = 0; progress.app < total; block += 1) {
    // Each editor takes each place in the turn alike, so drift in the machine's load falls on all.
    const order = editors.map((_, i) => editors[(i + block) % editors.length]);
    for (const e of order) {
      const from = progress[e.name];
      const to = block === 0 ? WARMUP : Math.min(total, from + BLOCK);
      await e.page.bringToFront();
      const since = await now(e.page);
      await typeKeys(e.page, typed(from, to));
      if (block > 0) counted[e.name].push([since, await now(e.page)]);
      progress[e.name] = to;
      if (block === 0 || to === total || Math.floor((to - WARMUP) / 100) > Math.floor((from - WARMUP) / 100)) {
        console.log(`${e.name} editor: ${block === 0 ? `${to} warm-up keystrokes` : `${to - WARMUP} of ${KEYSTROKES} keystrokes`}`);
      }
      await e.after();
    }
  }
  // The keystrokes went where the caret was put, in both editors, and the app saved them.
  for (const e of editors) {
    expect(await paragraphText(e.page, placed[e.name].paragraph)).toContain(typed(0, total));
  }
  if (TRACE) {
    for (const e of editors) {
      await e.page.bringToFront();
      await traced(e.page, `typing-${e.name}`, () => typeKeys(e.page, typed(total, total + 50)));
      await e.after();
    }
  }
  await appSettled(page);
  expect((await fileText(typingPath)).text).toContain(typed(0, total));
  // Ben's keystrokes are a suggestion: his file's text as it stands does not have them yet.
  await appSettled(ben.page);
  expect((await fileText(join(ben.library, 'Typing benchmark.signet'))).text).not.toContain(typed(0, total));
  const typing = Object.fromEntries(await Promise.all(editors.map(async (e) => [e.name, await probeOf(e.page)] as const)));
  for (const e of editors) {
    expect(typing[e.name].samples, `one sample per keystroke in the ${e.name} editor`).toHaveLength(TRACE ? total + 50 : total);
    expect(typing[e.name].samples.filter((s) => s.committed === null), `the ${e.name} editor committed every keystroke`).toEqual([]);
  }

  // The paste: into a blank message of the app, then into an empty bare editor.
  const { html, plain, paragraphs, formats: pastedFormats } = pasteHtml(PASTE_BYTES);
  await page.bringToFront();
  await page.getByRole('button', { name: /Library/ }).click();
  await page.getByRole('row', { name: 'Paste benchmark' }).dblclick();
  await expect(editorOf(page)).toBeVisible();
  // Chromium reports every inline style in the pasted HTML that the app's CSP blocks while the
  // paste is parsed (as the e2e paste test expects); they are counted, not treated as errors.
  signet.expectBlockedInlineContent = true;
  const cspBefore = signet.cspReports.length;
  const barePaste = await page.context().newPage();
  const barePasteErrors = await openBare(barePaste, 0);
  const pasted: Record<string, { dispatched: number; text: number; frame: number; longTasks: LongTask[]; harnessMs: number }> = {};
  for (const e of [
    { name: 'app', page, after: () => appSettled(page) },
    { name: 'bare', page: barePaste, after: () => barePaste.waitForTimeout(400) },
  ]) {
    await e.page.bringToFront();
    await addExtraCss(e.page);
    await e.page.evaluate(installProbe, PASTE_END);
    await editorOf(e.page).click();
    await e.page.keyboard.press('Control+End');
    await e.page.waitForTimeout(500);
    const since = await e.page.evaluate(() => performance.now());
    console.log(`pasting ${(html.length / 1e6).toFixed(1)} MB of HTML into the ${e.name === 'app' ? 'app\'s' : 'bare'} editor`);
    let harnessMs = 0;
    await traced(e.page, `paste-${e.name}`, async () => {
      const t = Date.now();
      await paste(e.page, html, plain);
      await e.page.waitForFunction(() => (window as unknown as ProbeWindow).__probe.paste.frame !== null, null, { timeout: 120_000 });
      harnessMs = Date.now() - t;
      await e.after();
    });
    await e.page.waitForTimeout(1_500); // long tasks that follow the paste (saving, recounting)
    const probe = await probeOf(e.page);
    pasted[e.name] = {
      dispatched: probe.paste.dispatched!,
      text: probe.paste.text!,
      frame: probe.paste.frame!,
      longTasks: probe.longTasks.filter((t) => t.start >= since),
      harnessMs,
    };
  }
  const pastedFile = await fileText(pastePath);
  expect(pastedFile.text).toContain(PASTE_END);
  const formats = (p: Page) =>
    editorOf(p).evaluate((root) => ({
      paragraphs: root.children.length,
      bold: root.querySelectorAll('strong, .b').length,
      italic: root.querySelectorAll('em, .i').length,
      links: root.querySelectorAll('a').length,
    }));
  const pasteChecks = {
    fileParagraphs: pastedFile.text.split('\n').length,
    cspReports: signet.cspReports.length - cspBefore,
    app: await formats(page),
    bare: await formats(barePaste),
  };
  expect(bareErrors, 'no errors in the bare editor').toEqual([]);
  expect(barePasteErrors, 'no errors in the bare editor').toEqual([]);

  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(
    OUT,
    `${JSON.stringify(
      {
        settings: { words: WORDS, keystrokes: KEYSTROKES, warmup: WARMUP, block: BLOCK, gapMs: GAP_MS, pasteBytes: html.length, pasteParagraphs: paragraphs, pastedFormats },
        browser: page.context().browser()?.version(),
        visibility,
        open: { appMs: appOpenMs, bareMs: bareOpenMs },
        caret: placed,
        traced: TRACE,
        whatIf: { extraCss: EXTRA_CSS || null, noCsp: NO_CSP },
        typing: Object.fromEntries(
          editors.map((e) => [
            e.name,
            {
              samples: typing[e.name].samples.slice(WARMUP, total),
              longTasks: typing[e.name].longTasks.filter((t) => counted[e.name].some(([from, to]) => t.start < to && t.start + t.duration > from)),
            },
          ]),
        ),
        paste: { ...pasted, checks: pasteChecks },
        seconds: (Date.now() - started) / 1000,
      },
      null,
      2,
    )}\n`,
  );
});
