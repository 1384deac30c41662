// The review round of suggestion mode as people do it: Ada sends Ben and Carmen each a review copy,
// both suggest (on the same words too), Ada merges both copies, in either order, and decides.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { runSignet } from '../helpers/cli';
import { test, expect, type Signet } from './harness';
import { editorOf, fileText, newMessage, saved, screenshot, selectWords } from './helpers';
import { mergeCopy, openFile, sendCopy, setRoster, threePeople } from './people';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const WRITTEN = 'We will finish the bridge by June. We will report back.\n\nThank you all for coming tonight.';
// Ada's decisions, with the split she accepted and then undid still open (so not in the text).
const DECIDED = 'We will finish the bridge over the river in the first half of the year. We will report back.\n\nThank you all for coming tonight.';

/** Puts the caret just after (or, with `before`, just before) `words`. */
async function caretAt(page: Page, words: string, before = false) {
  await selectWords(page, words);
  await page.keyboard.press(before ? 'ArrowLeft' : 'ArrowRight');
  // The editor takes in the new caret on the page's selectionchange, which comes a moment later.
  await page.waitForTimeout(150);
}

/** A reviewer opens their copy: in Suggesting, with no way to Editing. */
async function openAsReviewer(person: Signet, copy: string) {
  await openFile(person, copy);
  const modes = person.page.getByRole('radiogroup', { name: 'Mode' });
  await expect(modes.getByRole('radio', { name: 'Suggesting' })).toHaveAttribute('aria-checked', 'true');
  await expect(modes.getByRole('radio', { name: 'Editing' })).toBeDisabled();
  await person.page.keyboard.press(`${mod}+Alt+Shift+X`);
  await expect(modes.getByRole('radio', { name: 'Suggesting' })).toHaveAttribute('aria-checked', 'true');
}

/** Ben's five suggestions and a comment on one of them. */
async function benSuggests(ben: Signet, copy: string) {
  const { page } = ben;
  await openAsReviewer(ben, copy);
  const editor = editorOf(page);
  await caretAt(page, 'bridge');
  await page.keyboard.type(' over the river');
  await selectWords(page, 'all ');
  await page.keyboard.press('Delete');
  await selectWords(page, 'by June');
  await page.keyboard.type('in the first half of the year');
  await selectWords(page, 'tonight');
  await page.keyboard.press(`${mod}+b`);
  await caretAt(page, 'We will report', true);
  await page.keyboard.press('Enter');
  await expect(editor.locator('[data-kind="split"]')).toHaveText('¶');
  await selectWords(page, 'over the river');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  const comments = page.getByRole('complementary', { name: 'Comments' });
  await comments.getByRole('textbox', { name: /New comment on/ }).fill('Which river? Name it.');
  await comments.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(comments.getByRole('article')).toHaveCount(1);
  await saved(page);
  // Nothing Ben proposed is in his copy's text.
  expect((await fileText(copy)).text).toBe(WRITTEN);
}

async function carmenSuggests(carmen: Signet, copy: string) {
  const { page } = carmen;
  await openAsReviewer(carmen, copy);
  await selectWords(page, 'by June');
  await page.keyboard.type('before July');
  await expect(editorOf(page).locator('[data-kind="insert"]')).toHaveText('before July');
  await saved(page);
}

/** Ada writes the message, puts Ben and Carmen on its roster as reviewers, and sends each a copy. */
async function adaSendsCopies(ada: Signet, shared: string) {
  const { page } = ada;
  await newMessage(page, 'Blank');
  const path = [...ada.services.open.keys()][0]!;
  await editorOf(page).click();
  await page.keyboard.type('We will finish the bridge by June. We will report back.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Thank you all for coming tonight.');
  await saved(page);
  const panel = await setRoster(ada, shared, ['ben.signet-card', 'carmen.signet-card'], ['Ben Okafor: Reviewer', 'Carmen Ruiz: Reviewer']);
  await expect(panel.getByRole('listitem').filter({ hasText: 'Carmen Ruiz' })).toContainText('Reviewer');
  const forBen = join(shared, 'bridge (Ben).signet');
  const forCarmen = join(shared, 'bridge (Carmen).signet');
  await sendCopy(ada, 'Ben Okafor', forBen);
  await sendCopy(ada, 'Carmen Ruiz', forCarmen);
  await saved(page);
  expect([...ada.services.open.keys()]).toEqual([path]);
  return { forBen, forCarmen, path };
}

