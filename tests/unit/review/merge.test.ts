// Merging copies of a message: a copy of a different message is refused untouched; what came in
// (words, comments, replies, versions, from whom) is summed up; merging again brings nothing new;
// and the order copies are merged in does not change the result.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newMessage } from '../../../electron/services/library/library';
import { copyDoc, hasNews, mergeCopy, MergeRefused, readCopy } from '../../../electron/services/review/merge';
import { encodeMessageFile, HEADER_SIZE, MessageFileError, RECORD_HEADER_SIZE } from '../../../electron/services/files/message-file';
import { listThreads, reply } from '../../../shared/review';
import { readMeta, textRoot } from '../../../shared/document';
import { listVersions, recordVersion, type Person } from '../../../shared/history';
import { ed25519 } from '@noble/curves/ed25519.js';
import { signerFromSecretKey, changeRoster } from '../../../shared/signoff';
import { tempFolder } from '../../helpers/editing';
import { $replace, copyOf, paragraphs, seen, type Part } from '../../helpers/history';
import { commentOn, editAs, threadsOf } from '../../helpers/review';

const ANN: Person = { name: 'Ann Lee', title: 'Speechwriter' };
const BEN: Person = { name: 'Ben Ode', title: 'Policy adviser' };
const CAT: Person = { name: 'Cat Ruiz', title: 'Press officer' };

const DRAFT: Part[][] = [['Friends, the budget is balanced.'], ['We will build schools and clinics.'], ['Thank you.']];

/** Ann's draft with one thread of hers on it and a version: the message every copy starts from. */
function draft(): { doc: Y.Doc; thread: string } {
  const doc = newMessage('blank', 'Budget speech');
  editAs(doc, ANN, (s) => s.write(...DRAFT));
  const thread = commentOn(doc, 'balanced', 'Is it, though?', ANN);
  recordVersion(doc, { kind: 'named', author: ANN, name: 'Draft' });
  return { doc, thread };
}

/** Ben's review copy: a word changed, a thread of his, a version; Cat's: a paragraph and a reply to Ann. */
function reviewCopies(base: { doc: Y.Doc; thread: string }) {
  const ben = copyOf(base.doc);
  editAs(ben, BEN, (s) => s.edit(() => $replace('schools and clinics', 'new schools')));
  commentOn(ben, 'budget', 'Say which year.', BEN);
  recordVersion(ben, { kind: 'named', author: BEN, name: 'Ben’s review' });
  const cat = copyOf(base.doc);
  editAs(cat, CAT, (s) => s.write(...DRAFT, ['Happy new year to all of you.']));
  reply(cat, base.thread, CAT, 'Yes, the figures add up.');
  return { ben, cat };
}

