// Merging two copies of a message that each carry a long history: copy A is the editing trace
// replayed through a headless Lexical editor (the whole trace, every keystroke kept, gc off);
// copy B forks from A early in the trace and gets 1,000 random edits of its own through another
// headless editor, with comment threads, replies and versions, as a reviewer's copy would. Then
// times mergeCopy in both directions (B into A, A into B), each on fresh copies, beside bare
// Y.applyUpdate of the same update bytes, the Yjs operation a merge rests on; and checks that both
// directions end with the same content and comment threads.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32, round, rounds, timeOnce } from './measure.mjs';
import { TraceReplayer } from './trace.mjs';

export const title = 'Merging copies: the trace on one side, 1,000 edits on the other; mergeCopy vs Y.applyUpdate';

const ANA = { name: 'Ana Ortiz', title: 'Speechwriter' };
const BEN = { name: 'Ben Adeyemi', title: 'Policy adviser' };
const plural = (n, word, many = `${word}s`) => `${n.toLocaleString('en')} ${n === 1 ? word : many}`;
const WORDS = ['the', 'people', 'of', 'our', 'city', 'thank', 'you', 'for', 'your', 'patience', 'Grüße', 'année', '新年'];

/** A document of the message, loaded from a state (untimed setup for each run). */
const fresh = (s, state) => {
  const doc = s.newMessageDoc();
  s.Y.applyUpdate(doc, state);
  return doc;
};

/**
 * Options: --merge-fork F the share of the trace after which B forks from A (default 0.1),
 * --merge-edits N B's random edits (default 1000), --lexical-batch N trace transactions per
 * Lexical update (default 10, as the file benchmark), --merge-runs N timed runs per figure
 * (default 5), --seed N for B's edits (default 1), --merge-save DIR to write both copies' states
 * there (a.bin, b.bin) for profiling.
 */
