// Merging a Word review back: a Word copy of a message is made, a reviewer's file is written by the
// `docx` library with tracked changes, an untracked edit, a comment and a reply, carrying the
// copy's Signet part as Word keeps it; the merge brings suggestions by the right person and
// threads, never accepted text, and the same file merged twice brings nothing new.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { messageDigest, messageParagraphs } from '../../../shared/document';
import { recordVersion } from '../../../shared/history';
import { wordReviewSource } from '../../../shared/version-names';
import { listSuggestions, listThreads, placeThreads } from '../../../shared/review';
import { makeWordCopy } from '../../../electron/services/export/word-copy';
import { mergeWordReview, WordReviewRefused } from '../../../electron/services/review/word-merge';
import { AUTHOR_BEN, AUTHOR_CARMEN, convertWithLibreOffice, findSoffice, reviewedDraft } from '../../helpers/word';
import { budgetMessage, date, withSignetPart, wordReviewOf } from '../../helpers/word-review';
import { DeletedTextRun, Document, Packer, Paragraph, TextRun } from 'docx';

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
    expect(summary).toEqual({ from: AUTHOR_BEN, suggestions: 3, comments: 2, leftOut: 0 });
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
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toEqual({ from: AUTHOR_BEN, suggestions: 0, comments: 0, leftOut: 0 });
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

  it.skipIf(!soffice)(`re-saved by LibreOffice: the same suggestions, and the copy sent back untouched brings nothing${soffice ? '' : ` (skipped: ${'missing' in found ? found.missing : ''})`}`, async () => {
    const doc = await budgetMessage('m-1');
    const digest = messageDigest(doc);
    const sent = (await makeWordCopy(doc, date)).bytes;
    expect(await mergeWordReview(doc, await throughLibreOffice(sent), 'sent.docx', date)).toMatchObject({ suggestions: 0, comments: 0, leftOut: 0 });
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
    expect(await mergeWordReview(doc, review, 'review.docx', date)).toEqual({ from: AUTHOR_BEN, suggestions: 1, comments: 0, leftOut: 0 });
    expect(listSuggestions(doc).map((s) => [s.change, s.deleted])).toEqual([['delete', 'lion']]);
  });
});
