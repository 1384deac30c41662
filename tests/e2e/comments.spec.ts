import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { checkAccessibility, editorOf, newMessage, saved, screenshot } from './helpers';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** Selects `words` in the editor by double-clicking the first and shift-clicking to the end of the last. */
async function selectWords(page: Page, words: string) {
  const editor = editorOf(page);
  await editor.evaluate((root, target) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(target);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + target.length);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${target}" is not in the text`);
  }, words);
}

test('comments: a thread on selected words, a reply, an edit, resolve and reopen, and it follows the text', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await newMessage(page, 'Blank');
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.type('The new library opens in spring for every resident.');
  await selectWords(page, 'in spring');
  await page.keyboard.press(`${mod}+Alt+m`);
  const panel = page.getByRole('complementary', { name: 'Comments' });
  await panel.getByRole('textbox', { name: 'New comment on “in spring”' }).fill('Can we name the month?');
  await panel.getByRole('button', { name: 'Comment', exact: true }).click();
  const thread = panel.getByRole('article', { name: 'Comment on “in spring”' });
  await expect(thread).toContainText('Ada Lovelace');
  await expect(thread).toContainText('Can we name the month?');
  await expect(page.getByRole('button', { name: /Comments/ })).toContainText('1');

  // The thread's words follow edits before them.
  await editor.click();
  await page.keyboard.press(`${mod}+Home`);
  await page.keyboard.type('Good news: ');
  await expect(thread.getByRole('button', { name: /“in spring”/ })).toBeVisible();

  // Choosing the thread marks its words; the caret in the words opens the thread.
  const activeText = () => page.evaluate(() => {
    const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('comment-active');
    return highlight ? [...highlight].map((r) => r.toString()) : [];
  });
  await thread.getByRole('button', { name: /“in spring”/ }).click();
  await expect.poll(activeText).toEqual(['in spring']);
  await panel.getByRole('button', { name: 'Close' }).click();
  await editor.getByText(/opens in spring/).click({ position: { x: 5, y: 5 } });
  await selectWords(page, 'sprin');
  await expect(panel).toBeVisible();
  await expect.poll(activeText).toEqual(['in spring']);

  await thread.getByRole('textbox', { name: 'Reply' }).fill('May would work.');
  await thread.getByRole('button', { name: 'Reply' }).click();
  await expect(thread).toContainText('May would work.');
  await thread.getByRole('button', { name: 'Edit' }).first().click();
  await thread.getByRole('textbox', { name: 'Edit' }).fill('Can we name the month, please?');
  await thread.getByRole('button', { name: 'Save' }).click();
  await expect(thread).toContainText('Can we name the month, please?');
  await expect(thread).toContainText('(edited)');
  await saved(page);
  await screenshot(page, 'comments-panel');
  await checkAccessibility(page, 'comments panel');

  await thread.getByRole('button', { name: 'Resolve' }).click();
  await expect(panel.getByText('No open comments.')).toBeVisible();
  await panel.getByLabel('Show resolved').check();
  await expect(thread).toContainText('Resolved by Ada Lovelace');
  await thread.getByRole('button', { name: 'Reopen' }).click();
  await panel.getByLabel('Show resolved').uncheck();
  await expect(thread).toBeVisible();

  // Deleting the words keeps the thread, "on deleted text", with its quote.
  await selectWords(page, 'in spring ');
  await page.keyboard.press('Backspace');
  await expect(editor).toContainText('opens for every resident.');
  await expect(thread).toContainText('On deleted text');
  await expect(thread).toContainText('“in spring”');

  // Undo brings the words back, and the thread holds on to them again.
  await page.keyboard.press(`${mod}+z`);
  await expect(editor).toContainText('opens in spring for');
  await expect(thread).not.toContainText('On deleted text');
});
