// Printing without the app: the command line tool, the tests and the benchmarks print a copy's
// HTML through a system Chromium or Chrome driven by playwright-core (Chromium's page.pdf, the
// same Page.printToPDF the app's printToPDF uses). The page gets no network and no scripts.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { PAGE_MM } from '../../../shared/export';
import type { Printer, PreviewOptions } from './make-copy';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const WELL_KNOWN = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** The Chromium to print with: SIGNET_CHROMIUM, else the first Chromium or Chrome on the PATH or in its usual place. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.SIGNET_CHROMIUM) return existsSync(env.SIGNET_CHROMIUM) ? env.SIGNET_CHROMIUM : null;
  for (const folder of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      for (const file of [join(folder, name), join(folder, `${name}.exe`)]) if (existsSync(file)) return file;
    }
  }
  return WELL_KNOWN.find((file) => existsSync(file)) ?? null;
}

/** Flags for a closed network: no background connections Chromium would make on its own. */
export const QUIET_CHROMIUM = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export const NO_CHROMIUM =
  'PDF export needs Chromium or Google Chrome, and none was found: install one, or set SIGNET_CHROMIUM to its path. (HTML export needs neither.)';

/** A printer on a Chromium it launches when first asked, and closes with close(). */
export class ChromiumPrinter implements Printer {
  private browser: Promise<Browser> | null = null;

  constructor(private readonly executablePath: string) {}

  private launch(): Promise<Browser> {
    // Chromium's own sandbox stays on, except as root, where Chromium refuses to start with it.
    const chromiumSandbox = process.getuid?.() !== 0;
    this.browser ??= import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath: this.executablePath, args: QUIET_CHROMIUM, chromiumSandbox }));
    return this.browser;
  }

  /** Starts Chromium now, so that it is up when the first print is asked for (a failed start is told then). */
  start(): void {
    this.launch().catch(() => {});
  }

  /**
   * Runs `work` on a new page with no scripts and no network. A cancel closes the page, which stops
   * a load or a print under way; it is heard only once the page exists, as a context closed while
   * its page opens leaves newPage waiting for ever.
   */
  private async onPage<T>(options: BrowserContextOptions, signal: AbortSignal | undefined, work: (page: Page) => Promise<T>): Promise<T> {
    const cancelled = () => new Error('The print was cancelled.');
    if (signal?.aborted) throw cancelled();
    const browser = await this.launch();
    const context = await browser.newContext({ ...options, javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      const abort = () => void page.close().catch(() => {});
      signal?.addEventListener('abort', abort);
      try {
        if (signal?.aborted) throw cancelled();
        await page.route('**/*', (route) => route.abort());
        return await work(page);
      } finally {
        signal?.removeEventListener('abort', abort);
      }
    } finally {
      await context.close().catch(() => {});
    }
  }

  async pdf(html: string, options: { signal?: AbortSignal }): Promise<Uint8Array> {
    return this.onPage({}, options.signal, async (page) => {
      await page.setContent(html, { waitUntil: 'load' });
      // The copy's own @page rule sets the size and margins (the app's printToPDF prefers it too).
      return page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    });
  }

  /** The first page, drawn as a screen of the paper's width with print styles, at 96 dpi. */
  async preview(html: string, options: PreviewOptions): Promise<Uint8Array> {
    const [width, height] = PAGE_MM[options.pageSize].map((mm) => Math.round((mm / 25.4) * 96));
    // The CSP is bypassed only so that the preview's own CSS (options.css) applies; still nothing can run or load.
    return this.onPage({ viewport: { width, height }, deviceScaleFactor: 1, bypassCSP: true }, options.signal, async (page) => {
      await page.emulateMedia({ media: 'print' });
      // In the page's source: addStyleTag needs scripts, which stay off.
      await page.setContent(options.css ? html.replace('</head>', () => `<style>${options.css}</style>\n</head>`) : html, { waitUntil: 'load' });
      return page.screenshot({ type: 'png', clip: { x: 0, y: 0, width, height } });
    });
  }

  async close(): Promise<void> {
    if (this.browser) await (await this.browser).close();
    this.browser = null;
  }
}
