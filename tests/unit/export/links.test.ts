// Links on paper: a reader of a printed or PDF copy cannot click "council website", so a copy
// prints where each link points (signet-copy-3): in brackets after its words, or as a numbered
// note listed at the end. The check rebuilds those words from the manifest, so such a copy still
// verifies, and copies made before (which printed no addresses) verify as they were made.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { writeHtml } from '../../../electron/services/document/compose';
import { newMessage } from '../../../electron/services/library/library';
import { ChromiumPrinter } from '../../../electron/services/export/chromium-printer';
import { exporterFromSigner } from '../../../electron/services/export/exporter';
import { exportCopy, type Copy } from '../../../electron/services/export/make-copy';
import { readCopyBytes, readCopyFile } from '../../../electron/services/export/read-copy';
import { buildManifest, checkCopy, copyText, defaultLayout, parseManifest, printedAddress, renderCopy, type LinkStyle } from '../../../shared/export';
import { AMINA, EXPORTED_AT, findChromium, pdfText } from '../../helpers/export';
import { AUTHOR, signOff } from '../../helpers/signed';

const HTML = `<p>The budget is on the <a href="https://aldport.example/budget-2027">council website</a>, and questions go to <a href="mailto:mayor@aldport.example">the Mayor's office</a>.</p>
<p>Read it at <a href="https://aldport.example/">https://aldport.example/</a> or on the <a href="https://aldport.example/budget-2027">website</a> again.</p>
<p>With my warmest wishes,</p>`;

function linked(upTo: 'Draft' | 'Signed'): Y.Doc {
  const doc = newMessage('blank', 'Budget 2027', 'en', AUTHOR);
  writeHtml(doc, HTML);
  signOff(doc, upTo);
  return doc;
}

const squeeze = (text: string) => text.replace(/\s+/g, '');
const manifestOf = (doc: Y.Doc, links: LinkStyle) => buildManifest(doc, { layout: { ...defaultLayout(doc, 'statement'), links }, at: EXPORTED_AT });

describe('links printed on a copy', () => {
  const doc = linked('Signed');

  it('in brackets after the words, the address once, mailto: left off, and not when the words are the address', () => {
    const text = copyText(manifestOf(doc, 'brackets'));
    expect(text).toContain('council website (https://aldport.example/budget-2027), and questions go to the Mayor\'s office (mayor@aldport.example).');
    expect(text).toContain('Read it at https://aldport.example/ or on the website (https://aldport.example/budget-2027) again.');
    expect(text).not.toContain('Links');
  });

  it('as numbered notes: a number after the words, the same number for the same address, the addresses listed at the end before the certificate', () => {
    const text = copyText(manifestOf(doc, 'notes'));
    expect(text).toContain('council website1, and questions go to the Mayor\'s office2.');
    expect(text).toContain('on the website1 again.');
    const notes = text.indexOf('Links1. https://aldport.example/budget-2027');
    expect(notes).toBeGreaterThan(text.indexOf('With my warmest wishes'));
    expect(text.indexOf('2. mayor@aldport.example')).toBeGreaterThan(notes);
    expect(notes).toBeLessThan(text.indexOf('Certificate of approval'));
  });

  it('an address that hides or turns its characters around is printed with them percent-encoded', () => {
    expect(printedAddress('https://aldport.example/\u202Egpj.exe')).toBe('https://aldport.example/%E2%80%AEgpj.exe');
    expect(printedAddress(' https://a.example/x y\u200b ')).toBe('https://a.example/x%20y%E2%80%8B');
  });

  it('in the HTML copy the address is text on the page, never a link that could be followed', () => {
    const html = renderCopy(manifestOf(doc, 'brackets'), { fontCss: '' });
    expect(html).toContain('<span class="address"> (https://aldport.example/budget-2027)</span>');
    expect(html).not.toMatch(/<a\b|href=/);
  });

  it('a copy made before signet-copy-3 prints no addresses and still reads; a format and a layout that disagree are refused', () => {
    const third = manifestOf(doc, 'brackets');
    const { links: _links, ...layout } = third.layout;
    const second = { ...third, format: 'signet-copy-2' as const, layout };
    expect(parseManifest(JSON.stringify(second))).toMatchObject({ format: 'signet-copy-2' });
    expect(copyText(second)).toContain('council website, and questions');
    expect(parseManifest(JSON.stringify({ ...third, layout }))).toMatch(/does not say where links' addresses are printed/);
    expect(parseManifest(JSON.stringify({ ...second, layout: third.layout }))).toMatch(/signet-copy-2 copy cannot have/);
  });
});

const chromium = findChromium();

describe.skipIf(!chromium)(`a PDF copy with links${chromium ? '' : ' (skipped: no Chromium or Chrome was found)'}`, () => {
  let dir = '';
  let printer: ChromiumPrinter;
  let doc: Y.Doc;
  const made: Record<string, { file: string; copy: Copy }> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'signet-links-'));
    printer = new ChromiumPrinter(chromium!);
    doc = linked('Signed');
    const exporter = await exporterFromSigner(AMINA.signer, AMINA.member);
    for (const links of ['brackets', 'notes'] as const) {
      const file = join(dir, `${links}.pdf`);
      const copy = await exportCopy(doc, { format: 'pdf', at: EXPORTED_AT, layout: { ...defaultLayout(doc, 'letter'), links } }, file, { printer, exporter });
      made[links] = { file, copy };
    }
  }, 60_000);

  afterAll(async () => {
    await printer?.close();
    doc?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a reader of the PDF sees where each link points, and the copy verifies, PDF and HTML alike', async () => {
    expect(squeeze(pdfText(made.brackets.file))).toContain(squeeze('council website (https://aldport.example/budget-2027)'));
    expect(squeeze(pdfText(made.notes.file))).toContain(squeeze('Links 1. https://aldport.example/budget-2027 2. mayor@aldport.example'));
    for (const { file, copy } of Object.values(made)) {
      const read = await readCopyFile(file);
      expect(checkCopy(read.manifest, read.seen), file).toMatchObject({ authentic: true, problems: [] });
      const html = await readCopyBytes(new TextEncoder().encode(copy.html), 'copy.html');
      expect(html.markup).toBeNull();
      expect(checkCopy(html.manifest, html.seen).authentic).toBe(true);
    }
  });

  it('an address changed in the manifest is caught: the page no longer shows it', async () => {
    const read = await readCopyFile(made.brackets.file);
    const blocks = structuredClone(read.manifest.content.blocks);
    blocks[0].runs.find((r) => r.link)!.link = 'https://evil.example/';
    const problems = checkCopy({ ...read.manifest, content: { ...read.manifest.content, blocks } }, read.seen).problems.join('\n');
    expect(problems).toMatch(/not the text its digest names/);
    expect(problems).toMatch(/the words on the page are not the manifest's text/);
  });
});
