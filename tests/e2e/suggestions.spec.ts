import { test, expect } from './harness';
import { checkAccessibility, editorOf, fileText, newMessage, saved, screenshot, selectWords } from './helpers';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

test('suggesting: typed words are an insertion, deleted words stay struck through, typing over words is one replace', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await newMessage(page, 'Blank');
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.type('We will finish the bridge by June and report back.');
  await saved(page);
  const modes = page.getByRole('radiogroup', { name: 'Mode' });
  await expect(modes.getByRole('radio', { name: 'Editing' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press(`${mod}+Alt+Shift+X`);
  await expect(modes.getByRole('radio', { name: 'Suggesting' })).toHaveAttribute('aria-checked', 'true');

  await selectWords(page, 'by June');
  await page.keyboard.type('in the first half of the year');
  await expect(editor.locator('[data-kind="delete"]')).toHaveText('by June');
  await expect(editor.locator('[data-kind="insert"]')).toHaveText('in the first half of the year');

  // Backspace over " back" (5 characters): one deletion, struck through, still there.
  await selectWords(page, ' back');
  await page.keyboard.press('ArrowRight');
  // The editor takes in the new caret on the page's selectionchange, which comes a moment later.
  await page.waitForTimeout(150);
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('Backspace');
  // One deletion, not five: the struck words are one span.
  await expect(editor.locator('[data-kind="delete"]')).toHaveText(['by June', ' back']);
  await expect(editor).toContainText('report back.');
  // Bold while suggesting is a format suggestion: the word shows bold, marked, and is not bold yet.
  await selectWords(page, 'bridge');
  await page.keyboard.press(`${mod}+b`);
  await expect(editor.locator('[data-kind="format"]')).toHaveText('bridge');
  await expect(editor.locator('[data-kind="format"]')).toHaveCSS('font-weight', '700');
  await page.getByRole('button', { name: /^Suggestions/ }).click();
  await expect(page.getByRole('complementary', { name: 'Suggestions' }).getByRole('article').first()).toContainText('Make “bridge” bold');
  await saved(page);
  await screenshot(page, 'suggesting-marks');
  // The file's text is the text as it stands: nothing proposed is in it yet.
  expect((await fileText([...signet.services.open.keys()][0])).text).toBe('We will finish the bridge by June and report back.');
});

test('the Suggestions panel: a card each in text order, accept and reject one by one or all, each one undo step', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await newMessage(page, 'Blank');
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.type('We will finish the bridge by June and report back.');
  await page.getByRole('radio', { name: 'Suggesting' }).click();
  await selectWords(page, 'by June');
  await page.keyboard.type('in the first half of the year');
  await selectWords(page, ' back');
  await page.keyboard.press('Delete');
  await selectWords(page, 'bridge');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(150);
  await page.keyboard.type(' over the river');
  await saved(page);

  await page.getByRole('button', { name: /^Suggestions/ }).click();
  const panel = page.getByRole('complementary', { name: 'Suggestions' });
  const cards = panel.getByRole('article');
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(0)).toContainText('Insert “ over the river”');
  await expect(cards.nth(1)).toContainText('Replace “by June” with “in the first half of the year”');
  await expect(cards.nth(2)).toContainText('Delete “ back”');
  await expect(cards.nth(1)).toContainText('Ada Lovelace');

  // Choosing a card marks its words in the text.
  const marked = () =>
    page.evaluate(() => {
      const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('suggestion-active');
      return highlight ? [...highlight].map((r) => r.toString()) : [];
    });
  await cards.nth(1).getByRole('button', { name: /Replace/ }).click();
  await expect.poll(marked).toEqual(['by June', 'in the first half of the year']);
  await screenshot(page, 'suggestions-panel');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'suggestions-panel-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await checkAccessibility(page, 'suggestions panel');

  await cards.nth(1).getByRole('button', { name: 'Accept' }).click();
  await expect(cards).toHaveCount(2);
  await expect(editor).toHaveText('We will finish the bridge over the river in the first half of the year and report back.');
  await cards.nth(1).getByRole('button', { name: 'Reject' }).click();
  await expect(cards).toHaveCount(1);
  await saved(page);
  const path = [...signet.services.open.keys()][0];
  expect((await fileText(path)).text).toBe('We will finish the bridge in the first half of the year and report back.');

  // Undo takes back the last decision alone: the deletion is open again.
  await page.keyboard.press(`${mod}+z`);
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(1)).toContainText('Delete “ back”');
  await panel.getByRole('button', { name: 'Accept all' }).click();
  await expect(panel.getByText('No open suggestions.')).toBeVisible();
  await saved(page);
  expect((await fileText(path)).text).toBe('We will finish the bridge over the river in the first half of the year and report.');
});
