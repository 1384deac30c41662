// The verifier page (out/verifier/verifier.html, which `signet export --verifier` writes), opened
// from disk in Chromium as a journalist would: they drop an authentic PDF copy, choose an authentic
// HTML copy with the file picker, drop a forged one, then a copy with the member cards beside it.
// Every request the browser makes is recorded: the page itself is the only one allowed.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { test, expect, type Page } from '@playwright/test';
import { test as appTest } from './harness';
import { SAMPLE_PASSPHRASE } from '../../electron/cli/sample';
import { checkAccessibility, newMessage, screenshot } from './helpers';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'out/main/cli.js');
const signet = (cwd: string, ...args: string[]) => run(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, SIGNET_PASSPHRASE: SAMPLE_PASSPHRASE } });

interface Copies {
  dir: string;
  verifier: string;
  pdf: string;
  html: string;
  cards: string[];
}

/** The sample library, a signed message exported by Amina as PDF and HTML, and the verifier page, all by the command line tool. */
async function makeCopies(): Promise<Copies> {
  const dir = await mkdtemp(join(tmpdir(), 'signet-verifier-'));
  await signet(dir, 'sample', 'sample');
  const message = join('sample/library', 'New Year message.signet');
  const profile = 'sample/profiles/amina-yusuf.signet-profile';
  await signet(dir, 'export', message, '--pdf', 'New Year message.pdf', '--profile', profile);
  await signet(dir, 'export', message, '--html', 'New Year message.html', '--profile', profile);
  await signet(dir, 'export', '--verifier', 'verifier.html');
  const cards = (await readdir(join(dir, 'sample/cards'))).map((name) => join(dir, 'sample/cards', name));
  return { dir, verifier: join(dir, 'verifier.html'), pdf: join(dir, 'New Year message.pdf'), html: join(dir, 'New Year message.html'), cards };
}

/** Drops files on the page's drop zone, as a person dragging them from their desktop. */
async function drop(page: Page, files: { name: string; bytes: Buffer }[]) {
  const data = await page.evaluateHandle(
    (given) => {
      const transfer = new DataTransfer();
      for (const f of given) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
      return transfer;
    },
    files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') })),
  );
  const zone = page.locator('#drop');
  await zone.dispatchEvent('dragenter', { dataTransfer: data });
  await zone.dispatchEvent('dragover', { dataTransfer: data });
  await zone.dispatchEvent('drop', { dataTransfer: data });
}

