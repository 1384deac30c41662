// Several people, each with their own Signet: keys, the sign-off panel, review copies out and back.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, type Signet } from './harness';
import { editorOf, menu } from './helpers';

export const PASSPHRASE = 'correct horse battery';

/** Creates the person's signing key in Settings and saves their member card to `cards`. */
export async function makeKey(person: Signet, cards: string, file: string) {
  const { page } = person;
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Create my signing key…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your signing key' });
  await dialog.getByRole('textbox', { name: 'Organisation' }).fill('City of Riverton');
  await dialog.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await dialog.getByLabel('Passphrase again').fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText(/Key fingerprint: [0-9A-Z]{5} [0-9A-Z]{5}/)).toBeVisible();
  person.os.nextSavePath = join(cards, file);
  await page.getByRole('button', { name: 'Export my member card…' }).click();
  await expect(page.getByText(/Your member card is saved at/)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
}

export async function openFile(person: Signet, path: string) {
  person.os.nextOpenPath = path;
  await menu(person.page, 'open');
  await expect(editorOf(person.page)).toBeVisible();
}

export async function signoffPanel(page: Page) {
  const panel = page.getByRole('complementary', { name: 'Sign-off' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^Sign-off/ }).click();
  await expect(panel).toBeVisible();
  return panel;
}

export async function unlock(page: Page) {
  const panel = await signoffPanel(page);
  const passphrase = panel.getByLabel('Passphrase');
  if (await passphrase.isVisible()) {
    await passphrase.fill(PASSPHRASE);
    await panel.getByRole('button', { name: 'Unlock my key…' }).click();
    await expect(passphrase).toBeHidden();
  }
  return panel;
}

/** "Send a copy for comments…" to `to` (names, comma-separated), saved at `path`. */
export async function sendCopy(person: Signet, to: string, path: string) {
  const { page } = person;
  person.os.nextSavePath = path;
  await page.getByRole('button', { name: 'Send a copy for comments…' }).click();
  await page.getByRole('textbox', { name: 'Reviewers (names)' }).fill(to);
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved a review copy' })).toBeVisible();
}

/** "Merge a copy…" of the file at `path`; resolves with what the merge said. */
export async function mergeCopy(person: Signet, path: string) {
  person.os.nextOpenPath = path;
  await person.page.getByRole('button', { name: 'Merge a copy…' }).click();
  const said = person.page.getByRole('status').filter({ hasText: /^Merged / }).last();
  await expect(said).toBeVisible();
  return (await said.textContent()) ?? '';
}

/** The owner puts people on the roster: imports their member cards from `cards` and ticks `roles` ("Ben Okafor: Reviewer"). */
export async function setRoster(owner: Signet, cards: string, files: string[], roles: string[]) {
  const panel = await unlock(owner.page);
  await panel.getByRole('button', { name: 'Change roster…' }).click();
  for (const file of files) {
    owner.os.nextCardPath = join(cards, file);
    await panel.getByRole('button', { name: 'Import a member card…' }).click();
  }
  for (const role of roles) await panel.getByRole('checkbox', { name: role }).check();
  await panel.getByRole('button', { name: 'Save' }).click();
  return panel;
}

/** Ada (this Signet), Ben and Carmen, each started with a signing key, their member cards in a shared folder. */
export async function threePeople(signet: Signet, carmenTitle: string) {
  const ada = signet;
  const ben = await signet.another({ name: 'Ben Okafor', jobTitle: 'Chief of Staff' });
  const carmen = await signet.another({ name: 'Carmen Ruiz', jobTitle: carmenTitle });
  const shared = join(ada.dataDir, 'shared drive');
  await mkdir(shared);
  for (const person of [ada, ben, carmen]) await person.start();
  await makeKey(ada, shared, 'ada.signet-card');
  await makeKey(ben, shared, 'ben.signet-card');
  await makeKey(carmen, shared, 'carmen.signet-card');
  return { ada, ben, carmen, shared };
}