export async function run({ trace, services: s, args, log }) {
  const Y = s.Y;
  const fork = Math.min(1, Math.max(0, Number(args['merge-fork'] ?? 0.1)));
  const edits = Math.max(1, Number(args['merge-edits'] ?? 1000));
  const lexicalBatch = Math.max(1, Number(args['lexical-batch'] ?? 10));
  const runs = Math.max(3, Number(args['merge-runs'] ?? 5));
  const random = mulberry32(Number(args.seed ?? 1));
  const txns = trace.txns;
  const forkAt = Math.round((txns.length * fork) / lexicalBatch) * lexicalBatch;

  // Copy A: the trace, replayed by Ana in one editing session (no versions: the faster path).
  const a = s.newMessage('blank', 'Benchmark');
  const editorA = s.createMessageEditor(a);
  const replayA = new TraceReplayer(s, editorA.editor);
  replayA.reset(trace.startContent);
  let b = null;
  const started = performance.now();
  let nextReport = started + 10_000;
  for (let i = 0; i < txns.length; i += lexicalBatch) {
    if (i === forkAt) b = fresh(s, Y.encodeStateAsUpdate(a));
    const end = Math.min(txns.length, i + lexicalBatch);
    editorA.editor.update(
      () => {
        for (let t = i; t < end; t += 1) for (const [pos, del, text] of txns[t].patches) replayA.patch(pos, del, text);
      },
      { discrete: true },
    );
    if (performance.now() > nextReport) {
      log(`  … ${Math.round((100 * end) / txns.length)}% of the trace replayed`);
      nextReport += 10_000;
    }
  }
  b ??= fresh(s, Y.encodeStateAsUpdate(a));
  editorA.dispose();
  s.registerPerson(a, [a.clientID], ANA);
  s.recordVersion(a, { kind: 'named', author: ANA, name: 'End of the trace' });
  if (s.messageParagraphs(a).join('\n') !== trace.endContent) throw new Error("copy A does not hold the trace's endContent after the replay");
  const replaySeconds = (performance.now() - started) / 1000;

  // Copy B: Ben's random edits through an editor of its own, his deletions recorded with each of
  // his versions (one every 100 edits), a comment thread every 200 edits and a reply to each.
  const startedB = performance.now();
  const editorB = s.createMessageEditor(b);
  const replayB = new TraceReplayer(s, editorB.editor);
  replayB.adopt();
  const deletions = [];
  b.on('afterTransaction', (tr) => {
    if (tr.deleteSet.clients.size > 0) deletions.push(tr.deleteSet);
  });
  s.registerPerson(b, [b.clientID], BEN);
  let threads = 0;
  for (let k = 1; k <= edits; k += 1) {
    const length = [...replayB.text()].length;
    const pos = Math.floor(random() * (length + 1));
    const del = random() < 0.3 ? Math.min(length - pos, 1 + Math.floor(random() * 10)) : 0;
    const word = WORDS[Math.floor(random() * WORDS.length)];
    const text = del > 0 && random() < 0.5 ? '' : random() < 0.05 ? `\n${word} ` : `${word} `;
    editorB.editor.update(() => replayB.patch(pos, del, text), { discrete: true });
    if (k % 200 === 0) {
      const id = commentOnSomeWords(s, b, random, `Comment ${k / 200}: is this right?`);
      if (id) {
        s.reply(b, id, ANA, 'Checked, it is.');
        threads += 1;
      }
    }
    if (k % 100 === 0) {
      s.recordDeletions(b, BEN, Y.mergeDeleteSets(deletions.splice(0)));
      s.recordVersion(b, { kind: 'quiet', author: BEN });
    }
  }
  editorB.dispose();
  const editSeconds = (performance.now() - startedB) / 1000;

  // The two directions, each on fresh copies loaded from the states (untimed).
  const stateA = Y.encodeStateAsUpdate(a);
  const stateB = Y.encodeStateAsUpdate(b);
  if (typeof args['merge-save'] === 'string') {
    writeFileSync(join(args['merge-save'], 'a.bin'), stateA);
    writeFileSync(join(args['merge-save'], 'b.bin'), stateB);
  }
  const direction = (into, from) => {
    const update = Y.encodeStateAsUpdate(fresh(s, from), Y.encodeStateVector(fresh(s, into)));
    return {
      update,
      merge: () => {
        const [doc, copy] = [fresh(s, into), fresh(s, from)];
        const { ms, result } = timeOnce(() => s.mergeCopy(doc, copy));
        summaries.set(into, { summary: result, doc });
        copy.destroy();
        return ms;
      },
      apply: () => {
        const doc = fresh(s, into);
        const { ms } = timeOnce(() => Y.applyUpdate(doc, update));
        doc.destroy();
        return ms;
      },
    };
  };
  const summaries = new Map();
  const intoA = direction(stateA, stateB);
  const intoB = direction(stateB, stateA);
  const medians = rounds({ 'B into A': intoA.merge, 'A into B': intoB.merge, 'apply B to A': intoA.apply, 'apply A to B': intoB.apply }, runs);

  const [mergedA, mergedB] = [summaries.get(stateA), summaries.get(stateB)];
  const seen = (doc) => JSON.stringify(s.readContent(doc));
  // Threads with their anchors as the places they point at in that document (not their bytes).
  const at = (doc, rel) => Y.createAbsolutePositionFromRelativePosition(rel, doc)?.index;
  const threadsOf = (doc) =>
    JSON.stringify(
      s
        .listThreads(doc)
        .map((t) => ({ ...t, start: at(doc, t.start), end: at(doc, t.end) }))
        .sort((x, y) => (x.id < y.id ? -1 : 1)),
    );
  if (seen(mergedA.doc) !== seen(mergedB.doc)) throw new Error('the two directions of the merge ended with different content');
  if (threadsOf(mergedA.doc) !== threadsOf(mergedB.doc)) throw new Error('the two directions of the merge ended with different comment threads');
  if (s.listThreads(mergedA.doc).length !== threads) throw new Error(`the merge brought ${s.listThreads(mergedA.doc).length} threads, not ${threads}`);
  const line = (what, { summary }) =>
    `  ${what}: ${plural(summary.wordsAdded, 'word')} added, ${summary.wordsRemoved.toLocaleString('en')} removed, ` +
    `${plural(summary.paragraphsChanged, 'paragraph')} changed, ${plural(summary.newThreads, 'thread')}, ${plural(summary.newReplies, 'reply', 'replies')}, ` +
    `${plural(summary.newVersions, 'version')}, from ${summary.people.map((p) => p.name).join(', ') || 'no one named'}`;
  log(
    `  copy A: ${txns.length.toLocaleString('en')} transactions of ${trace.path} in ${round(replaySeconds, 1)} s (${lexicalBatch} per Lexical update), ${stateA.length.toLocaleString('en')} bytes;\n` +
      `  copy B: forked after ${forkAt.toLocaleString('en')} transactions, then ${edits.toLocaleString('en')} random edits in ${round(editSeconds, 1)} s, ` +
      `${threads} threads with a reply each, ${s.listVersions(b).length} versions, ${stateB.length.toLocaleString('en')} bytes;\n` +
      `  updates: B into A ${intoA.update.length.toLocaleString('en')} bytes, A into B ${intoB.update.length.toLocaleString('en')} bytes;\n` +
      `${line('B into A', mergedA)};\n${line('A into B', mergedB)};\n` +
      `  both directions end with the same content and threads; medians of ${runs} warm runs each, on fresh copies, in rotating order, each after a garbage collection.`,
  );
  mergedA.doc.destroy();
  mergedB.doc.destroy();
  // Issue 20's goal: a merge costs at most 1.5 times applying the same update.
  const vs = (name, value, baseline) => ({ name, value: round(value), unit: 'ms', baseline: round(baseline), ratio: round(value / baseline), goal: 1.5 });
  return [
    vs('mergeCopy B (1,000 edits) into A (the trace) vs Y.applyUpdate of the same update', medians['B into A'], medians['apply B to A']),
    vs('mergeCopy A (the trace) into B (1,000 edits) vs Y.applyUpdate of the same update', medians['A into B'], medians['apply A to B']),
  ];
}

/** Starts a thread on a few words of a random paragraph that has some; returns its id, or null. */
function commentOnSomeWords(s, doc, random, text) {
  const Y = s.Y;
  const plainText = (xml) => xml.toDelta().map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  const texts = [];
  for (const block of s.textRoot(doc).toArray()) {
    if (block instanceof Y.XmlElement) for (const child of block.toArray()) if (child instanceof Y.XmlText && plainText(child).length > 20) texts.push(child);
  }
  if (texts.length === 0) return null;
  const xml = texts[Math.floor(random() * texts.length)];
  const plain = plainText(xml);
  const at = Math.floor(random() * (plain.length - 12));
  return s.createThread(doc, {
    start: Y.createRelativePositionFromTypeIndex(xml, at, 0),
    end: Y.createRelativePositionFromTypeIndex(xml, at + 10, -1),
    quote: plain.slice(at, at + 10),
    text,
    author: BEN,
  });
}
