// `signet merge FILE review.docx [-o OUT]`: a Word review sent back, merged as the app's "Merge a
// copy…" merges it (services/review/word-merge.ts): its changes and comments come in as
// suggestions and threads. A .docx not sent from this message, or not a Word file, is refused
// with its reason (exit 2) before a byte is written.
import { basename } from 'node:path';
import type * as Y from 'yjs';
import { WordFileError } from '../services/document/word-package';
import { alive } from '../services/files/lock';
import { removeAbandonedTemps } from '../services/files/message-file';
import { mergeWordReview, WordReviewRefused, type WordMergeSummary } from '../services/review/word-merge';
import { CliError, EXIT, usageError } from './errors';
import { checkOutput, loadMessage, lockMessage, readInput, writeLocked, writeMessage } from './files';
import type { CommandArgs, Io } from './types';

const plural = (n: number, word: string) => `${n} ${n === 1 ? word : `${word}s`}`;

/** "From Ben Okafor's Word review: 5 suggestions, 3 comments". */
export function describeWordMerge(summary: WordMergeSummary): string {
  const left = summary.leftOut ? ` (${summary.leftOut} on words changed since it was sent, or on new paragraphs, left out)` : '';
  const signed = summary.broughtIn.map((b) => {
    const what = [b.changes && plural(b.changes, 'change'), b.comments && plural(b.comments, 'comment')].filter(Boolean).join(' and ');
    return `; ${what} signed "${b.signed}" in Word brought in as ${summary.from}'s`;
  });
  const paragraphs = summary.paragraphChanges?.length
    ? `; ${plural(summary.paragraphChanges.length, 'tracked paragraph change')} not brought in (a suggestion cannot change a paragraph's kind yet): ${summary.paragraphChanges.map((c) => `"${c.words}" ${c.change}`).join(', ')}`
    : '';
  if (!summary.suggestions && !summary.comments) return `From ${summary.from}'s Word review: nothing new${left}${paragraphs}`;
  return `From ${summary.from}'s Word review: ${plural(summary.suggestions, 'suggestion')}, ${plural(summary.comments, 'comment')}${signed.join('')}${left}${paragraphs}`;
}

export async function mergeWordFile(args: CommandArgs, io: Io, path: string, others: string[]): Promise<number> {
  if (others.length !== 1) throw usageError('a Word review is merged on its own: give FILE and one .docx');
  const review = others[0]!;
  const out = args.string('output');
  const force = args.flag('force');
  if (out !== undefined) await checkOutput(out, force, [path, review]);
  const bytes = await readInput(review);
  const release = out === undefined ? await lockMessage(path) : null;
  let target: Y.Doc | null = null;
  try {
    if (release) await removeAbandonedTemps(path, alive).catch(() => 0);
    target = (await loadMessage(path, io.err)).doc;
    let summary: WordMergeSummary;
    try {
      summary = await mergeWordReview(target, bytes, basename(review));
    } catch (error) {
      if (!(error instanceof WordReviewRefused) && !(error instanceof WordFileError)) throw error;
      throw new CliError(`${review}: ${error.message}${error instanceof WordFileError ? '; nothing was merged' : ''}; ${out === undefined ? `${path} is as it was` : `${out} was not written`}`, EXIT.usage);
    }
    io.out(describeWordMerge(summary));
    if (out !== undefined) await writeMessage(out, target, force);
    else if (summary.suggestions || summary.comments) await writeLocked(path, target, true);
    return EXIT.ok;
  } finally {
    target?.destroy();
    await release?.();
  }
}
