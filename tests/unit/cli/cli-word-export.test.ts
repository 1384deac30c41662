// `signet export FILE --docx OUT`: a Word draft for a reviewer without Signet, read back the way
// a Word file comes in (the words as they stand, headings, the open comments by their authors),
// with the message id in its custom XML part, and opened by LibreOffice where it is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageParagraphs, newMessageDoc, readContent } from '../../../shared/document';
import { placeThreads } from '../../../shared/review';
import { importWord } from '../../../electron/services/document/word-write';
import { BUILT_CLI, runSignet } from '../../helpers/cli';
import { findSoffice, formattedDraft, reviewedDraft } from '../../helpers/word';

let dir = '';
const signet = (...args: string[]) => runSignet(dir, args);
const path = (name: string) => join(dir, name);
const found = await findSoffice();

beforeAll(async () => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: build the command line tool first with \`npx electron-vite build\`.`);
  dir = mkdtempSync(join(tmpdir(), 'signet-word-export-'));
  writeFileSync(path('review.docx'), await reviewedDraft());
  expect((await signet('new', 'review.signet', '--from', 'review.docx')).code).toBe(0);
  writeFileSync(path('address.docx'), await formattedDraft());
  expect((await signet('new', 'address.signet', '--from', 'address.docx')).code).toBe(0);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('signet export --docx', () => {
  it('writes the text as it stands with its open comments as Word comments, marked a draft, the message id in a custom XML part', async () => {
    const made = await signet('export', 'review.signet', '--docx', 'for-ben.docx');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toBe('wrote for-ben.docx: a Word draft of "Budget statement" for review (2 open comment threads as Word comments); it is not a final copy and proves nothing\n');
    const bytes = readFileSync(path('for-ben.docx'));
    const back = newMessageDoc();
    const result = await importWord(back, bytes);
    // The proposals are not in the copy: the text as it stands.
    expect(messageParagraphs(back)).toEqual(['Budget statement', 'We will spend three million pounds on roads and nothing else.', 'The work starts by June.']);
    expect(readContent(back).blocks[0]!.kind).toBe('h1');
    expect(result.suggestions).toBe(0);
    expect(placeThreads(back).map((p) => [p.text, p.thread.comments.map((c) => [c.author.name, c.text])])).toEqual([
      ['three million pounds', [['Ben Okafor', 'Is this the figure from the budget?'], ['Carmen Ruiz', 'Yes, checked with finance.']]],
      ['The work starts by June', [['Carmen Ruiz', 'Warmer, please.']]],
    ]);
    const parts = unzipSync(bytes);
    const id = JSON.parse((await signet('info', 'review.signet')).stdout).id as string;
    expect(new TextDecoder().decode(parts['customXml/item1.xml'])).toContain(`<message id="${id}"`);
    const header = Object.keys(parts).find((n) => /^word\/header\d*\.xml$/.test(n))!;
    expect(new TextDecoder().decode(parts[header])).toContain('DRAFT FOR REVIEW — not a final copy');
    expect(new TextDecoder().decode(parts['docProps/core.xml'])).toContain('Draft for review');
  });

  it('keeps headings as Word heading styles, formats, lists, links and the signature lines', async () => {
    expect((await signet('export', 'address.signet', '--docx', 'address-copy.docx')).code).toBe(0);
    const xml = new TextDecoder().decode(unzipSync(readFileSync(path('address-copy.docx')))['word/document.xml']);
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    // A link's words look like one in Word (its Hyperlink style), and come back as plain words of the link.
    expect(xml).toMatch(/<w:hyperlink [^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/>/);
    const back = newMessageDoc();
    await importWord(back, readFileSync(path('address-copy.docx')));
    const blocks = readContent(back).blocks;
    expect(blocks.map((b) => b.kind)).toEqual(['h1', 'paragraph', 'h2', 'number', 'number', 'number', 'bullet', 'bullet', 'quote', 'paragraph', 'paragraph', 'paragraph', 'page-break', 'paragraph', 'signature', 'signature', 'signature']);
    expect(blocks[1]!.runs.map((r) => [r.text, r.format])).toEqual([['Dear residents, this year was ', 0], ['hard', 1], [', ', 0], ['long', 2], [', ', 0], ['shared', 8], [' and ', 0], ['never easy', 4], ['.', 0]]);
    expect(blocks[4]!.depth).toBe(1);
    expect(blocks[9]!.runs.find((r) => r.link)?.link).toBe('https://aldport.example/plan');
  });

  it('refuses another kind of output beside it, and an OUT not named .docx, writing nothing', async () => {
    const both = await signet('export', 'review.signet', '--docx', 'a.docx', '--html', 'a.html');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give either --docx OUT, --html OUT or --pdf OUT, not two/);
    const named = await signet('export', 'review.signet', '--docx', 'a.pdf');
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/is not named \.docx/);
    expect(existsSync(path('a.docx')) || existsSync(path('a.pdf'))).toBe(false);
  });

  it.skipIf(!('path' in found))(`opens in LibreOffice without repair: converted to PDF, its words and the draft mark are on page 1${'missing' in found ? ` (skipped: ${found.missing})` : ''}`, () => {
    const soffice = (found as { path: string }).path;
    execFileSync(soffice, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path('for-ben.docx')], { timeout: 120_000, stdio: 'ignore' });
    const text = execFileSync('pdftotext', ['-l', '1', path('for-ben.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('DRAFT FOR REVIEW — not a final copy');
    expect(text).toContain('Budget statement');
    expect(text).toContain('We will spend three million pounds on roads and nothing else.');
    // Page 1 as a picture to look at, beside the e2e screenshots (a fresh clone has no such folder before the e2e run).
    const shots = join(process.cwd(), 'tests/artifacts/screenshots');
    mkdirSync(shots, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path('for-ben.pdf'), join(shots, 'word-copy-libreoffice')]);
  });
});