/**
 * The colour of Ben's and Carmen's proposed words as drawn (their insertions), each one's contrast
 * (WCAG) with the background it is drawn on, and how far apart the two colours are (CIE76 ΔE).
 */
async function markColours(page: Page) {
  const colourOf = (name: string) =>
    editorOf(page)
      .locator(`[data-kind="insert"][data-author="${name}"]`)
      .first()
      .evaluate((el) => {
        const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
        // The background it is drawn on: its own tint over the first opaque one behind it.
        const layers: number[][] = [];
        for (let at: Element | null = el; at; at = at.parentElement) {
          const [r, g, b, a = 1] = rgba(getComputedStyle(at).backgroundColor);
          if (a > 0) layers.unshift([r, g, b, a]);
          if (a === 1) break;
        }
        const ground = layers.reduce((under, [r, g, b, a]) => [r, g, b].map((c, i) => c * a + under[i]! * (1 - a)), [255, 255, 255]);
        return { text: rgba(getComputedStyle(el).color).slice(0, 3), ground };
      });
  const [ben, carmen] = [await colourOf('Ben Okafor'), await colourOf('Carmen Ruiz')];
  const seen = (c: { text: number[]; ground: number[] }) => ({ rgb: c.text.map(Math.round), contrast: Number(contrastRatio(c.text, c.ground).toFixed(2)) });
  return { ben: seen(ben), carmen: seen(carmen), apart: Number(deltaE(ben.text, carmen.text).toFixed(1)) };
}

const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
const luminance = ([r, g, b]: number[]) => 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
function contrastRatio(a: number[], b: number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
function lab([r, g, b]: number[]): number[] {
  const [x, y, z] = [
    (0.4124 * linear(r!) + 0.3576 * linear(g!) + 0.1805 * linear(b!)) / 0.95047,
    0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!),
    (0.0193 * linear(r!) + 0.1192 * linear(g!) + 0.9505 * linear(b!)) / 1.08883,
  ].map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116));
  return [116 * y! - 16, 500 * (x! - y!), 200 * (y! - z!)];
}
const deltaE = (a: number[], b: number[]) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]!));

