// A message and a Word review of its Word copy, for the merge tests: the reviewer's file is written
// by the `docx` library with tracked changes, an edit made with Track Changes off, a comment and a
// reply, and carries the copy's Signet part as Word keeps it.
import { unzipSync, zipSync } from 'fflate';
import type * as Y from 'yjs';
import { CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun, type ICommentOptions } from 'docx';
import { initMeta, newMessageDoc } from '../../shared/document';
import { importWord } from '../../electron/services/document/word-write';
import { AUTHOR_BEN, AUTHOR_CARMEN } from './word';

export const date = new Date('2026-12-01T10:00:00Z');

/** The budget statement: a heading and two paragraphs; `withRoads` puts a second heading, "Roads", between them. */
export async function budgetMessage(id: string, withRoads = false): Promise<Y.Doc> {
  const draft = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Budget statement')] }),
          ...(withRoads ? [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Roads')] })] : []),
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
export async function wordReviewOf(sent: Uint8Array): Promise<Uint8Array> {
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
  return withSignetPart(sent, await Packer.toBuffer(review));
}

/** Ben's Word review of the library message's copy ("The new library opens in spring for every resident." / "Entry is free for children and students."), as Word writes it: tracked changes (the deletion signed "Ada Mensah", the sender's name, in Word), an untracked edit, a comment and Carmen's reply, and the copy's Signet part kept. */
export async function libraryReviewOf(sent: Uint8Array): Promise<Uint8Array> {
  const at = new Date('2026-12-02T09:00:00Z');
  const change = (id: number, author = AUTHOR_BEN) => ({ id, author, date: at.toISOString() });
  const review = new Document({
    features: { trackRevisions: true },
    comments: {
      children: [
        { id: 0, author: AUTHOR_BEN, date: at, children: [new Paragraph('Can we name the month?')] },
        { id: 1, author: AUTHOR_CARMEN, date: new Date('2026-12-02T10:00:00Z'), parentId: 0, children: [new Paragraph('May, says the council.')] },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({
            children: [
              // "new" became "central" with Track Changes off.
              new TextRun('The central library opens '),
              new CommentRangeStart(0),
              new CommentRangeStart(1),
              new TextRun('in spring'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
              new CommentRangeEnd(1),
              new TextRun({ children: [new CommentReference(1)] }),
              new TextRun(' for every '),
              new InsertedTextRun({ text: 'local ', ...change(10) }),
              new TextRun('resident.'),
            ],
          }),
          new Paragraph({ children: [new TextRun('Entry is free for children'), new DeletedTextRun({ text: ' and students', ...change(11, 'Ada Mensah') }), new TextRun('.')] }),
        ],
      },
    ],
  });
  return withSignetPart(sent, await Packer.toBuffer(review));
}

/** A reviewer's file with the Signet part of the copy sent, as Word keeps it. */
export function withSignetPart(sent: Uint8Array, review: Uint8Array): Uint8Array {
  const parts = unzipSync(review);
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

