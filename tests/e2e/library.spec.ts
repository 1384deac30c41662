import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './harness';
import { checkAccessibility, editorOf, newMessage, saved, screenshot } from './helpers';

async function draft(page: import('@playwright/test').Page, template: Parameters<typeof newMessage>[1], words: string) {
  await newMessage(page, template);
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(words);
  await saved(page);
  await page.getByRole('button', { name: /Library/ }).click();
}

test('the library lists, sorts, searches, renames, duplicates, trashes and restores messages', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await expect(page.getByText('No messages yet')).toBeVisible();
  await draft(page, 'Speech', 'The harbour festival opens on Saturday.');
  await draft(page, 'Letter', 'Staff bonuses will be paid in March.');

  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  // Sorted by last edited, newest first; then by title.
  await expect(rows.first()).toHaveAccessibleName('Letter');
  await page.getByRole('button', { name: 'Title' }).click();
  await expect(rows.locator('td.title')).toHaveText(['Letter', 'Speech']);
  await page.getByRole('button', { name: 'Title' }).click();
  await expect(rows.locator('td.title')).toHaveText(['Speech', 'Letter']);
  await page.getByRole('button', { name: 'Words' }).click();
  await expect(page.getByRole('columnheader', { name: 'Words' })).toHaveAttribute('aria-sort', 'descending');

  // The search box looks in titles and in the text.
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('harbour');
  await expect(rows.locator('td.title')).toHaveText(['Speech']);
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('nothing like this');
  await expect(page.getByText('No message matches your search.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('');

  await screenshot(page, 'library-light');
  await checkAccessibility(page, 'library');

  // Actions are offered once, for the selected row: none until one is chosen.
  await expect(page.getByText('Select a message to open, rename, duplicate or move it to the Trash.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename…' })).toHaveCount(0);
  const actionsFor = (title: string) => page.getByRole('toolbar', { name: `Actions for “${title}”` });

  // Rename through the dialog.
  await page.getByRole('row', { name: 'Speech' }).click();
  await screenshot(page, 'library-selected-light');
  await actionsFor('Speech').getByRole('button', { name: 'Rename…' }).click();
  await page.getByRole('textbox', { name: 'New title' }).fill('Harbour festival opening');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('row', { name: 'Harbour festival opening' })).toBeVisible();

  // Duplicate, then move the copy to the trash and bring it back.
  // By keyboard: the arrow keys select, Shift+F10 goes to the selected row's actions.
  await page.getByRole('row', { name: 'Harbour festival opening' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('row', { name: 'Letter' })).toBeFocused();
  await page.keyboard.press('Shift+F10');
  await expect(actionsFor('Letter').getByRole('button', { name: 'Open' })).toBeFocused();
  await actionsFor('Letter').getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('row', { name: 'Letter (copy)' })).toBeVisible();
  await page.getByRole('row', { name: 'Letter (copy)' }).click();
  await actionsFor('Letter (copy)').getByRole('button', { name: 'Move to Trash' }).click();
  await expect(page.getByRole('row', { name: 'Letter (copy)' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Trash', exact: true }).click();
  await expect(page.getByText('Letter (copy)')).toBeVisible();
  await page.getByRole('button', { name: 'Restore Letter (copy)' }).click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to Library' }).click();
  await expect(page.getByRole('row', { name: 'Letter (copy)' })).toBeVisible();

  await page.getByRole('row', { name: 'Letter', exact: true }).click();
  await actionsFor('Letter').getByRole('button', { name: 'Show in Folder' }).click();
  expect(signet.os.shownInFolder).toEqual([join(signet.library, 'Letter.signet')]);
});

test('a damaged file is listed with what is wrong and where, and a copy can be recovered', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await draft(page, 'Letter', 'Every word here matters.');
  // Reopen and add a sentence, so the file holds its compacted state and one appended change.
  await page.getByRole('row', { name: 'Letter' }).dblclick();
  await editorOf(page).getByText('[Recipient name]').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' and family');
  await saved(page);
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(join(signet.library, 'Letter.signet'));
  const { parseLog, RECORD_HEADER_SIZE } = await import('../../electron/services/files/message-file');
  const last = parseLog(bytes, 'Letter.signet').records.at(-1)!;
  bytes[last.offset + RECORD_HEADER_SIZE + 1] ^= 0xff; // a flipped byte inside the last record's change
  const path = join(signet.library, 'Broken.signet');
  await writeFile(path, bytes);
  await page.getByRole('button', { name: /Library/ }).click();

  await expect(page.getByRole('row', { name: /Broken/ })).toContainText(/Damaged: .*checksum at byte \d+/);
  await page.getByRole('row', { name: /Broken/ }).dblclick();
  await expect(page.getByRole('alert')).toContainText(/Broken\.signet is damaged: .* at byte \d+\. Nothing was changed\./);
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
  expect(await readFile(path)).toEqual(bytes);

  // The recovered copy has every word: the record's parity repairs the flipped byte.
  await page.getByRole('button', { name: 'Recover a copy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recover a copy of “Broken”' });
  await expect(dialog).toContainText('There are no backups of this message.');
  await dialog.getByRole('button', { name: 'Recover', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Recovered “Broken (recovered)”');
  await expect(dialog.getByRole('status')).toContainText('Nothing was lost.');
  await expect(dialog.getByRole('status')).toContainText('1 damaged part was repaired.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('row', { name: 'Letter (recovered)' }).dblclick();
  await expect(editorOf(page)).toContainText('Every word here matters.');
  await expect(editorOf(page)).toContainText('and family');
});

test('a file cut short inside its only record gets every word back from the backup the app kept', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await draft(page, 'Letter', 'The road opens again on Monday.');
  // Closing the message compacted it, and the file as it was went to the backups.
  const { readFile } = await import('node:fs/promises');
  const path = join(signet.library, 'Letter.signet');
  // The backup is kept before the compacted file is renamed in: wait for that file (one record).
  const { parseLog } = await import('../../electron/services/files/message-file');
  await expect.poll(async () => (await signet.services.handlers['message.backups'](path)).length).toBe(1);
  await expect.poll(async () => parseLog(await readFile(path), path).records.length).toBe(1);
  const cut = (await readFile(path)).subarray(0, 40);
  await writeFile(path, cut);
  await signet.start();
  await expect(page.getByRole('row', { name: /Letter/ })).toContainText(/Damaged: .*ends inside its first record/);

  await page.getByRole('button', { name: 'Recover a copy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recover a copy of “Letter”' });
  await expect(dialog.getByRole('radio', { name: /^The backup of / })).toHaveCount(1);
  await expect(dialog.getByRole('radio', { name: 'What the file still holds, with its newest backup merged in' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Recover', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Recovered “Letter (recovered)”');
  await expect(dialog.getByRole('status')).toContainText(/bytes of the file could not be read; the backup of .* was merged in/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('row', { name: 'Letter (recovered)' }).dblclick();
  await expect(editorOf(page)).toContainText('The road opens again on Monday.');
  expect((await readFile(path)).equals(cut)).toBe(true);
});

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });
  test('library and editor follow the system dark theme', async ({ signet }) => {
    const { page } = signet;
    await signet.start();
    await draft(page, 'New Year message', 'May the new year bring us closer.');
    await page.getByRole('row', { name: /New Year message/ }).click();
    await screenshot(page, 'library-dark');
    await page.getByRole('row', { name: /New Year message/ }).dblclick();
    await expect(editorOf(page)).toContainText('May the new year bring us closer.');
    await screenshot(page, 'editor-dark');
    await checkAccessibility(page, 'editor (dark)');
  });
});

test('the library, toolbar and words switch to Simplified Chinese', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('combobox', { name: /^Language/ }).selectOption('zh-CN');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: '文稿库' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: '搜索讲稿' })).toBeVisible();
  await page.getByLabel('模板').selectOption({ label: '新年致辞' });
  await page.getByRole('button', { name: '新建讲稿' }).click();
  await expect(page.getByRole('toolbar', { name: '格式' })).toBeVisible();
  await expect(page.getByRole('button', { name: '加粗' })).toBeVisible();
  // The template's words are Chinese too, and its title.
  await expect(editorOf(page)).toContainText('亲爱的市民朋友们：[开场问候]');
  await expect(editorOf(page)).toContainText('衷心祝愿大家新年快乐，万事如意！');
  await expect(editorOf(page)).not.toContainText('dear fellow citizens');
  await expect(page.locator('.message-title')).toHaveText('新年致辞');
  await screenshot(page, 'editor-zh-CN');
  await checkAccessibility(page, 'editor (zh-CN)');
  // The library in Chinese: the selected message's actions, a comment count of 0, dates as China writes them.
  await page.getByRole('button', { name: /文稿库/ }).click();
  await page.getByRole('row', { name: '新年致辞' }).click();
  const actions = page.getByRole('toolbar', { name: '《新年致辞》的操作' });
  await expect(actions.getByRole('button', { name: '重命名…' })).toBeVisible();
  await expect(page.getByRole('row', { name: '新年致辞' }).locator('td').nth(5)).toHaveText('0');
  await expect(page.getByRole('row', { name: '新年致辞' }).locator('td').nth(2)).toHaveText(/\d{4}\/\d{1,2}\/\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}:\d{2}/);
  await screenshot(page, 'library-zh-CN');
  await checkAccessibility(page, 'library (zh-CN)');
});

