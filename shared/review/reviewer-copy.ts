// The guard on a reviewer's copy sent back. A copy cannot prove who edited it, but a review copy
// says whom it was sent to (the review round noted in it, which the message noted as it sent it),
// and a reviewer may only suggest and withdraw their own suggestions. So in a copy held by a
// reviewer, everything the copy does to the words is read character by character (Yjs items:
// which characters it added, which it deleted, which marks and formats it set) and made into
// what the reviewer was allowed to do:
// - words typed or deleted outside suggestions, and formats changed, become the reviewer's own
//   insertion, deletion or format suggestion (deleted words are put back, marked for deletion);
// - someone else's suggestion the copy accepted or rejected (its marks gone, its words kept or
//   deleted) is put back as it was, under its own id and author: it stays open;
// - a suggestion the copy names someone else as the author of is made the reviewer's (a new id).
// What cannot be made so is refused whole, before anything is applied: decisions logged in the copy
// that its reviewer could not make, and any change left to the text as it stands (paragraphs
// added or removed, a new title).
import * as Y from 'yjs';
import { bringsCharacters, messageDigest, parseSuggestionMark, storedSuggestionMark, SUGGESTION_ATTRIBUTE, SUGGESTION_TEXT, textRoot, type Person, type StoredSuggestionMark, type SuggestionMark } from '../document';
import type { RosterMember } from '../signoff';
import { mendMergedMarks, heldIn, stateOf, textsOf, type DocState } from './merged-marks';
import { listReviewsSent, type ReviewSent } from './rounds';
import { listDecisions, type DecisionEntry } from './suggestions';

/** What the guard made of a reviewer's copy. */
export interface ReviewerCopyChanges {
  /** Suggestions by others the copy accepted or rejected, kept open. */
  reopened: number;
  /** The reviewer's edits outside suggestions, brought in as their suggestions. */
  editsAsSuggestions: number;
  /** Suggestions the copy gave to someone else, now the reviewer's. */
  reattributed: number;
}

const roundKey = (r: ReviewSent) => JSON.stringify([r.to, r.at, r.file, r.by.name]);

/**
 * Whose review copy `copy` is: the person the latest review round that this message noted, and
 * the copy holds, was sent to. Rounds a copy adds itself are not counted (anyone can add one),
 * nor Word rounds (those come back as Word files). Null when it is no review copy of this message.
 */
export function reviewCopyHolder(doc: Y.Doc, copy: Y.Doc): string | null {
  const held = new Set(listReviewsSent(copy).map(roundKey));
  const rounds = listReviewsSent(doc).filter((r) => held.has(roundKey(r)) && !r.file.toLowerCase().endsWith('.docx'));
  return rounds.length ? rounds[rounds.length - 1].to : null;
}

/**
 * The holder as a reviewer to guard, or null when they may decide: as whyCannotDecide says, a
 * message with no roster yet is its writer's alone; once it has one, only its authors and owners
 * decide (anyone else, on it or not, only suggests).
 */
export function guardedReviewer(roster: readonly RosterMember[], name: string | null): Person | null {
  if (name === null || !roster.length) return null;
  const member = roster.find((m) => m.name === name);
  if (member?.roles.some((r) => r === 'owner' || r === 'author')) return null;
  return { name, title: member?.titles[0] ?? '' };
}

/**
 * The decisions `copy` logs that `doc` lacks and that `reviewer` could not have made: any
 * acceptance or rejection, anything logged in another person's name, and withdrawals of
 * another person's suggestions. The log is kept for ever, so such a copy is refused, not mended.
 */
export function decisionsNotTheirs(doc: Y.Doc, copy: Y.Doc, reviewer: Person): DecisionEntry[] {
  const known = new Set(listDecisions(doc).map((d) => JSON.stringify(d)));
  return listDecisions(copy).filter(
    (d) => !known.has(JSON.stringify(d)) && (d.decision !== 'withdrawn' || d.by.name !== reviewer.name || d.author?.name !== reviewer.name),
  );
}

/** What the copy's update did to one run of characters (one Yjs item). */
interface Piece {
  /** Where it stands now, as an index into its Y.XmlText. */
  index: number;
  length: number;
  text: string;
  /** Its attributes before the update, or null when it was not in the text then; after, or null when deleted. */
  before: Attributes | null;
  after: Attributes | null;
}

