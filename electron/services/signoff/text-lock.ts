// The text lock: while a message is in review or signed, the editor may not change its text or
// title (comments stay open). An editor update is inspected before it is applied, so a locked
// message is never changed and then put back.
import * as Y from 'yjs';
import { META, messageDigest, TEXT_ROOT, updateEffect, type Place } from '../../../shared/document';
import { listSuggestions, othersSuggestionTouched } from '../../../shared/review';
import { messageState, observeRecords } from '../../../shared/signoff';
import { UserError } from '../errors';
import { FROM_EDITOR } from '../files/message-store';

export const TEXT_LOCKED = 'The text is locked while the message is in review (comments are still open).';
const SIGNED_LOCKED = 'The text is locked: the message is signed. Start a new revision to change it (comments are still open).';

export const REVIEWER_ONLY_OWN = (name: string) =>
  `As a reviewer of this message you may withdraw your own suggestions, not decide ${name}'s: the author accepts or rejects them. This change was not applied.`;

export const REVIEWER_ONLY_SUGGESTS =
  'As a reviewer of this message you can suggest changes, not make them: switch to Suggesting. This change was not applied.';

interface Lock {
  locked: boolean;
  /** The public keys of roster members who review it and neither own nor write it, and their names. */
  reviewers: Map<string, string>;
}

export class TextLock {
  private readonly locks = new WeakMap<Y.Doc, Lock>();
  private readonly watched = new WeakSet<Y.Doc>();

  /**
   * Whether the message's text is locked (in review, or signed). Cached per document: recomputed
   * only after its records change or a change that did not come from the editor (a merge, a step,
   * a rename), not on every keystroke.
   */
  textLocked(doc: Y.Doc): boolean {
    if (!this.watched.has(doc)) {
      this.watched.add(doc);
      const forget = () => void this.locks.delete(doc);
      observeRecords(doc, forget);
      doc.on('update', (_update: Uint8Array, origin: unknown) => {
        if (origin !== FROM_EDITOR) forget();
      });
      doc.on('destroy', () => this.locks.delete(doc));
    }
    return this.lock(doc).locked;
  }

  private lock(doc: Y.Doc): Lock {
    let lock = this.locks.get(doc);
    if (lock === undefined) {
      const now = messageState(doc);
      const reviewers = now.roster.filter((m) => m.roles.includes('reviewer') && !m.roles.some((r) => r === 'owner' || r === 'author'));
      this.locks.set(doc, (lock = { locked: now.textLocked, reviewers: new Map(reviewers.map((m) => [m.publicKey, m.name])) }));
    }
    return lock;
  }

  /**
   * Refuses a reviewer's editor change that edits the text instead of suggesting: a suggestion
   * (made, extended or withdrawn) leaves the text as it stands, so its digest, unchanged; anything
   * else (typing outside Suggesting, accepting or rejecting) changes it. Rejecting someone else's
   * suggestion leaves the text as it stands too, so the open suggestions of everyone else must
   * also be as they were: a reviewer withdraws only their own. Only a reviewer's changes to the
   * text pay for the check, on a copy of the document.
   */
  guardReviewerUpdate(doc: Y.Doc, update: Uint8Array, publicKey: string | null): void {
    const name = publicKey ? this.lock(doc).reviewers.get(publicKey) : undefined;
    if (name === undefined || !touchesText(doc, update)) return;
    const probe = new Y.Doc({ gc: false });
    try {
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
      Y.applyUpdate(probe, update);
      if (messageDigest(probe) !== messageDigest(doc)) throw new UserError('forbidden', REVIEWER_ONLY_SUGGESTS);
      const touched = othersSuggestionTouched(listSuggestions(doc), listSuggestions(probe), name);
      if (touched) throw new UserError('forbidden', REVIEWER_ONLY_OWN(touched.author.name));
    } finally {
      probe.destroy();
    }
  }

  /** Refuses an editor change that would change the text or title of a locked message; comments pass. */
  guardEditorUpdate(doc: Y.Doc, update: Uint8Array): void {
    if (this.textLocked(doc) && touchesText(doc, update)) throw new UserError('read-only', this.lockReason(doc));
  }

  /** Refuses a new title while the text is locked: the digest that approvals and signatures name covers it. */
  guardTitle(doc: Y.Doc): void {
    if (this.textLocked(doc)) throw new UserError('read-only', this.lockReason(doc).replace('The text is', 'The title is'));
  }

  private lockReason(doc: Y.Doc): string {
    return messageState(doc).closed ? SIGNED_LOCKED : TEXT_LOCKED;
  }
}

// ── What an update touches ──────────────────────────────────────────────────────────────────

const isText = (place: Place | null): boolean => !place || place.root === TEXT_ROOT || (place.root === META && place.key === 'title');

/**
 * Whether applying `update` to `doc` would change what the content digest covers: the text (the
 * root the editor binds, at any depth) or the title. Decided without applying it (updateEffect); an
 * item that cannot be placed counts as text, so a doubtful update is refused, never let through.
 */
export function touchesText(doc: Y.Doc, update: Uint8Array): boolean {
  const effect = updateEffect(doc, update);
  return effect.added.some((a) => isText(a.place)) || effect.deleted.some((d) => isText(d.place));
}
