// Merging a Word review back: a Word copy of a message is made, a reviewer's file is written by the
// `docx` library with tracked changes, an untracked edit, a comment and a reply, carrying the
// copy's Signet part as Word keeps it; the merge brings suggestions by the right person and
// threads, never accepted text, and the same file merged twice brings nothing new.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { initMeta, messageDigest, messageParagraphs, newMessageDoc, readContent } from '../../../shared/document';
import { recordVersion } from '../../../shared/history';
import { wordReviewSource } from '../../../shared/version-names';
import { decideSuggestions, describeSuggestion, listSuggestions, listThreads, placeThreads } from '../../../shared/review';
import { makeWordCopy } from '../../../electron/services/export/word-copy';
import { importWord } from '../../../electron/services/document/word-write';
import { mergeWordReview, WordReviewRefused } from '../../../electron/services/review/word-merge';
import { describeWordMerge } from '../../../electron/cli/word-merge';
import { AUTHOR_BEN, AUTHOR_CARMEN, convertWithLibreOffice, encryptedDocx, findSoffice, reviewedDraft, zipBomb } from '../../helpers/word';
import { budgetMessage, date, withSignetPart, wordReviewOf } from '../../helpers/word-review';
import { AlignmentType, CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun } from 'docx';
import { AUTHOR, signOff } from '../../helpers/signed';

const found = await findSoffice();
const soffice = 'path' in found ? found.path : null;

