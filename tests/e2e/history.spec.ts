import { test, expect } from './harness';
import { becomePerson, checkAccessibility, editorOf, fileText, newMessage, saved, screenshot } from './helpers';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const ADA = 'Ada Lovelace (Chief Speechwriter)';
const BEN = "Ben Okafor (Mayor's Office)";

test('a named version is saved, compared with later edits by two people, restored, and the restore undone', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await newMessage(page, 'Blank');
  const editor = editorOf(page);
  const path = [...signet.services.open.keys()][0];

  // Ada drafts and saves a named version.
  await editor.click();
  await page.keyboard.type('The city will open a new library in spring.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Funding comes from the council.');
  await page.getByRole('button', { name: 'Save version…' }).click();
  await page.getByRole('textbox', { name: 'Version name' }).fill('Sent to Mayor’s office');
  await page.getByLabel('Note (optional)').fill('First draft for the Mayor');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved version “Sent to Mayor’s office”.' })).toBeVisible();

  // Ada adds a sentence, then closes; closing records an automatic version.
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.type(' Everyone is welcome.');
  await saved(page);
  await page.getByRole('button', { name: /Library/ }).click();

  // Ben, in the Mayor's office, edits the same message in a later session.
  await becomePerson(page, 'Ben Okafor', "Mayor's Office");
  await page.getByRole('row', { name: /Untitled message/ }).dblclick();
  await expect(editor).toContainText('Everyone is welcome.');
  await editor.getByText('The city will open').click();
  await page.keyboard.press('Home');
  await page.keyboard.press(`${mod}+Shift+ArrowRight`);
  await page.keyboard.type('Our');
  await expect(editor).toContainText('Our city will open a new library in spring.');
  const edited = (await editor.textContent()) ?? '';

  // The history panel lists the versions, newest first, grouped by day, with authors.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Version history' });
  await expect(panel.getByRole('heading', { name: 'Today' })).toBeVisible();
  const named = panel.getByRole('button', { name: /Sent to Mayor’s office/ });
  await expect(named).toContainText('First draft for the Mayor');
  await expect(named).toContainText('Ada Lovelace');
  await expect(panel.getByRole('button', { name: /Saved on close/ })).toContainText('+3 −0 words');
  await panel.getByLabel('Named versions only').check();
  await expect(panel.getByRole('button', { name: /Saved on close/ })).toHaveCount(0);
  await panel.getByLabel('Named versions only').uncheck();
  await screenshot(page, 'history-panel');
  await checkAccessibility(page, 'history panel');

  // Selecting the version shows it read-only under a banner.
  await named.click();
  await expect(page.getByRole('status').filter({ hasText: /Viewing “Sent to Mayor’s office”/ })).toBeVisible();
  const version = page.getByRole('article', { name: 'Text of this version' });
  await expect(version.getByRole('paragraph')).toHaveText(['The city will open a new library in spring.', 'Funding comes from the council.']);
  await expect(editor).toBeHidden();
  await expect(page.getByRole('button', { name: 'Bold' })).toBeDisabled();

  // Compare it with the current text: each change in its author's colour, named on hover.
  await page.getByRole('button', { name: 'Compare with current' }).click();
  const compare = page.locator('.compare-content');
  await expect(page.getByRole('status').filter({ hasText: '4 words added, 1 removed · 2 paragraphs changed, 0 moved' })).toBeVisible();
  await expect(compare.locator('del')).toHaveText(['The']);
  await expect(compare.locator('del')).toHaveAttribute('title', `Removed by ${BEN}`);
  await expect(compare.locator('ins')).toHaveText(['Our', ' Everyone is welcome.']);
  await expect(compare.locator('ins').first()).toHaveAttribute('title', `Added by ${BEN}`);
  await expect(compare.locator('ins').last()).toHaveAttribute('title', `Added by ${ADA}`);
  const colour = (i: number) => compare.locator('ins').nth(i).evaluate((el) => getComputedStyle(el).textDecorationColor);
  expect(await colour(0)).not.toBe(await colour(1));
  await expect(page.locator('.compare-authors')).toContainText(ADA);
  await expect(page.locator('.compare-authors')).toContainText(BEN);
  await screenshot(page, 'history-compare');
  await checkAccessibility(page, 'comparison');

  // Restore the named version: the text becomes what it was, and versions record it.
  await named.click();
  await page.getByRole('button', { name: 'Restore this version' }).click();
  await expect(editor).toBeVisible();
  await expect(editor).toHaveText(/^The city will open a new library in spring\.\s*Funding comes from the council\.$/);
  await expect(page.getByRole('status').filter({ hasText: /Restored the version of .*Undo/ })).toBeVisible();
  await expect(panel.getByRole('button', { name: /Restored from “Sent to Mayor’s office”/ })).toBeVisible();
  await expect(panel.getByRole('button', { name: /Before restoring “Sent to Mayor’s office”/ })).toBeVisible();
  // "Saved" may still be showing from before the change reached the main process: wait for the file.
  await expect.poll(async () => (await fileText(path)).text).toBe('The city will open a new library in spring.\n\nFunding comes from the council.');

  // The restore is one change, and undo takes it back.
  await page.keyboard.press(`${mod}+z`);
  await expect(editor).toHaveText(edited);
  await expect.poll(async () => (await fileText(path)).text).toBe('Our city will open a new library in spring.\n\nFunding comes from the council. Everyone is welcome.');
});

test('a version can be renamed, and two versions compared with each other', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await newMessage(page, 'Blank');
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.type('We thank the volunteers.');
  await page.keyboard.press(`${mod}+Alt+s`);
  await page.getByRole('textbox', { name: 'Version name' }).fill('One');
  await page.getByRole('button', { name: 'OK' }).click();
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.press('Enter');
  await page.keyboard.type('And the firefighters.');
  await page.getByRole('button', { name: 'Save version…' }).click();
  await page.getByRole('textbox', { name: 'Version name' }).fill('Two');
  await page.getByRole('button', { name: 'OK' }).click();

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Version history' });
  await panel.getByRole('listitem').filter({ hasText: 'One' }).getByRole('button', { name: 'Rename…' }).click();
  await page.getByRole('textbox', { name: 'Version name' }).fill('First thanks');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(panel.getByRole('button', { name: /First thanks/ })).toBeVisible();

  await panel.getByRole('combobox', { name: 'Compare' }).selectOption({ label: 'First thanks' });
  await panel.getByRole('combobox', { name: 'with' }).selectOption({ label: 'Two' });
  await panel.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Comparing First thanks with Two' })).toBeVisible();
  await expect(page.locator('.compare-content ins')).toHaveText(['And the firefighters.']);
  await expect(page.locator('.compare-content .block-added')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(editor).toBeVisible();
});
