// Merging a Word review back: a Word copy of a message is made, a reviewer's file is written by the
// `docx` library with tracked changes, an untracked edit, a comment and a reply, carrying the
// copy's Signet part as Word keeps it; the merge brings suggestions by the right person and
// threads, never accepted text, and the same file merged twice brings nothing new.
import { unzipSync, zipSync } from 'fflate';
import * as Y from 'yjs';
import { CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun, type ICommentOptions } from 'docx';
import { describe, expect, it } from 'vitest';
import { initMeta, messageDigest, messageParagraphs, newMessageDoc } from '../../../shared/document';
import { recordVersion } from '../../../shared/history';
import { wordReviewSource } from '../../../shared/version-names';
import { listSuggestions, listThreads, placeThreads } from '../../../shared/review';
import { importWord } from '../../../electron/services/document/word-write';
import { makeWordCopy } from '../../../electron/services/export/word-copy';
import { mergeWordReview, WordReviewRefused } from '../../../electron/services/review/word-merge';
import { AUTHOR_BEN, AUTHOR_CARMEN, reviewedDraft } from '../../helpers/word';

const date = new Date('2026-12-01T10:00:00Z');

async function message(id: string): Promise<Y.Doc> {
  const draft = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Budget statement')] }),
          new Paragraph('We will spend three million pounds on roads.'),
          new Paragraph('The work starts by June.'),
        ],
      },
    ],
  });
  const doc = newMessageDoc();
  await importWord(doc, await Packer.toBuffer(draft));
  initMeta(doc, { id, title: 'Budget statement', createdAt: date.toISOString(), template: 'blank', language: 'en' });
  return doc;
}

/** The reviewer's file, with the parts of the copy sent that Word keeps: the custom XML part, its relationship and content type. */
async function reviewOf(sent: Uint8Array): Promise<Uint8Array> {
  const comments: ICommentOptions[] = [
    { id: 0, author: AUTHOR_BEN, date, children: [new Paragraph('Which roads?')] },
    { id: 1, author: AUTHOR_CARMEN, date: new Date('2026-12-01T11:00:00Z'), parentId: 0, children: [new Paragraph('The ring road.')] },
  ];
  const change = (id: number) => ({ id, author: AUTHOR_BEN, date: date.toISOString() });
  const review = new Document({
    features: { trackRevisions: true },
    comments: { children: comments },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Budget statement')] }),
          new Paragraph({
            children: [
              // "three" became "four" with Track Changes off.
              new TextRun('We will spend four million pounds on '),
              new InsertedTextRun({ text: 'safer ', ...change(10) }),
              new CommentRangeStart(0),
              new CommentRangeStart(1),
              new TextRun('roads'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
              new CommentRangeEnd(1),
              new TextRun({ children: [new CommentReference(1)] }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({
            children: [new TextRun('The work starts '), new DeletedTextRun({ text: 'by June', ...change(11) }), new InsertedTextRun({ text: 'in spring', ...change(12) }), new TextRun('.')],
          }),
        ],
      },
    ],
  });
  const parts = unzipSync(await Packer.toBuffer(review));
  const from = unzipSync(sent);
  for (const name of Object.keys(from)) if (name.startsWith('customXml/')) parts[name] = from[name]!;
  const dec = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
  const relationship = dec(from['word/_rels/document.xml.rels']).match(/<Relationship Id="rIdSignetCustomXml"[^>]*\/>/)![0];
  parts['word/_rels/document.xml.rels'] = new TextEncoder().encode(dec(parts['word/_rels/document.xml.rels']).replace('</Relationships>', `${relationship}</Relationships>`));
  const types = new TextDecoder().decode(parts['[Content_Types].xml']);
  const override = new TextDecoder().decode(from['[Content_Types].xml']).match(/<Override PartName="\/customXml[^>]*\/>/)![0];
  parts['[Content_Types].xml'] = new TextEncoder().encode(types.replace('</Types>', `${override}</Types>`));
  return zipSync(parts);
}

describe('merging a Word review', () => {
  it('brings tracked and untracked changes as suggestions by their people and comments as threads, the text as it stands unchanged', async () => {
    const doc = await message('m-1');
    const before = { paragraphs: messageParagraphs(doc), digest: messageDigest(doc) };
    const review = await reviewOf((await makeWordCopy(doc, date)).bytes);
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
    const doc = await message('m-1');
    const state = Y.encodeStateAsUpdate(doc);
    await expect(mergeWordReview(doc, await reviewedDraft(), 'draft.docx')).rejects.toThrow(new WordReviewRefused('draft.docx was not sent from Signet (it has no Signet mark)'));
    const other = await message('m-2');
    const foreign = await reviewOf((await makeWordCopy(other, date)).bytes);
    await expect(mergeWordReview(doc, foreign, 'other.docx')).rejects.toThrow(/other\.docx was sent from another message, not from "Budget statement"; nothing was merged \(it can still be opened as a new message\)/);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  });
});