type Attributes = Record<string, unknown>;

/** One XmlText's characters, each item with its attributes before and after (as Y.Text builds its delta). */
function pieces(text: Y.XmlText, before: DocState): Piece[] {
  const out: Piece[] = [];
  let then: Attributes = {};
  let now: Attributes = {};
  let index = 0;
  for (let item = text._start; item; item = item.right) {
    const was = heldIn(item, before);
    const is = !item.deleted;
    if (item.content instanceof Y.ContentFormat) {
      const { key, value } = item.content;
      if (was) then = withAttribute(then, key, value);
      if (is) now = withAttribute(now, key, value);
    } else if (item.content instanceof Y.ContentString) {
      if (was || is) out.push({ index, length: item.length, text: item.content.str, before: was ? then : null, after: is ? now : null });
    }
    if (is && item.countable) index += item.length;
  }
  return out;
}

function withAttribute(attributes: Attributes, key: string, value: unknown): Attributes {
  const next = { ...attributes };
  if (value === null) delete next[key];
  else next[key] = value;
  return next;
}

const markKeys = (a: Attributes) => Object.keys(a).filter((k) => k.startsWith(SUGGESTION_ATTRIBUTE));
const markAt = (a: Attributes, key: string): SuggestionMark | null => {
  const mark = parseSuggestionMark(a[key]);
  return mark && key === SUGGESTION_ATTRIBUTE + mark.id ? mark : null;
};
const marksIn = (a: Attributes) => markKeys(a).flatMap((k) => markAt(a, k) ?? []);
const formatOf = (a: Attributes) => {
  const f = (a.p as { __format?: unknown } | undefined)?.__format;
  return typeof f === 'number' ? f : 0;
};
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A change to make to one XmlText, at an index as the text stands after the update. */
type Mend = { index: number; insert: string; attributes: Attributes } | { index: number; length: number; format: Attributes };

class Mender {
  readonly changes: ReviewerCopyChanges = { reopened: 0, editsAsSuggestions: 0, reattributed: 0 };
  private readonly reopened = new Set<string>();
  private readonly renamed = new Map<string, string>();
  /** The id of the reviewer's suggestion the current stretch of direct edits makes, if any. */
  private stretch: string | null = null;
  /** In the text being mended, the reviewer's own insertion that came onto words already there, and those words. */
  private adopted: { key: string; mark: SuggestionMark; text: string } | null = null;

  constructor(
    private readonly reviewer: Person,
    private readonly newId: () => string,
    private readonly at: string,
  ) {}

  private mine = (mark: SuggestionMark) => mark.author.name === this.reviewer.name;

  private mark(kind: SuggestionMark['kind'], extra: Partial<SuggestionMark> = {}): [string, StoredSuggestionMark] {
    if (this.stretch === null) {
      this.stretch = this.newId();
      this.changes.editsAsSuggestions += 1;
    }
    const mark: SuggestionMark = { id: this.stretch, kind, author: { ...this.reviewer }, at: this.at, ...extra };
    return [SUGGESTION_ATTRIBUTE + mark.id, storedSuggestionMark(mark)];
  }

  private reopen(id: string): void {
    if (this.reopened.has(id)) return;
    this.reopened.add(id);
    this.changes.reopened += 1;
  }

  /** Someone else's mark, made the reviewer's: one new id for each id it had. */
  private reattribute(mark: SuggestionMark): [string, StoredSuggestionMark] {
    let id = this.renamed.get(mark.id);
    if (!id) {
      this.renamed.set(mark.id, (id = this.newId()));
      this.changes.reattributed += 1;
    }
    return [SUGGESTION_ATTRIBUTE + id, storedSuggestionMark({ ...mark, id, author: { ...this.reviewer } })];
  }

