// Export of copies (shared/export, electron/services/export/make-copy.ts), read back as a reader would read
// them: poppler's pdftotext, pdffonts and pdfinfo for the PDF, the bytes of the HTML, and Signet's
// own reader and check. One message with a Chinese paragraph is signed in-process; each template's
// copy is printed once, through one Chromium, and every test reads those copies. The first page of
// each is drawn to tests/artifacts/exports/ to look at.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { ChromiumPrinter } from '../../../electron/services/export/chromium-printer';
import { exporterFromSigner } from '../../../electron/services/export/exporter';
import { readCopyBytes, readCopyFile, type CopyFile } from '../../../electron/services/export/read-copy';
import { ExportCancelled, ExportError, exportCopy, type Copy, type ExportRequest, type Printer } from '../../../electron/services/export/make-copy';
import { checkCopy, defaultLayout, type LayoutTemplate, type PageSize } from '../../../shared/export';
import { fingerprint } from '../../../shared/signoff';
import { listVersions } from '../../../shared/history';
import {
  AMINA,
  BEN,
  CARMEN,
  certificatePagePng,
  EXPORTED_AT,
  findChromium,
  firstPagePng,
  message,
  PNG,
  pdfFonts,
  pdfInfo,
  pdfPages,
  pdfsig,
  pdfText,
  type MessageSpec,
} from '../../helpers/export';

const CHINESE = '新的一年，我们将完成港口防波堤，并让每一家诊所在周末开放。祝大家身体健康，万事如意。';

const SPEC: MessageSpec = {
  title: 'New Year message',
  upTo: 'Signed',
  change: ['by May', 'by June'],
  blocks: [
    { kind: 'heading', text: 'New Year message' },
    { kind: 'paragraph', text: 'Good evening, dear fellow citizens,' },
    { kind: 'paragraph', text: 'This year asked a great deal of Aldport. The spring floods tested us, and we answered them together, street by street.' },
    { kind: 'paragraph', text: 'In the year ahead we will finish the harbour wall by May, open the Riverside Library and keep every clinic open at weekends.' },
    { kind: 'paragraph', text: 'I wish you and your families health, peace and a happy New Year.' },
    { kind: 'signature', lines: ['With my warmest wishes for the New Year,', 'Carmen Ruiz', 'Mayor of Aldport'] },
  ],
};

/** The same with a paragraph in Chinese: its font slices make the copy a megabyte larger, so only the statement has it. */
const WITH_CHINESE: MessageSpec = { ...SPEC, blocks: [...SPEC.blocks.slice(0, 4), { kind: 'paragraph', text: CHINESE }, ...SPEC.blocks.slice(4)] };

/** A longer draft, so that its reading copy runs over several pages. */
const DRAFT: MessageSpec = {
  ...SPEC,
  upTo: 'Draft',
  change: undefined,
  blocks: [...SPEC.blocks.slice(0, -1), ...[1, 2, 3, 4].map((n) => ({ kind: 'paragraph' as const, text: `Point ${n}: ${SPEC.blocks[2].kind === 'paragraph' ? SPEC.blocks[2].text : ''}` })), SPEC.blocks.at(-1)!],
};

/** Whitespace is the printer's: pdftotext breaks lines where the page does. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

const chromium = findChromium();
const poppler = ['pdftotext', 'pdffonts', 'pdfinfo', 'pdftoppm'].every((tool) => ['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin'].some((dir) => existsSync(join(dir, tool))));
const skipReason = !chromium ? 'no Chromium or Chrome was found (install one, or set SIGNET_CHROMIUM)' : !poppler ? 'poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm) is not installed' : '';

let dir = '';
let printer: ChromiumPrinter;
let signed: Y.Doc;
let chinese: Y.Doc;
let draft: Y.Doc;

interface Made {
  file: string;
  copy: Copy;
}
const copies: Record<string, Made> = {};

async function make(name: string, doc: Y.Doc, template: LayoutTemplate, pageSize: PageSize, more: Partial<ExportRequest> = {}): Promise<void> {
  const file = join(dir, `${name}.pdf`);
  const layout = { ...defaultLayout(doc, template, pageSize), ...more.layout };
  const copy = await exportCopy(doc, { format: 'pdf', at: EXPORTED_AT, ...more, layout }, file, { printer, exporter: await exporterFromSigner(AMINA.signer, AMINA.member) });
  copies[name] = { file, copy };
}

const pdf = (name: string) => copies[name].file;

/** Each PDF read back by Signet's reader once (pdf.js), for every test that checks it. */
const readBack = new Map<string, Promise<CopyFile>>();
const readPdf = (name: string): Promise<CopyFile> => {
  if (!readBack.has(name)) readBack.set(name, readCopyFile(pdf(name)));
  return readBack.get(name)!;
};

