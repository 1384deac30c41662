import { test, expect } from './harness';

test('library opens and a new message can be typed into', async ({ signet }) => {
  const { page } = signet;
  await signet.start();
  await page.getByLabel('Template').selectOption('letter');
  await page.getByRole('button', { name: 'New message' }).click();
  const editor = page.getByRole('textbox', { name: 'Message text' });
  await expect(editor).toContainText('[Recipient name]');
  await editor.click();
  await page.keyboard.type('Hello');
  await page.screenshot({ path: 'tests/artifacts/smoke.png' });
});
