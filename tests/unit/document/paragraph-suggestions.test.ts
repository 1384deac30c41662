// Splitting and joining paragraphs as suggestions (shared/review/suggest.ts): a paragraph mark
// proposes the change and the paragraphs stay as they stand until the author accepts; rejecting
// takes the mark away; two copies proposing on the same paragraphs merge to one result.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageDigest, messageParagraphs } from '../../../shared/document';
import { decideSuggestions, describeSuggestion, listSuggestions } from '../../../shared/review';
import { copyOf, openSession, type Session } from '../../helpers/history';
import { freshLoad } from '../../helpers/merge-model';
import { suggestDelete, suggester, suggestJoin, suggestPaste, suggestSplit, suggestTypeOn } from '../../helpers/suggesting';
import { mergeCopy } from '../../../electron/services/review/merge';
import { newMessage } from '../../../electron/services/library/library';

const ADA = { name: 'Ada Mensah', title: 'Speechwriter' };
const BEN = { name: 'Ben Okafor', title: 'Chief of staff' };
const CARMEN = { name: 'Carmen Ruiz', title: 'Mayor' };
const FIRST = 'We will finish the bridge by June. We will report back to the council.';
const SECOND = 'Thank you.';

function draft(): Session {
  const session = openSession(newMessage('blank', 'Bridge'));
  session.write([FIRST], [SECOND]);
  return session;
}

const decided = (doc: Y.Doc, decision: 'accepted' | 'rejected') => {
  const copy = copyOf(doc);
  decideSuggestions(copy, 'all', decision, ADA);
  return copy;
};

describe('a split as a suggestion', () => {
  it('keeps one paragraph in the text as it stands (and its digest) until accepted', () => {
    const session = draft();
    const before = messageDigest(session.doc);
    suggestSplit(session, suggester(BEN), 'by June.');
    expect(messageParagraphs(session.doc)).toEqual([FIRST, SECOND]);
    expect(messageDigest(session.doc)).toBe(before);
    expect(listSuggestions(session.doc).map(describeSuggestion)).toEqual(['Split the paragraph after “We will finish the bridge by June.”']);
    expect(listSuggestions(session.doc)[0]).toMatchObject({ change: 'split', author: BEN });
  });

  it('splits the paragraph when accepted, and leaves it whole when rejected', () => {
    const session = draft();
    suggestSplit(session, suggester(BEN), 'by June.');
    const accepted = decided(session.doc, 'accepted');
    expect(messageParagraphs(accepted)).toEqual(['We will finish the bridge by June.', ' We will report back to the council.', SECOND]);
    expect(listSuggestions(accepted)).toEqual([]);
    const rejected = decided(session.doc, 'rejected');
    expect(messageParagraphs(rejected)).toEqual([FIRST, SECOND]);
    expect(messageDigest(rejected)).toBe(messageDigest(session.doc));
    expect(listSuggestions(rejected)).toEqual([]);
  });

  it('takes words typed after it with it, and deleting one’s own mark withdraws it', () => {
    const session = draft();
    const ben = suggester(BEN);
    suggestSplit(session, ben, 'by June.');
    // Typing on after Enter: the caret is after the mark, so the words open the new paragraph.
    suggestTypeOn(session, ben, 'Next,');
    const accepted = decided(session.doc, 'accepted');
    expect(messageParagraphs(accepted)[1]).toBe('Next, We will report back to the council.');
    suggestDelete(session, ben, '¶');
    expect(listSuggestions(session.doc).map((s) => s.change)).toEqual(['insert']);
  });
});