  /**
   * Starts on one XmlText. Typing next to a word that ends the same way as the typed words (a space
   * before " over the river") can leave Yjs holding the old space inside the new insertion and the
   * typed space outside it: the same characters, on other items. Such an insertion is noted so that
   * mendKept takes it off the old words and mendAdded puts it on the typed ones.
   */
  begin(pieces: readonly Piece[]): void {
    this.adopted = null;
    for (const p of pieces) {
      const [own] = p.before && p.after ? this.swallowing(p.before, p.after) : [];
      if (!own) continue;
      this.adopted ??= { key: SUGGESTION_ATTRIBUTE + own.id, mark: own, text: '' };
      if (this.adopted.mark.id === own.id) this.adopted.text += p.text;
    }
  }

  /** The reviewer's own insertion marks that came onto words that were in the text as it stood. */
  private swallowing(before: Attributes, after: Attributes): SuggestionMark[] {
    if (marksIn(before).some((m) => bringsCharacters(m.kind))) return [];
    return marksIn(after).filter((m) => !(SUGGESTION_ATTRIBUTE + m.id in before) && this.mine(m) && bringsCharacters(m.kind));
  }

  /** The changes that make one piece what the reviewer could do; the stretch of direct edits goes on or ends. */
  mend(piece: Piece): Mend[] {
    const { before, after } = piece;
    if (before && after) return this.mendKept(piece, before, after);
    if (before) return this.mendDeleted(piece, before);
    if (after) return this.mendAdded(piece, after);
    return [];
  }

  /** Words that were there and still are: marks taken off or added, formats changed. */
  private mendKept(piece: Piece, before: Attributes, after: Attributes): Mend[] {
    this.stretch = null;
    const format: Attributes = {};
    for (const key of markKeys(before)) {
      // The same mark, whichever form stores it (see StoredSuggestionMark), is unchanged.
      if (same(markAt(before, key) ?? before[key], markAt(after, key) ?? after[key])) continue;
      const mark = markAt(before, key);
      // Withdrawing one's own deletion or format change leaves the words as they were: allowed.
      const withdrawn = !!mark && this.mine(mark) && (mark.kind === 'delete' || (mark.kind === 'format' && formatOf(after) === (mark.before ?? 0)));
      if (withdrawn || !mark) continue;
      this.reopen(mark.id);
      Object.assign(format, { [key]: before[key], t: before.t ?? null, p: before.p ?? null });
    }
    for (const key of markKeys(after)) {
      const mark = markAt(after, key);
      if (key in before || !mark || this.mine(mark) || bringsCharacters(mark.kind)) continue;
      const [mine, value] = this.reattribute(mark);
      Object.assign(format, { [key]: null, [mine]: value });
    }
    // Words that stood, under the reviewer's own insertion: they stay as they stood (see begin).
    for (const m of this.swallowing(before, after)) Object.assign(format, { [SUGGESTION_ATTRIBUTE + m.id]: null, t: before.t ?? null });
    const formatted = marksIn({ ...after, ...format }).some((m) => m.kind === 'format');
    if (!formatted && !('p' in format) && formatOf(before) !== formatOf(after)) {
      const [key, mark] = this.mark('format', { before: formatOf(before), toggled: formatOf(before) ^ formatOf(after) });
      Object.assign(format, { [key]: mark, t: SUGGESTION_TEXT });
      this.stretch = null;
    }
    return Object.keys(format).length ? [{ index: piece.index, length: piece.length, format }] : [];
  }

  /** Words the copy deleted: put back, as the open suggestion they were in, or marked as the reviewer's deletion. */
  private mendDeleted(piece: Piece, before: Attributes): Mend[] {
    const marks = marksIn(before);
    const brought = marks.filter((m) => bringsCharacters(m.kind));
    if (brought.length) {
      this.stretch = null;
      // Rejecting one's own insertion is withdrawing it.
      if (brought.every(this.mine)) return [];
      for (const m of brought) this.reopen(m.id);
      return [{ index: piece.index, insert: piece.text, attributes: before }];
    }
    const deletions = marks.filter((m) => m.kind === 'delete');
    if (deletions.length) {
      this.stretch = null;
      for (const m of deletions) this.reopen(m.id);
      return [{ index: piece.index, insert: piece.text, attributes: before }];
    }
    const [key, mark] = this.mark('delete');
    return [{ index: piece.index, insert: piece.text, attributes: { ...before, t: SUGGESTION_TEXT, [key]: mark } }];
  }

