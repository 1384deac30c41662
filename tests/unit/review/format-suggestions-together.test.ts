// Two format suggestions on the same words. Words carry one format (the binding's `p`), so each
// format mark says which bits it changes (`toggled`) and how they stood; the text as it stands and
// every decision go by those bits, never by which mark happens to come first. Before, the reader
// took the first mark's format from before and rejecting took the last one's: with Ben's bold and
// then Carmen's italic on "finish", rejecting both left it bold, and the digest after rejecting all
// was not the digest of the text as it stood. The merge property test found it (issue 17, case 1961
// at 2,000 runs: Ann bolds a letter, then proposes to unbold it, while Ben, in his copy, proposes to
// bold it; the last test below is that case in words).
import { $getSelection, $isRangeSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newMessage } from '../../../electron/services/library/library';
import { readContent, messageDigest, type Run } from '../../../shared/document';
import { decideSuggestions, describeSuggestion, listSuggestions } from '../../../shared/review';
import { BOLD, copyOf, ITALIC, openSession, type Session } from '../../helpers/history';
import { ADA, BEN, CARMEN } from '../../helpers/reviewer-copy';
import { $selectWords, suggester, suggestFormat } from '../../helpers/suggesting';

/** The first paragraph's runs as they stand: [text, format]. */
const standing = (doc: Y.Doc): [string, number][] => readContent(doc).blocks[0].runs.map((r: Run) => [r.text, r.format]);

/** "We will finish the bridge." with Ben's bold and then Carmen's italic proposed on "finish". */
function twoProposals(): Session {
  const session = openSession(newMessage('blank', 'Bridge'));
  session.write(['We will finish the bridge.']);
  suggestFormat(session, suggester(BEN), 'finish', 'bold');
  suggestFormat(session, suggester(CARMEN), 'finish', 'italic');
  return session;
}

const idOf = (doc: Y.Doc, name: string) => listSuggestions(doc).find((s) => s.author.name === name)!.id;

describe('two people propose formats for the same words', () => {
  it('each card names only its own change, and the text as it stands has neither', () => {
    const { doc } = twoProposals();
    expect(listSuggestions(doc).map((s) => [s.author.name, describeSuggestion(s)])).toEqual([
      [BEN.name, 'Make “finish” bold'],
      [CARMEN.name, 'Make “finish” italic'],
    ]);
    expect(standing(doc)).toEqual([['We will finish the bridge.', 0]]);
  });

  it('rejecting both leaves the text as it stands, digest for digest', () => {
    const { doc } = twoProposals();
    const rejected = copyOf(doc);
    decideSuggestions(rejected, 'all', 'rejected', ADA);
    expect(listSuggestions(rejected)).toEqual([]);
    expect(messageDigest(rejected)).toBe(messageDigest(doc));
  });

  for (const first of [BEN, CARMEN]) {
    it(`accepting one and rejecting the other keeps only the accepted change, whichever is decided first (${first.name}'s)`, () => {
      const { doc } = twoProposals();
      const [bold, italic] = [idOf(doc, BEN.name), idOf(doc, CARMEN.name)];
      // Ada keeps Carmen's italic, not Ben's bold.
      const steps: [string, 'accepted' | 'rejected'][] = [
        [bold, 'rejected'],
        [italic, 'accepted'],
      ];
      if (first === CARMEN) steps.reverse();
      const [[id, decision]] = steps;
      decideSuggestions(doc, new Set([id]), decision, ADA);
      // The one left open still reads as its own change, and the text as it stands has the decided one only.
      expect(listSuggestions(doc).map(describeSuggestion)).toEqual([first === BEN ? 'Make “finish” italic' : 'Make “finish” bold']);
      expect(standing(doc)).toEqual(first === BEN ? [['We will finish the bridge.', 0]] : [['We will ', 0], ['finish', ITALIC], [' the bridge.', 0]]);
      decideSuggestions(doc, new Set([steps[1][0]]), steps[1][1], ADA);
      expect(listSuggestions(doc)).toEqual([]);
      expect(standing(doc)).toEqual([['We will ', 0], ['finish', ITALIC], [' the bridge.', 0]]);
    });
  }

  it("one person does not turn back another's proposed format: they discuss it, the author decides", () => {
    const session = openSession(newMessage('blank', 'Bridge'));
    session.write(['We will finish the bridge.']);
    suggestFormat(session, suggester(BEN), 'finish', 'bold');
    suggestFormat(session, suggester(CARMEN), 'finish', 'bold');
    expect(listSuggestions(session.doc).map((s) => [s.author.name, describeSuggestion(s)])).toEqual([[BEN.name, 'Make “finish” bold']]);
    // Ben, turning his own bold off again, withdraws it.
    suggestFormat(session, suggester(BEN), 'finish', 'bold');
    expect(listSuggestions(session.doc)).toEqual([]);
    expect(standing(session.doc)).toEqual([['We will finish the bridge.', 0]]);
  });

  it('made in copies apart, one over words the other had bolded: rejecting all leaves the text as it stands (case 1961)', () => {
    const session = openSession(newMessage('blank', 'Bridge'));
    session.write(['We will finish the bridge.']);
    const bens = openSession(session.doc);
    // Ada bolds "finish" (her text), then proposes to take the bold off again; Ben, in his copy, proposes to bold it.
    session.edit(() => {
      $selectWords('finish');
      const selection = $getSelection();
      if ($isRangeSelection(selection)) selection.formatText('bold');
    });
    suggestFormat(session, suggester(ADA), 'finish', 'bold');
    suggestFormat(bens, suggester(BEN), 'finish', 'bold');
    const toAda = Y.encodeStateAsUpdate(bens.doc, Y.encodeStateVector(session.doc));
    const toBen = Y.encodeStateAsUpdate(session.doc, Y.encodeStateVector(bens.doc));
    Y.applyUpdate(session.doc, toAda);
    Y.applyUpdate(bens.doc, toBen);
    for (const doc of [session.doc, bens.doc]) {
      expect(listSuggestions(doc).map((s) => s.author.name).sort()).toEqual([ADA.name, BEN.name]);
      // Ada's bold was her text: it stands, whichever copy's format won the merge.
      expect(standing(doc)).toEqual([['We will ', 0], ['finish', BOLD], [' the bridge.', 0]]);
      const rejected = copyOf(doc);
      decideSuggestions(rejected, 'all', 'rejected', ADA);
      expect(listSuggestions(rejected)).toEqual([]);
      expect(messageDigest(rejected)).toBe(messageDigest(doc));
    }
  });
});
