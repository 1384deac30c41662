// The merge property's case 1363 (seed 20260501), kept as a test. Ben types a space as a
// suggestion, Ada gets his copy and suggests "the" before it (her editor writes the space's
// insertion mark again, its own items), Carmen suggests bold on "t", and Ben accepts his space.
// Yjs takes a mark off by deleting the items that open and close it, so once merged Ada's item
// opening Ben's mark had no end: his accepted insertion ran on over "the", and the message read
// as empty (rejecting it would have deleted "the"), and the accepted space was lost from the text
// as it stands. Marks are now stored flat, so Ada's editor no longer writes Ben's mark again.
import { expect, it } from 'vitest';
import { newMessage } from '../../../electron/services/library/library';
import { messageText } from '../../../shared/document';
import { listSuggestions } from '../../../shared/review';
import { prng } from '../../helpers/editing';
import { Copy, applyOp, initialState, mergeAll, mergeInto, newStats, type MergeContext, type Op, type StartedThread } from '../../helpers/merge-model';

const steps: Op[] = [
  { kind: 'suggest', copy: 3, at: 0, length: 1, what: 'insert', text: ' ' },
  { kind: 'sync', from: 3, to: 0 },
  { kind: 'suggest', copy: 0, at: 0, length: 1, what: 'insert', text: 'the' },
  { kind: 'suggest', copy: 1, at: 0, length: 1, what: 'format', text: 'the' },
  { kind: 'decide', copy: 3, decision: 'accepted', pick: 0 },
];

it("an accepted insertion's mark stays on its own words when a copy that marked it again is merged", () => {
  const state = initialState(newMessage('blank', 'Budget speech'), [
    { kind: 'paragraph', words: ['the'] },
    { kind: 'paragraph', words: [] },
  ]);
  const copies = [0, 1, 2, 3].map((i) => new Copy(i, state));
  const ctx: MergeContext = { policy: 'reload', stats: newStats(), problems: [] };
  const threads: StartedThread[] = [];
  try {
    steps.forEach((o, step) => {
      if (o.kind === 'sync') mergeInto(copies[o.to], copies[o.from], ctx, `step ${step}`);
      else applyOp(copies[o.copy], o, step, threads);
    });
    mergeAll(copies, prng(1), ctx);
    for (const c of copies) {
      expect(messageText(c.doc), `copy ${c.index}'s text as it stands`).toBe(' the\n\n'); // Ben's accepted space, then the original "the"; Ada's "the" is still only proposed
      // Carmen's bold on "t" is still proposed.
      expect(listSuggestions(c.doc).filter((s) => s.change === 'format').map((s) => s.id), `copy ${c.index}'s suggestions`).toEqual(['s1-3-1']);
    }
  } finally {
    for (const c of copies) c.dispose();
  }
});
