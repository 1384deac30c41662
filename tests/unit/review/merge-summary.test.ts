// The merge summary as mergeCopy works it out (the roster without the digest, the update decoded
// once for the guard and for who wrote it) against the slow path it replaced, step for step: the
// roster from messageState, Y.parseUpdateMeta of the update, a full attributed comparison. Each
// case merges the same copy into two clones of the message, one each way, and the two summaries,
// texts and refusals must be the same: plain edits, deletions, moved paragraphs, suggestions made
// and closed, comments, versions, a reviewer's copy, forged records, hostile copies and random
// edits from several people.
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newMessage } from '../../../electron/services/library/library';
import { checkKept, checkSameMessage, incomingUpdate, mergeCopy, type MergeSummary } from '../../../electron/services/review/merge';
import { readContent } from '../../../shared/document';
import { attribution, compareContent, listVersions, recordVersion, type Person } from '../../../shared/history';
import {
  decideSuggestions,
  mendMergedMarks,
  guardReviewerCopy,
  listDecisions,
  listSuggestions,
  listThreads,
  randomSuggestionId,
  reply,
  stateOf,
} from '../../../shared/review';
import { appendRecord, changeRoster, messageState, newRecord, signerFromSecretKey, storedRecords } from '../../../shared/signoff';
import { $replace, copyOf, openSession, seen, type Session } from '../../helpers/history';
import { commentOn, editAs } from '../../helpers/review';
import { ADA, BEN as REVIEWER, round } from '../../helpers/reviewer-copy';
import { suggestDelete, suggester, suggestType } from '../../helpers/suggesting';

const ANN: Person = { name: 'Ann Lee', title: 'Speechwriter' };
const BEN: Person = { name: 'Ben Ode', title: 'Policy adviser' };
const CAT: Person = { name: 'Cat Ruiz', title: 'Press officer' };

/** The summary the slow way, on a clone of `doc`: what mergeCopy did before it was made faster. */
function slowSummary(doc: Y.Doc, copy: Y.Doc): MergeSummary {
  const mine = copyOf(doc);
  checkSameMessage(mine, copy);
  const incoming = incomingUpdate(mine, copy);
  checkKept(mine, incoming);
  const guarded = guardReviewerCopy(mine, copy, incoming, messageState(mine).roster, randomSuggestionId);
  if (guarded.refused !== null) throw new Error(guarded.refused);
  const content = readContent(mine, { origins: true });
  const [threads, versions, records] = [listThreads(mine), new Set(listVersions(mine).map((v) => v.id)), storedRecords(mine).length];
  const [suggestions, decisions] = [new Set(listSuggestions(mine).map((s) => s.id)), listDecisions(mine).length];
  const sides = guarded.reviewer ? null : [stateOf(mine), stateOf(copy)];
  let changed = false;
  mine.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.deleteSet.clients.size > 0 || [...tr.afterState].some(([client, clock]) => tr.beforeState.get(client) !== clock)) changed = true;
  });
  Y.applyUpdate(mine, guarded.update);
  if (sides) mendMergedMarks(mine, sides);
  if (!changed) return { nothingNew: true } as MergeSummary;
  const who = attribution(mine);
  const people: Person[] = [];
  const add = (p: Person | undefined) => {
    if (p?.name && !people.some((q) => q.name === p.name && q.title === p.title)) people.push({ name: p.name, title: p.title });
  };
  const comparison = compareContent(content, readContent(mine, { origins: true }), who);
  for (const block of comparison.blocks) for (const run of block.runs) if (run.change !== 'same' && run.by !== undefined) add(comparison.people[run.by]);
  for (const client of Y.parseUpdateMeta(guarded.update).to.keys()) add(who.people[who.insertedBy(client) ?? -1]);
  const known = new Map(threads.map((t) => [t.id, new Set(t.comments.map((c) => c.id))]));
  let [newThreads, newReplies] = [0, 0];
  for (const thread of listThreads(mine)) {
    const had = known.get(thread.id);
    if (!had) newThreads += 1;
    thread.comments.forEach((c, i) => {
      if (c.deleted || had?.has(c.id)) return;
      if (had || i > 0) newReplies += 1;
      add(c.author);
    });
  }
  const open = listSuggestions(mine);
  const fresh = open.filter((s) => !suggestions.has(s.id));
  for (const s of fresh) add(s.author);
  const closed = [...suggestions].filter((id) => !open.some((s) => s.id === id));
  const logged = new Set(listDecisions(mine).slice(decisions).map((d) => d.id));
  return {
    nothingNew: false,
    wordsAdded: comparison.summary.wordsAdded,
    wordsRemoved: comparison.summary.wordsRemoved,
    paragraphsChanged: comparison.summary.paragraphsChanged,
    newThreads,
    newReplies,
    newVersions: listVersions(mine).filter((v) => !versions.has(v.id)).length,
    newRecords: storedRecords(mine).length - records,
    newSuggestions: fresh.length,
    closedSuggestions: closed.length,
    closedUnlogged: closed.filter((id) => !logged.has(id)).length,
    ...(guarded.reviewer && guarded.changes ? { reviewerCopy: { reviewer: guarded.reviewer.name, ...guarded.changes } } : {}),
    people,
  };
}

