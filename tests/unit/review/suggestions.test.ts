// Suggestions in the message document (shared/document/suggestion-node.ts, shared/review/suggest.ts,
// shared/review/suggestions.ts): what the text as it stands is while they are open, what accepting
// and rejecting make of it, and that they survive the Yjs binding, a copy and a fresh load.
import { $getRoot } from 'lexical';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { messageDigest, messageText, countText, readContent } from '../../../shared/document';
import { decideSuggestions, describeSuggestion, listDecisions, listSuggestions, placeThreads } from '../../../shared/review';
import { commentOn } from '../../helpers/review';
import { copyOf, openSession, type Session } from '../../helpers/history';
import { editorJSON, freshLoad } from '../../helpers/merge-model';
import { mergeCopy } from '../../../electron/services/review/merge';
import { newMessage, summarize } from '../../../electron/services/library/library';
import { suggestDelete, suggester, suggestFormat, suggestType, suggestTypeOn } from '../../helpers/suggesting';

const ADA = { name: 'Ada Mensah', title: 'Speechwriter' };
const BEN = { name: 'Ben Okafor', title: 'Chief of staff' };
const DRAFT = 'We will finish the bridge by June and report back to the council.';

function draft(): Session {
  const session = openSession(newMessage('blank', 'Bridge'));
  session.write([DRAFT], ['Thank you.']);
  return session;
}

/** Ben's three suggestions: a replace, a deletion and an insertion. */
function bensSuggestions(session: Session): void {
  const ben = suggester(BEN);
  suggestType(session, ben, 'by June', 'in the first half of the year');
  suggestDelete(session, ben, ' back');
  suggestType(session, ben, 'Thank you', ' all', 'after');
}

describe('the text as it stands', () => {
  it('leaves pending insertions out and keeps pending deletions, in the text, counts and digest', () => {
    const session = draft();
    const before = { text: messageText(session.doc), digest: messageDigest(session.doc) };
    bensSuggestions(session);
    expect(messageText(session.doc)).toBe(before.text);
    expect(countText(messageText(session.doc)).words).toBe(countText(before.text).words);
    expect(messageDigest(session.doc)).toBe(before.digest);
    // The editor holds all of it: the words proposed and the words to go.
    expect(session.editor.getEditorState().read(() => $getRoot().getTextContent())).toContain('by Junein the first half of the year');
  });

  it('has the digest of the text after rejecting every suggestion', () => {
    const session = draft();
    bensSuggestions(session);
    const pending = messageDigest(session.doc);
    const rejected = copyOf(session.doc);
    const decided = decideSuggestions(rejected, 'all', 'rejected', ADA);
    expect(decided).toHaveLength(3);
    expect(listSuggestions(rejected)).toEqual([]);
    expect(messageDigest(rejected)).toBe(pending);
    expect(messageText(rejected)).toBe(`${DRAFT}\n\nThank you.`);
  });

  it('becomes the proposed text when every suggestion is accepted', () => {
    const session = draft();
    bensSuggestions(session);
    const accepted = copyOf(session.doc);
    decideSuggestions(accepted, 'all', 'accepted', ADA, new Date('2026-12-01T10:00:00Z'));
    expect(messageText(accepted)).toBe('We will finish the bridge in the first half of the year and report to the council.\n\nThank you all.');
    expect(listSuggestions(accepted)).toEqual([]);
    expect(listDecisions(accepted).map((d) => [d.decision, d.by.name, d.author.name, d.at, d.what])).toEqual([
      ['accepted', 'Ada Mensah', 'Ben Okafor', '2026-12-01T10:00:00.000Z', 'Replace “by June” with “in the first half of the year”'],
      ['accepted', 'Ada Mensah', 'Ben Okafor', '2026-12-01T10:00:00.000Z', 'Delete “ back”'],
      ['accepted', 'Ada Mensah', 'Ben Okafor', '2026-12-01T10:00:00.000Z', 'Insert “ all”'],
    ]);
  });
});

