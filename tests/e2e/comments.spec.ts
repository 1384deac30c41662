import { test, expect } from './harness';
import { becomePerson, checkAccessibility, editorOf, fileThreads, menu, newMessage, saved, screenshot, selectWords } from './helpers';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

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

test('a review copy goes out, a reviewer comments and edits in it, and merging it back brings the threads to the right words', async ({ signet }) => {
  const { page } = signet;
  const { join } = await import('node:path');
  const { mkdir, readFile } = await import('node:fs/promises');
  await signet.start();
  await newMessage(page, 'Blank');
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.type('Our city will open the new library in spring.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Entry is free for every resident.');
  await saved(page);

  // Ada sends it for review: a copy saved where she chooses, noted in the message.
  const shared = join(signet.dataDir, 'shared drive');
  await mkdir(shared);
  const copy = join(shared, 'Library opening (for review).signet');
  signet.os.nextSavePath = copy;
  await page.getByRole('button', { name: 'Send a copy for comments…' }).click();
  await page.getByRole('textbox', { name: 'Reviewers (names)' }).fill('Ben Okafor');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved a review copy for Ben Okafor at ${copy}.` })).toBeVisible();
  const original = (await readFile(copy)).length;
  expect(original).toBeGreaterThan(16);
  await page.getByRole('button', { name: /Library/ }).click();

  // Ben, on his own laptop, opens the copy, comments on two places and changes a word.
  await becomePerson(page, 'Ben Okafor', "Mayor's Office");
  signet.os.nextOpenPath = copy;
  await menu(page, 'open');
  await expect(editor).toContainText('Entry is free');
  await selectWords(page, 'in spring');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Comments' });
  await panel.getByRole('textbox', { name: /New comment on/ }).fill('Say May: the date is fixed now.');
  await panel.getByRole('button', { name: 'Comment', exact: true }).click();
  await selectWords(page, 'every resident');
  await page.keyboard.press(`${mod}+Alt+m`);
  await panel.getByRole('textbox', { name: /New comment on/ }).fill('Visitors too?');
  await panel.getByRole('button', { name: 'Comment', exact: true }).click();
  await selectWords(page, 'new');
  await page.keyboard.type('central');
  await expect(editor).toContainText('the central library');
  await saved(page);
  await page.getByRole('button', { name: /Library/ }).click();

  // Ada merges the copy that came back: the threads arrive on the right words.
  await becomePerson(page, 'Ada Lovelace', 'Chief Speechwriter');
  await page.getByRole('row', { name: /Untitled message/ }).dblclick();
  await expect(editor).toContainText('Entry is free');
  signet.os.nextOpenPath = copy;
  await page.getByRole('button', { name: 'Merge a copy…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Merged “Library opening (for review).signet”: 1 word added, 1 word removed, 2 new comments; from Ben Okafor' })).toBeVisible();
  await expect(editor).toContainText('Our city will open the central library in spring.');
  await page.getByRole('button', { name: /Comments/ }).click();
  const threads = panel.getByRole('article');
  await expect(threads).toHaveCount(2);
  await expect(threads.nth(0)).toContainText('“in spring”');
  await expect(threads.nth(0)).toContainText('Ben Okafor');
  await expect(threads.nth(1)).toContainText('“every resident”');
  const commented = () =>
    page.evaluate(() => {
      const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('comment');
      return highlight ? [...highlight].map((r) => r.toString()).sort() : [];
    });
  await expect.poll(commented).toEqual(['every resident', 'in spring']);
  await screenshot(page, 'comments-merged');

  // Ada answers and resolves one; merging the same copy again brings nothing new.
  await threads.nth(0).getByRole('textbox', { name: 'Reply' }).fill('Done: “in May”.');
  await threads.nth(0).getByRole('button', { name: 'Reply' }).click();
  await threads.nth(0).getByRole('button', { name: 'Resolve' }).click();
  await expect(threads).toHaveCount(1);
  // Her reply and her resolving, made after the merge, are in the file, not only on the page.
  await saved(page);
  const mine = [...signet.services.open.keys()][0]!;
  await expect
    .poll(() => fileThreads(mine))
    .toEqual([
      { quote: 'in spring', resolved: true, comments: ['Ben Okafor: Say May: the date is fixed now.', 'Ada Lovelace: Done: “in May”.'] },
      { quote: 'every resident', resolved: false, comments: ['Ben Okafor: Visitors too?'] },
    ]);
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
  signet.os.nextOpenPath = copy;
  await page.getByRole('button', { name: 'Merge a copy…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'nothing new' })).toBeVisible();

  // A different message is refused, and this one is untouched.
  await page.getByRole('button', { name: /Library/ }).click();
  await newMessage(page, 'Letter');
  const other = [...signet.services.open.keys()][0];
  await page.getByRole('button', { name: /Library/ }).click();
  await page.getByRole('row', { name: /Untitled message/ }).dblclick();
  await expect(editor).toContainText('Entry is free');
  const before = await editor.textContent();
  signet.os.nextOpenPath = other;
  await page.getByRole('button', { name: 'Merge a copy…' }).click();
  await expect(page.getByRole('alert')).toContainText('was not merged: "Letter" is a different message');
  expect(await editor.textContent()).toBe(before);
});
