// Word files in: what a message gets from a .docx written by the `docx` library (formats, tracked
// changes as suggestions by their Word author, comments and replies as threads on the same words)
// and the packages it refuses.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AlignmentType, Document, ExternalHyperlink, FootnoteReferenceRun, InsertedTextRun, Packer, Paragraph, SimpleField, Textbox, TextRun } from 'docx';
import { zipSync } from 'fflate';
import { contentDigest, messageParagraphs, newMessageDoc, readContent } from '../../../shared/document';
import { listSuggestions, placeThreads } from '../../../shared/review';
import { openWordPackage, WordFileError } from '../../../electron/services/document/word-package';
import { describeLeftOut, readWord } from '../../../electron/services/document/word-read';
import { describeWordImport, importWord } from '../../../electron/services/document/word-write';
import { AUTHOR_BEN, AUTHOR_CARMEN, encryptedDocx, formattedDraft, plainZip, reviewedDraft, zipBomb } from '../../helpers/word';

const runs = (doc: Y.Doc) => readContent(doc).blocks.map((b) => [b.kind, b.depth ?? null, b.runs.map((r) => [r.text, r.format, r.link ?? null])]);

async function imported(bytes: Uint8Array) {
  const doc = newMessageDoc();
  const result = await importWord(doc, bytes);
  return { doc, result };
}

describe('a Word file in', () => {
  it('keeps headings, formats, nested lists, quotes, links, line and page breaks, and the signature block', async () => {
    const { doc, result } = await imported(await formattedDraft());
    expect(runs(doc)).toEqual([
      ['h1', null, [['New Year Address', 0, null]]],
      ['paragraph', null, [['Dear residents, this year was ', 0, null], ['hard', 1, null], [', ', 0, null], ['long', 2, null], [', ', 0, null], ['shared', 8, null], [' and ', 0, null], ['never easy', 4, null], ['.', 0, null]]],
      ['h2', null, [['What we did', 0, null]]],
      ['number', 0, [['We rebuilt the bridge', 0, null]]],
      ['number', 1, [['on time', 0, null]]],
      ['number', 0, [['We opened the library', 0, null]]],
      ['bullet', 0, [['Parks', 0, null]]],
      ['bullet', 1, [['Riverside', 0, null]]],
      ['quote', null, [['A city is its people.', 0, null]]],
      ['paragraph', null, [['Read more at ', 0, null], ['the plan', 0, 'https://aldport.example/plan'], ['.', 0, null]]],
      ['paragraph', null, [['First line\nsecond line', 0, null]]],
      ['paragraph', null, [['Before the break', 0, null]]],
      ['page-break', null, []],
      ['paragraph', null, [['After the break', 0, null]]],
      ['signature', null, [['Yours sincerely,', 0, null]]],
      ['signature', null, [['Carmen Ruiz', 0, null]]],
      ['signature', null, [['Mayor of Aldport', 0, null]]],
    ]);
    // The picture, the table, the header and the footer (with its page number) are counted, not silently dropped.
    expect(describeLeftOut(result.leftOut)).toBe('1 image, 1 table, 1 header and 1 footer were not imported.');
    expect(result.suggestions).toBe(0);
    expect(describeWordImport(result)).toBeNull();
    // The document loads the same in another copy (the editor's shape).
    const copy = newMessageDoc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(messageParagraphs(copy)).toEqual(messageParagraphs(doc));
  });

  it('makes open tracked changes suggestions by their Word author, never accepted, and comments threads on the same words', async () => {
    const { doc, result } = await imported(await reviewedDraft());
    // The text as it stands: insertions not in it yet, deletions still in it.
    expect(messageParagraphs(doc)).toEqual(['Budget statement', 'We will spend three million pounds on roads and nothing else.', 'The work starts by June.']);
    expect(listSuggestions(doc).map((s) => [s.change, s.author.name, s.deleted, s.inserted, s.at])).toEqual([
      ['insert', AUTHOR_BEN, '', 'safer ', '2026-11-30T10:00:00.000Z'],
      ['delete', AUTHOR_BEN, ' and nothing else', '', '2026-11-30T10:00:00.000Z'],
      ['replace', AUTHOR_BEN, 'by June', 'in the first half of the year', '2026-11-30T10:00:00.000Z'],
    ]);
    const threads = placeThreads(doc);
    expect(threads.map((p) => [p.anchored, p.text, p.thread.comments.map((c) => [c.author.name, c.text, c.at])])).toEqual([
      [
        true,
        'three million pounds',
        [
          [AUTHOR_BEN, 'Is this the figure from the budget?', '2026-11-30T10:00:00.000Z'],
          [AUTHOR_CARMEN, 'Yes, checked with finance.', '2026-11-30T11:00:00.000Z'],
        ],
      ],
      [true, 'The work starts by Junein the first half of the year', [[AUTHOR_CARMEN, 'Warmer, please.', '2026-11-30T10:00:00.000Z']]],
    ]);
    expect(result).toMatchObject({ suggestions: 3, threads: 2, replies: 1, people: [AUTHOR_BEN, AUTHOR_CARMEN], done: 0 });
    expect(describeLeftOut(result.leftOut)).toBeNull();
    expect(describeWordImport(result)).toBe('3 suggestions from tracked changes and 2 comment threads with 1 reply, by Ben Okafor, Carmen Ruiz');
    // The markers the import works with never reach the document, not even as deleted text in its history.
    expect(Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from('\uE000'))).toBe(false);
    // The digest (what approvals bind to) is that of the text without the proposals.
    const plain = newMessageDoc();
    await importWord(
      plain,
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ heading: 'Heading1', children: [new TextRun('Budget statement')] }), new Paragraph('We will spend three million pounds on roads and nothing else.'), new Paragraph('The work starts by June.')] }] })),
    );
    expect(contentDigest(readContent(doc))).toBe(contentDigest(readContent(plain)));
  });

  it('makes a tracked format change a format suggestion, with the format from before', async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({
                children: [new TextRun('Say it '), new TextRun({ text: 'loudly', bold: true, revision: { id: 5, author: AUTHOR_BEN, date: '2026-11-30T10:00:00Z', bold: false } }), new TextRun('.')],
              }),
            ],
          },
        ],
      }),
    );
    const { doc } = await imported(bytes);
    const [s] = listSuggestions(doc);
    expect(s).toMatchObject({ change: 'format', author: { name: AUTHOR_BEN }, deleted: 'loudly', formatBefore: 0, formatAfter: 1 });
    // As it stands, the words keep their format from before.
    expect(runs(doc)).toEqual([['paragraph', null, [['Say it loudly.', 0, null]]]]);
  });

  it('takes no marks from the file itself: the characters the import marks with are removed from its text', async () => {
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('Plain \uE000i0\uE001words'), new InsertedTextRun({ text: ' added', id: 1, author: AUTHOR_BEN, date: '2026-11-30T10:00:00Z' })] })] }] }));
    const { doc } = await imported(bytes);
    expect(messageParagraphs(doc)).toEqual(['Plain i0words']);
    expect(listSuggestions(doc).map((s) => [s.change, s.inserted])).toEqual([['insert', ' added']]);
  });

  it('keeps a paragraph\'s alignment; counts text boxes, footnotes and fields (keeping a field\'s shown words); drops unsafe links', async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        footnotes: { 1: { children: [new Paragraph('Source: the 2026 budget.')] } },
        sections: [
          {
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('Aldport, 1 January')] }),
              new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [new TextRun('A long paragraph, set justified.'), new FootnoteReferenceRun(1)] }),
              new Paragraph({ children: [new TextRun('Printed on '), new SimpleField('DATE', '2 December 2026'), new TextRun('.')] }),
              new Paragraph({ children: [new TextRun('See the note: '), new Textbox({ children: [new Paragraph('A note in a box')], style: { width: '2in', height: '1in' } })] }),
              new Paragraph({ children: [new ExternalHyperlink({ link: 'javascript:alert(1)', children: [new TextRun('click me')] })] }),
            ],
          },
        ],
      }),
    );
    const { doc, result } = await imported(bytes);
    const blocks = readContent(doc).blocks;
    expect(blocks.map((b) => [b.runs.map((r) => r.text).join(''), b.align ?? 0])).toEqual([
      ['Aldport, 1 January', 2],
      ['A long paragraph, set justified.', 4],
      ['Printed on 2 December 2026.', 0],
      ['See the note:', 0],
      ['click me', 0],
    ]);
    expect(blocks[4]!.runs[0]!.link).toBeUndefined();
    expect(describeLeftOut(result.leftOut)).toBe('1 text box and 1 footnote were not imported. 1 field (a page number, date or the like) was kept as plain words.');
  });

  it('refuses a part that declares a DTD (entities are never expanded)', async () => {
    const good = openWordPackage(await formattedDraft());
    const parts = Object.fromEntries(good.parts);
    const xml = new TextDecoder().decode(parts['word/document.xml']);
    parts['word/document.xml'] = new TextEncoder().encode(xml.replace('?>', '?><!DOCTYPE w:document [<!ENTITY lol "lol">]>'));
    await expect(readWord(zipSync(parts))).rejects.toThrow(/its part word\/document\.xml declares a DTD|not well-formed/);
  });

  it('describes what did not come through in one sentence', () => {
    const none = { images: 0, tables: 0, textBoxes: 0, fields: 0, headers: 0, footers: 0, footnotes: 0, endnotes: 0, equations: 0, paragraphChanges: 0 };
    expect(describeLeftOut(none)).toBeNull();
    expect(describeLeftOut({ ...none, images: 2, tables: 1 })).toBe('2 images and 1 table were not imported.');
    expect(describeLeftOut({ ...none, textBoxes: 1 })).toBe('1 text box was not imported.');
    expect(describeLeftOut({ ...none, fields: 2, paragraphChanges: 1 })).toBe(
      '2 fields (page numbers, dates and the like) were kept as plain words. 1 tracked change to paragraphs (a split, a join or a style) is kept as the file shows it, not as a suggestion.',
    );
  });
});