/** Merges `copy` into a clone of `doc` both ways; they must say the same and end with the same text. */
function sameBothWays(doc: Y.Doc, copy: Y.Doc): MergeSummary {
  let slow: MergeSummary | Error;
  try {
    slow = slowSummary(doc, copy);
  } catch (error) {
    slow = error as Error;
  }
  const mine = copyOf(doc);
  const state = Y.encodeStateAsUpdate(mine);
  if (slow instanceof Error) {
    expect(() => mergeCopy(mine, copy)).toThrow(slow.message);
    expect(Buffer.from(Y.encodeStateAsUpdate(mine)).equals(Buffer.from(state))).toBe(true);
    return null as unknown as MergeSummary;
  }
  const fast = mergeCopy(mine, copy);
  if (slow.nothingNew) expect(fast.nothingNew).toBe(true);
  else expect(fast).toEqual(slow);
  const again = copyOf(doc);
  Y.applyUpdate(again, Y.encodeStateAsUpdate(mine));
  expect(seen(again)).toBe(seen(mine));
  return fast;
}

/** Ann's three paragraphs, a thread of hers and a version. */
function draft(): Y.Doc {
  const doc = newMessage('blank', 'Budget speech');
  editAs(doc, ANN, (s) => s.write(['Friends, the budget is balanced.'], ['We will build schools and clinics.'], ['Thank you.']));
  commentOn(doc, 'balanced', 'Is it, though?', ANN);
  recordVersion(doc, { kind: 'named', author: ANN, name: 'Draft' });
  return doc;
}

