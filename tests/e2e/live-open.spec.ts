// "Open from server…": Ben has no file of Ada's message; he types the address of a real `signet
// serve` on 127.0.0.1 and the message id Ada reads off her status bar. Without Ada's member card
// the server's copy is refused in the dialog, saying why, and no file is made; with it, the copy
// becomes a new file in Ben's library, opens with Ada's words, and is live: what she types next
// reaches him.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ensureBuiltServices } from '../helpers/built-services';
import { serve, type Serve } from '../helpers/live';
import { expect, test } from './harness';
import { editorOf, screenshot } from './helpers';
import { adaDraftsWithBen, joinLive, liveStatus, typeAtEnd } from './live-helpers';

let server: Serve | null = null;
let serverDir = '';
test.beforeAll(async () => {
  ensureBuiltServices();
  serverDir = await mkdtemp(join(tmpdir(), 'signet-live-open-e2e-'));
});
test.afterAll(async () => {
  server?.process.kill('SIGTERM');
  await server?.exited;
  await rm(serverDir, { recursive: true, force: true });
});

/** "Open from server…" in the library, the address and id typed; resolves with the dialog. */
async function openFromServer(page: Page, address: string, id: string) {
  await page.getByRole('button', { name: 'Open from server…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a live message from a server' });
  await dialog.getByRole('textbox', { name: /^Live server address/ }).fill(address);
  await dialog.getByRole('textbox', { name: /^Message id/ }).fill(id);
  await dialog.getByRole('button', { name: 'Open' }).click();
  return dialog;
}

test("Ben opens Ada's live message from the server and sees her words, once he has her member card", async ({ signet }) => {
  test.setTimeout(120_000);
  const { ada, ben, cards } = await adaDraftsWithBen(signet);
  server = await serve(join(serverDir, 'data'));
  const address = server.url.replace('ws://', '');
  await joinLive(ada.page, address);
  await expect(liveStatus(ada.page)).toHaveText('Live: connected');
  // The id Ada gives Ben: her status bar says it when pointed at.
  const id = /message id (\S+)$/.exec((await liveStatus(ada.page).getAttribute('title')) ?? '')?.[1] ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);

  // Ben has no card of Ada's yet: the roster is by a key he cannot vouch for, said in the dialog.
  const library = join(ben.dataDir, 'Signet');
  const before = await readdir(library).catch(() => []);
  const dialog = await openFromServer(ben.page, address, id);
  await expect(dialog.getByRole('alert')).toContainText('whose member card you have not imported', { timeout: 20_000 });
  await screenshot(ben.page, 'live-open-refused');
  expect(await readdir(library).catch(() => [])).toEqual(before);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  ben.os.nextCardPath = join(cards, 'ada.signet-card');
  await ben.page.getByRole('button', { name: 'Settings' }).click();
  await ben.page.getByRole('button', { name: 'Import a member card…' }).click();
  await expect.poll(async () => (await ben.services.dispatch('contacts.list', [])).ok && JSON.stringify(await ben.services.dispatch('contacts.list', []))).toContain('Ada');
  await ben.page.getByRole('button', { name: 'Cancel' }).click();

  await openFromServer(ben.page, address, id);
  await expect(editorOf(ben.page)).toContainText('Good morning, harbour.', { timeout: 20_000 });
  await expect(liveStatus(ben.page)).toHaveText('Live: connected');
  await expect(ben.page.getByRole('status').filter({ hasText: 'Taken from the server and checked' })).toBeVisible();
  expect((await readdir(library)).filter((n) => n.endsWith('.signet'))).toHaveLength(before.filter((n) => n.endsWith('.signet')).length + 1);

  await typeAtEnd(ada.page, ' Welcome aboard.');
  await expect(editorOf(ben.page)).toContainText('Welcome aboard.', { timeout: 5_000 });
  await screenshot(ben.page, 'live-open-taken');
});