async function lightAndDark(page: Page, name: string) {
  await screenshot(page, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

const file = async (path: string) => ({ name: path.split('/').pop()!, bytes: await readFile(path) });
const verdict = (page: Page) => page.locator('.result article');

test('the verifier page checks an authentic PDF, an authentic HTML copy, a forged one and a copy with cards, and fetches nothing', async ({ page }) => {
  test.setTimeout(120_000);
  const copies = await makeCopies();
  const url = pathToFileURL(copies.verifier).href;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const blocked: string[] = [];
  page.on('console', (message) => {
    // A copy's own <style>, parsed to be read, is never applied: the page's policy says so, and that is not a failure.
    if (/Content Security Policy|Refused to/i.test(message.text()) && !/^Applying inline style/.test(message.text())) blocked.push(message.text());
  });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Check a copy from Signet' })).toBeVisible();

  // An authentic PDF, dropped.
  await drop(page, [await file(copies.pdf)]);
  await expect(verdict(page).getByRole('heading', { level: 2 })).toHaveText('Authentic: the final copy of “New Year message”', { timeout: 30_000 });
  await expect(verdict(page)).toContainText('New Year message.pdf, PDF copy, Signed');
  await expect(verdict(page).locator('.person.approved')).toHaveCount(2);
  await expect(verdict(page).locator('.person.approved').first()).toContainText(/^Approved by Ben Okafor, Chief of Staff on \d+ \w+ \d{4}, \d\d:\d\d UTC/);
  await expect(verdict(page).locator('.person.signed')).toContainText('Signed by Carmen Ruiz, Mayor on');
  await expect(verdict(page).locator('.person.exported')).toContainText('Exported by Amina Yusuf, Head of Speechwriting on');
  await expect(verdict(page).locator('.whole')).toHaveText('The PDF signature covers the whole file: not a byte has changed since Amina Yusuf exported and signed it.');
  await expect(verdict(page).locator('.not-checked')).toContainText('does not print a fresh copy');
  await expect(verdict(page).locator('.not-checked')).toContainText('Drop the member cards you received');
  await lightAndDark(page, 'verifier-pdf-authentic');
  await checkAccessibility(page, 'the verifier page with a verdict');

  // An authentic HTML copy, chosen with the file picker.
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('Choose files…').click();
  await (await chooser).setFiles(copies.html);
  await expect(verdict(page).getByRole('heading', { level: 2 })).toHaveText('Authentic: the final copy of “New Year message”');
  await expect(verdict(page)).toContainText('New Year message.html, HTML copy, Signed');
  await expect(verdict(page).locator('.whole')).toHaveCount(0);
  await expect(verdict(page).locator('.not-checked')).not.toContainText('fresh copy');

  // A forged HTML copy: one word changed on the page.
  const html = await readFile(copies.html, 'utf8');
  const body = html.indexOf('<body');
  const forged = html.slice(0, body) + html.slice(body).replace('spring floods', 'spring fires');
  await drop(page, [{ name: 'New Year message (forwarded).html', bytes: Buffer.from(forged) }]);
  await expect(verdict(page).getByRole('heading', { level: 2 })).toHaveText('Not authentic: do not rely on “New Year message (forwarded).html”');
  await expect(verdict(page).locator('.problems')).toContainText("the words on the page are not the manifest's text");
  await expect(verdict(page).locator('.problems')).toContainText('fires');
  await lightAndDark(page, 'verifier-forged');

  // A PDF with bytes added after it was signed.
  const pdf = await readFile(copies.pdf);
  await drop(page, [{ name: 'New Year message.pdf', bytes: Buffer.concat([pdf, Buffer.from('\n% added\n')]) }]);
  await expect(verdict(page).getByRole('heading', { level: 2 })).toHaveText('Not authentic: do not rely on “New Year message.pdf”');
  await expect(verdict(page).locator('.problems')).toContainText('bytes were added after it was signed');
  await expect(verdict(page).locator('.whole')).toHaveText('The PDF signature does not hold for the whole file.');

  // The copy with the member cards beside it: every key is on a card.
  await drop(page, [await file(copies.pdf), ...(await Promise.all(copies.cards.map(file)))]);
  await expect(verdict(page).getByRole('heading', { level: 2 })).toHaveText('Authentic: the final copy of “New Year message”');
  await expect(verdict(page).locator('.cards')).toHaveText('Member cards checked: Amina Yusuf, Ben Okafor, Carmen Ruiz.');
  await expect(verdict(page).locator('.not-checked')).not.toContainText('member cards');
  await screenshot(page, 'verifier-cards');

  // The cards forgotten, then only Ben's dropped: the copy before is checked again with it, and
  // Carmen's signature and Amina's export are on no card.
  await page.getByRole('button', { name: 'Forget the cards' }).click();
  await drop(page, [await file(copies.cards.find((c) => c.includes('ben'))!)]);
  await expect(verdict(page).getByRole('heading', { level: 2 })).toHaveText('Not authentic: do not rely on “New Year message.pdf”');
  await expect(verdict(page).locator('.problems')).toContainText("Carmen Ruiz's key");
  await expect(verdict(page).locator('.problems')).toContainText('someone may be posing as them');

  // In Chinese.
  await drop(page, [await file(copies.html)]);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '核验 Signet 导出的副本' })).toBeVisible();
  await expect(verdict(page).getByRole('heading', { level: 2 })).toHaveText('不真实：请勿采信“New Year message.html”');
  await page.getByRole('button', { name: '清除名片' }).click();
  await drop(page, [await file(copies.html)]);
  await expect(verdict(page).getByRole('heading', { level: 2 })).toHaveText('真实：“New Year message”的定稿副本');
  await expect(verdict(page).locator('.person.signed')).toContainText('Carmen Ruiz, Mayor 于');
  await screenshot(page, 'verifier-zh');

  // The forged copy on the Chinese page: the reason in Chinese, not signet verify's English.
  await drop(page, [{ name: 'New Year message (forwarded).html', bytes: Buffer.from(forged) }]);
  await expect(verdict(page).getByRole('heading', { level: 2 })).toHaveText('不真实：请勿采信“New Year message (forwarded).html”');
  await expect(verdict(page).locator('.problems')).toContainText('页面上的文字不是清单中的文本');
  await expect(verdict(page).locator('.problems')).toContainText('fires');
  await expect(verdict(page).locator('.problems')).not.toContainText("the words on the page are not the manifest's text");

  expect(requests).toEqual([url]);
  expect(blocked).toEqual([]);
});

appTest('the export dialog saves the verifier page where the person chooses, and says what it is for', async ({ signet }) => {
  const { page, os } = signet;
  await signet.start();
  await newMessage(page, 'Blank');
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Export a copy' });
  await expect(dialog).toBeVisible();
  os.nextSavePath = join(signet.dataDir, 'Check a Signet copy');
  await dialog.getByRole('button', { name: 'Save the verifier…' }).click();
  const saved = `${os.nextSavePath}.html`;
  await expect(dialog.getByRole('status').filter({ hasText: 'verifier' })).toHaveText(`Saved the verifier page at ${saved}. Anyone can open it in a browser and drop a copy on it to check it, with no network. Show in folder`);
  expect((await readFile(saved)).equals(await readFile(join(ROOT, 'out/verifier/verifier.html')))).toBe(true);
  await dialog.getByRole('status').filter({ hasText: 'verifier' }).getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => os.shownInFolder).toEqual([saved]);
  await screenshot(page, 'export-verifier-saved');
  // A name for another kind of file is refused, and nothing is written.
  os.nextSavePath = join(signet.dataDir, 'verifier.pdf');
  await dialog.getByRole('button', { name: 'Save the verifier…' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Choose a name that ends in .html: the verifier is a web page, which a browser opens by its name.');
  await expect(readFile(os.nextSavePath)).rejects.toThrow(/ENOENT/);
});