describe('the merge summary is the one the full attributed comparison gives', () => {
  it('for words changed, a paragraph added, a reply, a thread and a version', () => {
    const doc = draft();
    const ben = copyOf(doc);
    editAs(ben, BEN, (s) => s.edit(() => $replace('schools and clinics', 'new schools')));
    commentOn(ben, 'budget', 'Say which year.', BEN);
    reply(ben, listThreads(ben)[0]!.id, CAT, 'Yes, the figures add up.');
    recordVersion(ben, { kind: 'named', author: BEN, name: 'Ben’s review' });
    editAs(ben, CAT, (s) => s.write(['Friends, the budget is balanced.'], ['We will build new schools.'], ['Thank you.'], ['Happy new year to all of you.']));
    expect(sameBothWays(doc, ben)).toMatchObject({ wordsAdded: 9, wordsRemoved: 3, newThreads: 1, newReplies: 1, newVersions: 1 });
  });

  it('for a copy whose only writer typed a word and took it back (named from the update alone)', () => {
    const doc = draft();
    const ben = copyOf(doc);
    const text = [['Friends, the budget is balanced.'], ['We will build schools and clinics.'], ['Thank you.']];
    editAs(ben, BEN, (s) => {
      s.write(...text, ['Maybe.']);
      s.write(...text);
    });
    expect(sameBothWays(doc, ben)).toMatchObject({ wordsAdded: 0, wordsRemoved: 0, people: [BEN] });
  });

  it('for copies that leave the text alone: a thread and a reply, a version, a record', () => {
    const doc = draft();
    const talk = copyOf(doc);
    commentOn(talk, 'schools', 'Which ones?', CAT);
    reply(talk, listThreads(talk)[0]!.id, BEN, 'All of them.');
    recordVersion(talk, { kind: 'named', author: CAT, name: 'Read' });
    expect(sameBothWays(doc, talk)).toMatchObject({ wordsAdded: 0, newThreads: 1, newReplies: 1, newVersions: 1, people: [CAT, BEN] });
    const owner = signerFromSecretKey(ed25519.utils.randomSecretKey());
    const roster = copyOf(doc);
    changeRoster(roster, owner, [{ publicKey: owner.publicKey, name: ANN.name, titles: [ANN.title], organisation: '', email: '', roles: ['owner', 'author'] }]);
    expect(sameBothWays(doc, roster)).toMatchObject({ wordsAdded: 0, wordsRemoved: 0, paragraphsChanged: 0, newRecords: 1 });
    const retitled = copyOf(doc);
    retitled.getMap('meta').set('title', 'Budget speech, final');
    sameBothWays(doc, retitled);
  });

  it('for deletions and a moved paragraph, each way round', () => {
    const doc = draft();
    const cat = copyOf(doc);
    editAs(cat, CAT, (s) => s.write(['Thank you.'], ['Friends, the budget is balanced.']));
    const summary = sameBothWays(doc, cat);
    expect(summary.wordsRemoved).toBeGreaterThan(0);
    sameBothWays(cat, doc);
  });

  it('for suggestions made, and suggestions closed with and without a decision logged', () => {
    const session = openSession(newMessage('blank', 'Bridge'));
    session.write(['We will finish the bridge by June and report back to the council.'], ['Thank you.']);
    suggestType(session, suggester(BEN), 'by June', 'in the first half of the year');
    suggestDelete(session, suggester(CAT), 'back');
    const doc = session.doc;
    const talk = copyOf(doc);
    commentOn(talk, 'Thank', 'Warmer?', ANN);
    expect(sameBothWays(doc, talk)).toMatchObject({ newSuggestions: 0, closedSuggestions: 0, newThreads: 1 });
    const made = openSession(copyOf(doc));
    suggestType(made, suggester(CAT), 'Thank you', ' all', 'after');
    sameBothWays(doc, made.doc);
    const decided = copyOf(doc);
    decideSuggestions(decided, new Set([listSuggestions(decided)[0]!.id]), 'accepted', ANN);
    expect(sameBothWays(doc, decided)).toMatchObject({ closedSuggestions: 1, closedUnlogged: 0 });
    const rejected = copyOf(doc);
    decideSuggestions(rejected, new Set(listSuggestions(rejected).map((s) => s.id)), 'rejected', ANN);
    sameBothWays(decided, rejected);
  });

  it("for a reviewer's copy, made into the reviewer's suggestions", () => {
    const { doc, copy } = round();
    const session = openSession(copy);
    session.edit(() => $replace('by June', 'by July'));
    const summary = sameBothWays(doc, session.doc);
    expect(summary.reviewerCopy?.reviewer).toBe(REVIEWER.name);
    expect(summary.people.map((p) => p.name)).toContain(REVIEWER.name);
    expect(ADA.name).not.toBe(REVIEWER.name);
  });

  it('for hostile copies: forged records come in (and verify as nothing), deletions of what is kept are refused alike', () => {
    const doc = draft();
    const owner = signerFromSecretKey(ed25519.utils.randomSecretKey());
    changeRoster(doc, owner, [{ publicKey: owner.publicKey, name: ANN.name, titles: [ANN.title], organisation: '', email: '', roles: ['owner', 'author'] }]);
    const forger = signerFromSecretKey(ed25519.utils.randomSecretKey());
    const forged = copyOf(doc);
    appendRecord(forged, newRecord(forged, forger, { kind: 'roster', members: [{ publicKey: forger.publicKey, name: ANN.name, titles: [], organisation: '', email: '', roles: ['owner'] }] }));
    editAs(forged, { name: ANN.name, title: ANN.title }, (s) => s.edit(() => $replace('balanced', 'in surplus')));
    expect(sameBothWays(doc, forged)).toMatchObject({ newRecords: 1, wordsAdded: 2, wordsRemoved: 1 });
    const wiper = copyOf(doc);
    wiper.transact(() => {
      wiper.getMap('comments').clear();
      wiper.getArray('records').delete(0, 1);
    });
    editAs(wiper, BEN, (s) => s.write(['Nothing to see.']));
    expect(sameBothWays(doc, wiper)).toBeNull();
    const other = newMessage('blank', 'Budget speech');
    expect(sameBothWays(doc, other)).toBeNull();
    expect(sameBothWays(doc, copyOf(doc)).nothingNew).toBe(true);
  });

  it('for random edits by three people in two copies, merged into each other', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const words = ['the', 'city', 'thanks', 'you', 'for', 'patience', 'année', '新年'];
    const typeSome = (session: Session, n: number) => {
      for (let k = 0; k < n; k += 1) {
        const text = openParagraphs(session);
        const at = Math.floor(random() * text.length);
        const para = [...text[at]];
        const pos = Math.floor(random() * (para.length + 1));
        const del = random() < 0.4 ? Math.min(para.length - pos, 1 + Math.floor(random() * 8)) : 0;
        para.splice(pos, del, ...(random() < 0.7 ? `${words[Math.floor(random() * words.length)]} ` : ''));
        text[at] = para.join('');
        if (random() < 0.1) text.splice(at + 1, 0, 'A new paragraph here.');
        if (random() < 0.05 && text.length > 1) text.splice(at, 1);
        session.write(...text.map((t) => [t]));
      }
    };
    const doc = draft();
    for (let merge = 0; merge < 4; merge += 1) {
      const [left, right] = [copyOf(doc), copyOf(doc)];
      editAs(left, [ANN, BEN, CAT][merge % 3], (s) => typeSome(s, 5));
      editAs(right, [CAT, ANN, BEN][merge % 3], (s) => typeSome(s, 5));
      const longest = readContent(right).blocks.map((b) => b.runs.map((r) => r.text).join('')).sort((x, y) => y.length - x.length)[0]!;
      if (merge % 2 && longest.length > 4) commentOn(right, longest.slice(0, 4), `Note ${merge}`, CAT);
      sameBothWays(left, right);
      sameBothWays(right, left);
      mergeCopy(doc, left);
      mergeCopy(doc, right);
    }
  });
});

const openParagraphs = (session: Session): string[] => readContent(session.doc).blocks.map((b) => b.runs.map((r) => r.text).join(''));