describe('mergeCopy', () => {
  it('sums up what came in: words added and removed, new threads and replies, versions, and from whom', () => {
    const base = draft();
    const { ben, cat } = reviewCopies(base);
    const mine = copyOf(base.doc);

    const fromBen = mergeCopy(mine, ben);
    // Ben typed "new schools" over "schools and clinics": his "schools" is new text, not the old word kept.
    expect(fromBen).toMatchObject({ nothingNew: false, wordsAdded: 2, wordsRemoved: 3, paragraphsChanged: 1, newThreads: 1, newReplies: 0, newVersions: 1 });
    expect(fromBen.people).toEqual([BEN]);

    const fromCat = mergeCopy(mine, cat);
    expect(fromCat).toMatchObject({ nothingNew: false, wordsAdded: 7, wordsRemoved: 0, paragraphsChanged: 1, newThreads: 0, newReplies: 1, newVersions: 0 });
    expect(fromCat.people).toEqual([CAT]);

    expect(paragraphs(mine)).toEqual(['Friends, the budget is balanced.', 'We will build new schools.', 'Thank you.', 'Happy new year to all of you.']);
    const threads = listThreads(mine);
    expect(threads).toHaveLength(2);
    expect(threads.find((t) => t.id === base.thread)!.comments.map((c) => [c.author.name, c.text])).toEqual([
      [ANN.name, 'Is it, though?'],
      [CAT.name, 'Yes, the figures add up.'],
    ]);
    expect(listVersions(mine).map((v) => v.name)).toEqual(['Ben’s review', 'Draft']);
  });

  it('counts a thread that arrives with replies as one thread and its replies', () => {
    const base = draft();
    const ben = copyOf(base.doc);
    const thread = commentOn(ben, 'Thank you', 'Too short?', BEN);
    reply(ben, thread, CAT, 'It is fine.');
    const summary = mergeCopy(copyOf(base.doc), ben);
    expect(summary).toMatchObject({ newThreads: 1, newReplies: 1, wordsAdded: 0, wordsRemoved: 0 });
    expect(summary.people).toEqual([BEN, CAT]);
  });

  it('counts the sign-off records that came in, and none when merged again', () => {
    const base = draft();
    const copy = copyOf(base.doc);
    const owner = signerFromSecretKey(ed25519.utils.randomSecretKey());
    const member = { publicKey: owner.publicKey, name: 'Ann Lee', titles: ['Speechwriter'], organisation: '', email: '', roles: ['owner' as const] };
    changeRoster(copy, owner, [member]);
    const mine = copyOf(base.doc);
    expect(mergeCopy(mine, copy)).toMatchObject({ nothingNew: false, newRecords: 1 });
    expect(mergeCopy(mine, copy)).toMatchObject({ nothingNew: true, newRecords: 0 });
  });

  it('refuses a copy of a different message, naming both titles, and changes nothing', () => {
    const mine = draft().doc;
    const other = newMessage('blank', 'Harbour opening');
    editAs(other, BEN, (s) => s.write(['The harbour is open.']));
    const before = Y.encodeStateAsUpdate(mine);
    let changes = 0;
    mine.on('update', () => (changes += 1));
    expect(() => mergeCopy(mine, other)).toThrow(MergeRefused);
    expect(() => mergeCopy(mine, other)).toThrow('"Harbour opening" is a different message from "Budget speech"');
    expect(changes).toBe(0);
    expect(Y.encodeStateAsUpdate(mine)).toEqual(before);
  });

  it('refuses a duplicate (a new message made from this one), which has an id of its own', () => {
    const mine = draft().doc;
    const duplicate = copyOf(mine);
    duplicate.getMap('meta').set('id', 'another-id');
    expect(() => mergeCopy(mine, duplicate)).toThrow(MergeRefused);
  });

  it('is idempotent: merging the same copy again brings nothing new and changes nothing', () => {
    const base = draft();
    const { ben } = reviewCopies(base);
    const mine = copyOf(base.doc);
    expect(mergeCopy(mine, ben).nothingNew).toBe(false);
    const state = Y.encodeStateAsUpdate(mine);
    expect(hasNews(mine, ben)).toBe(false);
    let changes = 0;
    mine.on('update', () => (changes += 1));
    expect(mergeCopy(mine, ben)).toEqual({ nothingNew: true, wordsAdded: 0, wordsRemoved: 0, paragraphsChanged: 0, newThreads: 0, newReplies: 0, newVersions: 0, newRecords: 0, newSuggestions: 0, closedSuggestions: 0, closedUnlogged: 0, people: [] });
    expect(changes).toBe(0);
    expect(Y.encodeStateAsUpdate(mine)).toEqual(state);
    // A copy that is behind this one (the draft it started from) brings nothing either.
    expect(mergeCopy(mine, base.doc).nothingNew).toBe(true);
  });

  it('sees a copy whose only news is a deletion', () => {
    const base = draft();
    const ben = copyOf(base.doc);
    // Deleting adds no Yjs items: only the delete set says anything happened.
    const para = textRoot(ben).get(2) as Y.XmlElement;
    (para.get(0) as Y.XmlText).delete(0, 'Thank '.length);
    const mine = copyOf(base.doc);
    expect(hasNews(mine, ben)).toBe(true);
    const summary = mergeCopy(mine, ben);
    expect(summary).toMatchObject({ nothingNew: false, wordsRemoved: 1 });
    expect(paragraphs(mine)[2]).toBe('you.');
  });

  it('gives the same message whichever way two copies are merged', () => {
    const base = draft();
    const { ben, cat } = reviewCopies(base);
    const benThenCat = copyOf(ben);
    mergeCopy(benThenCat, cat);
    const catThenBen = copyOf(cat);
    mergeCopy(catThenBen, ben);
    expect(seen(benThenCat)).toBe(seen(catThenBen));
    expect(threadsOf(benThenCat)).toEqual(threadsOf(catThenBen));
    expect(Y.encodeStateVector(benThenCat)).toEqual(Y.encodeStateVector(catThenBen));
  });

  it('does not depend on the order copies arrive in: A←B←C equals A←C←B', () => {
    const base = draft();
    const { ben, cat } = reviewCopies(base);
    const ann = copyOf(base.doc);
    editAs(ann, ANN, (s) => s.edit(() => $replace('Friends', 'Dear friends')));
    commentOn(ann, 'Thank you', 'Longer ending?', ANN);

    const abc = copyOf(ann);
    const acb = copyOf(ann);
    const [b1, c1] = [mergeCopy(abc, ben), mergeCopy(abc, cat)];
    const [c2, b2] = [mergeCopy(acb, cat), mergeCopy(acb, ben)];
    expect(seen(abc)).toBe(seen(acb));
    expect(threadsOf(abc)).toEqual(threadsOf(acb));
    expect(listVersions(abc)).toEqual(listVersions(acb));
    expect(paragraphs(abc)).toEqual(['Dear friends, the budget is balanced.', 'We will build new schools.', 'Thank you.', 'Happy new year to all of you.']);
    // Each copy is credited to its reviewer whichever came first.
    expect([b1.people, b2.people, c1.people, c2.people]).toEqual([[BEN], [BEN], [CAT], [CAT]]);
    expect([b1.newThreads, b2.newThreads, c1.newReplies, c2.newReplies]).toEqual([1, 1, 1, 1]);
  });

  it('passes its origin to the transaction, so an open message saves the merge and sends it to the editor', () => {
    const base = draft();
    const { ben } = reviewCopies(base);
    const mine = copyOf(base.doc);
    const origins: unknown[] = [];
    mine.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    const FROM_MERGE = Symbol('merge');
    mergeCopy(mine, ben, FROM_MERGE);
    expect(origins).toEqual([FROM_MERGE]);
  });
});

describe('readCopy', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => (folder = tempFolder('merge')));
  afterEach(() => folder.remove());

  it('reads a copy’s file as its whole state', async () => {
    const { ben } = reviewCopies(draft());
    const file = join(folder.path, 'ben.signet');
    writeFileSync(file, encodeMessageFile(ben));
    const copy = copyDoc(await readCopy(file));
    expect(seen(copy)).toBe(seen(ben));
    expect(readMeta(copy)).toEqual(readMeta(ben));
  });

  it('throws MessageFileError with the file and byte for a damaged copy', async () => {
    const { ben } = reviewCopies(draft());
    const bytes = encodeMessageFile(ben);
    bytes[HEADER_SIZE + RECORD_HEADER_SIZE + 10] ^= 0xff; // in the message itself, not its parity
    const file = join(folder.path, 'damaged.signet');
    writeFileSync(file, bytes);
    await expect(readCopy(file)).rejects.toThrow(MessageFileError);
    await expect(readCopy(file)).rejects.toThrow(/damaged\.signet: a record fails its checksum at byte 16/);
  });
});
