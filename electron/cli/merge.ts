// `signet merge FILE OTHER... [-o OUT]`: merges other copies of a message into it, as the app's
// "Merge a copy…" does. Every copy is read and checked before a byte is written, so a damaged copy
// or a copy of another message leaves FILE exactly as it was. FILE is written under its lock, in
// one atomic rewrite (as the app's compaction writes it), after a 'before-merge' version.
import { basename, extname } from 'node:path';
import { mergeWordFile } from './word-merge';
import type * as Y from 'yjs';
import { recordVersion, type Person } from '../../shared/history';
import { versionAuthor } from './author';
import { alive } from '../services/files/lock';
import { wantsVersion } from '../services/history/history';
import { checkCopy, CopyRefused, hasNews, mergeCopy, MergeRefused, type MergeSummary } from '../services/review/merge';
import { MessageFileError, removeAbandonedTemps } from '../services/files/message-file';
import { EXIT, usageError } from './errors';
import { checkOutput, loadMessage, lockMessage, writeLocked, writeMessage } from './files';
import type { CommandArgs, Io } from './types';

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** One line: what came in from `copy`, and from whom. `into` is FILE, or the new OUT with the FILE it starts from. */
export function describeMerge(copy: string, into: { name: string; from?: string }, summary: MergeSummary): string {
  if (summary.nothingNew) return `${copy}: nothing new; everything in it is in ${into.from ?? into.name} already`;
  const parts = [summary.wordsAdded || summary.wordsRemoved ? `${plural(summary.wordsAdded, 'word')} added, ${summary.wordsRemoved} removed` : 'no words changed'];
  if (summary.newThreads) parts.push(plural(summary.newThreads, 'new comment'));
  if (summary.newReplies) parts.push(plural(summary.newReplies, 'reply', 'replies'));
  if (summary.newSuggestions) parts.push(plural(summary.newSuggestions, 'suggestion'));
  if (summary.closedSuggestions) {
    const unlogged = summary.closedUnlogged ? ` (${summary.closedUnlogged} with no decision logged)` : '';
    parts.push(`${plural(summary.closedSuggestions, 'open suggestion')} accepted, rejected or withdrawn${unlogged}`);
  }
  parts.push(...reviewerCopyParts(summary));
  if (summary.newVersions) parts.push(plural(summary.newVersions, 'version'));
  if (summary.newRecords) parts.push(plural(summary.newRecords, 'sign-off record'));
  const from = summary.people.map((p) => (p.title ? `${p.name} (${p.title})` : p.name));
  return `merged ${copy} into ${into.name}: ${parts.join(', ')}${from.length ? `; from ${from.join(', ')}` : ''}`;
}

/** What the merge made of a reviewer's copy (shared/review/reviewer-copy.ts), in words; nothing for any other copy. */
function reviewerCopyParts({ reviewerCopy: r }: MergeSummary): string[] {
  if (!r) return [];
  const parts: string[] = [];
  if (r.editsAsSuggestions) parts.push(`${plural(r.editsAsSuggestions, 'direct edit')} by ${r.reviewer} brought in as ${r.reviewer}'s ${r.editsAsSuggestions === 1 ? 'suggestion' : 'suggestions'}, not as accepted text`);
  if (r.reopened) parts.push(`${plural(r.reopened, 'suggestion')} the copy accepted or rejected kept open (${r.reviewer} is a reviewer: only the author or owner decides)`);
  if (r.reattributed) parts.push(`${plural(r.reattributed, 'suggestion')} made in another person's name shown as ${r.reviewer}'s, whose copy it is`);
  return parts;
}

/** Reads every copy and checks it is one of `target`'s message; says why each refused one was. */
async function readCopies(target: Y.Doc, paths: string[], io: Io): Promise<{ copies: { path: string; doc: Y.Doc }[]; refused: string[] }> {
  const copies: { path: string; doc: Y.Doc }[] = [];
  const refused: string[] = [];
  for (const path of paths) {
    try {
      const { doc } = await loadMessage(path, io.err);
      copies.push({ path, doc }); // before the check, so that a refused copy is destroyed with the rest
      checkCopy(target, doc);
    } catch (error) {
      // MessageFileError's message names the file and the byte; MergeRefused's names both titles.
      if (error instanceof MessageFileError) refused.push(`${error.message}; it is damaged`);
      else if (error instanceof MergeRefused) refused.push(`${path}: ${error.message}`);
      else if (error instanceof CopyRefused) refused.push(`${path}: this copy ${error.what}`);
      else {
        for (const copy of copies) copy.doc.destroy();
        throw error;
      }
    }
  }
  return { copies, refused };
}

/** Merges each copy into `doc`, a 'before-merge' version first where it brings anything; one line each. */
function mergeAll(doc: Y.Doc, copies: { path: string; doc: Y.Doc }[], into: { name: string; from?: string }, author: { person: Person; whose: string }, io: Io): boolean {
  let changed = false;
  for (const copy of copies) {
    if (hasNews(doc, copy.doc) && wantsVersion(doc, 'before-merge')) {
      recordVersion(doc, { kind: 'before-merge', author: author.person, source: basename(copy.path) });
      io.out(`recorded a "before-merge" version by ${author.whose}`);
    }
    const summary = mergeCopy(doc, copy.doc);
    changed ||= !summary.nothingNew;
    io.out(describeMerge(copy.path, into, summary));
  }
  return changed;
}

export async function merge(args: CommandArgs, io: Io): Promise<number> {
  const path = args.operand('FILE');
  const others = args.operands('OTHER');
  const out = args.string('output');
  const force = args.flag('force');
  if (force && out === undefined) throw usageError('--force goes with -o OUT; FILE itself is merged into, never replaced');
  if (others.some((o) => extname(o).toLowerCase() === '.docx')) return mergeWordFile(args, io, path, others);
  if (out !== undefined) await checkOutput(out, force, [path, ...others]);
  const author = await versionAuthor(args);
  // In place, the lock comes before the read, as when the app opens a message: read first, and
  // Signet could write the file in between and this would write over that.
  const release = out === undefined ? await lockMessage(path) : null;
  let target: Y.Doc | null = null;
  let copies: { path: string; doc: Y.Doc }[] = [];
  try {
    if (release) await removeAbandonedTemps(path, alive).catch(() => 0);
    target = (await loadMessage(path, io.err)).doc;
    const read = await readCopies(target, others, io);
    copies = read.copies;
    if (read.refused.length) {
      for (const line of read.refused) io.err(`signet merge: ${line}`);
      io.err(`signet merge: nothing was merged; ${out === undefined ? `${path} is as it was` : `${out} was not written`}`);
      return EXIT.damaged;
    }
    let changed: boolean;
    try {
      changed = mergeAll(target, copies, out === undefined ? { name: path } : { name: out, from: path }, author, io);
    } catch (error) {
      // A later copy may undo what an earlier one brought: checked again as each is merged, in memory.
      if (!(error instanceof CopyRefused)) throw error;
      io.err(`signet merge: a copy ${error.what}`);
      io.err(`signet merge: nothing was merged; ${out === undefined ? `${path} is as it was` : `${out} was not written`}`);
      return EXIT.damaged;
    }
    if (out !== undefined) await writeMessage(out, target, force);
    else if (changed) await writeLocked(path, target, true);
    return EXIT.ok;
  } finally {
    for (const copy of copies) copy.doc.destroy();
    target?.destroy();
    await release?.();
  }
}