  /** Words the copy added: a suggestion's (the reviewer's, or made so), or typed outside suggestions. */
  private mendAdded(piece: Piece, after: Attributes): Mend[] {
    const marks = marksIn(after);
    if (marks.some((m) => bringsCharacters(m.kind))) {
      this.stretch = null;
      const format: Attributes = {};
      for (const mark of marks) {
        if (this.mine(mark)) continue;
        const [mine, value] = this.reattribute(mark);
        Object.assign(format, { [SUGGESTION_ATTRIBUTE + mark.id]: null, [mine]: value });
      }
      return Object.keys(format).length ? [{ index: piece.index, length: piece.length, format }] : [];
    }
    const adopted = this.adopted?.text.includes(piece.text) ? this.adopted : null;
    const [key, mark] = adopted ? [adopted.key, storedSuggestionMark(adopted.mark)] : this.mark('insert');
    return [{ index: piece.index, length: piece.length, format: { t: SUGGESTION_TEXT, [key]: mark } }];
  }
}

/**
 * Makes what a reviewer's copy did to `doc`'s words (the update applied since `before`) into what
 * the reviewer may do, as changes to `doc`. Returns what it made of it, and whether the text as it
 * stands is then what it was (`digest` is the digest before the update); if not, the copy changed
 * something no suggestion can say, and the caller refuses it.
 */
export function mendReviewerCopy(doc: Y.Doc, before: DocState, digest: string, reviewer: Person, newId: () => string, at = new Date()): { changes: ReviewerCopyChanges; asItStood: boolean } {
  const mender = new Mender(reviewer, newId, at.toISOString());
  doc.transact(() => {
    for (const text of textsOf(textRoot(doc))) {
      const all = pieces(text, before);
      mender.begin(all);
      const mends = all.flatMap((p) => mender.mend(p));
      // Last first: a change leaves the indexes of those before it as they were.
      for (const m of mends.reverse()) {
        if ('insert' in m) text.insert(m.index, m.insert, { ...m.attributes });
        else text.format(m.index, m.length, m.format);
      }
    }
  });
  return { changes: mender.changes, asItStood: messageDigest(doc) === digest };
}

// ── Merging a copy ──────────────────────────────────────────────────────────────────────────────

export type GuardedCopy =
  | { refused: null; update: Uint8Array; reviewer: Person | null; changes: ReviewerCopyChanges | null }
  | { refused: string; reviewer: Person };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The update to merge from `copy` (`update`, what it has that `doc` lacks): as it is, unless the
 * copy is a review copy held by someone who may not decide (`roster` says who may); then mended
 * into what that reviewer may do, on a copy of `doc`, or refused in words (`doc` is never changed).
 */
export function guardReviewerCopy(doc: Y.Doc, copy: Y.Doc, update: Uint8Array, roster: readonly RosterMember[], newId: () => string): GuardedCopy {
  const reviewer = guardedReviewer(roster, reviewCopyHolder(doc, copy));
  if (!reviewer) return { refused: null, update, reviewer: null, changes: null };
  const notTheirs = decisionsNotTheirs(doc, copy, reviewer);
  if (notTheirs.length) {
    const names = [...new Set(notTheirs.map((d) => d.by.name))].join(', ');
    return {
      reviewer,
      refused: `is ${reviewer.name}'s review copy, and logs ${plural(notTheirs.length, 'decision', 'decisions')} on suggestions as made by ${names}, which a reviewer cannot make (only the author or owner accepts or rejects, and a reviewer withdraws only their own)`,
    };
  }
  const probe = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
    const before = stateOf(probe);
    Y.applyUpdate(probe, update);
    mendMergedMarks(probe, [before, stateOf(copy)]);
    const { changes, asItStood } = mendReviewerCopy(probe, before, messageDigest(doc), reviewer, newId);
    if (!asItStood) {
      return {
        reviewer,
        refused: `is ${reviewer.name}'s review copy, and changes the title or the paragraphs themselves outside suggestions, which a reviewer cannot do and which cannot be brought in as suggestions`,
      };
    }
    return { refused: null, update: Y.encodeStateAsUpdate(probe, Y.encodeStateVector(doc)), reviewer, changes };
  } finally {
    probe.destroy();
  }
}
