// The review round's channels: saving a review copy for someone (noted in the message, after a
// version), and merging a copy sent back, which must be a copy of this message.
import { reviewSource, wordReviewSource } from '../../../shared/version-names';
import { basename, extname, resolve } from 'node:path';
import * as Y from 'yjs';
import { readMeta } from '../../../shared/document';
import { noteSentForReview } from '../../../shared/review';
import type { HandlersOf, ServiceContext } from '../context';
import { UserError } from '../errors';
import { createMessageFile } from '../files/message-store';
import { writeFileAtomic } from '../files/message-file';
import { makeWordCopy } from '../export/word-copy';
import { mergeWordFile } from './word-merge-handler';
import { CopyRefused, MergeRefused, checkCopy, copyDoc, hasNews, mergeCopy, readCopy } from './merge';

/** The origin of a merge's changes: written to the file and sent to the editor, never taken as typing. */
const MERGED = Symbol('merged');

export function reviewHandlers({ access, messages, withMessage, host, me }: ServiceContext): HandlersOf<'review.send' | 'review.merge'> {
  return {
    'review.send': async (path, { to, as }) =>
      withMessage(path, async (message) => {
        const found = messages.history(path);
        if (as === 'word') {
          const target = await host.chooseSaveLocation(`${readMeta(message.doc).title || basename(path, '.signet')} (for review).docx`);
          if (!target) return null;
          if (extname(target).toLowerCase() !== '.docx') throw new UserError('invalid-argument', `A Word copy is saved as a .docx file: ${basename(target)} is not named .docx.`);
          // Made before anything is recorded, so a copy that cannot be made or written leaves the message as it was.
          const copy = await makeWordCopy(message.doc);
          await writeFileAtomic(target, copy.bytes); // the person confirmed replacing an existing file in the save dialog
          await found.record('workflow', { name: `Sent to ${to} as a Word file`, source: wordReviewSource(to) });
          noteSentForReview(message.doc, { to, by: await me(), at: new Date().toISOString(), file: basename(target) });
          await message.flush();
          return { path: access.grant(target)! };
        }
        const target = await host.chooseSaveLocation(`${readMeta(message.doc).title || basename(path, '.signet')} (for review).signet`);
        if (!target) return null;
        if (resolve(target) === resolve(path)) throw new UserError('forbidden', 'Choose another name or place: the review copy cannot replace the message itself.');
        const by = await me();
        await found.record('workflow', { name: `Sent for review to ${to}`, source: reviewSource(to) });
        noteSentForReview(message.doc, { to, by, at: new Date().toISOString(), file: basename(target) });
        await message.flush();
        // The person confirmed replacing an existing file in the save dialog.
        await createMessageFile(target, message.doc, true);
        return { path: access.grant(target)! };
      }),
    'review.merge': async (path, other) => {
      const message = messages.opened(path);
      const found = messages.history(path);
      const chosen = other ? await access.allowed(other) : access.grant(await (host.chooseCopyToMerge ?? host.chooseMessageToOpen)());
      if (!chosen) return null;
      if (resolve(chosen) === resolve(path)) throw new UserError('invalid-argument', 'That is this message itself; choose a copy of it (a review copy sent back).');
      if (extname(chosen).toLowerCase() === '.docx') return mergeWordFile(message, chosen);
      const copy = copyDoc(await readCopy(chosen)); // a damaged copy is refused here, nothing changed
      try {
        checkCopy(message.doc, copy); // before the version below: a refused copy leaves the file as it was
        if (hasNews(message.doc, copy)) await found.record('before-merge');
        const before = Y.encodeStateVector(message.doc);
        const summary = mergeCopy(message.doc, copy, MERGED);
        await message.flush();
        return { file: basename(chosen), summary, update: Y.encodeStateAsUpdate(message.doc, before) };
      } catch (error) {
        throw error instanceof MergeRefused || error instanceof CopyRefused ? new UserError('invalid-argument', `${basename(chosen)} was not merged: ${error.message}`) : error;
      } finally {
        copy.destroy();
      }
    },
  };
}
