// Working together live: Ada and Ben, each in their own Signet (browser context, services, data
// folder, signing key made in Settings), join a real `signet serve` on 127.0.0.1 started by this
// test. Ada's words reach Ben as she types, and each sees the other's caret under their name; the server is killed while both type on, the status bar
// says so, and once it is back both copies converge and both files hold every word.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ensureBuiltServices } from '../helpers/built-services';
import { serve, type Serve } from '../helpers/live';
import { expect, test, type Signet } from './harness';
import { editorOf, fileText, saved, screenshot } from './helpers';
import { adaDraftsWithBen, joinLive, liveStatus, typeAtEnd } from './live-helpers';
import { openFile } from './people';

let server: Serve | null = null;
let serverDir = '';
test.beforeAll(async () => {
  ensureBuiltServices();
  serverDir = await mkdtemp(join(tmpdir(), 'signet-live-e2e-'));
});
test.afterAll(async () => {
  server?.process.kill('SIGTERM');
  await server?.exited;
  await rm(serverDir, { recursive: true, force: true });
});

const whoIsHere = (page: Page) => page.getByRole('list', { name: 'Who is here' });

/** Types at the start of the message: click into the text, Ctrl+Home, type. */
async function typeAtStart(page: Page, words: string) {
  await editorOf(page).click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(words, { delay: 15 });
}

/** Someone else's caret drawn in the text: the caret that holds the label with their name. */
const caretOf = (page: Page, name: string) => page.getByTestId('live-carets').getByText(name, { exact: true }).locator('..');

/** The caret labelled `name` stands just after `words` in the text: on its line, within a few pixels of its end. */
async function expectCaretAfter(page: Page, name: string, words: string) {
  await expect
    .poll(async () => {
      const caret = await caretOf(page, name).boundingBox();
      const end = await editorOf(page).evaluate((root, words) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(words);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at + words.length);
          range.collapse(true);
          const { x, y, height } = range.getBoundingClientRect();
          return { x, y, height };
        }
        return null;
      }, words);
      if (!caret || !end) return `no caret (${!!caret}) or no "${words}" (${!!end})`;
      const near = Math.abs(caret.x - end.x) <= 4 && caret.y < end.y + end.height && caret.y + caret.height > end.y;
      return near ? 'after' : `caret at ${Math.round(caret.x)},${Math.round(caret.y)}; "${words}" ends at ${Math.round(end.x)},${Math.round(end.y)}`;
    })
    .toBe('after');
}

/** The file behind the message open in this person's editor. */
const openPath = (person: Signet) => [...person.services.open.keys()][0]!;

test('Ada and Ben write together live, through a server that is killed and comes back', async ({ signet }) => {
  test.setTimeout(180_000);
  // Ada drafts, puts Ben on the roster as an author, and gives him a copy of the file.
  const { ada, ben, cards } = await adaDraftsWithBen(signet);
  const bensCopy = join(cards, 'Harbour address.signet');
  await copyFile(openPath(ada), bensCopy);
  await openFile(ben, bensCopy);
  await expect(editorOf(ben.page)).toContainText('Good morning, harbour.');

  server = await serve(join(serverDir, 'data'));
  const address = server.url.replace('ws://', '');

  // A wrong address is named in the dialog, and nothing is dialled.
  await ada.page.getByRole('button', { name: 'Work together live…' }).click();
  await ada.page.getByRole('textbox', { name: /^Live server address/ }).fill(`http://${address}`);
  await ada.page.getByRole('button', { name: 'OK' }).click();
  await expect(ada.page.getByRole('alert')).toContainText('is not a live server');
  await screenshot(ada.page, 'live-bad-address');
  await ada.page.getByRole('textbox', { name: /^Live server address/ }).fill(address);
  await ada.page.getByRole('button', { name: 'OK' }).click();
  await joinLive(ben.page, address);
  for (const { page } of [ada, ben]) {
    await expect(liveStatus(page)).toHaveText('Live: connected');
    // In the order they connected, which either may win.
    await expect(whoIsHere(page).getByRole('listitem')).toHaveCount(2);
    for (const name of ['Ada Lovelace', 'Ben Okafor']) await expect(whoIsHere(page).getByRole('listitem').filter({ hasText: name })).toBeVisible();
  }

  // Ada types; Ben sees her words as she types them.
  await typeAtEnd(ada.page, ' Today the new ferry sails.');
  const typed = Date.now();
  await expect(editorOf(ben.page)).toContainText('Today the new ferry sails.', { timeout: 5_000 });
  const seenAfter = Date.now() - typed;
  await screenshot(ada.page, 'live-ada-connected');
  // Ben sees Ada's caret, under her name, where she typed; it stays after her words as Ben writes before them.
  await expect(caretOf(ben.page, 'Ada Lovelace')).toBeVisible();
  await expectCaretAfter(ben.page, 'Ada Lovelace', 'sails.');
  await typeAtStart(ben.page, 'Dear all. ');
  await expect(editorOf(ada.page)).toContainText('Dear all. Good morning');
  await expectCaretAfter(ben.page, 'Ada Lovelace', 'sails.');
  await expect(caretOf(ada.page, 'Ben Okafor')).toBeVisible();
  await expectCaretAfter(ada.page, 'Ben Okafor', 'Dear all. ');
  await screenshot(ben.page, 'live-ben-sees-ada');
  await screenshot(ada.page, 'live-ada-sees-ben');

  // The server dies; both say they are offline and type on into their own files.
  const port = new URL(server.url).port;
  server.process.kill('SIGKILL');
  await server.exited;
  server = null;
  for (const { page } of [ada, ben]) await expect(liveStatus(page)).toHaveText('Live: offline — your changes are kept and will be sent');
  await typeAtEnd(ada.page, ' It carries two hundred people.');
  await typeAtEnd(ben.page, ' Thanks to the crews.');
  await saved(ada.page);
  await saved(ben.page);
  await screenshot(ada.page, 'live-ada-offline');
  expect((await fileText(openPath(ada))).text).toContain('It carries two hundred people.');

  // It comes back on the same address: both reconnect and converge.
  server = await serve(join(serverDir, 'data'), Number(port));
  for (const { page } of [ada, ben]) {
    await expect(liveStatus(page)).toHaveText('Live: connected', { timeout: 15_000 });
    for (const words of ['Today the new ferry sails.', 'It carries two hundred people.', 'Thanks to the crews.']) {
      await expect(editorOf(page)).toContainText(words, { timeout: 10_000 });
    }
  }
  await expect(editorOf(ben.page)).toHaveText((await editorOf(ada.page).textContent()) ?? '');
  await screenshot(ada.page, 'live-ada-converged');
  await screenshot(ben.page, 'live-ben-converged');
  for (const person of [ada, ben]) {
    await saved(person.page);
    const { text } = await fileText(openPath(person));
    for (const words of ['Good morning, harbour.', 'Today the new ferry sails.', 'It carries two hundred people.', 'Thanks to the crews.']) expect(text).toContain(words);
  }

  // Ben leaves: the status bar item goes, and Ada sees him gone.
  await ben.page.getByRole('button', { name: 'Leave live session' }).click();
  await expect(liveStatus(ben.page)).toBeHidden();
  await expect(whoIsHere(ada.page).getByRole('listitem')).toHaveText(['Ada Lovelace']);
  console.log(`Ben saw Ada's words ${seenAfter} ms after her last keystroke`);
});