beforeAll(async () => {
  if (skipReason) return;
  dir = mkdtempSync(join(tmpdir(), 'signet-export-'));
  printer = new ChromiumPrinter(chromium!);
  signed = message(SPEC);
  chinese = message(WITH_CHINESE);
  draft = message(DRAFT);
  const firstDraft = listVersions(signed).find((v) => v.name === 'First draft')!.id;
  const png = new Uint8Array(readFileSync(PNG));
  await Promise.all([
    make('statement', chinese, 'statement', 'A4'),
    make('letter', signed, 'letter', 'Letter', { logo: png, signature: png, layout: { ...defaultLayout(signed, 'letter', 'Letter'), place: 'Aldport', date: '2026-12-31' } }),
    make('reading', signed, 'reading', 'A4'),
    make('redline', signed, 'redline', 'A4', { compareWith: firstDraft }),
    make('draft', draft, 'reading', 'A4'),
  ]);
}, 60_000);

afterAll(async () => {
  await printer?.close();
  for (const doc of [signed, chinese, draft]) doc?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skipReason)(`PDF copies read with poppler${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('pdftotext reads the title, the body and then the signature block in order, and the certificate last', () => {
    const text = squeeze(pdfText(pdf('statement')));
    const order = ['New Year message', 'Good evening, dear fellow citizens,', 'by June, open the Riverside Library', CHINESE, 'a happy New Year.', 'With my warmest wishes for the New Year,', 'Carmen Ruiz', 'Mayor of Aldport', 'Certificate of approval and signature'];
    const at = order.map((words) => text.indexOf(squeeze(words)));
    expect(at.every((i) => i >= 0), `missing: ${order.filter((_, i) => at[i] < 0).join(' | ')}`).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // A statement whose text opens with its title shows the title once.
    expect(text.split('NewYearmessage').length - 1).toBe(2); // the title, and the certificate's "Message"
  });

  it('embeds every font, and only Source Serif 4 and Noto Serif SC; the Chinese paragraph is in Noto Serif SC', () => {
    for (const name of Object.keys(copies)) {
      const fonts = pdfFonts(pdf(name));
      expect(fonts.length, name).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.embedded, `${name}: ${font.name}`).toBe(true);
        // The package's Noto Serif SC slices name themselves NotoSerifSCExtraLight-Regular and -Bold (the variable font's first instance).
        expect(font.name, name).toMatch(/^(SourceSerif4|NotoSerifSC(ExtraLight)?)-(Regular|Bold|Italic|BoldItalic)$/);
      }
    }
    expect(pdfFonts(pdf('statement')).map((f) => f.name)).toContainEqual(expect.stringMatching(/^NotoSerifSC/));
    expect(squeeze(pdfText(pdf('statement')))).toContain(CHINESE);
  });

  it('pdfinfo: the page size, the page count, a tagged PDF, the title and the signatory as author', () => {
    const expected: Record<string, { size: string; author: string }> = {
      statement: { size: '595x842', author: 'Carmen Ruiz' },
      letter: { size: '612x792', author: 'Carmen Ruiz' },
      reading: { size: '595x842', author: 'Carmen Ruiz' },
      redline: { size: '595x842', author: '' },
      draft: { size: '595x842', author: '' },
    };
    for (const [name, { size, author }] of Object.entries(expected)) {
      const info = pdfInfo(pdf(name));
      const [w, h] = /^([\d.]+) x ([\d.]+) pts/.exec(info['Page size'])!.slice(1).map((n) => Math.round(Number(n)));
      expect(`${w}x${h}`, name).toBe(size);
      expect(info.Tagged, name).toBe('yes');
      expect(info.Title, name).toBe('New Year message');
      expect(info.Author ?? '', name).toBe(author);
      expect(Number(info.Pages), name).toBe(pdfPages(pdf(name)).length);
    }
    expect(pdfInfo(pdf('statement')).Pages).toBe('2'); // the text, and the certificate
  });

  it('a final copy ends with the certificate: title, id, digest, the export, each approver and the signatory, each key whole on one line', () => {
    const { manifest } = copies.statement.copy;
    const pages = pdfPages(pdf('statement'));
    const certificate = squeeze(pages.at(-1)!);
    expect(squeeze(pages.slice(0, -1).join(''))).not.toContain('Certificate');
    for (const words of ['Certificate of approval and signature', 'New Year message', manifest.messageId, manifest.digest, 'State Signed', 'To check this copy, with or without Signet', 'open its signature panel', 'on Signet’s verifier page', '“signet verify”']) {
      expect(certificate, words).toContain(squeeze(words));
    }
    // Read line by line as pdftotext gives them: every time in one format, every key fingerprint on one line.
    const lines = pages.at(-1)!.split('\n').map((line) => line.trim());
    const step = (what: string, who: typeof BEN, minute: string) => [`${what} by ${who.member.name}, ${who.member.titles[0]}, on 2 December 2026, 09:${minute} UTC`, `Key fingerprint: ${fingerprint(who.member.publicKey)}`, `Text ${what.toLowerCase()}: the text of this copy (its digest above)`];
    const steps = [...step('Approved', BEN, '03'), ...step('Approved', CARMEN, '04'), ...step('Signed', CARMEN, '05')];
    expect(lines.filter((line) => steps.includes(line))).toEqual(steps);
    expect(lines).toContain('This copy shows the message as it stood when this copy was exported.');
    expect(lines.join(' ')).toMatch(/Exported on\s+2 December 2026, 09:30 UTC/);
    expect(lines.join(' ')).toMatch(/Exported by\s+Amina Yusuf, Head of Speechwriting/);
    expect(lines.join(' ')).toMatch(new RegExp(`Exporter’s key\\s+${fingerprint(AMINA.member.publicKey)}`));
  });

  it('a draft has DRAFT and "Not approved" on every page, no certificate, and does not pass the check', async () => {
    const pages = pdfPages(pdf('draft'), { raw: true });
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain('DRAFT');
      expect(page, `page ${i + 1}`).toContain('Not approved');
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(pdfText(pdf('draft'))).not.toContain('Certificate');
    const read = await readPdf('draft');
    expect(checkCopy(read.manifest, read.seen).problems).toEqual(['it is a draft copy, marked "Not approved": its text is Draft, not approved']);
  });

  it('a reading copy says "Check against delivery" on its first page only, and numbers its pages', () => {
    const pages = pdfPages(pdf('reading'));
    expect(pages[0]).toContain('Check against delivery');
    expect(pages.slice(1).join('')).not.toContain('Check against delivery');
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it('a letter has its letterhead, date line, logo and handwritten signature, and is still authentic', async () => {
    const text = pdfText(pdf('letter'));
    expect(text).toContain('City of Aldport');
    expect(text).toContain('Aldport, 31 December 2026');
    const { html, manifest } = copies.letter.copy;
    expect(html.match(/<img class="(logo|handwritten)" src="data:image\/png;base64,/g)).toHaveLength(2);
    expect(manifest.images.logo).toMatch(/^[0-9a-f]{64}$/);
    const read = await readPdf('letter');
    const check = checkCopy(read.manifest, read.seen);
    expect(check.problems).toEqual([]);
    // Chosen at export, and vouched for by the exporter's seal.
    expect(check.exporter?.name).toBe('Amina Yusuf');
    expect(check.chosenAtExport).toEqual(['the letterhead “City of Aldport”', 'the date line “Aldport, 31 December 2026”', 'the logo', 'the image of the handwritten signature']);
  });

  it('a comparison marks the words taken out and put in, and is never authentic', async () => {
    const { html } = copies.redline.copy;
    expect(html).toMatch(/<del>[^<]*May[^<]*<\/del>/);
    expect(html).toMatch(/<ins>[^<]*June[^<]*<\/ins>/);
    const text = pdfText(pdf('redline'));
    expect(text).toMatch(/harbour wall by\s+May\s*June|harbour wall by May by June|by\s+May.*June/s);
    expect(text).toContain('“First draft”');
    const read = await readPdf('redline');
    expect(checkCopy(read.manifest, read.seen).problems).toEqual(['it is a comparison of two versions, not a final copy']);
  });

  it('each final copy, PDF and HTML alike, passes the check', async () => {
    for (const name of ['statement', 'letter', 'reading']) {
      const read = await readPdf(name);
      expect(checkCopy(read.manifest, read.seen), name).toMatchObject({ authentic: true, problems: [], state: { state: 'Signed' } });
      // The page that was printed, as the HTML copy of the same export.
      const fromHtml = await readCopyBytes(new TextEncoder().encode(copies[name].copy.html), `${name}.html`);
      expect(fromHtml.hazards).toEqual([]);
      // Byte for byte the page Signet makes from the manifest (with the letter's logo and signature it carries).
      expect(fromHtml.markup, `${name}.html`).toBeNull();
      expect(checkCopy(fromHtml.manifest, fromHtml.seen).authentic, `${name}.html`).toBe(true);
    }
  });

  it('is signed as a whole (PAdES B-B) by its exporter: poppler\'s pdfsig finds the signature valid, ETSI.CAdES.detached, by Amina Yusuf, over the total document', () => {
    const report = pdfsig(pdf('statement'));
    expect(report).toContain('Signer Certificate Common Name: Amina Yusuf');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signing Hash Algorithm: SHA-256');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    // pdfsig does not print the name and reason a signature panel shows: they are read from the signature dictionary.
    const dictionary = readFileSync(pdf('statement'), 'latin1');
    const words = (key: string) => Buffer.from(new RegExp(`/${key} <FEFF([0-9A-F]*)>`).exec(dictionary)![1], 'hex').swap16().toString('utf16le');
    expect(words('Name')).toBe('Amina Yusuf — Head of Speechwriting, City of Aldport');
    expect(words('Reason')).toBe('Final copy of “New Year message”, signed in Signet by Carmen Ruiz');
  });

  it("keeps Chromium's print byte for byte: the manifest follows in one incremental update, the signature in another, nothing rewritten", async () => {
    const bytes = readFileSync(pdf('statement'));
    const text = bytes.toString('latin1');
    const ends = [...text.matchAll(/%%EOF\n?/g)].map((m) => m.index + m[0].length);
    expect(ends).toHaveLength(3);
    // The same HTML printed again is the same bytes but for the time it was printed.
    const undated = (b: Uint8Array) => Buffer.from(b).toString('latin1').replace(/\(D:\d{14}[^)]*\)/g, '(D:)');
    expect(undated(bytes.subarray(0, ends[0])) === undated(await printer.pdf(copies.statement.copy.html, {}))).toBe(true);
    expect(text.slice(ends[0], ends[1])).toMatch(/\/EmbeddedFiles[\s\S]*\/Prev \d+/);
    expect(text.slice(ends[1])).toContain('/SubFilter /ETSI.CAdES.detached');
  });

  it('a byte changed anywhere in the signed PDF: pdfsig and verify both refuse it', async () => {
    const bytes = readFileSync(pdf('statement'));
    // A byte in the first page's drawing, in the manifest's attachment and in the signature's own update.
    for (const at of [Math.floor(bytes.length * 0.2), Math.floor(bytes.length * 0.6), bytes.length - 40]) {
      const changedFile = join(dir, `byte-${at}.pdf`);
      const copy = Uint8Array.from(bytes);
      copy[at] ^= 0x01;
      writeFileSync(changedFile, copy);
      expect(pdfsig(changedFile), `byte ${at}`).not.toContain('Signature is Valid.');
      const read = await readCopyFile(changedFile).catch((error: Error) => error);
      if (read instanceof Error) continue; // unreadable is refused too
      expect(checkCopy(read.manifest, read.seen).authentic, `byte ${at}`).toBe(false);
    }
  });

  it('draws the first page of each template, and the certificate of each final copy, to tests/artifacts/exports/, to look at', () => {
    for (const name of Object.keys(copies)) {
      const png = firstPagePng(pdf(name), name);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
      if (copies[name].copy.manifest.kind !== 'final') continue;
      expect(readFileSync(certificatePagePng(pdf(name), `${name}-certificate`)).subarray(1, 4).toString()).toBe('PNG');
    }
  });
});

describe.skipIf(skipReason)('the HTML copy', () => {
  it('runs nothing and fetches nothing: no script but the JSON manifest, no handler, no URL, a strict CSP', () => {
    for (const name of Object.keys(copies)) {
      const { html } = copies[name].copy;
      const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
      expect(scripts, name).toEqual(['<script type="application/json" id="signet-manifest.json">']);
      expect(html, name).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      // A data: URL's base64 may hold "//"; anything else that names a scheme or a host is a remote reference.
      const outsideData = html.replace(/data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+/g, 'data:');
      expect(outsideData.match(/https?:|\/\/[\w.-]/gi), name).toBeNull();
      expect(html, name).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;[^"]*">|<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*">/);
    }
  });

  it('carries its fonts inline, and Noto Serif SC only where the text has Chinese', () => {
    expect(copies.statement.copy.html).toContain("font-family: 'Noto Serif SC'");
    expect(copies.statement.copy.html).toMatch(/src: url\(data:font\/woff2;base64,/);
  });
});

describe.skipIf(skipReason)('a failed export leaves no file', () => {
  const statement = (doc: Y.Doc, more: Partial<ExportRequest> = {}): ExportRequest => ({ format: 'pdf', layout: defaultLayout(doc, 'statement'), ...more });

  it('an image that is not a PNG is refused before anything is printed', async () => {
    const file = join(dir, 'bad-logo.pdf');
    const bad = new TextEncoder().encode('GIF89a, not a PNG at all, but long enough to look at');
    await expect(exportCopy(signed, statement(signed, { logo: bad }), file, { printer })).rejects.toThrow(new ExportError('The logo cannot be used: it is not a PNG image.'));
    expect(existsSync(file)).toBe(false);
  });

  it('a cancelled export writes nothing, not even a temporary file', async () => {
    const sub = mkdtempSync(join(dir, 'cancel-'));
    const controller = new AbortController();
    const steps: string[] = [];
    const exporting = exportCopy(signed, statement(signed), join(sub, 'cancelled.pdf'), {
      printer,
      signal: controller.signal,
      onProgress: (step) => {
        steps.push(step);
        if (step === 'printing') controller.abort();
      },
    });
    await expect(exporting).rejects.toBeInstanceOf(ExportCancelled);
    expect(steps).toEqual(['preparing', 'printing']);
    expect(readdirSync(sub)).toEqual([]);
  });

  it('a cancel while Chromium prints stops the print at once, and is said as a cancel', async () => {
    const sub = mkdtempSync(join(dir, 'cancel-'));
    const controller = new AbortController();
    // Six hundred pages, so that the cancel comes while the page loads or prints.
    const long: Printer = { pdf: (html, options) => printer.pdf(html.replace('</main>', () => `${'<p>Words, and more words.</p>'.repeat(20_000)}</main>`), options) };
    const started = Date.now();
    const exporting = exportCopy(signed, statement(signed), join(sub, 'cancelled.pdf'), {
      printer: long,
      signal: controller.signal,
      onProgress: (step) => void (step === 'printing' && setTimeout(() => controller.abort(), 200)),
    });
    await expect(exporting).rejects.toBeInstanceOf(ExportCancelled);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(readdirSync(sub)).toEqual([]);
  });
});

describe.skipIf(skipReason)('the PDF outline', () => {
  it('bookmarks the title, each heading and the certificate, each on its page, in a tagged PDF', async () => {
    // The signed message with a heading of its own in the body: one more small print.
    const doc = message({ ...SPEC, change: undefined, blocks: [...SPEC.blocks.slice(0, 3), { kind: 'heading', text: 'The year ahead' }, ...SPEC.blocks.slice(3)] });
    const file = join(dir, 'outline.pdf');
    try {
      await exportCopy(doc, { format: 'pdf', layout: defaultLayout(doc, 'statement', 'A4') }, file, { printer });
    } finally {
      doc.destroy();
    }
    expect(pdfInfo(file).Tagged).toBe('yes');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const read = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
    try {
      const outline = await read.getOutline();
      expect(outline, 'the PDF has an outline').not.toBeNull();
      // Chromium nests by level: the title is the copy's h1; the message's headings and the certificate's are h2.
      expect(outline.map((i) => i.title)).toEqual(['New Year message']);
      const [heading, certificate] = outline[0].items;
      expect(outline[0].items).toHaveLength(2);
      expect(heading.title).toBe('The year ahead');
      // Chromium (156) wrote this title twice over when the heading had no top margin after the page break.
      expect(certificate.title).toBe('Certificate of approval and signature');
      const pageOf = async (dest: string | unknown[] | null) => {
        const explicit = typeof dest === 'string' ? await read.getDestination(dest) : dest;
        return 1 + (await read.getPageIndex(explicit![0] as Parameters<typeof read.getPageIndex>[0]));
      };
      expect(await Promise.all([outline[0], heading, certificate].map((i) => pageOf(i.dest)))).toEqual([1, 1, read.numPages]);
      expect(read.numPages).toBe(2);
    } finally {
      await read.destroy();
    }
  });
});
