// A copy that closes someone's suggestion (accepts, rejects or withdraws it) merges, as a copy
// cannot prove who edited it; but the merge says so, and says when no decision was logged for it,
// where before it said nothing at all ("no words changed", or only the words).
import { describe, expect, it } from 'vitest';
import { messageText } from '../../../shared/document';
import { decideInEditor, decideSuggestions, listSuggestions } from '../../../shared/review';
import { copyOf, openSession } from '../../helpers/history';
import { suggester, suggestType } from '../../helpers/suggesting';
import { mergeCopy } from '../../../electron/services/review/merge';
import { newMessage } from '../../../electron/services/library/library';
import { describeMerge } from '../../../electron/cli/merge';

const ADA = { name: 'Ada Mensah', title: 'Speechwriter' };
const BEN = { name: 'Ben Okafor', title: 'Chief of staff' };

/** Ada's draft with Ben's two suggestions. */
function draft() {
  const ada = openSession(newMessage('blank', 'Bridge'));
  ada.write(['We will finish the bridge by June and report back to the council.'], ['Thank you.']);
  suggestType(ada, suggester(BEN), 'by June', 'in the first half of the year');
  suggestType(ada, suggester(BEN), 'the council', 'the city');
  return ada.doc;
}

describe('merging a copy that closed open suggestions', () => {
  it('says how many it closed, though the text as it stands did not change', () => {
    const owner = draft();
    const copy = copyOf(owner);
    decideSuggestions(copy, new Set([listSuggestions(copy)[0]!.id]), 'rejected', ADA);
    const mine = copyOf(owner);
    const summary = mergeCopy(mine, copy);
    expect(summary).toMatchObject({ nothingNew: false, wordsAdded: 0, wordsRemoved: 0, newSuggestions: 0, closedSuggestions: 1, closedUnlogged: 0 });
    expect(describeMerge('carmen.signet', { name: 'bridge.signet' }, summary)).toBe('merged carmen.signet into bridge.signet: no words changed, 1 open suggestion accepted, rejected or withdrawn');
  });

  it('says when the copy closed one with no decision in the log', () => {
    const owner = draft();
    const reviewer = openSession(owner);
    // Accepted in an editor, and not logged (as a scripted copy can).
    decideInEditor(reviewer.editor, new Set([listSuggestions(reviewer.doc)[1]!.id]), 'accepted');
    const mine = copyOf(owner);
    const summary = mergeCopy(mine, reviewer.doc);
    expect(messageText(mine)).toContain('report back to the city.');
    expect(summary).toMatchObject({ closedSuggestions: 1, closedUnlogged: 1 });
    expect(describeMerge('carmen.signet', { name: 'bridge.signet' }, summary)).toBe(
      'merged carmen.signet into bridge.signet: 1 word added, 1 removed, 1 open suggestion accepted, rejected or withdrawn (1 with no decision logged)',
    );
  });

  it('says nothing of the kind for a copy that only adds suggestions', () => {
    const owner = draft();
    const copy = openSession(owner);
    suggestType(copy, suggester({ name: 'Carmen Ruiz', title: 'Mayor' }), 'Thank you', ' all', 'after');
    const mine = copyOf(owner);
    expect(mergeCopy(mine, copy.doc)).toMatchObject({ newSuggestions: 1, closedSuggestions: 0, closedUnlogged: 0 });
  });
});
