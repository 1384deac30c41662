// Ben and Carmen replace the same words, each in their own review copy, and Ada merges both. Yjs
// closes Ben's deletion run just where Carmen typed, so without care her words come in under his
// deletion mark (and accepting his replace in the editor deletes her proposal).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageText, parseSuggestionMark, textRoot } from '../../../shared/document';
import { decideSuggestions, listSuggestions, noteSentForReview } from '../../../shared/review';
import { changeRoster } from '../../../shared/signoff';
import { mergeCopy } from '../../../electron/services/review/merge';
import { newMessage } from '../../../electron/services/library/library';
import { copyOf, openSession, type Session } from '../../helpers/history';
import { suggester, suggestType } from '../../helpers/suggesting';
import { ADA, BEN, CARMEN, ada, ben, carmen, member } from '../../helpers/reviewer-copy';

/** Each run of the first paragraph, with the authors and kinds of the marks on it. */
function runs(doc: Y.Doc): [string, string[]][] {
  const text = (textRoot(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return (text.toDelta() as { insert: string; attributes?: Record<string, unknown> }[]).map((d) => [
    d.insert,
    Object.entries(d.attributes ?? {})
      .filter(([k]) => k.startsWith('s_'))
      .map(([, v]) => parseSuggestionMark(v)!)
      .map((m) => `${m.author.name} ${m.kind}`)
      .sort(),
  ]);
}

function twoCopies(roster: boolean): { doc: Y.Doc; bens: Session; carmens: Session } {
  const session = openSession(newMessage('blank', 'Bridge'));
  session.write(['We will finish the bridge by June.']);
  const doc = session.doc;
  if (roster) changeRoster(doc, ada, [member(ada, ADA, ['owner', 'author']), member(ben, BEN, ['reviewer']), member(carmen, CARMEN, ['reviewer'])]);
  noteSentForReview(doc, { to: BEN.name, by: ADA, at: '2026-12-01T08:00:00.000Z', file: 'Bridge (Ben).signet' });
  const bens = openSession(doc);
  noteSentForReview(doc, { to: CARMEN.name, by: ADA, at: '2026-12-01T08:01:00.000Z', file: 'Bridge (Carmen).signet' });
  const carmens = openSession(doc);
  suggestType(bens, suggester(BEN), 'by June', 'in the first half of the year');
  suggestType(carmens, suggester(CARMEN), 'by June', 'before July');
  return { doc, bens, carmens };
}

describe('two reviewers replace the same words in their own copies', () => {
  for (const roster of [true, false]) {
    it(`${roster ? 'as reviewers on the roster' : 'with no roster'}: in either order, each one's words carry only their own marks`, () => {
      const { doc, bens, carmens } = twoCopies(roster);
      const ends = (['ben', 'carmen'] as const).map((first) => {
        const mine = copyOf(doc);
        const order = first === 'ben' ? [bens, carmens] : [carmens, bens];
        const said = order.map((s) => mergeCopy(mine, s.doc));
        for (const s of said) expect(s.reviewerCopy?.reattributed ?? 0).toBe(0);
        expect(runs(mine)).toEqual([
          ['We will finish the bridge ', []],
          ['by June', ['Ben Okafor delete', 'Carmen Ruiz delete']],
          ...(runs(mine)[2]![0] === 'before July'
            ? [['before July', ['Carmen Ruiz insert']], ['in the first half of the year', ['Ben Okafor insert']]]
            : [['in the first half of the year', ['Ben Okafor insert']], ['before July', ['Carmen Ruiz insert']]]),
          ['.', []],
        ]);
        // Accepting Ben's replace leaves Carmen's words, still hers to decide.
        const bensId = listSuggestions(mine).find((s) => s.author.name === BEN.name)!.id;
        decideSuggestions(mine, new Set([bensId]), 'accepted', ADA);
        expect(listSuggestions(mine).map((s) => [s.author.name, s.change, s.inserted])).toEqual([['Carmen Ruiz', 'insert', 'before July']]);
        return { text: messageText(mine), runs: runs(mine), fresh: openSession(mine).editor.getEditorState().toJSON() };
      });
      expect(ends[1]).toEqual(ends[0]);
      expect(ends[0]!.text).toBe('We will finish the bridge in the first half of the year.');
    });
  }
});
