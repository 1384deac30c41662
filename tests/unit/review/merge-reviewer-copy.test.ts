// A reviewer's copy sent back, edited by script as an attacker would (plain Yjs operations on the
// copy's text: no editor, no Suggesting mode). Ben Okafor is a reviewer on the roster and the copy
// was sent to him; Carmen Ruiz's suggestion was already in the message. Whatever Ben's copy does,
// the merged message has the text as it stood, every suggestion still open that only Ada could
// close, Ben's direct edits as Ben's suggestions, and no suggestion in anyone's name but his.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageText, textRoot, SUGGESTION_ATTRIBUTE } from '../../../shared/document';
import { decideSuggestions, listDecisions, listSuggestions, type Suggestion } from '../../../shared/review';
import { changeRoster } from '../../../shared/signoff';
import { CopyRefused, checkCopy, mergeCopy } from '../../../electron/services/review/merge';
import { newMessage } from '../../../electron/services/library/library';
import { copyOf, openSession, seen } from '../../helpers/history';
import { suggestDelete, suggester, suggestFormat, suggestSplit, suggestType } from '../../helpers/suggesting';
import { ADA, BEN, CARMEN, ada, ben, member, place, round } from '../../helpers/reviewer-copy';

const brief = (s: Suggestion) => ({ change: s.change, author: s.author.name, deleted: s.deleted, inserted: s.inserted });

/** Merges Ben's copy into a copy of Ada's message; the merged message and the summary. */
function merged(doc: Y.Doc, copy: Y.Doc) {
  const mine = copyOf(doc);
  const summary = mergeCopy(mine, copy);
  return { mine, summary };
}

describe('a reviewer’s copy that decides someone else’s suggestion', () => {
  it('rejecting Carmen’s insertion (its words deleted, nothing logged) leaves it open', () => {
    const { doc, copy, carmens } = round();
    const { text, at } = place(copy, 'new ');
    text.delete(at, 'new '.length);
    const { mine, summary } = merged(doc, copy);
    expect(listSuggestions(mine).map((s) => [s.id, ...Object.values(brief(s))])).toEqual([[carmens.id, 'insert', CARMEN.name, '', 'new ']]);
    expect(seen(mine)).toBe(seen(doc));
    expect(summary.reviewerCopy).toEqual({ reviewer: BEN.name, reopened: 1, editsAsSuggestions: 0, reattributed: 0 });
    expect(summary.closedSuggestions).toBe(0);
  });

  it('accepting Carmen’s insertion (its mark taken off) leaves it open, and the text as it stood', () => {
    const { doc, copy, carmens } = round();
    const { text, at } = place(copy, 'new ');
    text.format(at, 'new '.length, { [SUGGESTION_ATTRIBUTE + carmens.id]: null, t: null });
    expect(messageText(copy)).toContain('the new bridge'); // the attack took, in the copy
    const { mine, summary } = merged(doc, copy);
    expect(messageText(mine)).toBe(messageText(doc));
    expect(listSuggestions(mine).map(brief)).toEqual([brief(carmens)]);
    expect(summary.reviewerCopy?.reopened).toBe(1);
    expect(listDecisions(mine)).toEqual([]);
  });

  it('a copy that logs the rejection as Ada’s is refused whole, and the message is as it was', () => {
    const { doc, copy, carmens } = round();
    decideSuggestions(copy, new Set([carmens.id]), 'rejected', ADA);
    const mine = copyOf(doc);
    const before = Y.encodeStateAsUpdate(mine);
    expect(() => checkCopy(mine, copy)).toThrow(CopyRefused);
    expect(() => mergeCopy(mine, copy)).toThrow(
      "This copy is Ben Okafor's review copy, and logs 1 decision on suggestions as made by Ada Mensah, which a reviewer cannot make (only the author or owner accepts or rejects, and a reviewer withdraws only their own); nothing was merged.",
    );
    expect(Y.encodeStateAsUpdate(mine)).toEqual(before);
  });

  it('a copy that logs Ben rejecting it in his own name is refused too', () => {
    const { doc, copy, carmens } = round();
    decideSuggestions(copy, new Set([carmens.id]), 'rejected', BEN);
    expect(() => mergeCopy(copyOf(doc), copy)).toThrow(/logs 1 decision on suggestions as made by Ben Okafor/);
  });

  it('Ben withdrawing his own suggestion merges, logged as withdrawn by him', () => {
    const { doc } = round();
    const session = openSession(doc);
    suggestType(session, suggester(BEN), 'by June', 'in May');
    const withSuggestion = session.doc;
    const copy = copyOf(withSuggestion);
    const bens = listSuggestions(copy).find((s) => s.author.name === BEN.name)!;
    decideSuggestions(copy, new Set([bens.id]), 'withdrawn', BEN);
    const { mine, summary } = merged(withSuggestion, copy);
    expect(listSuggestions(mine).map((s) => s.author.name)).toEqual([CARMEN.name]);
    expect(listDecisions(mine).map((d) => [d.id, d.decision, d.by.name])).toEqual([[bens.id, 'withdrawn', BEN.name]]);
    expect(summary.reviewerCopy).toEqual({ reviewer: BEN.name, reopened: 0, editsAsSuggestions: 0, reattributed: 0 });
  });
});

