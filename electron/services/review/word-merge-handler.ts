// "Merge a copy…" given a Word review (.docx): read within the Word size cap, merged into the open
// message as suggestions and threads (word-merge.ts), written to its file; a refused file changes nothing.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as Y from 'yjs';
import { UserError } from '../errors';
import { MAX_WORD_BYTES, WordFileError } from '../document/word-package';
import { readRegularFile } from '../files/regular-file';
import type { OpenMessage } from '../files/message-store';
import { mergeSummaryOf, mergeWordReview, WordReviewRefused } from './word-merge';

export async function mergeWordFile(message: OpenMessage, chosen: string) {
  const file = basename(chosen);
  if ((await stat(chosen)).size > MAX_WORD_BYTES) throw new UserError('invalid-argument', `${file} was not merged: it is over ${MAX_WORD_BYTES / 1024 / 1024} MB.`);
  const bytes = await readRegularFile(chosen);
  const before = Y.encodeStateVector(message.doc);
  try {
    const word = await mergeWordReview(message.doc, bytes, file);
    await message.flush();
    return { file, summary: mergeSummaryOf(word), update: Y.encodeStateAsUpdate(message.doc, before), word };
  } catch (error) {
    if (error instanceof WordReviewRefused || error instanceof WordFileError) throw new UserError('invalid-argument', `${file} was not merged: ${error.message}`);
    throw error;
  }
}
