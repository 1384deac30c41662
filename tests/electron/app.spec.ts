// Drives the real app with Playwright's Electron support. It runs wherever an Electron runtime is
// installed; where it is not (these build machines cannot download it), every test is reported as
// skipped with that reason.
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByRole('button', { name: 'New message' }).click();
      await expect(page.getByRole('textbox', { name: 'Message text' })).toBeVisible();
    } finally {
      await app.close();
      await rm(home, { recursive: true, force: true });
    }
  });
});
