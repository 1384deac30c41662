// What a reader sees is what was checked (electron/services/export/drawn-pages.ts): forgeries
// whose text layer still reads the manifest's words, so that only the comparison of what the pages
// draw with Signet's fresh print of the manifest can catch them. Each is made with a few lines of
// PDF writing (pdf-lib) and then sealed and signed by the exporter's own key, as only the exporter
// could: the signature holds, the manifest is untouched, and `signet verify` must still refuse it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { ChromiumPrinter } from '../../../electron/services/export/chromium-printer';
import { exporterFromSigner } from '../../../electron/services/export/exporter';
import { exportCopy, sealPdf, type Copy, type Exporter } from '../../../electron/services/export/make-copy';
import { defaultLayout } from '../../../shared/export';
import { AMINA, EXPORTED_AT, findChromium, firstPagePng, certificatePagePng, message, PNG, pdfsig, pdfText, signetHere, withPageWords, type MessageSpec } from '../../helpers/export';

const SPEC: MessageSpec = {
  title: 'New Year message',
  upTo: 'Signed',
  blocks: [
    { kind: 'paragraph', text: 'Good evening, dear fellow citizens,' },
    { kind: 'paragraph', text: 'In the year ahead we will finish the harbour wall by June, open the Riverside Library and keep every clinic open at weekends.' },
    { kind: 'paragraph', text: 'I wish you and your families health, peace and a happy New Year.' },
    { kind: 'signature', lines: ['With my warmest wishes,', 'Carmen Ruiz', 'Mayor of Aldport'] },
  ],
};

const chromium = findChromium();
const skip = chromium ? '' : 'no Chromium or Chrome was found (install one, or set SIGNET_CHROMIUM)';

let dir = '';
let printer: ChromiumPrinter;
let doc: Y.Doc;
let exporter: Exporter;
let genuine: Copy;
const logo = new Uint8Array(readFileSync(PNG));
const file = (name: string) => join(dir, name);

/** The exporter seals `printed` with the copy's own untouched manifest and signs it (PAdES), as `signet export` does. */
async function sealed(name: string, printed: Uint8Array): Promise<string> {
  const m = genuine.manifest;
  writeFileSync(file(name), await sealPdf(printed, m, JSON.stringify(m), exporter.pdfSigner(new Date(m.exportedAt)), { logo }));
  return file(name);
}

/** The genuine page printed again and changed by `change` with pdf-lib (which writes the file anew). */
async function redrawn(change: (pdf: PDFDocument) => void | Promise<void>): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(await printer.pdf(genuine.html, {}), { updateMetadata: false });
  await change(pdf);
  return pdf.save({ useObjectStreams: false });
}

/** The forged HTML (no CSP, so inline styles apply, as a forger would have it) printed. */
const printedHtml = (html: string) => printer.pdf(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), {});

/** `signet verify FILE` refuses it, with exactly these lines after "signet verify: FILE: ". */
async function refused(path: string, ...lines: (string | RegExp)[]): Promise<void> {
  const result = await signetHere('verify', path);
  expect(result.stdout).toBe('');
  expect(result.code, result.stderr).toBe(1);
  const got = result.stderr.trimEnd().split('\n').map((line) => line.replace(`signet verify: ${path}: `, ''));
  expect(got, result.stderr).toHaveLength(lines.length);
  lines.forEach((line, i) => (typeof line === 'string' ? expect(got[i]).toBe(line) : expect(got[i]).toMatch(line)));
}

const PAGE_1 = 'page 1 does not look like the message the manifest holds: what it draws (its glyphs, colours, pictures or shapes) is not what Signet draws from the manifest';

beforeAll(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'signet-drawn-'));
  printer = new ChromiumPrinter(chromium!);
  doc = message(SPEC);
  exporter = await exporterFromSigner(AMINA.signer, AMINA.member);
  const layout = { ...defaultLayout(doc, 'letter', 'A4'), place: 'Aldport', date: '2026-12-31' };
  genuine = await exportCopy(doc, { format: 'pdf', layout, at: EXPORTED_AT, logo }, file('genuine.pdf'), { printer, exporter });
}, 60_000);