test('on first run Signet asks who you are and makes your signing key, and your name goes on what you do', async ({ signet }) => {
  const { page } = signet;
  await signet.services.handlers['settings.set']({ name: '', jobTitle: '' });
  await signet.start();
  const welcome = page.getByRole('dialog', { name: 'Welcome to Signet' });
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('button', { name: 'Start' })).toBeDisabled();
  // Escape does not skip it.
  await page.keyboard.press('Escape');
  await expect(welcome).toBeVisible();
  await welcome.getByRole('textbox', { name: 'Your name' }).fill('Grace Hopper');
  await welcome.getByRole('textbox', { name: 'Titles (one per line)' }).fill('Press Secretary');
  // This machine has no secret store, so a passphrase protects the key, and the dialog says why.
  await expect(welcome).toContainText('no secret store');
  await welcome.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
  // Typed again, to catch a typo that would lock her out of her key; the optional fields say so.
  await welcome.getByLabel('Passphrase again').fill('a long passphrse');
  await expect(welcome.getByRole('alert')).toHaveText('The two passphrases differ.');
  await expect(welcome.getByRole('button', { name: 'Start' })).toBeDisabled();
  await expect(welcome.getByText('Email (optional)')).toBeVisible();
  await welcome.getByLabel('Passphrase again').fill('a long passphrase');
  await expect(welcome.getByRole('alert')).toBeHidden();
  await screenshot(page, 'first-run');
  await welcome.getByRole('button', { name: 'Start' }).click();
  await expect(welcome).toBeHidden();
  expect(await signet.services.handlers['settings.get']()).toMatchObject({ name: 'Grace Hopper', jobTitle: 'Press Secretary' });
  expect(await signet.services.handlers['profile.get']()).toMatchObject({ name: 'Grace Hopper', titles: ['Press Secretary'], protection: 'passphrase' });
});