/** The six cards Ada sees after merging both copies, each with its author. */
async function adaSeesCards(ada: Signet, shots: string | null) {
  const { page } = ada;
  await page.getByRole('button', { name: /^Suggestions/ }).click();
  const panel = page.getByRole('complementary', { name: 'Suggestions' });
  const cards = panel.getByRole('article');
  await expect(cards).toHaveCount(6);
  const card = (text: string) => cards.filter({ hasText: text });
  const ben = {
    insert: card('Insert “ over the river”'),
    remove: card('Delete “all ”'),
    replace: card('Replace “by June” with “in the first half of the year”'),
    bold: card('Make “tonight” bold'),
    split: card('Split the paragraph'),
  };
  for (const c of Object.values(ben)) await expect(c).toContainText('Ben Okafor');
  const carmens = card('Carmen Ruiz');
  await expect(carmens).toContainText('Replace “by June” with “before July”');
  await expect(panel.getByRole('button', { name: 'Accept all by Ben Okafor' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Accept all by Carmen Ruiz' })).toBeVisible();
  // Ben's comment on his insertion came with it.
  await expect(page.getByRole('button', { name: /Comments/ })).toContainText('1');
  if (shots) {
    await ben.replace.getByRole('button', { name: /Replace/ }).click();
    await screenshot(page, `${shots}`);
    const light = await markColours(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, `${shots}-dark`);
    const dark = await markColours(page);
    await page.emulateMedia({ colorScheme: 'light' });
    // Each reviewer's words in a colour of their own, and readable on the page, in light and dark.
    for (const seen of [light, dark]) {
      console.log(`suggestion colours: ${JSON.stringify(seen)}`);
      expect(seen.apart, 'how far apart Ben’s and Carmen’s colours are (CIE76 ΔE)').toBeGreaterThan(20);
      for (const contrast of [seen.ben.contrast, seen.carmen.contrast]) expect(contrast, 'contrast of a suggestion’s words with the page').toBeGreaterThanOrEqual(4.5);
    }
  }
  return { panel, cards, ben, carmens };
}

/** The audit trail, as the sign-off panel shows it: each decision, who made it and when, and whose suggestion it was. */
async function adaSeesDecisionsInAudit(ada: Signet) {
  const { page } = ada;
  await page.getByRole('button', { name: 'Sign-off' }).click();
  await page.getByRole('button', { name: 'Audit trail' }).click();
  const trail = page.getByRole('list', { name: 'Audit trail' });
  const line = (text: string) => trail.getByRole('listitem').filter({ hasText: text });
  await expect(line('Accepted a suggestion · Ada Lovelace').filter({ hasText: 'Replace “by June” with “in the first half of the year” (proposed by Ben Okafor)' })).toHaveCount(1);
  await expect(line('Rejected a suggestion · Ada Lovelace').filter({ hasText: 'Insert “before July” (proposed by Carmen Ruiz)' })).toHaveCount(1);
  await expect(line('Rejected a suggestion · Ada Lovelace').filter({ hasText: 'Delete “all ” (proposed by Ben Okafor)' })).toHaveCount(1);
  await expect(line('Accepted a suggestion · Ada Lovelace').first().locator('time')).toHaveCount(1);
  // Her accepted split, undone, is open again; the trail still says she accepted it (it only grows).
  await expect(line('Accepted a suggestion · Ada Lovelace').filter({ hasText: 'Split the paragraph' })).toHaveCount(1);
}

/** What the command line tool says of the file: its text, digest and open suggestions. */
async function asTheCliReadsIt(ada: Signet, path: string) {
  const text = await runSignet(ada.dataDir, ['text', path]);
  const status = await runSignet(ada.dataDir, ['status', path]);
  const open = await runSignet(ada.dataDir, ['suggestions', path, '--json']);
  expect([text.code, status.code, open.code], text.stderr + status.stderr + open.stderr).toEqual([0, 0, 0]);
  return { text: text.stdout, digest: (JSON.parse(status.stdout) as { digest: string }).digest, open: JSON.parse(open.stdout) as Record<string, unknown>[] };
}

/** Ada's decisions on the six cards, one taken back; then the file as the command line tool reads it. */
async function adaDecides(ada: Signet, path: string) {
  const { page } = ada;
  const editor = editorOf(page);
  const { panel, cards, ben, carmens } = await adaSeesCards(ada, null);
  await ben.replace.getByRole('button', { name: 'Accept' }).click();
  await expect(cards).toHaveCount(5);
  // Ben's replace took "by June" away, so Carmen's is now only her words, still hers to decide.
  await expect(carmens).toContainText('Insert “before July”');
  await carmens.getByRole('button', { name: 'Reject' }).click();
  await ben.insert.getByRole('button', { name: 'Accept' }).click();
  await ben.remove.getByRole('button', { name: 'Reject' }).click();
  await ben.bold.getByRole('button', { name: 'Accept' }).click();
  await expect(cards).toHaveCount(1);
  await ben.split.getByRole('button', { name: 'Accept' }).click();
  await expect(panel.getByText('No open suggestions.')).toBeVisible();
  await expect(editor.locator('p')).toHaveCount(3);
  // Ada thinks better of the split: one undo takes back that decision alone.
  await page.keyboard.press(`${mod}+z`);
  await expect(cards).toHaveCount(1);
  await expect(ben.split).toContainText('Ben Okafor');
  await expect(editor.locator('p')).toHaveCount(2);
  await expect(editor.locator('p').first()).toHaveText('We will finish the bridge over the river in the first half of the year. ¶We will report back.');
  await expect(editor.locator('p').nth(1)).toHaveText('Thank you all for coming tonight.');
  await expect(editor.locator('strong, b, .bold, [class*="bold"]').filter({ hasText: 'tonight' })).toHaveCount(1);
  await saved(page);
  await expect.poll(async () => (await fileText(path)).text, { timeout: 10_000 }).toBe(DECIDED);
  await adaSeesDecisionsInAudit(ada);

  return { file: await fileText(path), ...(await asTheCliReadsIt(ada, path)) };
}

async function roundTrip(signet: Signet, order: 'Ben first' | 'Carmen first') {
  test.setTimeout(240_000);
  const { ada, ben, carmen, shared } = await threePeople(signet, 'Deputy Mayor');
  const { forBen, forCarmen, path } = await adaSendsCopies(ada, shared);
  await benSuggests(ben, forBen);
  await carmenSuggests(carmen, forCarmen);
  const said: string[] = [];
  for (const copy of order === 'Ben first' ? [forBen, forCarmen] : [forCarmen, forBen]) {
    said.push(await mergeCopy(ada, copy));
  }
  const benSaid = said[order === 'Ben first' ? 0 : 1];
  expect(benSaid).toContain('5 suggestions');
  expect(benSaid).toContain('Ben Okafor');
  expect(said[order === 'Ben first' ? 1 : 0]).toContain('1 suggestion');
  // Nothing proposed is in the message's text until Ada decides.
  await saved(ada.page);
  expect((await fileText(path)).text).toBe(WRITTEN);
  return { ada, path };
}

/** Each open suggestion as the command line lists it, without its id and time (made afresh in each run). */
const described = (open: Record<string, unknown>[]) =>
  open.map(({ id: _id, at: _at, time: _time, ...rest }) => JSON.stringify(rest)).sort();

test.describe.serial('two reviewers suggest in their own copies; the author merges both', () => {
  const merged: { digest: string; open: string[] }[] = [];
  for (const order of ['Ben first', 'Carmen first'] as const) {
    test(`merged ${order}: six cards with their authors, none of it in the text yet, the same in either order`, async ({ signet }) => {
      const { ada, path } = await roundTrip(signet, order);
      await adaSeesCards(ada, order === 'Ben first' ? 'suggestions-two-reviewers' : null);
      const cli = await asTheCliReadsIt(ada, path);
      expect(cli.text.trimEnd()).toBe(WRITTEN);
      expect(cli.open).toHaveLength(6);
      merged.push({ digest: cli.digest, open: described(cli.open) });
      if (merged.length === 2) expect(merged[1]).toEqual(merged[0]);
    });
  }

  for (const order of ['Ben first', 'Carmen first'] as const) {
    test(`merged ${order}: Ada accepts some, rejects others and undoes one; the file is what she decided`, async ({ signet }) => {
      // Found by this test: loading the editor after the merge mends marked words (a write) that
      // never reached the main process, which then refused Ada's decisions (tests/unit/document/load-writes.test.ts).
      const { ada, path } = await roundTrip(signet, order);
      const result = await adaDecides(ada, path);
      expect(result.file.text).toBe(DECIDED);
      expect(result.text.trimEnd()).toBe(DECIDED);
      expect(result.open).toHaveLength(1);
      expect(JSON.stringify(result.open[0])).toContain('Ben Okafor');
      expect(JSON.stringify(result.open[0])).toContain('split');
    });
  }
});
