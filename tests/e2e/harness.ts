// The Chromium harness: the built renderer in a plain Chromium page, with the real main-process
// services bound in through Playwright's exposeBinding, in exactly the shape the preload exposes.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative, resolve } from 'node:path';
import { CHANNEL_NAMES, EVENT_NAMES, type EventName, type EventPayload } from '../../shared/ipc';
import { ChromiumPrinter, findChromium } from '../../electron/services/export/chromium-printer';
import { createServices, type Services } from '../../electron/services/services';
import { SettingsStore, defaultSettings } from '../../electron/services/files/settings';

const RENDERER = resolve(import.meta.dirname, '../../out/renderer');
export const APP_URL = 'http://signet.test/index.html';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

/** What the OS would answer in the app: the test sets the next dialog's answer. */
export interface FakeOs {
  nextOpenPath: string | null;
  nextFolder: string | null;
  /** The answer to the next save dialog (where a review copy or a member card goes). */
  nextSavePath: string | null;
  /** The answer to the next dialog that picks a member card to import. */
  nextCardPath: string | null;
  /** The answer to the next dialog that picks a PNG for a copy (a logo, a signature). */
  nextImagePath: string | null;
  /** The answer to the next dialog that picks an organisation's certificate (.p12) to import. */
  nextCertificatePath: string | null;
  /** The answer to the next dialog that picks a Word file to make a message of. */
  nextWordPath: string | null;
  shownInFolder: string[];
  /** The spelling language the app last switched to. */
  spellcheckLanguage: string | null;
  /** A message the OS asked the app to open as it started (a .signet file opened from a folder). */
  pendingOpen: string | null;
}

export interface Signet {
  page: Page;
  services: Services;
  library: string;
  dataDir: string;
  os: FakeOs;
  /** Reports of inline content the page's CSP blocked. A test that pastes hostile HTML may expect them. */
  cspReports: string[];
  expectBlockedInlineContent: boolean;
  /** Loads (or reloads) the app in the page. */
  start(): Promise<void>;
  /** Another person, with their own Signet (page, services, data folder), closed with this one. */
  another(person: { name: string; jobTitle: string }): Promise<Signet>;
}

// Bytes cross the binding as base64, since exposeBinding speaks JSON.
function encode(value: unknown): unknown {
  if (value instanceof Uint8Array) return { __bytes: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}
function decode(value: unknown): unknown {
  if (value && typeof value === 'object' && '__bytes' in value) return new Uint8Array(Buffer.from((value as { __bytes: string }).__bytes, 'base64'));
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  return value;
}

/** Runs in the page before its scripts: builds window.signet from the contract's names. */
function installApi({ channels, events }: { channels: string[]; events: string[] }) {
  const toPage = (v: unknown): unknown => {
    if (v && typeof v === 'object' && '__bytes' in v) return Uint8Array.from(atob((v as { __bytes: string }).__bytes), (c) => c.charCodeAt(0));
    if (Array.isArray(v)) return v.map(toPage);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPage(x)]));
    return v;
  };
  const toMain = (v: unknown): unknown => {
    if (v instanceof Uint8Array) {
      let s = '';
      for (let i = 0; i < v.length; i += 0x8000) s += String.fromCharCode(...v.subarray(i, i + 0x8000));
      return { __bytes: btoa(s) };
    }
    if (Array.isArray(v)) return v.map(toMain);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toMain(x)]));
    return v;
  };
  const w = window as unknown as Record<string, unknown>;
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const bound = w.__signetCall as (channel: string, args: unknown) => Promise<unknown>;
  w.__signetEmit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(toPage(payload)));
  const call = Object.fromEntries(channels.map((name) => [name, async (...args: unknown[]) => toPage(await bound(name, toMain(args)))]));
  w.signet = Object.freeze({
    call: Object.freeze(call),
    on(event: string, listener: (p: unknown) => void) {
      if (!events.includes(event)) throw new Error(`unknown event ${event}`);
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)?.delete(listener);
    },
    pathForFile: (file: File) => (file as File & { path?: string }).path ?? file.name,
  });
}

interface Person {
  name: string;
  jobTitle: string;
}