describe('a join as a suggestion', () => {
  it('keeps two paragraphs until accepted, from Backspace at a paragraph’s start or Delete at its end', () => {
    for (const [words, key] of [
      [SECOND, 'backspace'],
      ['council.', 'delete'],
    ] as const) {
      const session = draft();
      const before = messageDigest(session.doc);
      expect(suggestJoin(session, suggester(BEN), words, key)).toBe(true);
      expect(messageParagraphs(session.doc)).toEqual([FIRST, SECOND]);
      expect(messageDigest(session.doc)).toBe(before);
      expect(listSuggestions(session.doc).map(describeSuggestion)).toEqual(['Join the paragraphs']);
      expect(messageParagraphs(decided(session.doc, 'accepted'))).toEqual([FIRST + SECOND]);
      const rejected = decided(session.doc, 'rejected');
      expect(messageParagraphs(rejected)).toEqual([FIRST, SECOND]);
      expect(messageDigest(rejected)).toBe(before);
    }
  });

  it('is not proposed from inside a paragraph, and is proposed once for the same two paragraphs', () => {
    const session = draft();
    expect(suggestJoin(session, suggester(BEN), 'bridge', 'delete')).toBe(false);
    suggestJoin(session, suggester(BEN), SECOND, 'backspace');
    suggestJoin(session, suggester(BEN), SECOND, 'backspace');
    expect(listSuggestions(session.doc)).toHaveLength(1);
  });
});

describe('lines pasted while suggesting', () => {
  it('are one suggestion that brings them in as paragraphs when accepted', () => {
    const session = draft();
    suggestPaste(session, suggester(BEN), 'Thank you.', ' And:\nfirst line\n\nlast line');
    const [s] = listSuggestions(session.doc);
    expect(listSuggestions(session.doc)).toHaveLength(1);
    expect(describeSuggestion(s)).toBe('Insert “ And: ¶ first line ¶  ¶ last line”');
    expect(messageParagraphs(session.doc)).toEqual([FIRST, SECOND]);
    expect(messageParagraphs(decided(session.doc, 'accepted'))).toEqual([FIRST, 'Thank you. And:', 'first line', '', 'last line']);
    expect(messageParagraphs(decided(session.doc, 'rejected'))).toEqual([FIRST, SECOND]);
  });
});

describe('splits and joins in copies merged back', () => {
  function twoCopies() {
    const ada = draft();
    const ben = openSession(ada.doc);
    suggestSplit(ben, suggester(BEN), 'by June.');
    suggestJoin(ben, suggester(BEN), SECOND, 'backspace');
    const carmen = openSession(ada.doc);
    suggestDelete(carmen, suggester(CARMEN), ' by June');
    suggestJoin(carmen, suggester(CARMEN), 'council.', 'delete');
    return { ada, ben, carmen };
  }

  it('keep every proposal, in either order, to the same result, and the text as it stands is untouched', () => {
    const { ada, ben, carmen } = twoCopies();
    const one = copyOf(ada.doc);
    mergeCopy(one, ben.doc);
    mergeCopy(one, carmen.doc);
    const other = copyOf(ada.doc);
    mergeCopy(other, carmen.doc);
    mergeCopy(other, ben.doc);
    const described = (doc: Y.Doc) => listSuggestions(doc).map((s) => `${s.author.name}: ${describeSuggestion(s)}`).sort();
    expect(described(one)).toEqual([
      'Ben Okafor: Join the paragraphs',
      'Ben Okafor: Split the paragraph after “We will finish the bridge by June.”',
      'Carmen Ruiz: Delete “ by June”',
      'Carmen Ruiz: Join the paragraphs',
    ]);
    expect(described(other)).toEqual(described(one));
    expect(freshLoad(other).json).toBe(freshLoad(one).json);
    expect(messageDigest(one)).toBe(messageDigest(ada.doc));
    for (const doc of [one, other]) {
      // The same join, proposed twice, is made once.
      const accepted = decided(doc, 'accepted');
      expect(messageParagraphs(accepted)).toEqual(['We will finish the bridge.', ' We will report back to the council.Thank you.']);
      expect(messageParagraphs(decided(doc, 'rejected'))).toEqual([FIRST, SECOND]);
    }
  });
});