describe('a Word file refused', () => {
  const refusal = async (bytes: Uint8Array) => {
    try {
      await readWord(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(WordFileError);
      return (error as Error).message;
    }
    throw new Error('it was read');
  };

  it('says why: text renamed, truncated, not Office, encrypted, old .doc, too large, a zip bomb', async () => {
    const good = await formattedDraft();
    expect(await refusal(new TextEncoder().encode('Dear residents,\n\nA new year begins.\n'))).toMatch(/plain text, not a Word file/);
    expect(await refusal(good.subarray(0, Math.floor(good.length / 2)))).toMatch(/damaged or cut short/);
    expect(await refusal(plainZip())).toMatch(/zip file but not an Office document/);
    expect(await refusal(encryptedDocx())).toMatch(/encrypted \(protected by a password\)/);
    const doc = encryptedDocx().slice();
    doc.fill(0, 1024);
    expect(await refusal(doc)).toMatch(/old Word 97–2003 document \(\.doc\)/);
    expect(await refusal(new Uint8Array(50 * 1024 * 1024 + 1))).toMatch(/Signet opens Word files of up to 50 MB/);
    const bomb = zipBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb)).toMatch(/zip bomb/);
    const xlsx = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), '_rels/.rels': new TextEncoder().encode('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>') });
    expect(await refusal(xlsx)).toMatch(/Excel workbook/);
  });
});