/** One person's Signet: a page of the built interface with its own services and data folder. */
async function launch(page: Page, person: Person): Promise<{ signet: Signet; finish(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'signet-e2e-'));
  const library = join(dataDir, 'Signet');
  const os: FakeOs = { nextOpenPath: null, nextFolder: null, nextSavePath: null, nextCardPath: null, nextImagePath: null, nextCertificatePath: null, nextWordPath: null, shownInFolder: [], spellcheckLanguage: null, pendingOpen: null };
  // Printing as the command line tool prints (the app's hidden window needs Electron); Chromium starts only when a copy is printed.
  const chromium = findChromium();
  const printer = chromium ? new ChromiumPrinter(chromium) : undefined;
  const settings = new SettingsStore(join(dataDir, 'settings.json'), { ...defaultSettings(dataDir), libraryFolder: library, name: person.name, jobTitle: person.jobTitle });
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    void page.evaluate(([e, p]) => (window as unknown as { __signetEmit?: (e: string, p: unknown) => void }).__signetEmit?.(e, p), [event, encode(payload)] as const).catch(() => {});
  };
  const services = createServices(
    settings,
    {
      emit,
      showInFolder: async (path) => void os.shownInFolder.push(path),
      chooseMessageToOpen: async () => os.nextOpenPath,
      chooseFolder: async () => os.nextFolder,
      chooseSaveLocation: async () => os.nextSavePath,
      chooseCardToOpen: async () => os.nextCardPath,
      chooseImage: async () => os.nextImagePath,
      chooseCertificateToOpen: async () => os.nextCertificatePath,
      chooseWordFile: async () => os.nextWordPath,
      printer,
      spellcheckLanguages: () => ['de', 'en-GB', 'en-US', 'fr', 'zh-CN'],
      useSpellcheckLanguage: (language) => void (os.spellcheckLanguage = language),
      takePendingOpen: () => {
        const path = os.pendingOpen;
        os.pendingOpen = null;
        return path;
      },
    },
    { dataFolder: dataDir },
  );
  await page.exposeBinding('__signetCall', async (source, channel: string, args: unknown) => {
    // Like the app's IPC: only the top frame of our own page may call.
    if (source.frame !== page.mainFrame() || !source.frame.url().startsWith('http://signet.test/')) {
      return encode({ ok: false, error: { code: 'forbidden', message: 'call from an untrusted frame' } });
    }
    return encode(await services.dispatch(channel, decode(args) as unknown[]));
  });
  await page.addInitScript(installApi, { channels: CHANNEL_NAMES as string[], events: EVENT_NAMES as string[] });
  // The bundle is served from memory; any other request is refused, as in the app.
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const path = normalize(join(RENDERER, decodeURIComponent(url.pathname)));
    if (url.host !== 'signet.test' || relative(RENDERER, path).startsWith('..')) return route.abort('blockedbyclient');
    try {
      await route.fulfill({ body: await readFile(path), contentType: TYPES[extname(path)] ?? 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (process.env.SIGNET_DEBUG) page.on('console', (m) => console.log(`[page] ${m.text()}`));
  const cspReports: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    (/Content Security Policy/.test(m.text()) ? cspReports : errors).push(m.text());
  });
  const start = async () => {
    await page.goto(APP_URL);
    await expect(page.getByRole('heading', { name: /Library|文稿库/ })).toBeVisible();
  };
  const others: (() => Promise<void>)[] = [];
  const signet: Signet = {
    page,
    services,
    library,
    dataDir,
    os,
    start,
    cspReports,
    expectBlockedInlineContent: false,
    async another(other) {
      // Another person on another machine: a browser context of their own.
      const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() ?? undefined });
      const launched = await launch(await context.newPage(), other);
      others.push(async () => {
        await launched.finish();
        await context.close();
      });
      return launched.signet;
    },
  };
  const finish = async () => {
    for (const other of others) await other();
    await services.closeAll();
    await printer?.close();
    // The page is still open and may save a last summary or setting as the folder goes: try again (ENOTEMPTY), as fs.rm does for that.
    if (!process.env.SIGNET_KEEP_DATA) await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    else console.log(`kept ${dataDir}`);
    expect(errors, `no errors in ${person.name}'s page console`).toEqual([]);
    if (!signet.expectBlockedInlineContent) expect(cspReports, 'nothing the CSP had to block').toEqual([]);
  };
  return { signet, finish };
}

export const test = base.extend<{ signet: Signet }>({
  signet: async ({ page }, use) => {
    const { signet, finish } = await launch(page, { name: 'Ada Lovelace', jobTitle: 'Chief Speechwriter' });
    await use(signet);
    await finish();
  },
});

export { expect };