/** The file as LibreOffice re-saves it, the way another office suite writes it. */
async function throughLibreOffice(bytes: Uint8Array): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'signet-word-merge-'));
  try {
    writeFileSync(join(dir, 'review.docx'), bytes);
    return await convertWithLibreOffice(soffice!, join(dir, 'review.docx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('merging a Word review', () => {
  it('brings tracked and untracked changes as suggestions by their people and comments as threads, the text as it stands unchanged', async () => {
    const doc = await budgetMessage('m-1');
    const before = { paragraphs: messageParagraphs(doc), digest: messageDigest(doc) };
    const review = await wordReviewOf((await makeWordCopy(doc, date)).bytes);
    // As the app records it on sending; Carmen wrote in Ben's copy too.
    recordVersion(doc, { kind: 'workflow', author: { name: 'Ada Lovelace', title: '' }, name: `Sent to ${AUTHOR_BEN} as a Word file`, source: wordReviewSource(AUTHOR_BEN) });
    const summary = await mergeWordReview(doc, review, 'review.docx', date);
    expect(summary).toEqual({ from: AUTHOR_BEN, suggestions: 3, comments: 2, leftOut: 0, broughtIn: [] });
    // The untracked edit is Ben's (the copy was sent to him); the tracked ones are their Word author's.
    expect(listSuggestions(doc).map((s) => [s.author.name, s.change, s.deleted, s.inserted])).toEqual([
      [AUTHOR_BEN, 'replace', 'three', 'four'],
      [AUTHOR_BEN, 'insert', '', 'safer '],
      [AUTHOR_BEN, 'replace', 'by June', 'in spring'],
    ]);
    expect(placeThreads(doc).map((p) => [p.text, p.thread.comments.map((c) => [c.author.name, c.text])])).toEqual([['roads', [[AUTHOR_BEN, 'Which roads?'], [AUTHOR_CARMEN, 'The ring road.']]]]);
    expect(messageParagraphs(doc)).toEqual(before.paragraphs);
    expect(messageDigest(doc)).toBe(before.digest);

    const state = Y.encodeStateAsUpdate(doc);
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toEqual({ from: AUTHOR_BEN, suggestions: 0, comments: 0, leftOut: 0, broughtIn: [] });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
    expect(listThreads(doc)).toHaveLength(1);
  });

  it('refuses a Word file not sent from Signet, and one sent from another message, changing nothing', async () => {
    const doc = await budgetMessage('m-1');
    const state = Y.encodeStateAsUpdate(doc);
    await expect(mergeWordReview(doc, await reviewedDraft(), 'draft.docx')).rejects.toThrow(new WordReviewRefused('draft.docx was not sent from Signet (it has no Signet mark)'));
    const other = await budgetMessage('m-2');
    const foreign = await wordReviewOf((await makeWordCopy(other, date)).bytes);
    await expect(mergeWordReview(doc, foreign, 'other.docx')).rejects.toThrow(/other\.docx was sent from another message, not from "Budget statement"; nothing was merged \(it can still be opened as a new message\)/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  });

  it('refuses a text file renamed .docx, a truncated, an encrypted one and a zip bomb with their reasons, the message byte-identical', async () => {
    const doc = await budgetMessage('m-1');
    const state = Y.encodeStateAsUpdate(doc);
    const sent = (await makeWordCopy(doc, date)).bytes;
    const review = await wordReviewOf(sent);
    const bad: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('We will spend four million pounds.\n'), /plain text, not a Word file/],
      [review.subarray(0, Math.floor(review.length / 2)), /damaged or cut short/],
      [encryptedDocx(), /encrypted \(protected by a password\)/],
      [zipBomb(), /zip bomb/],
    ];
    for (const [bytes, reason] of bad) await expect(mergeWordReview(doc, bytes, 'review.docx', date)).rejects.toThrow(reason);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  });

  it.skipIf(!soffice)(`re-saved by LibreOffice: the same suggestions, and the copy sent back untouched brings nothing${soffice ? '' : ` (skipped: ${'missing' in found ? found.missing : ''})`}`, async () => {
    const doc = await budgetMessage('m-1');
    const digest = messageDigest(doc);
    const sent = (await makeWordCopy(doc, date)).bytes;
    expect(await mergeWordReview(doc, await throughLibreOffice(sent), 'sent.docx', date)).toMatchObject({ suggestions: 0, comments: 0, leftOut: 0, broughtIn: [] });
    const summary = await mergeWordReview(doc, await throughLibreOffice(await wordReviewOf(sent)), 'review.docx', date);
    expect(summary.suggestions).toBe(3);
    expect(listSuggestions(doc).map((s) => [s.change, s.deleted, s.inserted])).toEqual([
      ['replace', 'three', 'four'],
      ['insert', '', 'safer '],
      ['replace', 'by June', 'in spring'],
    ]);
    expect(placeThreads(doc).map((p) => p.text)).toContain('roads');
    expect(messageDigest(doc)).toBe(digest);
  }, 120_000);

  it('takes a tracked change inside a word (a word Word splits across runs) as that change alone, no edit made of the split', async () => {
    const doc = await budgetMessage('m-1');
    const sent = (await makeWordCopy(doc, date)).bytes;
    const change = { id: 1, author: AUTHOR_BEN, date: date.toISOString() };
    const paragraphs = [new Paragraph('Budget statement'), new Paragraph({ children: [new TextRun('We will spend three mil'), new DeletedTextRun({ text: 'lion', ...change }), new TextRun(' pounds on roads.')] }), new Paragraph('The work starts by June.')];
    const review = withSignetPart(sent, await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] })));
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toEqual({ from: AUTHOR_BEN, suggestions: 1, comments: 0, leftOut: 0, broughtIn: [] });
    expect(listSuggestions(doc).map((s) => [s.change, s.deleted])).toEqual([['delete', 'lion']]);
  });

  it('brings a tracked format change (w:rPrChange) as a format suggestion by its Word author, never accepted; again, nothing new', async () => {
    const doc = await budgetMessage('m-1');
    const before = { paragraphs: messageParagraphs(doc), digest: messageDigest(doc) };
    const sent = (await makeWordCopy(doc, date)).bytes;
    const change = { id: 1, author: AUTHOR_CARMEN, date: date.toISOString() };
    // As Word writes "Make bold": the run bold, its properties before the change kept in w:rPrChange.
    const spend = [new TextRun('We will spend three million pounds on '), new TextRun({ text: 'roads', bold: true, revision: { ...change, bold: false } }), new TextRun('.')];
    const paragraphs = [new Paragraph('Budget statement'), new Paragraph({ children: spend }), new Paragraph('The work starts by June.')];
    const review = withSignetPart(sent, await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] })));
    recordVersion(doc, { kind: 'workflow', author: { name: 'Ada Lovelace', title: '' }, name: `Sent to ${AUTHOR_BEN} as a Word file`, source: wordReviewSource(AUTHOR_BEN) });
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toEqual({ from: AUTHOR_BEN, suggestions: 1, comments: 0, leftOut: 0, broughtIn: [] });
    expect(listSuggestions(doc).map((s) => [s.author.name, s.change, s.deleted, s.formatBefore, s.formatAfter])).toEqual([[AUTHOR_CARMEN, 'format', 'roads', 0, 1]]);
    expect({ paragraphs: messageParagraphs(doc), digest: messageDigest(doc) }).toEqual(before);
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toMatchObject({ suggestions: 0, leftOut: 0 });
    decideSuggestions(doc, 'all', 'accepted', { name: 'Ada Lovelace', title: '' });
    expect(messageDigest(doc)).not.toBe(before.digest);
    expect(messageParagraphs(doc)).toEqual(before.paragraphs);
  });

  it('takes bold off words around someone’s pending insertion that is not bold (mixed formats) instead of counting a suggestion it never made', async () => {
    // "three big million": "big " is Ada's pending insertion, not bold; the text as it stands is "three million", all bold.
    const draft = new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Budget statement')] }),
            new Paragraph({ children: [new TextRun('We will spend '), new TextRun({ text: 'three ', bold: true }), new InsertedTextRun({ text: 'big ', id: 5, author: 'Ada Lovelace', date: date.toISOString() }), new TextRun({ text: 'million', bold: true }), new TextRun(' pounds on roads.')] }),
          ],
        },
      ],
    });
    const doc = newMessageDoc();
    await importWord(doc, await Packer.toBuffer(draft));
    initMeta(doc, { id: 'm-1', title: 'Budget statement', createdAt: date.toISOString(), template: 'blank', language: 'en' });
    const sent = (await makeWordCopy(doc, date)).bytes;
    // Carmen takes bold off "three million", one run in the copy.
    const spend = [new TextRun('We will spend '), new TextRun({ text: 'three million', revision: { id: 1, author: AUTHOR_CARMEN, date: date.toISOString(), bold: true } }), new TextRun(' pounds on roads.')];
    const review = withSignetPart(sent, await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Budget statement')] }), new Paragraph({ children: spend })] }] })));
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toMatchObject({ suggestions: 1, leftOut: 0 });
    const carmen = listSuggestions(doc).filter((s) => s.author.name === AUTHOR_CARMEN);
    expect(carmen.map((s) => [s.change, s.deleted, s.formatBefore, s.formatAfter])).toEqual([['format', 'three million', 1, 0]]);
    decideSuggestions(doc, new Set(carmen.map((s) => s.id)), 'accepted', { name: 'Ada Lovelace', title: '' });
    expect(readContent(doc).blocks[1]!.runs).toEqual([{ text: 'We will spend three million pounds on roads.', format: 0 }]);
  });

  it('says which tracked paragraph changes (a heading made body text, a paragraph centred) it did not bring in, the text unchanged', async () => {
    const doc = await budgetMessage('m-1', true);
    const before = { paragraphs: messageParagraphs(doc), digest: messageDigest(doc) };
    const sent = (await makeWordCopy(doc, date)).bytes;
    const change = { id: 1, author: AUTHOR_CARMEN, date: date.toISOString() };
    const paragraphs = [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Budget statement')] }),
      // As Word writes "Normal" chosen for a heading with Track Changes on: the properties before it kept in w:pPrChange.
      new Paragraph({ children: [new TextRun('Roads')], revision: { ...change, heading: HeadingLevel.HEADING_2 } }),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('We will spend three million pounds on roads.')], revision: { ...change, id: 2 } }),
      new Paragraph('The work starts by June.'),
    ];
    const review = withSignetPart(sent, await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] })));
    const summary = await mergeWordReview(doc, review, 'review.docx', date);
    expect(summary).toMatchObject({ suggestions: 0, leftOut: 0 });
    expect(summary.paragraphChanges).toEqual([
      { words: 'Roads', change: 'Heading 2 → body text' },
      { words: 'We will spend three million pounds on roads.', change: 'body text → body text, centred' },
    ]);
    expect(describeWordMerge(summary)).toBe(
      'From the Word reviewer\'s Word review: nothing new; 2 tracked paragraph changes not brought in (a suggestion cannot change a paragraph\'s kind yet): "Roads" Heading 2 → body text, "We will spend three million pounds on roads." body text → body text, centred',
    );
    expect({ paragraphs: messageParagraphs(doc), digest: messageDigest(doc) }).toEqual(before);
  });

  it('brings paragraphs added in Word with Track Changes off as suggested new paragraphs, in their place; accepted, they are paragraphs', async () => {
    const doc = await budgetMessage('m-1');
    const before = { paragraphs: messageParagraphs(doc), digest: messageDigest(doc) };
    const sent = (await makeWordCopy(doc, date)).bytes;
    const paragraphs = ['Budget statement', 'We will spend three million pounds on roads.', 'Ministers will report each quarter.', 'The auditor will check.', 'The work starts by June.', 'It ends by December.'];
    const review = withSignetPart(sent, await Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] })));
    recordVersion(doc, { kind: 'workflow', author: { name: 'Ada Lovelace', title: '' }, name: `Sent to ${AUTHOR_BEN} as a Word file`, source: wordReviewSource(AUTHOR_BEN) });
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toEqual({ from: AUTHOR_BEN, suggestions: 2, comments: 0, leftOut: 0, broughtIn: [] });
    expect(listSuggestions(doc).map((s) => [s.author.name, s.inserted])).toEqual([
      [AUTHOR_BEN, '\nMinisters will report each quarter.\nThe auditor will check.'],
      [AUTHOR_BEN, '\nIt ends by December.'],
    ]);
    expect({ paragraphs: messageParagraphs(doc), digest: messageDigest(doc) }).toEqual(before);
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toMatchObject({ suggestions: 0, leftOut: 0 });
    decideSuggestions(doc, 'all', 'accepted', { name: 'Ada Lovelace', title: '' });
    expect(messageParagraphs(doc)).toEqual(paragraphs);
  });

  it('a paragraph added in Word just after a heading (before the paragraph that follows it) comes in as a paragraph, not a heading', async () => {
    const doc = await budgetMessage('m-1');
    const sent = (await makeWordCopy(doc, date)).bytes;
    const paragraphs = ['Budget statement', 'First, the good news.', 'We will spend three million pounds on roads.', 'The work starts by June.'];
    const review = withSignetPart(sent, await Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] })));
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toMatchObject({ suggestions: 1, leftOut: 0 });
    // Split from the heading's end, the split mark saying the new paragraph is a paragraph: the words sent stay where they are.
    expect(listSuggestions(doc).map((s) => s.inserted)).toEqual(['\nFirst, the good news.']);
    decideSuggestions(doc, 'all', 'accepted', { name: 'Ada Lovelace', title: '' });
    expect(readContent(doc).blocks.map((b) => [b.kind, b.runs.map((r) => r.text).join('')])).toEqual([
      ['h1', 'Budget statement'],
      ['paragraph', 'First, the good news.'],
      ['paragraph', 'We will spend three million pounds on roads.'],
      ['paragraph', 'The work starts by June.'],
    ]);
  });

  it('a Word comment on a paragraph the reviewer added goes on its new words', async () => {
    const doc = await budgetMessage('m-1');
    const sent = (await makeWordCopy(doc, date)).bytes;
    const comments = { children: [{ id: 0, author: AUTHOR_BEN, date, children: [new Paragraph('Name the auditor.')] }] };
    const added = new Paragraph({ children: [new TextRun('The '), new CommentRangeStart(0), new TextRun('auditor'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] }), new TextRun(' will check.')] });
    const paragraphs = [new Paragraph('Budget statement'), new Paragraph('We will spend three million pounds on roads.'), added, new Paragraph('The work starts by June.')];
    const review = withSignetPart(sent, await Packer.toBuffer(new Document({ comments, sections: [{ children: paragraphs }] })));
    recordVersion(doc, { kind: 'workflow', author: { name: 'Ada Lovelace', title: '' }, name: `Sent to ${AUTHOR_BEN} as a Word file`, source: wordReviewSource(AUTHOR_BEN) });
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toEqual({ from: AUTHOR_BEN, suggestions: 1, comments: 1, leftOut: 0, broughtIn: [] });
    expect(placeThreads(doc).map((p) => [p.text, p.thread.comments.map((c) => [c.author.name, c.text])])).toEqual([['auditor', [[AUTHOR_BEN, 'Name the auditor.']]]]);
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toMatchObject({ suggestions: 0, comments: 0, leftOut: 0 });
    expect(listThreads(doc)).toHaveLength(1);
  });

  it('a paragraph added before the opening heading, or between two headings, takes its own kind from Word', async () => {
    const doc = await budgetMessage('m-1', true);
    const sent = (await makeWordCopy(doc, date)).bytes;
    const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, children: [new TextRun(text)] });
    const paragraphs = [new Paragraph('For release at noon.'), heading('Budget statement', HeadingLevel.HEADING_1), new Paragraph('In short: roads.'), heading('Roads', HeadingLevel.HEADING_2), new Paragraph('We will spend three million pounds on roads.'), new Paragraph('The work starts by June.')];
    const review = withSignetPart(sent, await Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] })));
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toMatchObject({ suggestions: 2, leftOut: 0 });
    // The cards say what kinds the paragraphs take: a split that turns a paragraph into a heading is never unseen.
    expect(listSuggestions(doc).map(describeSuggestion)).toEqual([
      'Insert “For release at noon. ¶ ”, making paragraphs Body text, Heading 1',
      'Insert “ ¶ In short: roads.”, making paragraphs Body text',
    ]);
    decideSuggestions(doc, 'all', 'accepted', { name: 'Ada Lovelace', title: '' });
    expect(readContent(doc).blocks.map((b) => [b.kind, b.runs.map((r) => r.text).join('')])).toEqual([
      ['paragraph', 'For release at noon.'],
      ['h1', 'Budget statement'],
      ['paragraph', 'In short: roads.'],
      ['h2', 'Roads'],
      ['paragraph', 'We will spend three million pounds on roads.'],
      ['paragraph', 'The work starts by June.'],
    ]);
  });

  // A Word author is free text: "Amina Yusuf" typed in Ben's Word options must not make his changes hers.
  describe('Word names of roster members', () => {
    /** Ben's review, signed in Word with the names of Amina (the roster's owner) and Carmen (hidden in look-alike forms), and of Dee, who is on no roster. */
    async function signedAsOthers(sent: Uint8Array): Promise<Uint8Array> {
      const change = (id: number, author: string) => ({ id, author, date: date.toISOString() });
      const comments = [
        { id: 0, author: 'Amina Yusuf', date, children: [new Paragraph('Approved, go ahead.')] },
        { id: 1, author: 'Dee Ode', date, parentId: 0, children: [new Paragraph('Which roads?')] },
        { id: 2, author: AUTHOR_BEN, date, parentId: 0, children: [new Paragraph('The ring road.')] },
      ];
      const roads = [new CommentRangeStart(0), new CommentRangeStart(1), new CommentRangeStart(2), new TextRun('roads'), ...[0, 1, 2].flatMap((i) => [new CommentRangeEnd(i), new TextRun({ children: [new CommentReference(i)] })])];
      const review = new Document({
        features: { trackRevisions: true },
        comments: { children: comments },
        sections: [
          {
            children: [
              new Paragraph('Budget statement'),
              new Paragraph({ children: [new TextRun('We will spend three million pounds on '), new InsertedTextRun({ text: 'safer ', ...change(10, 'Amina Yusuf') }), ...roads, new TextRun('.')] }),
              new Paragraph({ children: [new TextRun('The work starts '), new DeletedTextRun({ text: 'by June', ...change(11, '\uff23armen\u200b  ruiz') }), new InsertedTextRun({ text: 'in May', ...change(12, AUTHOR_BEN) }), new TextRun('.')] }),
            ],
          },
        ],
      });
      return withSignetPart(sent, await Packer.toBuffer(review));
    }

    it('brings in as the recipient’s a change or comment signed with another member’s name, says so, and keeps names on no roster', async () => {
      const doc = await budgetMessage('m-1');
      signOff(doc, 'Draft'); // Amina (owner), Ben and Carmen on the roster
      const sent = (await makeWordCopy(doc, date)).bytes;
      recordVersion(doc, { kind: 'workflow', author: AUTHOR, name: `Sent to ${AUTHOR_BEN} as a Word file`, source: wordReviewSource(AUTHOR_BEN) });
      const review = await signedAsOthers(sent);
      const summary = await mergeWordReview(doc, review, 'review.docx', date);
      expect(summary).toEqual({
        from: AUTHOR_BEN,
        suggestions: 3,
        comments: 3,
        leftOut: 0,
        broughtIn: [
          { signed: 'Amina Yusuf', changes: 1, comments: 1 },
          // The import already drops the invisible character and the double space.
          { signed: '\uff23armen ruiz', changes: 1, comments: 0 },
        ],
      });
      // The deletion signed as Carmen's and Ben's insertion were two people's in Word: two suggestions, both Ben's.
      expect(listSuggestions(doc).map((s) => [s.author.name, s.change, s.deleted, s.inserted])).toEqual([
        [AUTHOR_BEN, 'insert', '', 'safer '],
        [AUTHOR_BEN, 'delete', 'by June', ''],
        [AUTHOR_BEN, 'insert', '', 'in May'],
      ]);
      expect(listThreads(doc).map((t) => t.comments.map((c) => [c.author.name, c.text]))).toEqual([
        [
          [AUTHOR_BEN, 'Approved, go ahead.'],
          ['Dee Ode', 'Which roads?'],
          [AUTHOR_BEN, 'The ring road.'],
        ],
      ]);
      expect(await mergeWordReview(doc, review, 'review.docx', date)).toEqual({ from: AUTHOR_BEN, suggestions: 0, comments: 0, leftOut: 0, broughtIn: [] });
    });

    // "Веn Okafor" with Cyrillic В and е, "Αmina Υusuf" with Greek Α and Υ: to a reader, Ben's and Amina's names.
    const CYRILLIC_BEN = '\u0412\u0435n Okafor';
    const GREEK_AMINA = '\u0391mina \u03a5usuf';
    async function signedInLookAlikes(sent: Uint8Array): Promise<Uint8Array> {
      const change = (id: number, author: string) => ({ id, author, date: date.toISOString() });
      const review = new Document({
        features: { trackRevisions: true },
        comments: { children: [{ id: 0, author: GREEK_AMINA, date, children: [new Paragraph('Approved, go ahead.')] }] },
        sections: [
          {
            children: [
              new Paragraph('Budget statement'),
              new Paragraph({ children: [new TextRun('We will spend three million pounds on '), new InsertedTextRun({ text: 'safer ', ...change(10, CYRILLIC_BEN) }), new CommentRangeStart(0), new TextRun('roads'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] }), new TextRun('.')] }),
              new Paragraph({ children: [new TextRun('The work starts by June.')] }),
            ],
          },
        ],
      });
      return withSignetPart(sent, await Packer.toBuffer(review));
    }

    it('a member’s name in Cyrillic or Greek look-alike letters passes for them no more than their name does', async () => {
      const doc = await budgetMessage('m-1');
      signOff(doc, 'Draft'); // Amina, Ben and Carmen on the roster
      const sent = (await makeWordCopy(doc, date)).bytes;
      recordVersion(doc, { kind: 'workflow', author: AUTHOR, name: `Sent to ${AUTHOR_CARMEN} as a Word file`, source: wordReviewSource(AUTHOR_CARMEN) });
      const summary = await mergeWordReview(doc, await signedInLookAlikes(sent), 'review.docx', date);
      expect(summary).toEqual({
        from: AUTHOR_CARMEN,
        suggestions: 1,
        comments: 1,
        leftOut: 0,
        broughtIn: [
          { signed: CYRILLIC_BEN, changes: 1, comments: 0 },
          { signed: GREEK_AMINA, changes: 0, comments: 1 },
        ],
      });
      expect(listSuggestions(doc).map((s) => [s.author.name, s.inserted])).toEqual([[AUTHOR_CARMEN, 'safer ']]);
      expect(listThreads(doc).map((t) => t.comments.map((c) => c.author.name))).toEqual([[AUTHOR_CARMEN]]);

      // Sent to Ben himself, his name in look-alike letters is shown as his, and still mentioned: it is not how he is called.
      const his = await budgetMessage('m-2');
      signOff(his, 'Draft');
      const toBen = (await makeWordCopy(his, date)).bytes;
      recordVersion(his, { kind: 'workflow', author: AUTHOR, name: `Sent to ${AUTHOR_BEN} as a Word file`, source: wordReviewSource(AUTHOR_BEN) });
      const merged = await mergeWordReview(his, await signedInLookAlikes(toBen), 'review.docx', date);
      expect([merged.from, merged.broughtIn]).toEqual([AUTHOR_BEN, [{ signed: CYRILLIC_BEN, changes: 1, comments: 0 }, { signed: GREEK_AMINA, changes: 0, comments: 1 }]]);
      expect(listSuggestions(his).map((s) => s.author.name)).toEqual([AUTHOR_BEN]);

      // A copy that records no recipient is not taken for the look-alike's review.
      const unsent = await budgetMessage('m-3');
      signOff(unsent, 'Draft');
      const anyone = await mergeWordReview(unsent, await signedInLookAlikes((await makeWordCopy(unsent, date)).bytes), 'review.docx', date);
      expect(anyone.from).toBe('the Word reviewer');
      expect(listSuggestions(unsent).map((s) => s.author.name)).toEqual(['the Word reviewer']);
    });

    it('with no roster, the sender’s name is still not taken as written', async () => {
      const doc = await budgetMessage('m-1');
      const sent = (await makeWordCopy(doc, date)).bytes;
      recordVersion(doc, { kind: 'workflow', author: { name: 'Carmen Ruiz', title: '' }, name: `Sent to ${AUTHOR_BEN} as a Word file`, source: wordReviewSource(AUTHOR_BEN) });
      const summary = await mergeWordReview(doc, await wordReviewOf(sent), 'review.docx', date);
      expect(summary.broughtIn).toEqual([{ signed: AUTHOR_CARMEN, changes: 0, comments: 1 }]);
      expect(listThreads(doc)[0]!.comments.map((c) => c.author.name)).toEqual([AUTHOR_BEN, AUTHOR_BEN]);
    });

    it('a copy that records no recipient is the review of its first Word author on no roster, else of “the Word reviewer”; members’ names are not taken', async () => {
      const doc = await budgetMessage('m-1');
      signOff(doc, 'Draft');
      const sent = (await makeWordCopy(doc, date)).bytes; // as `signet export --docx` makes it: no "Sent to" version
      const summary = await mergeWordReview(doc, await signedAsOthers(sent), 'review.docx', date);
      expect(summary.from).toBe('Dee Ode');
      expect(new Set(listSuggestions(doc).map((s) => s.author.name))).toEqual(new Set(['Dee Ode']));
      const other = await budgetMessage('m-2');
      signOff(other, 'Draft');
      const { broughtIn, from } = await mergeWordReview(other, await wordReviewOf((await makeWordCopy(other, date)).bytes), 'review.docx', date);
      expect([from, broughtIn]).toEqual(['the Word reviewer', [{ signed: AUTHOR_BEN, changes: 2, comments: 1 }, { signed: AUTHOR_CARMEN, changes: 0, comments: 1 }]]);
      expect(new Set(listSuggestions(other).map((s) => s.author.name))).toEqual(new Set(['the Word reviewer']));
    });
  });
});
