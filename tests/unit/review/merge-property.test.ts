// Offline merging, as a property: three or four copies of one message, each edited on its own
// (typing, deleting, formatting, splitting and joining paragraphs, lists and headings), suggested
// on (insert, delete, replace, bold, split, join, paste lines; accept, reject, withdraw) and
// commented on (threads, replies, edits, deletions, resolve), sometimes passing changes to one
// another along the way, are then merged pairwise in a random order until each has everything.
// Every copy must end with the same content, the same suggestions and the same threads, a fresh
// editor on each must show exactly that content in the same Lexical state, a thread whose words
// nobody deleted must still be on them, a suggestion must be open or decided unless its words
// were deleted (never applied or lost in silence), and rejecting every open suggestion must
// leave the text as it stands, digest for digest. And no merge may make an editor rewrite text: text an editor deletes
// and writes again has moved, so a comment on it loses its place, and two copies that both
// move it have it twice once merged. @lexical/yjs 0.52 did exactly that when concurrent typing
// left a paragraph with two adjacent XmlTexts; patches/@lexical+yjs+0.52.0.patch fixes it, and
// the last tests below fail without it.
//
// It also measures what issue 5 reported: how often an editor that lived through a merge shows
// something other than its own document (the incremental sync of @lexical/yjs). The app reloads
// its editor from the document after a merge, so that number is reported, not asserted.
//
// Replay or run longer: SIGNET_PROPERTY_SEED=<seed> SIGNET_PROPERTY_PATH=<path>
// SIGNET_PROPERTY_RUNS=<n> npx vitest run tests/unit/review/merge-property.test.ts
import fc from 'fast-check';
import { $createTextNode, $getRoot, type ElementNode } from 'lexical';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newMessage } from '../../../electron/services/library/library';
import { blockText, canonicalContent, readContent, messageDigest, messageText, newMessageDoc, textRoot } from '../../../shared/document';
import { createThread, decideSuggestions, listDecisions, listSuggestions, listThreads, placeThreads, type Decision } from '../../../shared/review';
import { prng } from '../../helpers/editing';
import {
  Copy,
  anyDeleted,
  applyOp,
  docKey,
  editorKey,
  editorWithBuild,
  freshLoad,
  isSubsequence,
  initialState,
  mergeAll,
  mergeInto,
  newStats,
  PEOPLE,
  suggestionChars,
  threadsKey,
  type SuggestWhat,
  type InitialBlock,
  type MergeContext,
  type Op,
  type Policy,
  type StartedThread,
  type Stats,
} from '../../helpers/merge-model';

const RUNS = Number(process.env.SIGNET_PROPERTY_RUNS) || 200;
const SEED = Number(process.env.SIGNET_PROPERTY_SEED) || 20260501;
const PATH = process.env.SIGNET_PROPERTY_PATH || undefined;

// ── Arbitraries ─────────────────────────────────────────────────────────────────────────────

const word = fc.constantFrom('the', 'people', 'of', 'our', 'city', 'thank', 'you', 'for', 'patience', 'année', 'x', 'b');
const words = fc.array(word, { minLength: 0, maxLength: 4 });
const typed = fc.oneof(word, fc.constantFrom(' ', 'x', 'b', 'xx', ' and ', 'é'));
const copy = fc.nat(3);
const at = fc.nat(10_000);
const length = fc.integer({ min: 1, max: 30 });
const small = fc.nat(6);
const remark = fc.constantFrom('Too long?', 'Check this figure.', 'Agreed.', 'Say "citizens".', 'Fine by me.');

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('type' as const), copy, at, text: typed }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), copy, at, length }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('format' as const), copy, at, length, format: fc.constantFrom('bold' as const, 'italic' as const) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('split' as const), copy, at }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('join' as const), copy, block: small, how: fc.constantFrom('backspace' as const, 'direct' as const) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('blocks' as const),
      copy,
      block: small,
      count: fc.nat(2),
      to: fc.constantFrom('bullet' as const, 'number' as const, 'paragraph' as const, 'heading' as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('comment' as const), copy, at, length, text: remark }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reply' as const), copy, thread: small, text: remark }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), copy, thread: small, resolved: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit-comment' as const), copy, thread: small, text: remark }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-comment' as const), copy, thread: small }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: copy, to: copy }) },
  {
    weight: 7,
    arbitrary: fc.record({
      kind: fc.constant('suggest' as const),
      copy,
      at,
      length,
      what: fc.constantFrom<SuggestWhat>('insert', 'insert', 'delete', 'replace', 'format', 'split', 'split', 'join', 'join', 'paste'),
      text: typed,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('decide' as const), copy, decision: fc.constantFrom<Decision>('accepted', 'rejected', 'withdrawn'), pick: small }),
  },
);

