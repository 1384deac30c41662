import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { readMessageFile } from '../../electron/services/files/message-file';
import { messageText, textRoot } from '../../shared/document';
import { listThreads } from '../../shared/review';

export const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Message text' });

export async function newMessage(page: Page, template: 'Blank' | 'Letter' | 'Speech' | 'New Year message') {
  await page.getByLabel('Template').selectOption({ label: template });
  await page.getByRole('button', { name: 'New message' }).click();
  await expect(editorOf(page)).toBeVisible();
}

/** Waits until the status bar says the message is on disk. */
export async function saved(page: Page) {
  await expect(page.getByTestId('save-state')).toHaveText('Saved');
}

/** What the file on disk says, read the way the command line tool reads it. */
export async function fileText(path: string) {
  const { doc } = await readMessageFile(path).catch(async (e) => {
    const { copyFile } = await import('node:fs/promises');
    await copyFile(path, '/tmp/failed.signet');
    throw e;
  });
  return { text: messageText(doc), xml: textRoot(doc).toString() };
}

/** The comment threads in the file on disk: their words, whether resolved, and each comment as "who: what". */
export async function fileThreads(path: string) {
  const { doc } = await readMessageFile(path);
  return listThreads(doc).map((t) => ({ quote: t.quote, resolved: t.resolved, comments: t.comments.map((c) => `${c.author.name}: ${c.text}`) }));
}

/** Fails on serious or critical accessibility violations. */
export async function checkAccessibility(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${what}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `tests/artifacts/screenshots/${name}.png` });
}

export async function paste(page: Page, html: string, plain = '') {
  await editorOf(page).evaluate(
    (el, [h, p]) => {
      const data = new DataTransfer();
      data.setData('text/html', h);
      data.setData('text/plain', p);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    [html, plain] as const,
  );
}

/** Selects `words` in the editor by double-clicking the first and shift-clicking to the end of the last. */
export async function selectWords(page: Page, words: string) {
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

/** What the native menu does: sends the renderer a command. */
export async function menu(page: Page, command: string) {
  await page.evaluate((c) => (window as unknown as { __signetEmit(e: string, p: unknown): void }).__signetEmit('app.command', { command: c }), command);
}

/** Says who is using the app now (Settings: name and title). */
export async function becomePerson(page: Page, name: string, title: string) {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your title').fill(title);
  await page.getByRole('button', { name: 'Save' }).click();
}