describe('a reviewer’s copy with the text edited directly', () => {
  it('typed words come in as Ben’s insertion, not in the text as it stands', () => {
    const { doc, copy } = round();
    const { text, at } = place(copy, ' and report');
    text.insert(at, ' at the latest');
    const { mine, summary } = merged(doc, copy);
    expect(seen(mine)).toBe(seen(doc));
    expect(listSuggestions(mine).map(brief)).toContainEqual({ change: 'insert', author: BEN.name, deleted: '', inserted: ' at the latest' });
    expect(summary).toMatchObject({ newSuggestions: 1, reviewerCopy: { reviewer: BEN.name, editsAsSuggestions: 1, reopened: 0 } });
  });

  it('deleted words come back, as Ben’s deletion', () => {
    const { doc, copy } = round();
    const { text, at } = place(copy, ' and report back');
    text.delete(at, ' and report back'.length);
    expect(messageText(copy)).not.toContain('report back');
    const { mine } = merged(doc, copy);
    expect(messageText(mine)).toBe(messageText(doc));
    expect(listSuggestions(mine).map(brief)).toContainEqual({ change: 'delete', author: BEN.name, deleted: ' and report back', inserted: '' });
  });

  it('words typed over others are one replace by Ben', () => {
    const { doc, copy } = round();
    const { text, at } = place(copy, 'by June');
    text.delete(at, 'by June'.length);
    text.insert(at, 'in May');
    const { mine, summary } = merged(doc, copy);
    expect(messageText(mine)).toBe(messageText(doc));
    expect(listSuggestions(mine).map(brief)).toContainEqual({ change: 'replace', author: BEN.name, deleted: 'by June', inserted: 'in May' });
    expect(summary.reviewerCopy?.editsAsSuggestions).toBe(1);
  });

  it('Ada can decide what became Ben’s suggestions: accepted, the text is his copy’s; rejected, hers', () => {
    const { doc, copy, carmens } = round();
    const { text, at } = place(copy, 'by June and report back');
    text.delete(at, 'by June and report back'.length);
    text.insert(at, 'in May, and report');
    const hostile = messageText(copy);
    for (const decision of ['accepted', 'rejected'] as const) {
      const { mine } = merged(doc, copy);
      const bens = listSuggestions(mine).filter((s) => s.id !== carmens.id);
      decideSuggestions(mine, new Set(bens.map((s) => s.id)), decision, ADA);
      expect(messageText(mine)).toBe(decision === 'accepted' ? hostile : messageText(doc));
      expect(listSuggestions(mine).map((s) => s.id)).toEqual([carmens.id]);
      expect(seen(openSession(mine).doc)).toBe(seen(mine)); // a fresh editor reads the same
    }
  });

  it('a format changed directly is Ben’s format suggestion; the text as it stands keeps the old format', () => {
    const { doc, copy } = round();
    const { text, at } = place(copy, 'report');
    text.format(at, 'report'.length, { p: { __format: 1 } });
    const { mine } = merged(doc, copy);
    expect(seen(mine)).toBe(seen(doc));
    expect(listSuggestions(mine).map((s) => [s.change, s.author.name, s.deleted, s.formatBefore, s.formatAfter])).toContainEqual(['format', BEN.name, 'report', 0, 1]);
  });

  it('a paragraph added directly cannot be a suggestion: the copy is refused whole', () => {
    const { doc, copy } = round();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('We will also build a school.')]);
    textRoot(copy).insert(1, [paragraph]);
    const mine = copyOf(doc);
    const before = Y.encodeStateAsUpdate(mine);
    expect(() => mergeCopy(mine, copy)).toThrow(/is Ben Okafor's review copy, and changes the title or the paragraphs themselves outside suggestions/);
    expect(Y.encodeStateAsUpdate(mine)).toEqual(before);
  });
});