afterAll(async () => {
  await printer?.close();
  doc?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skip)(`signet verify compares what a PDF copy draws with what Signet draws from its manifest${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('accepts the genuine copy, and the genuine print sealed again; its first page and certificate drawn to look at', async () => {
    for (const path of [file('genuine.pdf'), await sealed('resealed.pdf', await printer.pdf(genuine.html, {}))]) {
      const result = await signetHere('verify', path);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`ok: ${path} is an authentic final copy of "New Year message" (Signed)`);
    }
    firstPagePng(file('genuine.pdf'), 'drawn-genuine-first');
    certificatePagePng(file('genuine.pdf'), 'drawn-genuine-certificate');
  });

  it("a font's ToUnicode map rewritten: the page draws “by July” in a font of its own, whose map reads it as “by June”", async () => {
    const printed = await printedHtml(withPageWords(genuine.html, 'by June', 'by <span style="font-family: monospace">July</span>'));
    const pdf = await PDFDocument.load(printed, { updateMetadata: false });
    const fonts = pdf.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    const forged = fonts.values().map((ref) => pdf.context.lookup(ref, PDFDict)).find((font) => !/SourceSerif/.test(font.get(PDFName.of('BaseFont'))!.toString()))!;
    const map = pdf.context.lookup(forged.get(PDFName.of('ToUnicode'))) as PDFRawStream;
    const text = new TextDecoder().decode(decodePDFRawStream(map).decode());
    // The glyphs drawing l and y are read as n and e.
    forged.set(PDFName.of('ToUnicode'), pdf.context.register(pdf.context.stream(text.replace(/<006C>/gi, '<006E>').replace(/<0079>/gi, '<0065>'))));
    const path = await sealed('tounicode.pdf', await pdf.save({ useObjectStreams: false }));
    expect(pdfText(path).replace(/\s+/g, ' ')).toContain('harbour wall by June');
    // The page's own font is subset anew without those glyphs, so the certificate page is drawn with other font data too.
    await refused(path, PAGE_1, PAGE_1.replace('page 1', 'page 2'));
  });

  it('a word painted white: the text layer holds “by June”, the reader sees “by”', async () => {
    const path = await sealed('white-word.pdf', await printedHtml(withPageWords(genuine.html, 'June', '<span style="color: #fff">June</span>')));
    expect(pdfText(path).replace(/\s+/g, ' ')).toContain('harbour wall by June');
    await refused(path, PAGE_1);
  });

  it('the logo replaced by a picture of another page, the number of pictures unchanged', async () => {
    execFileSync('pdftoppm', ['-r', '30', '-png', '-f', '2', '-l', '2', '-singlefile', file('genuine.pdf'), file('other-page')]);
    const path = await sealed(
      'replaced-image.pdf',
      await redrawn(async (pdf) => {
        const pictures = pdf.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
        const ref = pictures.values().find((x) => (pdf.context.lookup(x) as PDFRawStream).dict.get(PDFName.of('Subtype'))?.toString() === '/Image') as PDFRef;
        const other = await pdf.embedPng(readFileSync(file('other-page.png')));
        // pdf-lib writes the picture it embeds only when saving: here, so that it is there to be looked up.
        await other.embed();
        pdf.context.assign(ref, pdf.context.lookup(other.ref)!);
      }),
    );
    await refused(path, PAGE_1);
  });

  it('a white box drawn over a word, the text layer untouched', async () => {
    const path = await sealed(
      'white-box.pdf',
      await redrawn(async (pdf) => {
        const { x, y, width, height } = await wordBox(await printer.pdf(genuine.html, {}), 'June');
        pdf.getPage(0).drawRectangle({ x, y, width, height, color: rgb(1, 1, 1) });
      }),
    );
    expect(pdfText(path).replace(/\s+/g, ' ')).toContain('harbour wall by June');
    await refused(path, PAGE_1);
  });

  it('a page added, numbered with the others so that the text layer still reads right; a page taken out', async () => {
    const added = await sealed('page-added.pdf', await printedHtml(genuine.html.replace(/<body[^>]*>/, (body) => `${body}<div style="break-after: page"></div>`)));
    expect(pdfText(added)).toContain('Page 3 of 3');
    await refused(added, 'it has 3 pages, where Signet draws the message its manifest holds on 2 pages');
    // Its pages are numbered: the page count is in the words of every page, which the text layer is checked for.
    await refused(await sealed('page-removed.pdf', await redrawn((pdf) => pdf.removePage(1))), /^the words on the page are not the manifest's text: /);
  });

  it('the signature still holds on each forgery: pdfsig finds it valid over the total document', () => {
    const out = pdfsig(file('white-box.pdf'));
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
  });

  it('with no Chromium to print the manifest again, says the pages could not be compared, and does not call the copy checked', async () => {
    const before = process.env.SIGNET_CHROMIUM;
    process.env.SIGNET_CHROMIUM = join(dir, 'no-chromium-here');
    try {
      await refused(file('genuine.pdf'), /^its pages could not be compared with what Signet draws from its manifest, as no Chromium or Chrome was found .* so it is not reported as checked$/);
    } finally {
      if (before === undefined) delete process.env.SIGNET_CHROMIUM;
      else process.env.SIGNET_CHROMIUM = before;
    }
  });
});

/** Where `word` is drawn on the first page, in PDF units, from the text layer pdf.js reads. */
async function wordBox(bytes: Uint8Array, word: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const { items } = await (await pdf.getPage(1)).getTextContent();
  const item = items.find((i) => 'str' in i && i.str.includes(word)) as { str: string; transform: number[]; width: number; height: number };
  await pdf.destroy();
  const perChar = item.width / item.str.length;
  const at = item.str.indexOf(word);
  return { x: item.transform[4] + at * perChar - 1, y: item.transform[5] - item.height * 0.25, width: word.length * perChar + 2, height: item.height * 1.2 };
}
