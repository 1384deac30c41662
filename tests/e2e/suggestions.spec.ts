import { test, expect } from './harness';
import { editorOf, fileText, newMessage, saved, screenshot, selectWords } from './helpers';

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
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('Backspace');
  await expect(editor.locator('[data-kind="delete"]').nth(1)).toHaveText(' back');
  await expect(editor).toContainText('report back.');
  await saved(page);
  await screenshot(page, 'suggesting-marks');
  // The file's text is the text as it stands: nothing proposed is in it yet.
  expect((await fileText([...signet.services.open.keys()][0])).text).toBe('We will finish the bridge by June and report back.');
});
