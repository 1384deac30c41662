// Export in the app: a person opens a signed message, sees what the copy will be and a picture
// of its first page, chooses a letter with a letterhead, and saves a PDF that reads as it should
// and proves itself; a draft exported as HTML says it is a draft on every page. The copies are
// printed by Chromium's page.pdf, as on the command line (the app's hidden window needs Electron).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { SAMPLE_PASSPHRASE, sample } from '../../electron/cli/sample';
import { readCopyFile } from '../../electron/services/export/read-copy';
import { checkCopy } from '../../shared/export';
import { test, expect, type Signet } from './harness';
import { checkAccessibility, editorOf, menu, paste, screenshot, selectWords } from './helpers';

const run = promisify(execFile);

/** The sample library's messages (signet sample), copied into this person's library. */
async function sampleLibrary(signet: Signet) {
  const made = join(signet.dataDir, 'sample');
  await sample({ operand: () => made, operands: () => [made], string: () => undefined, flag: () => false }, { out: () => {}, err: () => {}, block: () => {} });
  await mkdir(signet.library, { recursive: true });
  for (const name of await readdir(join(made, 'library'))) await copyFile(join(made, 'library', name), join(signet.library, name));
  // Amina exports: her sample profile is this Signet's; her key seals the copies once unlocked.
  await copyFile(join(made, 'profiles', 'amina-yusuf.signet-profile'), join(signet.dataDir, 'profile.json'));
}

/** Unlocks the profile's key for the session, as the sign-off panel's passphrase prompt does. */
async function unlockKey(page: Page) {
  const reply = await page.evaluate((passphrase) => window.signet.call['profile.unlock'](passphrase), SAMPLE_PASSPHRASE);
  expect(reply.ok).toBe(true);
}

/** A small PNG drawn by the browser: a crest for the letterhead, or a signature in ink. */
async function drawPng(page: Page, file: string, html: string) {
  const other = await page.context().newPage();
  await other.setContent(`<div id="art" style="display:inline-block;padding:4px">${html}</div>`);
  await writeFile(file, await other.locator('#art').screenshot({ omitBackground: true }));
  await other.close();
}

async function openMessage(page: Page, title: string) {
  await page.getByRole('row', { name: title }).dblclick();
  await expect(editorOf(page)).toBeVisible();
}

