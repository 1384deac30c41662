// Review rounds noted in the message: who a review copy was sent to, by whom and when. The note
// travels in the document, so the merged copies say it too.
import * as Y from 'yjs';
import type { Person } from '../document';

export const REVIEWS = 'reviews';

export interface ReviewSent {
  to: string;
  by: Person;
  at: string;
  /** The file name of the copy (not its folder, which says nothing to anyone else). */
  file: string;
}

export function noteSentForReview(doc: Y.Doc, sent: ReviewSent): void {
  doc.getArray<ReviewSent>(REVIEWS).push([{ to: sent.to, by: { name: sent.by.name, title: sent.by.title }, at: sent.at, file: sent.file }]);
}

/** Every review round noted, oldest first; malformed entries are skipped. */
export function listReviewsSent(doc: Y.Doc): ReviewSent[] {
  return doc
    .getArray<unknown>(REVIEWS)
    .toArray()
    .filter((r): r is ReviewSent => {
      const x = r as ReviewSent;
      return !!x && typeof x.to === 'string' && typeof x.at === 'string' && typeof x.file === 'string' && typeof x.by?.name === 'string';
    });
}
