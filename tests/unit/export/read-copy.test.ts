// The copy reader is shared: `signet verify` runs it with linkedom, pdf.js's Node build and the
// font files this Signet carries; the verifier page with the browser's parser, pdf.js in the page
// and only the digests of those font files, taking the files from the copy. Both must give the
// same answer on the same copy, authentic or forged; only the words on a copy whose fonts were
// swapped differ, since the page can say no more than that its fonts are not Signet's.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPrinter } from '../../../electron/services/export/chromium-printer';
import { exporterFromSigner } from '../../../electron/services/export/exporter';
import { slicesByDigest } from '../../../electron/services/export/fonts';
import { htmlCopy, makeCopy } from '../../../electron/services/export/make-copy';
import { nodeCopyReader } from '../../../electron/services/export/read-copy';
import { carriedFontCss, copyVerdict, defaultLayout, readCopyBytes, type CopyReaderHost } from '../../../shared/export';
import { AMINA, EXPORTED_AT, PNG, findChromium, message, withPageWords } from '../../helpers/export';

const slices = slicesByDigest();
/** The verifier page's host, but for the parser and pdf.js, which are Node's here. */
const pageLike: CopyReaderHost = { ...nodeCopyReader, fontCss: (text, document) => carriedFontCss(text, document, slices) };

const doc = message({
  title: 'New Year message',
  upTo: 'Signed',
  blocks: [
    { kind: 'paragraph', text: 'Good evening, dear fellow citizens. The spring floods tested us.' },
    { kind: 'paragraph', text: '亲爱的市民们，晚上好。' },
  ],
});
const layout = { ...defaultLayout(doc, 'letter'), place: 'Aldport', date: '2026-12-31' };
const exporter = await exporterFromSigner(AMINA.signer, AMINA.member);
const { html } = htmlCopy(doc, { format: 'html', layout, at: EXPORTED_AT, logo: readFileSync(PNG) }, exporter);

const bytes = (text: string) => new TextEncoder().encode(text);
const both = async (copy: Uint8Array, name: string) =>
  Promise.all([nodeCopyReader, pageLike].map(async (host) => {
    const read = await readCopyBytes(copy, name, host);
    return { verdict: copyVerdict(read, null), markup: read.markup, hazards: read.hazards };
  }));

describe('the shared copy reader, as signet verify and the verifier page run it', () => {
  it('an authentic HTML copy, in two scripts and with a logo: the same verdict, and its page is Signet\'s byte for byte', async () => {
    const [node, page] = await both(bytes(html), 'copy.html');
    expect(node.verdict).toMatchObject({ authentic: true, problems: [], state: 'Signed', format: 'html', wholeFileSigned: null });
    expect(page).toEqual(node);
    expect(page.verdict.people.map((p) => `${p.kind} ${p.name}`)).toEqual(['approved Ben Okafor', 'approved Carmen Ruiz', 'signed Carmen Ruiz', 'exported Amina Yusuf']);
  });

  it('forgeries are refused by both, with the same reasons', async () => {
    const forgeries: [string, string][] = [
      ['a word changed on the page', withPageWords(html, 'spring floods', 'spring fires')],
      ['a style that hides words', html.replace('</style>', 'p { display: none } </style>')],
      ['a script', html.replace('</body>', '<script>alert(1)</script></body>')],
      ['a remote picture', html.replace('</main>', '<img src="https://example.org/x.png"></main>')],
    ];
    for (const [what, forged] of forgeries) {
      expect(forged, what).not.toBe(html);
      const [node, page] = await both(bytes(forged), 'copy.html');
      expect(node.verdict.authentic, what).toBe(false);
      expect(page, what).toEqual(node);
    }
  });

  it('a copy whose Chinese font was swapped for another slice: signet verify says its HTML differs, the page that its fonts are not Signet\'s', async () => {
    const fonts = [...html.matchAll(/url\((data:font\/woff2;base64,[^)]+)\)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(2);
    const swapped = html.replace(fonts.at(-1)!, fonts[0]);
    const [node, page] = await both(bytes(swapped), 'copy.html');
    expect(node.markup).toMatch(/^its HTML is not the page Signet makes from its manifest/);
    expect(page.markup).toMatch(/^its fonts are not the font files Signet ships \(1 of the \d+ its words need are missing or changed\), so its letters could be drawn as other words$/);
    expect([node.verdict.authentic, page.verdict.authentic]).toEqual([false, false]);
  });

  describe('a PDF copy', () => {
    let printer: ChromiumPrinter;
    beforeAll(() => {
      printer = new ChromiumPrinter(findChromium()!);
    });
    afterAll(() => printer.close());

    it('authentic, and with bytes added after its signature: the same verdict from both', async () => {
      const copy = await makeCopy(doc, { format: 'pdf', layout, at: EXPORTED_AT }, { printer, exporter });
      const [node, page] = await both(copy.bytes, 'copy.pdf');
      expect(node.verdict).toMatchObject({ authentic: true, format: 'pdf', wholeFileSigned: true });
      expect(page).toEqual(node);
      const appended = new Uint8Array([...copy.bytes, ...bytes('\n%%EOF\n')]);
      const [node2, page2] = await both(appended, 'copy.pdf');
      expect(node2.verdict).toMatchObject({ authentic: false, wholeFileSigned: false });
      expect(page2).toEqual(node2);
    }, 60_000);
  });
});