const initialBlock: fc.Arbitrary<InitialBlock> = fc.record({
  kind: fc.constantFrom('paragraph' as const, 'paragraph' as const, 'bullet' as const, 'number' as const, 'heading' as const),
  words,
});

const scenario = fc.record({
  copies: fc.integer({ min: 3, max: 4 }),
  initial: fc.array(initialBlock, { minLength: 1, maxLength: 5 }),
  ops: fc.array(op, { minLength: 4, maxLength: 60 }),
  caret: fc.boolean(),
  mergeSeed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

// ── One run ─────────────────────────────────────────────────────────────────────────────────

function run(s: Scenario, policy: Policy, stats: Totals): void {
  const base = newMessage('blank', 'Budget speech');
  const state = initialState(base, s.initial);
  const copies = Array.from({ length: s.copies }, (_, i) => new Copy(i, state));
  for (const c of copies) c.keepCaret = s.caret;
  const threads: StartedThread[] = [];
  // Every suggestion made, and every character its marks were ever on.
  const made = new Map<string, Set<string>>();
  const takenBack = new Set<string>();
  const ctx: MergeContext = { policy, stats, problems: [] };
  try {
    s.ops.forEach((o, step) => {
      if (o.kind === 'sync') {
        const [from, to] = [copies[o.from % s.copies], copies[o.to % s.copies]];
        if (from !== to) mergeInto(to, from, ctx, `step ${step}, ${from.index}->${to.index}`);
        return;
      }
      const target = copies[o.copy % s.copies];
      target.resetTracking();
      const before = o.kind === 'suggest' ? new Set(suggestionChars(target.doc).keys()) : null;
      const { allowed } = applyOp(target, o, step, threads);
      if (before) {
        const now = suggestionChars(target.doc);
        // A suggestion gone by a suggesting edit was the person's own, taken back (their own new
        // words deleted, their own format change turned back), as Word does without asking.
        for (const id of before) if (!now.has(id)) takenBack.add(id);
        for (const [id, chars] of now) {
          const seen = made.get(id) ?? new Set<string>();
          for (const c of chars) seen.add(c);
          made.set(id, seen);
        }
      }
      // An edit may rewrite (delete and re-create) only the blocks it touched: any other
      // deletion would take comment anchors off words nobody changed. An editor seen showing
      // something other than its document is excused: it writes what it shows.
      if (allowed && !target.diverged) {
        const outside = [...target.deletedHere].filter((id) => !allowed.has(id));
        expect(outside, `step ${step} (${o.kind}) deleted characters it did not touch`).toEqual([]);
      }
    });

    mergeAll(copies, prng(s.mergeSeed), ctx);
    // No merge made an editor rewrite text, and no fresh load wrote text to its document (it may
    // type marked words a merge left as plain text as marked words again: a format, not text).
    expect(ctx.problems).toEqual([]);

    // (a) The documents agree: content and threads.
    const content = copies.map((c) => canonicalContent(readContent(c.doc)));
    const threadViews = copies.map((c) => threadsKey(c.doc));
    for (const c of copies) {
      expect(content[c.index], `copy ${c.index}'s content`).toBe(content[0]);
      expect(threadViews[c.index], `copy ${c.index}'s threads`).toBe(threadViews[0]);
    }
    // No thread is lost, and none appears that nobody started.
    const kept = copies[0].doc.getMap('comments');
    expect(threads.filter((t) => !kept.has(t.id)).map((t) => t.quote)).toEqual([]);
    expect(listThreads(copies[0].doc).every((l) => threads.some((t) => t.id === l.id))).toBe(true);

    // The suggestions agree too, and none was applied or lost in silence: each made is open, or
    // decided (in the log), or taken back by its author, or its words were deleted (by an edit, or
    // a decision that moved them).
    const suggestionViews = copies.map((c) => JSON.stringify(listSuggestions(c.doc)));
    for (const c of copies) expect(suggestionViews[c.index], `copy ${c.index}'s suggestions`).toBe(suggestionViews[0]);
    const open = new Set(listSuggestions(copies[0].doc).map((x) => x.id));
    const decided = new Set(listDecisions(copies[0].doc).map((d) => d.id));
    for (const [id, chars] of made) {
      if (open.has(id) || decided.has(id) || takenBack.has(id) || anyDeleted(copies[0].doc, [...chars])) continue;
      expect.fail(`suggestion ${id} is neither open nor decided, and its words are all there: ${messageText(copies[0].doc)}`);
    }
    // Rejecting every open suggestion leaves the text as it stands (with none open, there is nothing to reject).
    if (open.size > 0) {
      const rejected = newMessageDoc();
      Y.applyUpdate(rejected, Y.encodeStateAsUpdate(copies[0].doc));
      decideSuggestions(rejected, 'all', 'rejected', PEOPLE[0]);
      expect(listSuggestions(rejected), 'suggestions left after rejecting all').toEqual([]);
      expect(messageDigest(rejected), 'the digest after rejecting every suggestion').toBe(messageDigest(copies[0].doc));
      rejected.destroy();
    }
    stats.suggestionsMade += made.size;
    stats.suggestionsOpen += open.size;

    // (b) A fresh editor on each copy shows exactly its document, in the same Lexical state.
    const fresh = copies.map((c) => freshLoad(c.doc));
    for (const c of copies) {
      expect(fresh[c.index].key, `a fresh editor on copy ${c.index} shows its document`).toBe(docKey(c.doc));
      expect(fresh[c.index].json, `copy ${c.index}'s fresh Lexical state`).toBe(fresh[0].json);
      expect(fresh[c.index].wroteText, `loading copy ${c.index} wrote text to it`).toBe(false);
    }

    // (c) A thread whose words nobody deleted is still on them: the quote's characters, in order,
    // from its first to its last (words typed inside the range join it).
    const placed = placeThreads(copies[0].doc);
    for (const thread of threads) {
      const p = placed.find((x) => x.thread.id === thread.id);
      if (!p || anyDeleted(copies[0].doc, thread.ids)) continue;
      expect(p.anchored, `thread on "${thread.quote}" lost its place`).toBe(true);
      expect(isSubsequence(thread.chars, p.text), `thread on "${thread.quote}" now reads "${p.text}"`).toBe(true);
      expect([p.text[0], p.text.at(-1)], `thread on "${thread.quote}" now reads "${p.text}"`).toEqual([thread.chars[0], thread.chars.at(-1)]);
    }
  } finally {
    for (const c of copies) c.dispose();
  }
}

// ── The properties ──────────────────────────────────────────────────────────────────────────

type Totals = Stats & { cases: number; suggestionsMade: number; suggestionsOpen: number };
const totals: Record<Policy, Totals> = {
  reload: { ...newStats(), cases: 0, suggestionsMade: 0, suggestionsOpen: 0 },
  incremental: { ...newStats(), cases: 0, suggestionsMade: 0, suggestionsOpen: 0 },
};

function check(policy: Policy): void {
  const stats = totals[policy];
  fc.assert(
    fc.property(scenario, (s) => {
      stats.cases += 1;
      run(s, policy, stats);
    }),
    { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: !!PATH },
  );
}

afterAll(() => {
  const rate = (n: number, of: number) => `${n}/${of} (${of ? ((100 * n) / of).toFixed(2) : '0.00'}%)`;
  for (const [policy, s] of Object.entries(totals)) {
    if (!s.cases) continue;
    console.log(
      [
        `merge property, ${policy} editors: ${s.cases} cases (seed ${SEED}), ${s.merges} merges into a copy`,
        `  suggestions made ${s.suggestionsMade}, still open at the end ${s.suggestionsOpen}`,
        `  live editor shows other content than its document after ${rate(s.contentDiverged, s.merges)} merges`,
        `  live editor threw while syncing ${rate(s.editorErrors, s.merges)} merges`,
        `  live editor's Lexical state differs from a fresh load after ${rate(s.jsonDiverged, s.merges)} merges`,
        `  the editor wrote to the document after ${rate(s.mergeWrites, s.merges)} merges: formatting after ${s.formatRewrites}, text after ${s.textRewrites}`,
        `  fresh loads that wrote to the document (never text): ${s.loadWrites}`,
        ...s.examples.map((e) => `  e.g. ${e}`),
        ...s.writeExamples.map((e) => `  e.g. ${e}`),
        ...s.jsonExamples.map((e) => `  e.g. ${e}`),
      ].join('\n'),
    );
  }
});

describe('merging copies of a message made offline', () => {
  // A long run (SIGNET_PROPERTY_RUNS) needs more than the suite's minute.
  const timeout = Math.max(60_000, RUNS * 500);

  it("converges with the app's policy: the editor is loaded afresh after each merge", () => {
    check('reload');
  }, timeout);

  it('converges in the document even when editors trust the incremental sync', () => {
    check('incremental');
  }, timeout);
});

// The smallest case the property found, kept as a test of patches/@lexical+yjs+0.52.0.patch in
// both builds of the library (the tests load LexicalYjs.dev.js, the app bundles .prod.js).
// Two reviewers each type into the same empty paragraph of their copies: each copy's paragraph
// gets its own XmlText, so the merged paragraph has two, which Lexical shows as one text node.
// Unpatched, each editor then rewrote the pair as one XmlText, moving the other's word (deleting
// it and typing it again): the comment on it lost its place, and once the two copies were merged
// again the word was there twice ("xxbb").
describe('@lexical/yjs as patched: adjacent texts from concurrent typing are left where they are', () => {
  for (const build of ['dev', 'prod'] as const) {
    it(`LexicalYjs.${build}.js keeps both words once, and the comment on one of them`, async () => {
      const file = resolve('node_modules/@lexical/yjs/dist', `LexicalYjs.${build}.js`);
      const yjs = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as typeof import('@lexical/yjs');
      const state = initialState(newMessage('blank', 'Budget speech'), [
        { kind: 'paragraph', words: ['Thank', 'you'] },
        { kind: 'paragraph', words: [] },
      ]);
      const copies = [0, 1].map((i) => {
        const doc = newMessageDoc();
        doc.clientID = 1000 + i;
        Y.applyUpdate(doc, state);
        return { doc, editor: editorWithBuild(yjs, doc) };
      });
      const [ann, ben] = copies;
      const typeInEmpty = (copy: (typeof copies)[number], text: string) =>
        copy.editor.update(() => ($getRoot().getChildAtIndex(1) as ElementNode).append($createTextNode(text)), { discrete: true });
      typeInEmpty(ann, 'xx');
      typeInEmpty(ben, 'b');
      const benText = textRoot(ben.doc).get(1) as Y.XmlElement;
      const word = benText.get(0) as Y.XmlText;
      createThread(ben.doc, {
        start: Y.createRelativePositionFromTypeIndex(word, 0, 0),
        end: Y.createRelativePositionFromTypeIndex(word, 1, -1),
        quote: 'b',
        text: 'Say "citizens".',
        author: PEOPLE[1],
      });

      // Both merge the other's copy at once, then once more to take in what that did.
      for (let round = 0; round < 2; round += 1) {
        const toBen = Y.encodeStateAsUpdate(ann.doc, Y.encodeStateVector(ben.doc));
        const toAnn = Y.encodeStateAsUpdate(ben.doc, Y.encodeStateVector(ann.doc));
        Y.applyUpdate(ben.doc, toBen);
        Y.applyUpdate(ann.doc, toAnn);
      }

      for (const { doc, editor } of copies) {
        expect(readContent(doc).blocks.map(blockText)).toEqual(['Thank you', 'xxb']);
        expect(editorKey(editor)).toBe(docKey(doc));
        const [placed] = placeThreads(doc);
        expect([placed.anchored, placed.text]).toEqual([true, 'b']);
      }
    });
  }
});
