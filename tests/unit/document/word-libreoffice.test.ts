// Word files LibreOffice wrote: the project's HTML and text fixtures converted to .docx by
// `soffice --headless --convert-to docx`, and a Word review (tracked changes, comments, a reply)
// re-saved by LibreOffice, which writes them its own way. Skipped, saying why, where soffice is absent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageParagraphs, newMessageDoc, readContent } from '../../../shared/document';
import { listSuggestions, placeThreads } from '../../../shared/review';
import { importWord } from '../../../electron/services/document/word-write';
import { AUTHOR_BEN, AUTHOR_CARMEN, convertWithLibreOffice, findSoffice, reviewedDraft } from '../../helpers/word';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
const found = await findSoffice();
const soffice = 'path' in found ? found.path : null;
const skip = 'missing' in found ? found.missing : null;

const runs = (doc: Y.Doc) => readContent(doc).blocks.map((b) => [b.kind, b.depth ?? null, b.runs.map((r) => [r.text, r.format, r.link ?? null])]);

async function imported(bytes: Uint8Array) {
  const doc = newMessageDoc();
  return { doc, result: await importWord(doc, bytes) };
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'signet-lo-test-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!soffice)(`Word files written by LibreOffice${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('an HTML statement converted to .docx keeps its headings, formats, nested lists, quote, link, line break and signature block', async () => {
    const { doc, result } = await imported(await convertWithLibreOffice(soffice!, join(FIXTURES, 'word/statement.html')));
    expect(runs(doc)).toEqual([
      ['h1', null, [['Statement on the harbour works', 0, null]]],
      ['paragraph', null, [['The harbour works are ', 0, null], ['finished', 1, null], [', ', 0, null], ['on time', 2, null], [' and ', 0, null], ['within budget', 8, null], ['; the ', 0, null], ['old', 4, null], [' quay is gone.', 0, null]]],
      ['h2', null, [['What changes for residents', 0, null]]],
      ['number', 0, [['Harbour Street opens on Monday', 0, null]]],
      ['number', 1, [['buses return on Tuesday', 0, null]]],
      ['number', 0, [['The market moves back to the quay', 0, null]]],
      ['bullet', 0, [['Parking', 0, null]]],
      ['bullet', 1, [['free for the first week', 0, null]]],
      ['quote', null, [['A harbour is only as good as the people who use it.', 0, null]]],
      ['paragraph', null, [['The full plan is at ', 0, null], ['aldport.example/harbour', 0, 'https://aldport.example/harbour'], ['.\nQuestions go to the city office.', 0, null]]],
      ['signature', null, [['Yours sincerely,', 0, null]]],
      ['signature', null, [['Carmen Ruiz', 0, null]]],
      ['signature', null, [['Mayor of Aldport', 0, null]]],
    ]);
    expect(result.leftOut).toMatchObject({ tables: 1, images: 0, headers: 0, footers: 0 });
  });

  it('a text notice and the format-1 letter converted to .docx keep every line, and end in a signature block', async () => {
    const notice = await imported(await convertWithLibreOffice(soffice!, join(FIXTURES, 'word/notice.txt')));
    expect(messageParagraphs(notice.doc)).toEqual([
      'Notice of road closure', 'Dear residents,', 'Harbour Street will close for one night on 14 March', 'while the new lights are fitted.',
      'Buses will run on Quay Road instead.', 'Thank you.', 'Amina Yusuf', 'Head of Communications',
    ]);
    expect(readContent(notice.doc).blocks.slice(-3).map((b) => b.kind)).toEqual(['signature', 'signature', 'signature']);
    const letter = await imported(await convertWithLibreOffice(soffice!, join(FIXTURES, 'files/format-1-letter.txt')));
    expect(messageParagraphs(letter.doc)).toContain('[What you ask or announce] Thank you for your patience during the works on Harbour Street. The road opens again on Monday.');
    expect(readContent(letter.doc).blocks.filter((b) => b.kind === 'signature').map((b) => b.runs.map((r) => r.text).join(''))).toEqual(['Yours sincerely,', '[Signatory name]', '[Title]', '[Place], [Date]']);
  });

  it('a Word review re-saved by LibreOffice still brings its tracked changes as suggestions and its comments as threads on the same words, by their authors', async () => {
    const path = join(dir, 'review.docx');
    writeFileSync(path, await reviewedDraft());
    const { doc, result } = await imported(await convertWithLibreOffice(soffice!, path));
    expect(messageParagraphs(doc)).toEqual(['Budget statement', 'We will spend three million pounds on roads and nothing else.', 'The work starts by June.']);
    expect(listSuggestions(doc).map((s) => [s.change, s.author.name, s.deleted, s.inserted])).toEqual([
      ['insert', AUTHOR_BEN, '', 'safer '],
      ['delete', AUTHOR_BEN, ' and nothing else', ''],
      ['replace', AUTHOR_BEN, 'by June', 'in the first half of the year'],
    ]);
    // LibreOffice 7.4 keeps each comment on its words, but not which comment a reply answers
    // (it writes no commentsExtended.xml): the reply comes in as a thread of its own, on the same words.
    const threads = placeThreads(doc).map((p) => [p.text, p.thread.comments.map((c) => [c.author.name, c.text])]);
    expect(threads).toEqual([
      ['three million pounds', [[AUTHOR_BEN, 'Is this the figure from the budget?']]],
      ['three million pounds', [[AUTHOR_CARMEN, 'Yes, checked with finance.']]],
      ['The work starts by Junein the first half of the year', [[AUTHOR_CARMEN, 'Warmer, please.']]],
    ]);
    expect(result).toMatchObject({ suggestions: 3, threads: 3, replies: 0 });
  });
});