/** Waits for the dialog's picture of the copy to follow the latest choices. */
async function previewDrawn(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Export a copy' });
  await expect(dialog.locator('figure.export-preview')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await expect(dialog.getByRole('img', { name: 'Preview of the first page' })).toBeVisible();
}

test('a signed message exports as a final PDF letter that proves itself; a draft as HTML that says DRAFT', async ({ signet }) => {
  test.setTimeout(120_000);
  const { page, os } = signet;
  await sampleLibrary(signet);
  const out = join(signet.dataDir, 'copies');
  await mkdir(out);
  const crest = join(signet.dataDir, 'crest.png');
  const ink = join(signet.dataDir, 'signature.png');
  const notPng = join(signet.dataDir, 'photo.png');
  await drawPng(page, crest, '<svg width="60" height="60"><circle cx="30" cy="30" r="27" fill="#1d4f91"/><path d="M14 38 L30 14 L46 38 Z" fill="#f2c14e"/></svg>');
  await drawPng(page, ink, '<span style="font: italic 34px cursive; color: #1a2a6c">Carmen Ruiz</span>');
  await writeFile(notPng, 'this is not a picture');
  await signet.start();
  await unlockKey(page);

  // The signed message: the dialog says what the copy is and draws its first page.
  await openMessage(page, 'New Year message');
  const opened = Date.now();
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Export a copy' });
  await expect(dialog).toBeVisible();
  await previewDrawn(page);
  const firstPreviewMs = Date.now() - opened;
  await expect(dialog.getByRole('status').filter({ hasText: 'Final copy' })).toHaveText('Final copy: Signed by Carmen Ruiz. A certificate page is added.');

  // A letter, with a letterhead, a date line and a handwritten signature.
  await dialog.getByLabel('Template').selectOption({ label: 'Letter' });
  await expect(dialog.getByLabel('Organisation')).toHaveValue('City of Aldport');
  await dialog.getByLabel('Place').fill('Aldport');
  await dialog.getByLabel('Date (empty: the day of the export)').fill('2026-12-31');
  // The day as the page prints it beside the field, whatever the system's date format shows.
  // The sample's signature block ends "Aldport, 31 December": the dialog says the day is then printed twice.
  await expect(dialog.getByText('On the page: 31 December 2026 (the signature block has a date of its own too)', { exact: true })).toBeVisible();
  // The message holds its own signature block, so no closing line is offered for one.
  await expect(dialog.getByLabel('Closing line')).toHaveCount(0);
  os.nextImagePath = notPng;
  await dialog.getByRole('button', { name: 'Choose a logo (PNG)…' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('photo.png cannot be used: it is not a PNG image.');
  os.nextImagePath = crest;
  await dialog.getByRole('button', { name: 'Choose a logo (PNG)…' }).click();
  await expect(dialog.getByRole('button', { name: 'Remove crest.png' })).toBeVisible();
  os.nextImagePath = ink;
  await dialog.getByRole('button', { name: 'Choose a signature (PNG)…' }).click();
  await expect(dialog.getByRole('button', { name: 'Remove signature.png' })).toBeVisible();
  const changed = Date.now();
  await previewDrawn(page);
  const previewMs = Date.now() - changed;
  await expect(dialog.getByRole('alert')).toBeHidden();
  await checkAccessibility(page, 'export dialog');
  await screenshot(page, 'export-dialog');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'export-dialog-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // A preview large enough to read, on demand.
  await dialog.getByRole('button', { name: 'Larger preview' }).click();
  await expect(dialog.getByRole('button', { name: 'Smaller preview' })).toHaveAttribute('aria-pressed', 'true');
  await screenshot(page, 'export-preview-large');
  await dialog.getByRole('button', { name: 'Smaller preview' }).click();

  // Save: the progress, then where it went.
  const pdf = join(out, 'New Year message.pdf');
  os.nextSavePath = pdf;
  const saving = Date.now();
  await dialog.getByRole('button', { name: 'Save PDF…' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved the final copy' })).toHaveText(/^Saved the final copy at .*New Year message\.pdf \(\d+ pages?\)\.$/, { timeout: 30_000 });
  const exportMs = Date.now() - saving;
  await dialog.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => os.shownInFolder).toEqual([pdf]);
  console.log(`export figures: first preview ${firstPreviewMs} ms (dialog opened to picture), preview after a change ${previewMs} ms (incl. ${350} ms debounce), PDF export ${exportMs} ms (click to "Saved")`);

  // The PDF reads as a letter: letterhead, date line, the body in order, then the signatory.
  const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
  const order = ['City of Aldport', 'Aldport, 31 December 2026', 'Good evening, dear fellow citizens,', 'The spring floods tested us', 'finish the harbour wall by June', 'a happy New Year.', 'With my warmest wishes', 'Carmen Ruiz', 'Mayor of Aldport', 'Certificate of approval and signature'];
  const squeezed = text.replace(/\s+/g, ' ');
  const at = order.map((words) => squeezed.indexOf(words));
  expect(at.every((i) => i >= 0), `every part is in the PDF's text: ${order.filter((_, i) => at[i] < 0).join(', ')}`).toBe(true);
  expect(at).toEqual([...at].sort((a, b) => a - b));
  const copy = await readCopyFile(pdf);
  expect(copy.manifest.kind).toBe('final');
  expect(copy.manifest.layout).toMatchObject({ template: 'letter', organisation: 'City of Aldport', place: 'Aldport', date: '2026-12-31' });
  expect(copy.manifest.images.logo).toMatch(/^[0-9a-f]{64}$/);
  const checked = checkCopy(copy.manifest, copy.seen);
  expect(checked.problems).toEqual([]);
  expect(checked.authentic).toBe(true);
  expect(checked.state.state).toBe('Signed');

  // A comparison starts against the newest version, and says it is no final copy.
  await dialog.getByLabel('Template').selectOption({ label: 'Comparison' });
  await expect(dialog.getByLabel('Compare with')).not.toHaveValue('');
  await previewDrawn(page);
  await expect(dialog.getByRole('status').filter({ hasText: 'Comparison of' })).toHaveText(/^Comparison of “Signed” with the current text: .* It is not a final copy and has no certificate\.$/);
  await expect(dialog.getByRole('group', { name: 'Signature block' })).toBeHidden();

  // Escape closes the dialog.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A draft: the dialog says what the copy will carry, and the HTML copy carries it.
  await page.getByRole('button', { name: /Library/ }).click();
  await openMessage(page, 'Letter to Harbour district residents');
  await menu(page, 'export');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Page size')).toBeVisible();
  await dialog.getByRole('radio', { name: /HTML/ }).check();
  // An HTML copy has no pages to size.
  await expect(dialog.getByLabel('Page size')).toHaveCount(0);
  await previewDrawn(page);
  const draftSaid = 'This message is Draft: the copy will say DRAFT on every page and “Not approved” in the footer, without a certificate.';
  await expect(dialog.getByRole('status').filter({ hasText: 'This message is Draft' })).toHaveText(draftSaid);
  await expect(dialog.getByRole('group', { name: 'Signature block' })).toBeHidden();
  await checkAccessibility(page, 'export dialog, draft');
  await screenshot(page, 'export-draft');
  const html = join(out, 'Letter to Harbour district residents (draft).html');
  os.nextSavePath = html;
  await dialog.getByRole('button', { name: 'Save HTML…' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved the draft copy' })).toBeVisible();
  const source = await readFile(html, 'utf8');
  expect(source).toContain("content: 'DRAFT'");
  expect(source).toContain("content: 'Not approved'");
  expect(source).not.toContain('Certificate of approval');
  const draft = await readCopyFile(html);
  expect(draft.manifest.kind).toBe('draft');
  expect(draft.hazards).toEqual([]);
  expect(draft.seen).toMatchObject({ text: expect.stringContaining('Quay Street') });
  const draftCheck = checkCopy(draft.manifest, draft.seen);
  expect(draftCheck.authentic).toBe(false);
  expect(draftCheck.problems.join(' ')).toContain('Not approved');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('the export dialog asks for the passphrase of a locked key, and the copy it then saves is sealed by its exporter', async ({ signet }) => {
  test.setTimeout(90_000);
  const { page, os } = signet;
  await sampleLibrary(signet);
  await signet.start();
  await openMessage(page, 'New Year message');
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Export a copy' });
  await expect(dialog.getByText('Your key is locked. A final copy is sealed with it, so that readers can check who exported it: unlock it with your passphrase first.')).toBeVisible();
  await dialog.getByLabel('Passphrase').fill('not the passphrase');
  await dialog.getByRole('button', { name: 'Unlock my key…' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await dialog.getByLabel('Passphrase').fill(SAMPLE_PASSPHRASE);
  await dialog.getByRole('button', { name: 'Unlock my key…' }).click();
  await expect(dialog.getByText('Your key is locked.', { exact: false })).toHaveCount(0);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await dialog.getByLabel('HTML (one file for any browser)').check();
  const html = join(signet.dataDir, 'New Year message.html');
  os.nextSavePath = html;
  await dialog.getByRole('button', { name: 'Save HTML…' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved the final copy' })).toBeVisible({ timeout: 30_000 });
  const copy = await readCopyFile(html);
  const check = checkCopy(copy.manifest, copy.seen);
  expect(check.problems).toEqual([]);
  expect(check.exporter?.name).toBe('Amina Yusuf');
});

test('in Chinese, the export dialog speaks Chinese, says the day as the English letter prints it, and asks where link addresses go', async ({ signet }) => {
  test.setTimeout(90_000);
  const { page } = signet;
  await sampleLibrary(signet);
  await signet.start();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: /^Language/ }).selectOption('zh-CN');
  await page.getByRole('button', { name: 'Save' }).click();
  await openMessage(page, 'Letter to Harbour district residents');
  // A link pasted at the end: paper cannot be clicked, so the dialog asks how its address is printed.
  await selectWords(page, 'until eight.');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await paste(page, '<p>详见<a href="https://aldport.example/harbour">市政府网站</a>。</p>', '详见市政府网站。');
  await expect(editorOf(page).getByRole('link', { name: '市政府网站' })).toBeVisible();
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: '导出副本' });
  await expect(dialog.locator('figure.export-preview')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await expect(dialog.getByRole('img', { name: '第一页预览' })).toBeVisible();
  const links = dialog.getByLabel('链接地址');
  await expect(links.locator('option:checked')).toHaveText('在文字后的括号中');
  await links.selectOption({ label: '作为编号注释列在文末' });
  await dialog.getByLabel('模板').selectOption({ label: '信函' });
  await dialog.getByLabel('日期（留空：导出当天）').fill('2026-12-31');
  // The dialog speaks the person's language; the page prints the message's (this letter is English).
  await expect(dialog.getByText('页面上印作：31 December 2026（署名栏也有自己的日期）', { exact: true })).toBeVisible();
  await expect(dialog.locator('figure.export-preview')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await checkAccessibility(page, 'export dialog (zh-CN)');
  await screenshot(page, 'export-dialog-zh-CN');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'export-dialog-zh-CN-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});
