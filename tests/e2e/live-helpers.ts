// What the live end-to-end specs share: Ada's draft with Ben on its roster (both with signing keys,
// their member cards in a shared folder), joining a server from the editor, typing as a person
// does, and the status bar's live item.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Signet } from './harness';
import { editorOf, newMessage, saved } from './helpers';
import { makeKey, setRoster } from './people';

export const liveStatus = (page: Page) => page.getByTestId('live-status');

/** "Work together live…", the address typed as the server printed it. */
export async function joinLive(page: Page, address: string) {
  await page.getByRole('button', { name: 'Work together live…' }).click();
  await page.getByRole('textbox', { name: /^Live server address/ }).fill(address);
  await page.getByRole('button', { name: 'OK' }).click();
}

/** Types at the end of the message, as a person does: click into the text, Ctrl+End, type. */
export async function typeAtEnd(page: Page, words: string) {
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(words, { delay: 15 });
}

/** Ada (this Signet) and Ben, each started with a key; Ada's draft "Good morning, harbour." has Ben on its roster as an author, saved. */
export async function adaDraftsWithBen(signet: Signet) {
  const ada = signet;
  const ben = await signet.another({ name: 'Ben Okafor', jobTitle: 'Policy Adviser' });
  const cards = join(ada.dataDir, 'shared drive');
  await mkdir(cards);
  for (const person of [ada, ben]) await person.start();
  await makeKey(ada, cards, 'ada.signet-card');
  await makeKey(ben, cards, 'ben.signet-card');
  await newMessage(ada.page, 'Blank');
  await typeAtEnd(ada.page, 'Good morning, harbour.');
  await setRoster(ada, cards, ['ben.signet-card'], ['Ben Okafor: Author']);
  await saved(ada.page);
  return { ada, ben, cards };
}
