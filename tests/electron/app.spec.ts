// Drives the real app with Playwright's Electron support. It runs wherever an Electron runtime is
// installed; where it is not (these build machines cannot download it), every test is reported as
// skipped with that reason.
import { _electron as electron, expect, test } from '@playwright/test';
import { copyFile, mkdir, mkdtemp, readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { runSignet } from '../helpers/cli';
import { sample } from '../../electron/cli/sample';
import { readCopyFile } from '../../electron/services/export/read-copy';
import { checkCopy } from '../../shared/export';
// @ts-expect-error plain ESM script without type declarations
import { electronBinary } from '../../scripts/start.mjs';

const binary: string | null = electronBinary();
const MISSING = "Electron's runtime is not installed on this machine (npx install-electron needs internet access), so the real app cannot be launched here";

if (!binary) console.log(`Electron suite skipped: ${MISSING}.`);

test.describe('the real Electron app', () => {
  test.skip(!binary, MISSING);

  test('opens the library in a sandboxed, isolated window and creates a message', async () => {
    const home = await mkdtemp(join(tmpdir(), 'signet-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [resolve(import.meta.dirname, '../..'), `--user-data-dir=${join(home, 'data')}`],
      env: { ...process.env, HOME: home },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
      // The page has no Node and no raw IPC: only the typed API.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((window as unknown as { signet: object }).signet).sort())).toEqual(['call', 'on', 'pathForFile']);
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(page.url()).toMatch(/^signet-app:\/\/bundle\//);
      // First run: the person says who they are.
      await page.getByRole('textbox', { name: 'Your name' }).fill('Ada Lovelace');
      // Where the OS has no secret store (Linux without a keyring), a passphrase protects the key.
      // The dialog learns which only after asking the main process: wait until Start is ready or the field is there.
      const passphrase = page.getByLabel('Passphrase', { exact: true });
      const start = page.getByRole('button', { name: 'Start' });
      await expect.poll(async () => (await passphrase.isVisible()) || (await start.isEnabled())).toBe(true);
      if (await passphrase.isVisible()) {
        await passphrase.fill('a passphrase for the test');
        await page.getByLabel('Passphrase again').fill('a passphrase for the test');
      }
      await start.click();
      await page.getByRole('button', { name: 'New message' }).click();
      await expect(page.getByRole('textbox', { name: 'Message text' })).toBeVisible();
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
  });

  test("exports a signed message as a PDF through the app's hidden printing window", async () => {
    test.setTimeout(120_000);
    const home = await mkdtemp(join(tmpdir(), 'signet-electron-'));
    const data = join(home, 'data');
    const made = join(home, 'sample');
    await sample({ operand: () => made, operands: () => [made], string: () => undefined, flag: () => false }, { out: () => {}, err: () => {}, block: () => {} });
    // The sample's library, and a name: the first-run dialog does not come (exporting needs no profile).
    await mkdir(data);
    await writeFile(join(data, 'settings.json'), JSON.stringify({ libraryFolder: join(made, 'library'), name: 'Ada Lovelace', language: 'en' }));
    const out = join(home, 'New Year message.pdf');
    const app = await electron.launch({
      executablePath: binary!,
      args: [resolve(import.meta.dirname, '../..'), `--user-data-dir=${data}`],
      env: { ...process.env, HOME: home },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
      expect(await realpath(await app.evaluate(({ app }) => app.getPath('userData')))).toBe(await realpath(data));
      // The save dialog answers with the file; every window made from now on (not the app's own) is watched.
      await app.evaluate(({ dialog }, path) => {
        dialog.showSaveDialog = async () => ({ canceled: false, filePath: path });
      }, out);
      await app.evaluate(({ app }) => {
        const seen = { created: 0, shown: 0 };
        (globalThis as { printWindows?: typeof seen }).printWindows = seen;
        app.on('browser-window-created', (_event, window) => {
          seen.created += 1;
          if (window.isVisible()) seen.shown += 1;
          window.on('show', () => void (seen.shown += 1));
        });
      });

      await page.getByRole('row', { name: 'New Year message', exact: true }).dblclick();
      await expect(page.getByRole('textbox', { name: 'Message text' })).toBeVisible();
      await page.getByRole('button', { name: 'Export…', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Export a copy' });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('status').filter({ hasText: 'Final copy' })).toHaveText('Final copy: Signed by Carmen Ruiz. A certificate page is added.', { timeout: 20_000 });
      await dialog.getByLabel('Template').selectOption({ label: 'Letter' });
      await dialog.getByLabel('Page size').selectOption('Letter');
      // The picture of the first page, drawn by the hidden window, is a real image.
      await expect(dialog.locator('figure.export-preview')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
      const preview = dialog.getByRole('img', { name: 'Preview of the first page' });
      await expect(preview).toBeVisible();
      await expect.poll(() => preview.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
      // Not a blank page: capturePage of a hidden window can return one, and then the PDF is drawn instead.
      const colours = await preview.evaluate((img: HTMLImageElement) => {
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
        const context = canvas.getContext('2d')!;
        context.drawImage(img, 0, 0);
        const pixels = new Uint32Array(context.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
        return new Set(pixels).size;
      });
      expect(colours).toBeGreaterThan(2);

      await dialog.getByRole('button', { name: 'Save PDF…' }).click();
      await expect(dialog.getByRole('status').filter({ hasText: 'Saved the final copy' })).toHaveText(/^Saved the final copy at .*New Year message\.pdf \(\d+ pages?\)\.$/, { timeout: 30_000 });

      const bytes = await readFile(out);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const size = (await PDFDocument.load(bytes, { updateMetadata: false })).getPage(0).getSize();
      expect([Math.round(size.width), Math.round(size.height)]).toEqual([612, 792]);
      const copy = await readCopyFile(out);
      expect(copy.manifest).toMatchObject({ kind: 'final', layout: { template: 'letter', pageSize: 'Letter' } });
      expect(checkCopy(copy.manifest, copy.seen)).toMatchObject({ authentic: true, problems: [], state: { state: 'Signed' } });
      const pages = 'pages' in copy.seen ? copy.seen.pages : [];
      expect(pages.at(-1)?.replace(/\s+/g, '')).toContain('Certificateofapprovalandsignature');

      // The preview and the print each had a window of their own; none was ever shown, and none is left.
      const windows = await app.evaluate(() => (globalThis as { printWindows?: { created: number; shown: number } }).printWindows);
      expect(windows?.created).toBeGreaterThanOrEqual(2);
      expect(windows?.shown).toBe(0);
      await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
  });

  /** A person who has used Signet before (no first-run dialog), the sample library, and a draft in a folder with a space. */
  async function returningUser() {
    const home = await mkdtemp(join(tmpdir(), 'signet-electron-'));
    const data = join(home, 'data');
    const made = join(home, 'sample');
    await sample({ operand: () => made, operands: () => [made], string: () => undefined, flag: () => false }, { out: () => {}, err: () => {}, block: () => {} });
    await mkdir(data);
    await writeFile(join(data, 'settings.json'), JSON.stringify({ libraryFolder: join(made, 'library'), name: 'Amina Yusuf', language: 'en' }));
    const drafts = join(home, 'My drafts');
    await mkdir(drafts);
    const draft = join(drafts, 'Signet draft.signet');
    // The sample's draft: the one message there whose words can still change.
    await copyFile(join(made, 'library', 'Letter to Harbour district residents.signet'), draft);
    return { home, data, drafts, draft };
  }

  const launch = (home: string, data: string, extra: string[] = [], cwd?: string) =>
    electron.launch({ executablePath: binary!, args: [resolve(import.meta.dirname, '../..'), `--user-data-dir=${data}`, ...extra], env: { ...process.env, HOME: home }, cwd });

  /** Quits as the person does (File > Quit) and waits for the process to end. */
  async function quit(app: Awaited<ReturnType<typeof launch>>) {
    const ended = new Promise((done) => app.process().once('exit', done));
    await app.evaluate(({ app }) => app.quit());
    await ended;
  }

  const textOf = async (file: string) => (await runSignet(dirname(file), ['text', file])).stdout;

  test('first launch with a file named relative to the terminal opens that message', async () => {
    const { home, data, drafts, draft } = await returningUser();
    const app = await launch(home, data, ['Signet draft.signet'], drafts);
    try {
      const page = await app.firstWindow();
      const text = page.getByRole('textbox', { name: 'Message text' });
      await expect(text).toBeVisible({ timeout: 20_000 });
      const words = (await textOf(draft)).split(/\s+/).filter(Boolean).slice(0, 3).join(' ');
      await expect(text).toContainText(words);
    } finally {
      await app.close().catch(() => {});
      await rm(home, { recursive: true, force: true });
    }
  });

  test('quitting right after typing keeps every word in the file', async () => {
    const { home, data, draft } = await returningUser();
    const app = await launch(home, data, [draft]);
    try {
      const page = await app.firstWindow();
      const text = page.getByRole('textbox', { name: 'Message text' });
      await expect(text).toBeVisible({ timeout: 20_000 });
      await text.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Typed a moment before quitting.');
      await quit(app);
      expect(await textOf(draft)).toContain('Typed a moment before quitting.');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  test('a quit whose save fails on a full disk asks, keeps Signet open with a window, and saves once it can', async () => {
    const { home, data, draft } = await returningUser();
    const app = await launch(home, data, [draft]);
    try {
      const page = await app.firstWindow();
      const text = page.getByRole('textbox', { name: 'Message text' });
      await expect(text).toBeVisible({ timeout: 20_000 });
      // The disk fills: every write the main process makes fails as on a full disk; the person keeps Signet open.
      await app.evaluate(async ({ dialog }) => {
        const fs = process.getBuiltinModule('node:fs/promises');
        const probe = await fs.open(process.execPath, 'r');
        const handle = Object.getPrototypeOf(probe);
        await probe.close();
        const state = { write: handle.write, asked: 0 };
        (globalThis as { disk?: typeof state }).disk = state;
        handle.write = async () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        dialog.showMessageBox = (async () => (state.asked += 1, { response: 0, checkboxChecked: false })) as typeof dialog.showMessageBox;
      });
      await text.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Words the full disk refused.');
      const again = app.waitForEvent('window');
      await page.close(); // closing the only window quits
      const window = await again;
      expect(await app.evaluate(() => (globalThis as { disk?: { asked: number } }).disk?.asked)).toBe(1);
      await expect(window.getByRole('heading', { name: 'Library' })).toBeVisible({ timeout: 20_000 });
      // Space again: the next quit saves the words and ends the app.
      await app.evaluate(async () => {
        const fs = process.getBuiltinModule('node:fs/promises');
        const probe = await fs.open(process.execPath, 'r');
        const disk = (globalThis as { disk?: { write: unknown } }).disk!;
        Object.getPrototypeOf(probe).write = disk.write;
        await probe.close();
      });
      await quit(app);
      expect(await textOf(draft)).toContain('Words the full disk refused.');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  test('suggests spellings offline, from the dictionaries shipped with the app', async () => {
    const shipped = resolve(import.meta.dirname, '../../resources/dictionaries');
    const bdic = (await readdir(shipped)).filter((f) => f.endsWith('.bdic'));
    test.skip(process.platform === 'linux' && bdic.length === 0, 'no .bdic dictionaries in resources/dictionaries (see its README), so Linux has no spelling to check');
    const { home, data, draft } = await returningUser();
    const app = await launch(home, data, [draft]);
    try {
      // Nothing may come from the network: record any request that tries.
      await app.evaluate(({ session }) => {
        const asked: string[] = [];
        (globalThis as { asked?: string[] }).asked = asked;
        session.defaultSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*'] }, (details, callback) => {
          asked.push(details.url);
          callback({ cancel: true });
        });
        session.defaultSession.on('spellcheck-dictionary-download-begin', (_e, language) => asked.push(`download ${language}`));
      });
      const page = await app.firstWindow();
      const text = page.getByRole('textbox', { name: 'Message text' });
      await expect(text).toBeVisible({ timeout: 20_000 });
      await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0].webContents;
        contents.on('context-menu', (_e, params) => void ((globalThis as { suggestions?: string[] }).suggestions = params.dictionarySuggestions));
      });
      await text.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' Dear residnets ');
      const word = text.getByText('residnets');
      await expect.poll(async () => {
        await word.click({ button: 'right' });
        await page.keyboard.press('Escape');
        return app.evaluate(() => (globalThis as { suggestions?: string[] }).suggestions ?? []);
      }, { timeout: 20_000 }).toContain('residents');
      expect(await app.evaluate(() => (globalThis as { asked?: string[] }).asked)).toEqual([]);
    } finally {
      await app.close().catch(() => {});
      await rm(home, { recursive: true, force: true });
    }
  });
});