describe('suggestions in the library', () => {
  it('the row of a message with open suggestions says how many, and none once they are decided', () => {
    const session = draft();
    bensSuggestions(session);
    const when = new Date('2026-12-01T10:00:00Z');
    expect(summarize('/library/bridge.signet', session.doc, when)).toMatchObject({ state: 'Draft', suggestions: 3 });
    decideSuggestions(session.doc, 'all', 'accepted', ADA);
    expect(summarize('/library/bridge.signet', session.doc, when)).toMatchObject({ suggestions: 0 });
  });
});

describe('suggestions in the document', () => {
  it('are listed in document order with who, when and what', () => {
    const session = draft();
    const ben = suggester(BEN);
    suggestType(session, ben, 'Thank you', ' all', 'after');
    suggestType(session, ben, 'by June', 'in the first half of the year');
    const list = listSuggestions(session.doc);
    expect(list.map(describeSuggestion)).toEqual(['Replace “by June” with “in the first half of the year”', 'Insert “ all”']);
    expect(list.map((s) => [s.author.name, s.at])).toEqual([
      ['Ben Okafor', '2026-12-01T09:00:00.000Z'],
      ['Ben Okafor', '2026-12-01T09:00:00.000Z'],
    ]);
  });

  it('are one suggestion for consecutive typing, and deleting one’s own insertion removes it', () => {
    const session = draft();
    const ben = suggester(BEN);
    suggestType(session, ben, 'Thank you', ' a', 'after');
    suggestTypeOn(session, ben, 'l');
    suggestTypeOn(session, ben, 'l');
    expect(listSuggestions(session.doc).map(describeSuggestion)).toEqual(['Insert “ all”']);
    suggestDelete(session, ben, ' all');
    expect(listSuggestions(session.doc)).toEqual([]);
    expect(messageText(session.doc)).toBe(`${DRAFT}\n\nThank you.`);
  });

  it('a format change: the words look bold, the text as it stands is not, and rejecting gives the format back', () => {
    const session = draft();
    const before = messageDigest(session.doc);
    suggestFormat(session, suggester(BEN), 'the bridge', 'bold');
    expect(listSuggestions(session.doc).map(describeSuggestion)).toEqual(['Make “the bridge” bold']);
    expect(messageDigest(session.doc)).toBe(before);
    const rejected = copyOf(session.doc);
    decideSuggestions(rejected, 'all', 'rejected', ADA);
    expect(messageDigest(rejected)).toBe(before);
    decideSuggestions(session.doc, 'all', 'accepted', ADA);
    expect(readContent(session.doc).blocks[0].runs.map((r) => [r.text, r.format])).toEqual([
      ['We will finish ', 0],
      ['the bridge', 1],
      [' by June and report back to the council.', 0],
    ]);
  });

  it('keep the words’ own characters: comments on and after them stay anchored, whatever is decided', () => {
    const session = draft();
    commentOn(session.doc, 'report', 'Report to whom?', ADA);
    commentOn(session.doc, 'by June', 'Is June firm?', ADA);
    bensSuggestions(session);
    expect(placeThreads(session.doc).map((p) => p.anchored)).toEqual([true, true]);
    const accepted = copyOf(session.doc);
    decideSuggestions(accepted, 'all', 'accepted', ADA);
    // The thread on the words deleted goes "on deleted text"; the other keeps its words.
    expect(placeThreads(accepted).map((p) => [p.thread.quote, p.anchored])).toEqual([
      ['report', true],
      ['by June', false],
    ]);
  });

  it('deciding many at once keeps the words between them in every paragraph (removals in different paragraphs share an update)', () => {
    const session = openSession(newMessage('blank', 'Bridge'));
    session.write([DRAFT], ['We will open the library by May and report back to the board.'], ['Thank you.']);
    commentOn(session.doc, 'report back to the council', 'Which council?', ADA);
    commentOn(session.doc, 'report back to the board', 'Which board?', ADA);
    const ben = suggester(BEN);
    suggestType(session, ben, 'by June', 'in the first half of the year');
    suggestType(session, ben, 'by May', 'in spring');
    suggestDelete(session, ben, 'the ');
    const accepted = copyOf(session.doc);
    decideSuggestions(accepted, 'all', 'accepted', ADA);
    expect(messageText(accepted)).toBe('We will finish bridge in the first half of the year and report back to the council.\n\nWe will open the library in spring and report back to the board.\n\nThank you.');
    expect(placeThreads(accepted).map((p) => [p.thread.quote, p.anchored])).toEqual([
      ['report back to the council', true],
      ['report back to the board', true],
    ]);
  });

  it('round-trip through the binding: a copy and a fresh load hold the same suggestions and the same editor state', () => {
    const session = draft();
    bensSuggestions(session);
    const copy = new Y.Doc({ gc: false });
    Y.applyUpdateV2(copy, Y.encodeStateAsUpdateV2(session.doc));
    expect(listSuggestions(copy)).toEqual(listSuggestions(session.doc));
    expect(freshLoad(copy).json).toBe(editorJSON(session.editor));
    // Decided in the fresh copy, as the author would after opening the file again.
    decideSuggestions(copy, new Set([listSuggestions(copy)[0].id]), 'accepted', ADA);
    expect(messageText(copy).startsWith('We will finish the bridge in the first half of the year and report back')).toBe(true);
  });
});

