// Every decision on a suggestion is in the audit trail, as the sign-off panel draws it ("Accepted a
// suggestion · Ada Mensah", when, and what it was and who proposed it), and it travels with the
// message: a copy that merges Ada's file, and a copy of that copy, say the same.
import { describe, expect, it } from 'vitest';
import { audit } from '../../../electron/services/signoff/audit';
import { mergeCopy } from '../../../electron/services/review/merge';
import { newMessage } from '../../../electron/services/library/library';
import { decideSuggestions, listSuggestions } from '../../../shared/review';
import { copyOf, openSession } from '../../helpers/history';
import { ADA, BEN } from '../../helpers/reviewer-copy';
import { suggestDelete, suggester, suggestType } from '../../helpers/suggesting';

/** The audit trail's decisions, each as the panel shows it: the line, its time, its detail. */
const decisions = (doc: Parameters<typeof audit>[0]) =>
  audit(doc)
    .filter((e) => / a suggestion$/.test(e.what))
    .map((e) => [`${e.what} · ${e.who}`, e.at, e.detail]);

describe('decisions on suggestions in the audit trail', () => {
  it('says who accepted, rejected or withdrew which, and when, in the message and in its copies', () => {
    const session = openSession(newMessage('blank', 'Bridge'));
    session.write(['We will finish the bridge by June and report back.']);
    suggestType(session, suggester(BEN), 'by June', 'in the first half of the year');
    suggestDelete(session, suggester(BEN), ' and report back');
    suggestType(session, suggester(BEN), 'bridge', 'new ', 'before');
    const sent = copyOf(session.doc);
    const doc = session.doc;
    const id = (change: string) => listSuggestions(doc).find((s) => s.change === change)!.id;
    decideSuggestions(doc, new Set([id('replace')]), 'accepted', ADA, new Date('2026-12-02T10:00:00Z'));
    decideSuggestions(doc, new Set([id('delete')]), 'rejected', ADA, new Date('2026-12-02T10:05:00Z'));
    decideSuggestions(doc, new Set([id('insert')]), 'withdrawn', BEN, new Date('2026-12-02T10:10:00Z'));

    const expected = [
      ['Withdrew a suggestion · Ben Okafor', '2026-12-02T10:10:00.000Z', 'Insert “new ” (proposed by Ben Okafor)'],
      ['Rejected a suggestion · Ada Mensah', '2026-12-02T10:05:00.000Z', 'Delete “ and report back” (proposed by Ben Okafor)'],
      ['Accepted a suggestion · Ada Mensah', '2026-12-02T10:00:00.000Z', 'Replace “by June” with “in the first half of the year” (proposed by Ben Okafor)'],
    ];
    expect(decisions(doc)).toEqual(expected);
    // Ben's copy, sent before Ada decided, takes her file in; then a copy of his goes on.
    mergeCopy(sent, doc);
    expect(decisions(sent)).toEqual(expected);
    expect(decisions(copyOf(sent))).toEqual(expected);
  });
});
