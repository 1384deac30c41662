// The app's printer: a copy's HTML printed to PDF (and its first page drawn for the export
// dialog, or drawn from that PDF where the window's picture comes back blank) in a hidden,
// sandboxed window with scripts off and no preload, which may load only the copy's own temporary
// file and data: URLs. The tests and the command line print the same HTML
// through Chromium's page.pdf (electron/services/export/chromium-printer.ts). This file needs Electron's runtime,
// so no test here runs it; keep it small.
import { BrowserWindow, session, type Session, type WebContents } from 'electron';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PAGE_MM, type PageSize } from '../../shared/export';
import { ExportCancelled, type Printer, type PreviewOptions } from '../services/export/make-copy';
import { firstPageImage, isBlank } from './page-image';

/** The copies being printed now: the only files the printing session may load. */
const printing = new Set<string>();

function mayLoad(url: string): boolean {
  if (url.startsWith('data:')) return true;
  try {
    return url.startsWith('file:') && printing.has(fileURLToPath(url));
  } catch {
    return false;
  }
}
let printSession: Session | null = null;

function quietSession(): Session {
  if (printSession) return printSession;
  // In memory (no "persist:"), apart from the app's own session: no cache, no cookies, no permissions.
  printSession = session.fromPartition(`signet-print-${randomUUID()}`, { cache: false });
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !mayLoad(details.url) }));
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  printSession.setPermissionCheckHandler(() => false);
  return printSession;
}

const pixels = (pageSize: PageSize) => PAGE_MM[pageSize].map((mm) => Math.round((mm / 25.4) * 96)) as [number, number];

/**
 * Loads the copy in a hidden window (from a file: data: URLs over 2 MB fail) and runs `use` on
 * it; the window and the file go in every case, and an abort closes the window at once.
 */
async function withCopy<T>(html: string, pageSize: PageSize, signal: AbortSignal | undefined, use: (contents: WebContents) => Promise<T>): Promise<T> {
  if (signal?.aborted) throw new ExportCancelled();
  const folder = await mkdtemp(join(tmpdir(), 'signet-print-'));
  const file = join(folder, 'copy.html');
  const url = pathToFileURL(file).href;
  const [width, height] = pixels(pageSize);
  let window: BrowserWindow | null = null;
  const abort = () => window?.destroy();
  try {
    await writeFile(file, html);
    printing.add(file);
    window = new BrowserWindow({
      show: false,
      width,
      height,
      useContentSize: true,
      enableLargerThanScreen: true,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, session: quietSession(), spellcheck: false },
    });
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    signal?.addEventListener('abort', abort, { once: true });
    await window.webContents.loadURL(url);
    if (signal?.aborted) throw new ExportCancelled();
    return await use(window.webContents);
  } catch (error) {
    throw signal?.aborted ? new ExportCancelled() : error;
  } finally {
    signal?.removeEventListener('abort', abort);
    if (window && !window.isDestroyed()) window.destroy();
    printing.delete(file);
    await rm(folder, { recursive: true, force: true });
  }
}

export class ElectronPrinter implements Printer {
  async pdf(html: string, options: { pageSize: PageSize; signal?: AbortSignal }): Promise<Uint8Array> {
    return withCopy(html, options.pageSize, options.signal, async (contents) =>
      // Margins as page.pdf's (none): the copy's @page rule sets the size and margins.
      new Uint8Array(
        await contents.printToPDF({
          preferCSSPageSize: true,
          printBackground: true,
          generateTaggedPDF: true,
          generateDocumentOutline: true,
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
        }),
      ),
    );
  }

  async preview(html: string, options: PreviewOptions): Promise<Uint8Array> {
    const [width, height] = pixels(options.pageSize);
    const captured = await withCopy(html, options.pageSize, options.signal, async (contents) => {
      contents.debugger.attach('1.3');
      await contents.debugger.sendCommand('Emulation.setEmulatedMedia', { media: 'print' });
      // Inserted style sheets are not subject to the copy's CSP, and add no script.
      if (options.css) await contents.insertCSS(options.css);
      return contents.capturePage({ x: 0, y: 0, width, height }, { stayHidden: true });
    });
    // A never-shown window can capture as nothing at all: then the page is drawn from its PDF.
    if (!captured.isEmpty() && !isBlank(captured.toBitmap())) return new Uint8Array(captured.toPNG());
    return firstPageImage(await this.pdf(html, options), width);
  }
}