describe('suggestions in copies merged back', () => {
  const CARMEN = { name: 'Carmen Ruiz', title: 'Mayor' };

  function twoCopies() {
    const ada = draft();
    const ben = openSession(ada.doc);
    bensSuggestions(ben);
    const carmen = openSession(ada.doc);
    suggestType(carmen, suggester(CARMEN), 'by June', 'before the summer');
    return { ada, ben, carmen };
  }

  it('keeps both reviewers’ suggestions on the same words, in either order, to the same result, and says whose they are', () => {
    const { ada, ben, carmen } = twoCopies();
    const one = copyOf(ada.doc);
    const summary = mergeCopy(one, ben.doc);
    expect(summary).toMatchObject({ newSuggestions: 3 });
    expect(summary.people.map((p) => p.name)).toContain('Ben Okafor');
    expect(mergeCopy(one, carmen.doc)).toMatchObject({ newSuggestions: 1 });
    const other = copyOf(ada.doc);
    mergeCopy(other, carmen.doc);
    mergeCopy(other, ben.doc);
    const described = (doc: Y.Doc) => listSuggestions(doc).map((s) => `${s.author.name}: ${describeSuggestion(s)}`).sort();
    expect(described(one)).toEqual([
      'Ben Okafor: Delete “ back”',
      'Ben Okafor: Insert “ all”',
      'Ben Okafor: Replace “by June” with “in the first half of the year”',
      'Carmen Ruiz: Replace “by June” with “before the summer”',
    ]);
    expect(described(other)).toEqual(described(one));
    expect(listSuggestions(other).map((s) => s.id)).toEqual(listSuggestions(one).map((s) => s.id));
    expect(freshLoad(other).json).toBe(freshLoad(one).json);
    // Nothing proposed is in the text yet.
    expect(messageDigest(one)).toBe(messageDigest(ada.doc));
    expect(messageDigest(other)).toBe(messageDigest(ada.doc));
    // Ada takes Carmen's words and not Ben's: exactly Carmen's words are in, Ben's are gone.
    for (const doc of [one, other]) {
      decideSuggestions(doc, { author: 'Carmen Ruiz' }, 'accepted', ADA);
      decideSuggestions(doc, { author: 'Ben Okafor' }, 'rejected', ADA);
      expect(messageText(doc)).toBe('We will finish the bridge before the summer and report back to the council.\n\nThank you.');
      expect(listSuggestions(doc)).toEqual([]);
    }
  });

  it('rejecting every suggestion of both copies gives back the draft, and accepting one reviewer’s leaves the other’s open', () => {
    const { ada, ben, carmen } = twoCopies();
    const merged = copyOf(ada.doc);
    mergeCopy(merged, ben.doc);
    mergeCopy(merged, carmen.doc);
    const rejected = copyOf(merged);
    decideSuggestions(rejected, 'all', 'rejected', ADA);
    expect(messageText(rejected)).toBe(messageText(ada.doc));
    decideSuggestions(merged, { author: 'Ben Okafor' }, 'accepted', ADA);
    expect(messageText(merged)).toBe('We will finish the bridge in the first half of the year and report to the council.\n\nThank you all.');
    expect(listSuggestions(merged).map(describeSuggestion)).toEqual(['Insert “before the summer”']);
  });
});
