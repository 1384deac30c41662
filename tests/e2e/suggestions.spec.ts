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
  await panel.getByRole('button', { name: 'Accept all', exact: true }).click();
  await expect(panel.getByText('No open suggestions.')).toBeVisible();
  await saved(page);
  expect((await fileText(path)).text).toBe('We will finish the bridge over the river in the first half of the year and report.');
});

test('split and join as suggestions: Enter proposes a split, Backspace at a paragraph’s start a join; withdraw one’s own, accept the rest by person', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await newMessage(page, 'Blank');
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.type('We will finish the bridge by June. We will report back.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Thank you.');
  await saved(page);
  const path = [...signet.services.open.keys()][0];
  const asItStands = 'We will finish the bridge by June. We will report back.\n\nThank you.';
  await page.getByRole('radio', { name: 'Suggesting' }).click();

  // Enter before "We will report": a ¶ mark, and the words after it on a line of their own.
  await selectWords(page, 'We will report');
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
  await expect(editor.locator('[data-kind="split"]')).toHaveText('¶');
  // Home on "Thank you." and Backspace: a struck ¶ at the end of the paragraph before.
  await selectWords(page, 'Thank you.');
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(150);
  await page.keyboard.press('Backspace');
  await expect(editor.locator('[data-kind="join"]')).toHaveText('¶');
  await expect(editor.locator('p')).toHaveCount(2);

  await page.getByRole('button', { name: /^Suggestions/ }).click();
  const panel = page.getByRole('complementary', { name: 'Suggestions' });
  const cards = panel.getByRole('article');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toContainText('Split the paragraph after “We will finish the bridge by June.”');
  await expect(cards.nth(1)).toContainText('Join the paragraphs');
  await saved(page);
  // Nothing proposed is in the file's text yet: still two paragraphs, the first unsplit.
  expect((await fileText(path)).text).toBe(asItStands);
  await screenshot(page, 'suggestions-split-join');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'suggestions-split-join-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await checkAccessibility(page, 'split and join suggestions');

  // Ada withdraws her join: the card and its mark go, and the text is as it was.
  await cards.nth(1).getByRole('button', { name: 'Withdraw' }).click();
  await expect(cards).toHaveCount(1);
  await expect(editor.locator('[data-kind="join"]')).toHaveCount(0);
  // "Accept all by Ada Lovelace" takes the split: the paragraph is two.
  await panel.getByRole('button', { name: 'Accept all by Ada Lovelace' }).click();
  await expect(panel.getByText('No open suggestions.')).toBeVisible();
  await expect(editor.locator('p')).toHaveCount(3);
  await saved(page);
  expect((await fileText(path)).text).toBe('We will finish the bridge by June. \n\nWe will report back.\n\nThank you.');
  // One undo step takes the acceptance back whole.
  await page.keyboard.press(`${mod}+z`);
  await expect(cards).toHaveCount(1);
  await saved(page);
  expect((await fileText(path)).text).toBe(asItStands);
  // The library says the message has a suggestion open.
  await page.getByRole('button', { name: /Library/ }).click();
  await expect(page.getByRole('row', { name: /Untitled message/ })).toContainText('Draft · 1 suggestion open');
});
