// Merging another copy of a message (a review copy sent back, a file from a shared drive) into
// this one. The message's Yjs document holds everything that travels (text, comments, versions,
// who wrote what), so the merge itself is one Yjs update: whatever order copies arrive in, and
// however often, every copy ends the same. What this adds is the refusal of a different message
// and a summary of what came in and from whom.
import * as Y from 'yjs';
import { describeKeptChanges, mendMergedMarks, guardReviewerCopy, stateOf, keptChanges, listDecisions, listThreads, randomSuggestionId, type GuardedCopy, type Thread, listSuggestions } from '../../../shared/review';
import { compareContent, attribution, listVersions, type Attribution, type Person } from '../../../shared/history';
import { readContent, newMessageDoc, readMeta, touchesRoot, updateEffect, TEXT_ROOT, type MessageContent, type UpdateEffect } from '../../../shared/document';
import { rosterInForce, storedRecords } from '../../../shared/signoff';
import type { MergeSummary } from '../../../shared/ipc';
import { readMessageFile } from '../files/message-file';

export type { MergeSummary };

/** A copy of a different message: merging it would mix two messages into one. */
export class MergeRefused extends Error {
  constructor(
    readonly title: string,
    readonly copyTitle: string,
  ) {
    super(`"${copyTitle || 'Untitled'}" is a different message from "${title || 'Untitled'}"; only copies of the same message can be merged.`);
    this.name = 'MergeRefused';
  }
}

/** A copy that would delete or overwrite what the message keeps for ever (versions, comments, records…). */
export class CopyRefused extends Error {
  constructor(readonly what: string) {
    super(`This copy ${what}; nothing was merged.`);
    this.name = 'CopyRefused';
  }
}

/**
 * Throws CopyRefused when applying `update` (from a copy) to `doc` would delete or overwrite what
 * the message keeps; decided before anything is applied, so a refused copy changes nothing.
 */
export function checkKept(doc: Y.Doc, update: Uint8Array, effect?: UpdateEffect): void {
  const found = keptChanges(doc, update, effect);
  if (found) throw new CopyRefused(describeKeptChanges(found));
}

/** Throws MergeRefused or CopyRefused, changing nothing, unless `copy` may be merged into `doc`. */
export function checkCopy(doc: Y.Doc, copy: Y.Doc): void {
  checkSameMessage(doc, copy);
  const update = incomingUpdate(doc, copy);
  checkKept(doc, update);
  reviewerUpdate(doc, copy, update);
}

/**
 * The update to apply from `copy`: for a reviewer's review copy, what the reviewer may do (their
 * direct edits as their suggestions, others' suggestions they closed kept open); throws
 * CopyRefused, changing nothing, for one that cannot be made so (shared/review/reviewer-copy.ts).
 */
export function reviewerUpdate(doc: Y.Doc, copy: Y.Doc, update: Uint8Array): Extract<GuardedCopy, { refused: null }> {
  const guarded = guardReviewerCopy(doc, copy, update, rosterInForce(doc), randomSuggestionId);
  if (guarded.refused !== null) throw new CopyRefused(guarded.refused);
  return guarded;
}

/**
 * Reads another copy's .signet file, as its whole state. A damaged file throws MessageFileError
 * (with the file and byte offset) and nothing is changed; a torn last record is left out, as
 * opening the copy would, but the copy's file itself is never written.
 */
