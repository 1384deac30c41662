// Ben keeps typing on his own pending insertion in his copy (consecutive typing is one suggestion,
// so the new words carry its id) while Ada, in hers, accepts (or rejects) what he had sent. Once
// merged, the words Ada saw are decided; the words she never saw stay Ben's suggestion, open,
// never accepted with the rest in silence. Yjs had dropped the closing item of the decided run
// that his new words sat before, so they came out plain: in the text as it stands, without
// anyone deciding (shared/review/merged-marks.ts now puts such a mark back).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeCopy } from '../../../electron/services/review/merge';
import { messageDigest, messageText } from '../../../shared/document';
import { decideSuggestions, listDecisions, listSuggestions, mendMergedMarks, stateOf } from '../../../shared/review';
import { copyOf, openSession } from '../../helpers/history';
import { ADA, BEN, round } from '../../helpers/reviewer-copy';
import { suggester, suggestType } from '../../helpers/suggesting';

const open = (doc: Y.Doc) => listSuggestions(doc).map((s) => [s.author.name, s.change, s.inserted]);

describe('a reviewer extends their insertion while the author decides it', () => {
  const cases = [
    ['accepted', 'as two copies merge'],
    ['accepted', "through Merge a copy… of Ben's review copy"],
    ['rejected', 'as two copies merge'],
    ['rejected', "through Merge a copy… of Ben's review copy"],
  ] as const;
  for (const [decision, how] of cases) {
    it(`the extension stays Ben's suggestion when Ada has ${decision} the rest (${how})`, () => {
      const { doc: adas, copy } = round();
      const bens = openSession(copy);
      suggestType(bens, suggester(BEN), 'June', ' or July', 'after');
      // Ada gets Ben's copy as it is now, and decides his insertion.
      mergeCopy(adas, bens.doc);
      const benId = listSuggestions(adas).find((s) => s.author.name === BEN.name)!.id;
      decideSuggestions(adas, new Set([benId]), decision, ADA);
      const decided = decision === 'accepted' ? 'by June or July and' : 'by June and';
      expect(messageText(adas)).toContain(decided);

      // Meanwhile Ben goes on typing where he stopped: the same suggestion, longer.
      suggestType(bens, suggester(BEN), ' or July', ' at the latest', 'after');
      expect(listSuggestions(bens.doc).find((s) => s.id === benId)?.inserted).toBe(' or July at the latest');

      if (how === 'as two copies merge') {
        // Each merges the other's copy, as mergeCopy merges a copy that is not a reviewer's.
        const toAda = Y.encodeStateAsUpdate(bens.doc, Y.encodeStateVector(adas));
        const toBen = Y.encodeStateAsUpdate(adas, Y.encodeStateVector(bens.doc));
        const sides = [stateOf(adas), stateOf(bens.doc)];
        Y.applyUpdate(adas, toAda);
        mendMergedMarks(adas, sides);
        Y.applyUpdate(bens.doc, toBen);
        mendMergedMarks(bens.doc, sides);
        Y.applyUpdate(adas, Y.encodeStateAsUpdate(bens.doc, Y.encodeStateVector(adas)));
        Y.applyUpdate(bens.doc, Y.encodeStateAsUpdate(adas, Y.encodeStateVector(bens.doc)));
      } else {
        mergeCopy(adas, bens.doc);
        Y.applyUpdate(bens.doc, Y.encodeStateAsUpdate(adas, Y.encodeStateVector(bens.doc)));
      }

      for (const doc of [adas, bens.doc]) {
        expect(messageText(doc)).toContain(decided);
        expect(messageText(doc)).not.toContain('at the latest');
        expect(open(doc).filter(([name]) => name === BEN.name)).toEqual([[BEN.name, 'insert', ' at the latest']]);
        expect(listDecisions(doc).map((d) => [d.id, d.decision])).toEqual([[benId, decision]]);
        // Rejecting it leaves the text as it stands: it was never in it.
        const rejected = copyOf(doc);
        decideSuggestions(rejected, 'all', 'rejected', ADA);
        expect(messageDigest(rejected)).toBe(messageDigest(doc));
        expect(messageText(rejected)).toContain(decided);
      }
    });
  }
});
