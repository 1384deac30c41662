// The text lock: while a message is in review or signed, the editor may not change its text or
// title (comments stay open). An editor update is inspected before it is applied, so a locked
// message is never changed and then put back.
import * as Y from 'yjs';
import { META, messageDigest, TEXT_ROOT, updateEffect, type Place } from '../../../shared/document';
import { listSuggestions, othersSuggestionTouched } from '../../../shared/review';
import { messageState, observeRecords, type RosterMember } from '../../../shared/signoff';
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
  /** The roster in force, by public key. */
  roster: Map<string, RosterMember>;
}

/** Whether a member may change the text itself (owners and authors); everyone else comments and suggests. */
export const editsText = (member: RosterMember): boolean => member.roles.some((r) => r === 'owner' || r === 'author');

export class TextLock {
  private readonly locks = new WeakMap<Y.Doc, Lock>();
  private readonly watched = new WeakSet<Y.Doc>();

  /**
   * `checked` tells the changes that went through this lock's guards (the editor's, by default; a
   * live server's connections): only other changes (a merge, a step, a rename) can change the
   * roster or end a review without a new record, so only they make the cached lock be recomputed.
   */
  constructor(private readonly checked: (origin: unknown) => boolean = (origin) => origin === FROM_EDITOR) {}

  /**
   * Whether the message's text is locked (in review, or signed). Cached per document: recomputed
   * only after its records change or a change that did not come through the guards, not on every
   * keystroke.
   */
  textLocked(doc: Y.Doc): boolean {
    return this.lock(doc).locked;
  }

  /** The member of the roster in force whose key this is, if any (cached as the lock is). */
  member(doc: Y.Doc, publicKey: string): RosterMember | undefined {
    return this.lock(doc).roster.get(publicKey);
  }

  private watch(doc: Y.Doc): void {
    if (this.watched.has(doc)) return;
    this.watched.add(doc);
    const forget = () => void this.locks.delete(doc);
    observeRecords(doc, forget);
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (!this.checked(origin)) forget();
    });
    doc.on('destroy', () => this.locks.delete(doc));
  }

  private lock(doc: Y.Doc): Lock {
    this.watch(doc);
    let lock = this.locks.get(doc);
    if (lock === undefined) {
      const now = messageState(doc);
      const reviewers = now.roster.filter((m) => m.roles.includes('reviewer') && !editsText(m));
      const roster = new Map(now.roster.map((m) => [m.publicKey, m]));
      this.locks.set(doc, (lock = { locked: now.textLocked, reviewers: new Map(reviewers.map((m) => [m.publicKey, m.name])), roster }));
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
    if (name !== undefined) guardSuggestionsOnly(doc, update, name);
  }

  /**
   * A live server's check of one member's change: a key no longer on the roster changes nothing,
   * locked text stays as it is, and whoever neither owns nor writes the message (a reviewer, an
   * approver, a signatory) only comments and suggests, as guardReviewerUpdate holds a reviewer to.
   */
  guardMemberUpdate(doc: Y.Doc, update: Uint8Array, publicKey: string): void {
    const member = this.member(doc, publicKey);
    if (!member) throw new UserError('forbidden', NOT_ON_ROSTER);
    this.guardEditorUpdate(doc, update);
    if (!editsText(member)) guardSuggestionsOnly(doc, update, member.name);
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

export const NOT_ON_ROSTER = 'Your key is not on this message\'s roster (any more): ask its owner to add you. This change was not applied.';

/** Refuses a change by `name` that edits the text instead of suggesting (see guardReviewerUpdate). */
function guardSuggestionsOnly(doc: Y.Doc, update: Uint8Array, name: string): void {
  if (!touchesText(doc, update)) return;
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