export async function readCopy(path: string): Promise<Uint8Array> {
  const { doc } = await readMessageFile(path);
  try {
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** A copy's state (as readCopy gives it) as a document to merge. */
export function copyDoc(state: Uint8Array): Y.Doc {
  const doc = newMessageDoc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** Throws MergeRefused unless `copy` is a copy of the same message as `doc`. */
export function checkSameMessage(doc: Y.Doc, copy: Y.Doc): void {
  const [mine, theirs] = [readMeta(doc), readMeta(copy)];
  // A message without an id cannot be told apart from another, so it is never taken for this one.
  if (!mine.id || mine.id !== theirs.id) throw new MergeRefused(mine.title, theirs.title);
}

/** What `copy` has that `doc` lacks, as one Yjs update (its whole delete set included, as Yjs sends it). */
export const incomingUpdate = (doc: Y.Doc, copy: Y.Doc): Uint8Array => Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc));

/**
 * Whether merging `copy` would change `doc`: changes it lacks, or deletions of text it still
 * shows. For a caller that records a version before a merge only when the merge does something.
 */
export function hasNews(doc: Y.Doc, copy: Y.Doc): boolean {
  const update = incomingUpdate(doc, copy);
  if (Y.parseUpdateMeta(update).to.size > 0) return true;
  // Only deletions could be new: building the document's own delete set is the costly part, so last.
  return !Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}

/**
 * Merges `copy` into `doc` (with `origin` as the transaction's origin, so that an open message
 * writes it to its file and sends it to the editor) and says what came in. Throws MergeRefused,
 * changing nothing, when `copy` is a different message, and CopyRefused when it would delete or
 * overwrite what the message keeps.
 */
export function mergeCopy(doc: Y.Doc, copy: Y.Doc, origin?: unknown): MergeSummary {
  checkSameMessage(doc, copy);
  const incoming = incomingUpdate(doc, copy);
  const effect = updateEffect(doc, incoming);
  checkKept(doc, incoming, effect);
  const { update, reviewer, changes } = reviewerUpdate(doc, copy, incoming);
  // A reviewer's copy comes in rewritten, by other clients than the copy's own.
  const writers = update === incoming ? effect.writers : Y.parseUpdateMeta(update).to.keys();
  const reviewerCopy = reviewer && changes ? { reviewerCopy: { reviewer: reviewer.name, ...changes } } : {};
  // Comparing the text is most of what a summary costs; a copy that adds and deletes nothing in it
  // (comments, records, versions only) cannot change what the comparison or the suggestions say.
  const textTouched = update !== incoming || touchesRoot(effect, TEXT_ROOT);
  const suggestionsBefore = listSuggestions(doc);
  const before = {
    content: textTouched ? readContent(doc, { origins: true }) : null,
    threads: listThreads(doc),
    versions: new Set(listVersions(doc).map((v) => v.id)),
    records: storedRecords(doc).length,
    suggestions: new Set(suggestionsBefore.map((s) => s.id)),
    decisions: listDecisions(doc).length,
  };

  let changed = false;
  const watch = (tr: Y.Transaction) => {
    if (tr.deleteSet.clients.size > 0 || [...tr.afterState].some(([client, clock]) => tr.beforeState.get(client) !== clock)) changed = true;
  };
  // A reviewer's copy is mended on a scratch copy, inherited marks included (guardReviewerCopy).
  const sides = reviewer ? null : [stateOf(doc), stateOf(copy)];
  doc.on('afterTransaction', watch);
  try {
    Y.applyUpdate(doc, update, origin);
    if (sides) mendMergedMarks(doc, sides, origin);
  } finally {
    doc.off('afterTransaction', watch);
  }
  if (!changed) return { nothingNew: true, wordsAdded: 0, wordsRemoved: 0, paragraphsChanged: 0, newThreads: 0, newReplies: 0, newVersions: 0, newRecords: 0, newSuggestions: 0, closedSuggestions: 0, closedUnlogged: 0, people: [] };

  const who = attribution(doc);
  const people = new PeopleSeen();
  const text = textChanges(before.content, doc, who, people);
  for (const client of writers) {
    const index = who.insertedBy(client);
    if (index !== undefined) people.add(who.people[index]);
  }
  const { threads, replies } = newComments(before.threads, listThreads(doc), people);
  const open = textTouched ? listSuggestions(doc) : suggestionsBefore;
  const suggestions = open.filter((s) => !before.suggestions.has(s.id));
  for (const s of suggestions) people.add(s.author);
  // Suggestions the copy closed, and those of them its new log entries do not account for.
  const stillOpen = new Set(open.map((s) => s.id));
  const closed = [...before.suggestions].filter((id) => !stillOpen.has(id));
  const logged = new Set(listDecisions(doc).slice(before.decisions).map((d) => d.id));
  return {
    nothingNew: false,
    ...text,
    newThreads: threads,
    newReplies: replies,
    newVersions: listVersions(doc).filter((v) => !before.versions.has(v.id)).length,
    // Records are only ever appended (checkKept refuses anything else), so the difference in length is what came in.
    newRecords: storedRecords(doc).length - before.records,
    newSuggestions: suggestions.length,
    closedSuggestions: closed.length,
    closedUnlogged: closed.filter((id) => !logged.has(id)).length,
    ...reviewerCopy,
    people: people.list,
  };
}

/** Words and paragraphs changed since `before` (none when it was not read: the text was not touched); who changed them joins `people`. */
function textChanges(before: MessageContent | null, doc: Y.Doc, who: Attribution, people: PeopleSeen): Pick<MergeSummary, 'wordsAdded' | 'wordsRemoved' | 'paragraphsChanged'> {
  if (!before) return { wordsAdded: 0, wordsRemoved: 0, paragraphsChanged: 0 };
  const comparison = compareContent(before, readContent(doc, { origins: true }), who);
  for (const block of comparison.blocks) for (const run of block.runs) if (run.change !== 'same' && run.by !== undefined) people.add(comparison.people[run.by]);
  const { wordsAdded, wordsRemoved, paragraphsChanged } = comparison.summary;
  return { wordsAdded, wordsRemoved, paragraphsChanged };
}

/** Threads and replies in `after` that `before` lacked, by id; their authors join `people`. */
function newComments(before: Thread[], after: Thread[], people: PeopleSeen): { threads: number; replies: number } {
  const known = new Map(before.map((t) => [t.id, new Set(t.comments.map((c) => c.id))]));
  let threads = 0;
  let replies = 0;
  for (const thread of after) {
    const seen = known.get(thread.id);
    if (!seen) threads += 1;
    thread.comments.forEach((comment, i) => {
      if (comment.deleted || seen?.has(comment.id)) return;
      if (seen || i > 0) replies += 1;
      people.add(comment.author);
    });
  }
  return { threads, replies };
}

/** People in the order first seen, each once; nameless entries are left out. */
class PeopleSeen {
  readonly list: Person[] = [];
  private readonly keys = new Set<string>();

  add(person: Person | undefined): void {
    if (!person?.name) return;
    const key = `${person.name}\u0000${person.title}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.list.push({ name: person.name, title: person.title });
  }
}