describe('a reviewer’s copy with suggestions in someone else’s name', () => {
  it('a suggestion claiming Ada as its author is Ben’s', () => {
    const { doc } = round();
    const session = openSession(doc);
    suggestDelete(session, suggester(ADA), 'back');
    const { mine, summary } = merged(doc, session.doc);
    const made = listSuggestions(mine).filter((s) => s.change === 'delete');
    expect(made.map(brief)).toEqual([{ change: 'delete', author: BEN.name, deleted: 'back', inserted: '' }]);
    expect(listSuggestions(session.doc).map((s) => s.id)).not.toContain(made[0]!.id); // a new id: Ada's id never names Ben's words
    expect(summary.reviewerCopy?.reattributed).toBe(1);
    expect(summary.people.map((p) => p.name)).not.toContain(ADA.name);
  });

  it('words slipped into Carmen’s insertion under her mark are Ben’s', () => {
    const { doc, copy, carmens } = round();
    const { text, at } = place(copy, 'new ');
    text.insert(at + 'new '.length, 'and wider ', (text.toDelta() as { attributes?: object }[])[1]!.attributes as Record<string, unknown>);
    const { mine } = merged(doc, copy);
    expect(listSuggestions(mine).map(brief)).toEqual([brief(carmens), { change: 'insert', author: BEN.name, deleted: '', inserted: 'and wider ' }]);
  });
});

describe('an honest reviewer’s copy', () => {
  it('merges as it is: his suggestions, with their ids, and nothing made of them', () => {
    const { doc } = round();
    const session = openSession(doc);
    suggestType(session, suggester(BEN), 'by June', 'in the first half of the year');
    suggestDelete(session, suggester(BEN), 'back');
    const { mine, summary } = merged(doc, session.doc);
    expect(listSuggestions(mine)).toEqual(listSuggestions(session.doc));
    expect(summary.reviewerCopy).toEqual({ reviewer: BEN.name, reopened: 0, editsAsSuggestions: 0, reattributed: 0 });
  });

  it('every kind he makes in the editor merges, though Yjs may hold a typed space on the old one’s item (" over the river" after "bridge")', () => {
    const { doc } = round();
    const session = openSession(doc);
    const who = suggester(BEN);
    suggestType(session, who, 'bridge', ' over the river', 'after');
    suggestDelete(session, who, 'and ');
    suggestType(session, who, 'by June', 'in May');
    suggestFormat(session, who, 'report', 'bold');
    suggestSplit(session, who, 'Thank', 'after');
    const { mine, summary } = merged(doc, session.doc);
    expect(messageText(mine)).toBe(messageText(doc));
    expect(summary.reviewerCopy).toEqual({ reviewer: BEN.name, reopened: 0, editsAsSuggestions: 0, reattributed: 0 });
    const bens = listSuggestions(mine).filter((s) => s.author.name === BEN.name);
    expect(bens.map((s) => s.change).sort()).toEqual(['delete', 'format', 'insert', 'replace', 'split']);
    expect(bens.find((s) => s.change === 'insert')!.inserted.trim()).toBe('over the river');
    // Accepted, the words are his copy's.
    decideSuggestions(mine, new Set(bens.map((s) => s.id)), 'accepted', ADA);
    expect(messageText(mine)).toBe('We will finish the bridge over the river in May report back.\n\nThank\n\n you.');
  });

  it('a copy of a message sent to no reviewer is merged as before: nothing tells whose it is', () => {
    const session = openSession(newMessage('blank', 'Bridge'));
    session.write(['We will finish the bridge by June.']);
    const doc = session.doc;
    const copy = copyOf(doc);
    const { text, at } = place(copy, ' by June');
    text.delete(at, ' by June'.length);
    const { mine, summary } = merged(doc, copy);
    expect(messageText(mine)).toBe('We will finish the bridge.');
    expect(summary.reviewerCopy).toBeUndefined();
  });

  it('a copy sent to an author on the roster is hers to edit and decide in', () => {
    const { doc, copy, carmens } = round();
    const roster = copyOf(doc);
    changeRoster(roster, ada, [member(ada, ADA, ['owner', 'author']), member(ben, BEN, ['author'])]);
    const withRoster = copyOf(roster);
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(roster));
    decideSuggestions(copy, new Set([carmens.id]), 'accepted', BEN);
    const { mine, summary } = merged(withRoster, copy);
    expect(listSuggestions(mine)).toEqual([]);
    expect(messageText(mine)).toContain('the new bridge');
    expect(summary.reviewerCopy).toBeUndefined();
  });
});
