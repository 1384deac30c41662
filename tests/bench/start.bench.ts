// The start benchmark, run by scripts/bench/start.mjs through tests/bench/playwright.config.ts
// (never by `npm test`): from loading the page to a 40,000-word message shown and editable.
//  - the app: its built renderer (out/renderer) in the e2e harness with the real services, started
//    as when the OS opens a .signet file (the file waits in app.pendingOpen), the message closed in
//    the services before each load so that every load reads and opens the file anew;
//  - a bare Lexical editor (out/bench) building the same paragraphs in the page.
// Each load is timed in the page from its navigation start (performance.now()) to the first frame
// after the editor is editable and its last paragraph is in the DOM. The two take turns, load by
// load. Raw times go to the JSON file SIGNET_BENCH_OUT.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { APP_URL, test, expect } from '../e2e/harness';
import { writePlainText } from '../../electron/services/document/compose';
import { newMessage } from '../../electron/services/library/library';
import { createMessageFile } from '../../electron/services/files/message-store';
import { benchParagraphs, benchPlainText } from './content';
import { BARE_URL, serveBare } from './serve-bare';

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 1) throw new Error(`${name} must be a number of at least 1, not ${process.env[name]}`);
  return value;
};
const WORDS = env('SIGNET_BENCH_WORDS', 40_000);
const LOADS = env('SIGNET_BENCH_LOADS', 7);
/** A folder for a Chromium trace of one more, uncounted load of the app. */
const TRACE = process.env.SIGNET_BENCH_TRACE ? resolve(process.env.SIGNET_BENCH_TRACE) : null;
const OUT = resolve(process.env.SIGNET_BENCH_OUT ?? 'tests/artifacts/bench/start.json');

test.setTimeout(15 * 60_000);

type ShownWindow = Window & { __shown?: Promise<number> };

/**
 * Runs in the page before its scripts: resolves __shown with the time (since navigation start)
 * of the first frame after the message text is editable and ends with `last`.
 */
function watchShown(last: string) {
  const w = window as ShownWindow;
  w.__shown = new Promise<number>((resolvePromise) => {
    const shown = () => {
      const root = document.querySelector<HTMLElement>('[aria-label="Message text"]');
      return !!root && root.isContentEditable && root.lastElementChild?.textContent === last;
    };
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      // The frame that shows it: a task posted from the next animation frame runs after its paint.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolvePromise(performance.now());
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['contenteditable'] });
  });
}

const shownAfter = async (page: Page, url: string) => {
  await page.goto(url);
  return page.evaluate(() => (window as ShownWindow).__shown!);
};

test("start: page load to a long message shown and editable, the app's beside a bare Lexical editor", async ({ signet }) => {
  const { page } = signet;
  const paragraphs = benchParagraphs(WORDS);
  const last = paragraphs[paragraphs.length - 1];
  await mkdir(signet.library, { recursive: true });
  const path = join(signet.library, 'Start benchmark.signet');
  const doc = newMessage('blank', 'Start benchmark');
  writePlainText(doc, benchPlainText(WORDS));
  await createMessageFile(path, doc);

  await page.addInitScript(watchShown, last);
  const bare = await page.context().newPage();
  await serveBare(bare);
  await bare.addInitScript(watchShown, last);

  const times: Record<'app' | 'bare', number[]> = { app: [], bare: [] };
  const loadApp = async () => {
    await page.goto('about:blank');
    await signet.services.closeAll();
    signet.os.pendingOpen = path;
    return shownAfter(page, APP_URL);
  };
  const loadBare = async () => shownAfter(bare, `${BARE_URL}?words=${WORDS}`);
  // One uncounted load of each first (the harness's and Chromium's own first-time costs).
  await loadApp();
  await loadBare();
  for (let n = 0; n < LOADS; n += 1) {
    // Each takes the first place in turn, so drift in the machine's load falls on both alike.
    const order = n % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
    for (const name of order) {
      await (name === 'app' ? page : bare).bringToFront();
      times[name].push(await (name === 'app' ? loadApp() : loadBare()));
    }
  }
  if (TRACE) {
    // One more load of the app under a Chromium trace with V8's sampling profiler (open it in DevTools).
    await mkdir(TRACE, { recursive: true });
    const browser = page.context().browser()!;
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink', 'toplevel'] });
    await loadApp();
    await writeFile(join(TRACE, 'start-app.trace.json'), await browser.stopTracing());
  }
  // The app showed the message it was asked to open, whole, and can type into it.
  await expect(page.getByTestId('count-words')).toHaveText(`${WORDS.toLocaleString()} words`);
  expect(signet.os.pendingOpen, 'the app took the file to open').toBeNull();

  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, `${JSON.stringify({ settings: { words: WORDS, loads: LOADS, paragraphs: paragraphs.length }, browser: page.context().browser()?.version(), times }, null, 2)}\n`);
});
