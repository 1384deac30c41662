// A reading copy fills its pages (signet-copy-3): large type, a short paragraph never split over two
// pages and a long one a few lines at least on each, so no page is left half empty, and the
// signature block stays with the last paragraph. Measured on the printed PDF with poppler: where
// each page's words end, and how many pages a 600-word statement takes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { ChromiumPrinter } from '../../../electron/services/export/chromium-printer';
import { exportCopy } from '../../../electron/services/export/make-copy';
import { copyFontCss } from '../../../electron/services/export/fonts';
import { buildManifest, defaultLayout, MARGINS, PAGE_MM, renderCopy } from '../../../shared/export';
import type { TemplateBlock } from '../../../shared/document';
import { certificatePagePng, EXPORTED_AT, findChromium, firstPagePng, message, pdfInfo, pdfPages } from '../../helpers/export';

const SENTENCES = [
  'This year asked a great deal of Aldport, and Aldport gave it.',
  'The spring floods tested every street between the river and the market square.',
  'Neighbours carried sandbags through the night, and the fire brigade worked in shifts for nine days.',
  'We rebuilt the footbridge by the end of the summer, two months before anyone expected.',
  'The Riverside Library will open its doors in March, with a reading room for every school.',
  'Every clinic in the city will stay open at weekends from the first of February.',
  'We will finish the harbour wall by June and plant four hundred trees along the new promenade.',
  'None of this was done by the council alone.',
];

/** About `words` words of the sentences above, in turn. */
function paragraph(words: number, from: number): string {
  const out: string[] = [];
  for (let i = from; out.join(' ').split(' ').length < words; i += 1) out.push(SENTENCES[i % SENTENCES.length]);
  return out.join(' ');
}

// 600 words: paragraphs short and long, as a speech has them, then the signature block.
const LENGTHS = [20, 95, 60, 130, 45, 80, 25, 110, 35];
const BLOCKS: TemplateBlock[] = [
  ...LENGTHS.map((n, i) => ({ kind: 'paragraph' as const, text: paragraph(n, i) })),
  { kind: 'signature', lines: ['With my warmest wishes for the New Year,', 'Carmen Ruiz', 'Mayor of Aldport'] },
];
const WORDS = BLOCKS.flatMap((b) => ('text' in b ? b.text.split(/\s+/) : [])).length;

const MM = 72 / 25.4;

/** Where on each page the words end, in points from the top, leaving out the page's margins (number, footer) and the draft's watermark. */
function lowestWords(pdf: string): number[] {
  const xhtml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const [top, , bottom] = MARGINS.reading;
  const [, height] = PAGE_MM.A4;
  const limit = (height - bottom) * MM;
  return xhtml
    .split('<page ')
    .slice(1)
    .map((page) => {
      let lowest = top * MM;
      for (const m of page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        const [yMin, yMax, word] = [Number(m[1]), Number(m[2]), m[3]];
        if (yMin < limit && word !== 'DRAFT' && yMax - yMin < 60) lowest = Math.max(lowest, yMax);
      }
      return lowest;
    });
}

/** Each page's words on one line, without the draft's watermark, whose slanted letters pdftotext reads in among them. */
const wordsOfPages = (pdf: string): string[] => pdfPages(pdf).map((p) => p.replace(/\s+/g, ' ').replace(/ [DRAFT](?= )/g, ''));

const chromium = findChromium();

describe.skipIf(!chromium)(`a reading copy of a 600-word statement${chromium ? '' : ' (skipped: no Chromium or Chrome was found)'}`, () => {
  let dir = '';
  let printer: ChromiumPrinter;
  let doc: Y.Doc;
  let file = '';
  let before = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'signet-reading-'));
    printer = new ChromiumPrinter(chromium!);
    doc = message({ title: 'New Year message', upTo: 'Draft', blocks: BLOCKS });
    file = join(dir, 'reading.pdf');
    await exportCopy(doc, { format: 'pdf', at: EXPORTED_AT, layout: defaultLayout(doc, 'reading') }, file, { printer });
    // The same text as a signet-copy-2 reading copy laid it out, for the figure beside it.
    const manifest = buildManifest(doc, { layout: defaultLayout(doc, 'reading'), at: EXPORTED_AT });
    const { links: _links, ...layout } = manifest.layout;
    const second = { ...manifest, format: 'signet-copy-2' as const, layout };
    before = join(dir, 'before.pdf');
    writeFileSync(before, await printer.pdf(renderCopy(second, { fontCss: copyFontCss(second) }), {}));
  }, 60_000);

  afterAll(async () => {
    await printer?.close();
    doc?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has about as many pages as its text needs, every page but the last filled, in large type', () => {
    expect(WORDS).toBeGreaterThanOrEqual(590);
    const [top, , bottom] = MARGINS.reading;
    const body = (PAGE_MM.A4[1] - top - bottom) * MM;
    const ends = lowestWords(file);
    const pages = Number(pdfInfo(file).Pages);
    expect(ends).toHaveLength(pages);
    // What the words take, laid end to end, and the pages that needs.
    const used = ends.map((end) => end - top * MM);
    const needed = Math.ceil(used.reduce((a, b) => a + b, 0) / body);
    console.log(`reading copy of ${WORDS} words: ${pages} pages (${needed} needed for its text; signet-copy-2 laid it on ${pdfInfo(before).Pages}); fill of each page: ${used.map((u) => `${Math.round((100 * u) / body)}%`).join(', ')}`);
    expect(pages).toBeLessThanOrEqual(needed);
    used.slice(0, -1).forEach((u, i) => expect(u / body, `page ${i + 1} of ${pages} is only ${Math.round((100 * u) / body)}% full`).toBeGreaterThan(0.75));
    firstPagePng(file, 'reading-600-words');
    certificatePagePng(file, 'reading-600-words-last-page');
  });

  it('keeps the signature block with the last paragraph: no page holds only a signature', () => {
    const pages = wordsOfPages(file);
    const last = pages.at(-1)!;
    expect(last).toContain('Carmen Ruiz Mayor of Aldport');
    expect(last).toContain(paragraph(LENGTHS.at(-1)!, LENGTHS.length - 1).split(' ').slice(-6).join(' '));
  });

  it('never splits a short paragraph over two pages', () => {
    const pages = wordsOfPages(file);
    BLOCKS.forEach((b, i) => {
      if (!('text' in b) || b.text.length > 260) return;
      expect(pages.some((p) => p.includes(b.text)), `paragraph ${i + 1} is whole on one page`).toBe(true);
    });
  });
});
