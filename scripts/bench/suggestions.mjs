// Suggestions at the size of a real review (issue 17): a reviewer's copy with 500 suggestions, each
// made as the editor makes one in Suggesting mode (its own update, on a 500-paragraph message),
// merged back with mergeCopy beside Y.applyUpdate of the same bytes, then accepted all at once
// with decideSuggestions, the path `signet accept FILE all` takes (goal: under 500 ms).
import { median, rounds, round, timeOnce } from './measure.mjs';

export const title = 'Suggestions: merging a copy with 500 suggestions vs Y.applyUpdate; accepting all 500';

const ADA = { name: 'Ada Lovelace', title: 'Speechwriter' };
const BEN = { name: 'Ben Okafor', title: 'Chief of Staff' };

/** A message of `n` paragraphs, each with "by June" to suggest over. */
function message(s, n) {
  const doc = s.newMessage('blank', 'Suggestions benchmark', 'en', ADA);
  const { editor, dispose } = s.createMessageEditor(doc);
  editor.update(
    () => {
      const root = s.$getRoot();
      root.clear();
      for (let i = 0; i < n; i += 1) {
        root.append(s.$createParagraphNode().append(s.$createTextNode(`Paragraph ${i + 1}: we will finish the harbour wall by June, and report to the council.`)));
      }
    },
    { discrete: true },
  );
  dispose();
  return doc;
}

/** Ben's copy: in each paragraph, "by June" typed over, one suggestion and one update each. */
function reviewersCopy(s, state, n) {
  const copy = s.newMessageDoc();
  s.Y.applyUpdate(copy, state);
  const { editor, dispose } = s.createMessageEditor(copy);
  const who = { author: BEN, newId: s.randomSuggestionId, now: () => new Date('2026-12-02T09:00:00Z') };
  for (let i = 0; i < n; i += 1) {
    editor.update(
      () => {
        const text = s.$getRoot().getChildren()[i].getFirstChild();
        const at = text.getTextContent().indexOf('by June');
        text.select(at, at + 'by June'.length);
        const selection = s.$getSelection();
        if (!s.$isRangeSelection(selection)) throw new Error('no range selection');
        s.$suggestInsertion(selection, 'in the first half of the year', who);
      },
      { discrete: true },
    );
  }
  dispose();
  return copy;
}

/** Options: --suggestions N (default 500), --suggestion-runs N timed runs per figure (default 5). */
export async function run({ services: s, args, log }) {
  const n = Number(args.suggestions ?? 500);
  const runs = Number(args['suggestion-runs'] ?? 5);
  const Y = s.Y;
  const original = message(s, n);
  const state = Y.encodeStateAsUpdate(original);
  const t0 = performance.now();
  const copy = reviewersCopy(s, state, n);
  const made = performance.now() - t0;
  const copyState = Y.encodeStateAsUpdate(copy);
  const fresh = (bytes) => {
    const doc = s.newMessageDoc();
    Y.applyUpdate(doc, bytes);
    return doc;
  };
  const update = Y.encodeStateAsUpdate(copy, Y.encodeStateVector(original));
  const listed = s.listSuggestions(copy).length;
  if (listed !== n) throw new Error(`the reviewer's copy has ${listed} suggestions, not ${n}`);
  log(`  ${n} paragraphs, ${n} suggestions made one update each in ${(made / 1000).toFixed(1)} s; the copy's update is ${(update.length / 1024).toFixed(0)} KiB.`);

  let summary = null;
  const medians = rounds(
    {
      merge: () => {
        const [doc, theirs] = [fresh(state), fresh(copyState)];
        const { ms, result } = timeOnce(() => s.mergeCopy(doc, theirs));
        summary = result;
        return ms;
      },
      apply: () => {
        const doc = fresh(state);
        return timeOnce(() => Y.applyUpdate(doc, update)).ms;
      },
    },
    runs,
  );
  log(`  the merge's summary: ${JSON.stringify(summary.suggestions ?? summary)}`.slice(0, 300));

  // Accept all, on fresh merged copies; the text as it stands must then hold every proposal.
  const merged = fresh(state);
  Y.applyUpdate(merged, update);
  const mergedState = Y.encodeStateAsUpdate(merged);
  const accepts = [];
  for (let r = 0; r <= runs; r += 1) {
    const doc = fresh(mergedState);
    const { ms, result } = timeOnce(() => s.decideSuggestions(doc, 'all', 'accepted', ADA));
    if (result.length !== n || s.listSuggestions(doc).length !== 0) throw new Error(`accept all decided ${result.length} of ${n}`);
    const text = s.messageText(doc);
    if ((text.match(/in the first half of the year/g) ?? []).length !== n || text.includes('by June')) throw new Error('accepting all did not give the proposed text');
    if (r > 0) accepts.push(ms);
  }
  const accept = median(accepts);
  log(`  medians of ${runs} runs each after a warm-up, on fresh copies, each after a garbage collection.`);
  return [
    { name: `mergeCopy of a copy with ${n} suggestions vs Y.applyUpdate of the same update`, value: round(medians.merge, 1), unit: 'ms', baseline: round(medians.apply, 1), ratio: round(medians.merge / medians.apply, 2) },
    { name: `accept all ${n} suggestions (decideSuggestions, as signet accept FILE all)`, value: round(accept, 1), unit: 'ms', goal: 500 },
  ];
}
