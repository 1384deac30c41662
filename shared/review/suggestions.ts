// Suggestions: changes a reviewer proposes in place (shared/document/suggestion-node.ts), listed in
// document order, and decided by the author. A suggestion is open for as long as its marks are in
// the text; accepting or rejecting is a plain edit of the tree (the marks go, the words stay or go),
// so it merges, saves and undoes like any other edit. Who decided what, and when, is appended to a
// log that travels with the message.
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $createParagraphNode, $createTextNode, $getNodeByKey, $getRoot, $getSelection, $isElementNode, $isParagraphNode, $isRangeSelection, $isRootOrShadowRoot, $isTextNode, type ElementNode, type LexicalEditor, type NodeKey, type TextNode } from 'lexical';
import * as Y from 'yjs';
import {
  $allMarksOf,
  bringsCharacters,
  $isSuggestionNode,
  $marksOf,
  $removeMark,
  createDetachedEditor,
  FORMAT_NAMES,
  formatChangeOf,
  formatOnceDecided,
  marksOfAttributes,
  TEXT_ROOT,
  type Person,
  type ParagraphKind,
  type SuggestionMark,
} from '../document';
import type { RosterMember } from '../signoff';
import { $blockOf, $textBlockBeside } from './suggest';

/** A replace is a deletion and an insertion that share one id. */
export type SuggestionChange = 'insert' | 'delete' | 'replace' | 'format' | 'split' | 'join';

export interface Suggestion {
  id: string;
  change: SuggestionChange;
  author: Person;
  at: string;
  /** The words it would take out (a deletion's, a replace's old words) or reformat. */
  deleted: string;
  /** The words it would put in (a line break where it would also split the paragraph). */
  inserted: string;
  /** A split: the words of the paragraph, as it stands, just before where it would split. */
  after?: string;
  /** A format change: the format bits before, and as proposed. */
  formatBefore?: number;
  formatAfter?: number;
  /**
   * What its splits make the paragraphs beside them once accepted (a Word review's added heading),
   * in order. The card says so: a split could otherwise turn the author's own paragraph into a heading unseen.
   */
  paragraphKinds?: ParagraphKind[];
}

/** Withdrawn: taken back by the person who proposed it, which leaves the text as a rejection does. */
export type Decision = 'accepted' | 'rejected' | 'withdrawn';
export const DECISIONS: readonly Decision[] = ['accepted', 'rejected', 'withdrawn'];

// ── Reading them from the document ───────────────────────────────────────────────────────────

/** How many words as they stand before a proposed split its card quotes. */
const SPLIT_QUOTE = 40;

/** The open suggestions, in the order their first words stand in the text. */
export function listSuggestions(doc: Y.Doc): Suggestion[] {
  const found = new Map<string, Found>();
  // The text as it stands of the paragraph being read, up to here (what a split would follow).
  let tail = '';
  const visit = (el: Y.XmlElement) => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (!INLINE.has(child.nodeName)) tail = '';
        visit(child);
      } else if (child instanceof Y.XmlText) {
        for (const d of child.toDelta() as Delta[]) {
          if (typeof d.insert !== 'string') continue;
          const marks = marksOfAttributes(d.attributes);
          for (const mark of marks) note(found, mark, d, tail);
          if (!marks.some((m) => bringsCharacters(m.kind))) tail = (tail + d.insert).slice(-SPLIT_QUOTE);
        }
      }
    }
  };
  visit(doc.get(TEXT_ROOT, Y.XmlElement) as Y.XmlElement);
  return [...found.values()].map(({ kinds, ...s }) => ({ ...s, change: changeOf(kinds) }));
}

const INLINE = new Set(['link', 'autolink', 'linebreak']);

interface Delta {
  insert: unknown;
  attributes?: Record<string, unknown> & { p?: { __format?: unknown } };
}

type Found = Omit<Suggestion, 'change'> & { kinds: Set<SuggestionMark['kind']> };

/** What a suggestion does, from the kinds of its marks (new words with line breaks are still an insertion). */
function changeOf(kinds: Set<SuggestionMark['kind']>): SuggestionChange {
  if (kinds.has('insert') || kinds.has('delete')) return kinds.has('delete') ? (kinds.has('insert') ? 'replace' : 'delete') : 'insert';
  return kinds.has('format') ? 'format' : kinds.has('split') ? 'split' : 'join';
}

function note(found: Map<string, Found>, mark: SuggestionMark, d: Delta, tail: string): void {
  let s = found.get(mark.id);
  if (!s) found.set(mark.id, (s = { id: mark.id, kinds: new Set(), author: mark.author, at: mark.at, deleted: '', inserted: '' }));
  s.kinds.add(mark.kind);
  const words = d.insert as string;
  if (mark.kind === 'insert') s.inserted += words;
  else if (mark.kind === 'split') {
    s.inserted += '\n';
    s.after ??= tail;
    for (const kind of [mark.kindBefore, mark.kindAfter]) if (kind) (s.paragraphKinds ??= []).push(kind);
  } else if (mark.kind !== 'join') s.deleted += words;
  if (mark.kind === 'format') {
    const f = d.attributes?.p?.__format;
    const change = formatChangeOf(mark, typeof f === 'number' ? f : 0);
    s.formatBefore = change.before;
    s.formatAfter = change.after;
  }
}

// ── In words ──────────────────────────────────────────────────────────────────────────────────

const quoted = (words: string) => {
  const flat = words.replace(/\n/g, ' ¶ ');
  return `“${flat.length > 80 ? `${flat.slice(0, 79)}…` : flat}”`;
};

/** The end of the words before a split, as a card quotes them. */
export const splitQuote = (after: string): string => (after.length >= SPLIT_QUOTE ? `…${after.slice(-(SPLIT_QUOTE - 10)).trim()}` : after.trimEnd());

/** The names of the format bits set in `after` but not `before` ("bold"), and those cleared. */
function formatChange(before: number, after: number): { made: string[]; unmade: string[] } {
  const made: string[] = [];
  const unmade: string[] = [];
  FORMAT_NAMES.forEach((name, bit) => {
    const mask = 1 << bit;
    if (after & mask && !(before & mask)) made.push(name);
    if (before & mask && !(after & mask)) unmade.push(name);
  });
  return { made, unmade };
}

/** The names of paragraph kinds, as the editor's style menu gives them. */
export const PARAGRAPH_KIND_NAMES: Record<ParagraphKind, string> = {
  paragraph: 'Body text',
  h1: 'Heading 1',
  h2: 'Heading 2',
  h3: 'Heading 3',
  h4: 'Heading 4',
  h5: 'Heading 5',
  h6: 'Heading 6',
  quote: 'Quote',
};

/** "Replace “by June” with “in the first half of the year”", "Make “firm” bold"; and what its splits make the paragraphs. */
export function describeSuggestion(s: Suggestion): string {
  const what = describeChange(s);
  return s.paragraphKinds ? `${what}, making paragraphs ${s.paragraphKinds.map((k) => PARAGRAPH_KIND_NAMES[k]).join(', ')}` : what;
}

function describeChange(s: Suggestion): string {
  switch (s.change) {
    case 'insert':
      return `Insert ${quoted(s.inserted)}`;
    case 'delete':
      return `Delete ${quoted(s.deleted)}`;
    case 'replace':
      return `Replace ${quoted(s.deleted)} with ${quoted(s.inserted)}`;
    case 'split':
      return s.after ? `Split the paragraph after “${splitQuote(s.after)}”` : 'Split the paragraph at its start';
    case 'join':
      return 'Join the paragraphs';
    case 'format': {
      const { made, unmade } = formatChange(s.formatBefore ?? 0, s.formatAfter ?? 0);
      const parts = [...(made.length ? [made.join(' and ')] : []), ...(unmade.length ? [`not ${unmade.join(' or ')}`] : [])];
      return `Make ${quoted(s.deleted)} ${parts.join(', ') || 'plain'}`;
    }
  }
}

// ── Deciding them ─────────────────────────────────────────────────────────────────────────────

/** Text nodes with marks: marked words, and (after some merges) plain text that kept its marks. */
const $markedTexts = (): TextNode[] => $getRoot().getAllTextNodes().filter((n) => $isSuggestionNode(n) || (!!n.__state && $allMarksOf(n).length > 0));

/** The words become plain text again: the same characters, so they keep who wrote them. */
function $unmark(node: TextNode, format = node.getFormat()): void {
  if ($isSuggestionNode(node)) node.replace($createTextNode(node.getTextContent()).setFormat(format).setStyle(node.getStyle()));
  else node.setFormat(format);
}

/** Which suggestions to decide: these ids, all of them, or all of one person's. */
export type Which = ReadonlySet<string> | 'all' | { author: string };
const chosen = (which: Which, mark: SuggestionMark) => which === 'all' || (which instanceof Set ? which.has(mark.id) : mark.author.name === (which as { author: string }).author);

/** What deciding does to a text node after its marks are taken off: nothing more, or it goes (and a split or a join is made). */
type Outcome = null | 'remove' | 'split' | 'join';

/**
 * Decides the chosen marks on one text node: accepted, an insertion's words stay and a deletion's
 * go; rejected, the other way round; a rejected format change gives the bits it changed back as
 * they stand, an accepted one sets them as proposed; a paragraph mark goes either way, and accepted, the paragraph splits there or joins the
 * next. Returns what the caller does with the node once every node is unmarked.
 */
function $decideText(node: TextNode, which: Which, decision: Decision, decided: Set<string>, splits: Map<NodeKey, SuggestionMark>): Outcome {
  let outcome: Outcome = null;
  const counting = $marksOf(node);
  const deciding = counting.filter((m) => chosen(which, m));
  // All at once: each mark's own bits, whatever the order of the marks (see formatOnceDecided).
  const format = formatOnceDecided(node.getFormat(), counting, deciding, decision === 'accepted' ? 'accepted' : 'rejected');
  for (const mark of deciding) {
    decided.add(mark.id);
    $removeMark(node, mark.id);
    if (mark.kind === 'split' || mark.kind === 'join') outcome = decision === 'accepted' ? mark.kind : 'remove';
    if (mark.kind === 'split' && decision === 'accepted') splits.set(node.getKey(), mark);
    else if (decision === 'accepted' ? mark.kind === 'delete' : mark.kind === 'insert') outcome ??= 'remove';
    // Marks that did not count beside new characters would count once they are decided: they go with them.
    if (bringsCharacters(mark.kind)) for (const other of $allMarksOf(node)) if (!counting.some((c) => c.id === other.id)) $removeMark(node, other.id);
  }
  if (outcome) return outcome;
  if ($marksOf(node).length === 0) $unmark(node, format); // also words whose marks are not well formed: read as plain text, so they become so
  else node.setFormat(format);
  return null;
}

/** An accepted split: the paragraph breaks where its mark was (once for each mark the node holds); each side takes the kind the mark gives it, if any. */
function $splitAt(marker: TextNode, mark: SuggestionMark | undefined): void {
  const parent = marker.getParent();
  const index = marker.getIndexWithinParent();
  const times = marker.getTextContentSize();
  marker.remove();
  if (!parent) return;
  for (let k = 0; k < times; k += 1) {
    parent.select(index, index);
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  }
  const after = $getSelection();
  const next = $isRangeSelection(after) ? $blockOf(after.anchor.getNode()) : null;
  if (mark?.kindAfter && next && next !== parent) $setParagraphKind(next, mark.kindAfter);
  if (mark?.kindBefore && parent.isAttached()) $setParagraphKind(parent, mark.kindBefore);
}

/** A paragraph, heading or quote made another of those, its words and alignment kept (a list item or other block stays as it is). */
function $setParagraphKind(block: ElementNode, kind: ParagraphKind): void {
  const current = $isHeadingNode(block) ? block.getTag() : $isQuoteNode(block) ? 'quote' : $isParagraphNode(block) ? 'paragraph' : null;
  if (!current || current === kind) return;
  const made = kind === 'paragraph' ? $createParagraphNode() : kind === 'quote' ? $createQuoteNode() : $createHeadingNode(kind);
  made.setFormat(block.getFormatType()).setIndent(block.getIndent());
  block.replace(made, true);
}

/**
 * An accepted join: the next block's words come to the end of the mark's block. Another
 * person's mark proposing the same join is met by it, and goes too (returned, to be logged).
 */
function $joinAt(marker: TextNode): string[] {
  const block = $blockOf(marker);
  marker.remove();
  if (!block) return [];
  const same = block.getChildren().filter((c): c is TextNode => $isSuggestionNode(c) && !!c.getMark('join'));
  const met = same.flatMap((c) => $marksOf(c).filter((m) => m.kind === 'join').map((m) => m.id));
  for (const other of same) other.remove();
  const next = $textBlockBeside(block, false);
  if (!next) return met;
  const parent = next.getParent();
  block.append(...next.getChildren());
  next.remove();
  if ($isElementNode(parent) && !$isRootOrShadowRoot(parent) && parent.getChildrenSize() === 0) parent.remove();
  return met;
}

/**
 * Accepts or rejects suggestions in an editor: `ids`, or all of them, or all of one person's.
 * Returns the ids decided. The words that stay are unmarked in one update (their characters do
 * not change); the words that go are removed one update each, last first, because the binding
 * writes one update's text changes as one stretch, and a stretch from the first removal to the
 * last would write every word between them anew (losing who wrote them and the comments on them).
 * Accepted splits and joins are made the same way, last first, so each leaves the places of
 * those before it as they were. The updates follow each other at once, so undo takes them back
 * as one step.
 */
export function decideInEditor(editor: LexicalEditor, which: Which, decision: Decision): string[] {
  const decided = new Set<string>();
  const going: Step[] = [];
  const splits = new Map<NodeKey, SuggestionMark>();
  editor.update(
    () => {
      // Two people may propose the same join (a mark each in one block): it is made once.
      const joined = new Set<NodeKey>();
      for (const node of $markedTexts()) {
        let outcome = $decideText(node, which, decision, decided, splits);
        const block = $blockOf(node)?.getKey() ?? null;
        if (outcome === 'join' && block && joined.has(block)) outcome = 'remove';
        else if (outcome === 'join' && block) joined.add(block);
        if (outcome) going.push({ key: node.getKey(), outcome, block });
      }
    },
    { discrete: true },
  );
  for (const batch of batches(going.reverse())) {
    editor.update(
      () => {
        for (const { key, outcome } of batch) {
          const node = $getNodeByKey(key);
          if (!$isTextNode(node)) continue;
          if (outcome === 'split') $splitAt(node, splits.get(key));
          else if (outcome === 'join') for (const id of $joinAt(node)) decided.add(id);
          else node.remove();
        }
      },
      { discrete: true },
    );
  }
  return [...decided];
}

interface Step {
  key: NodeKey;
  outcome: Exclude<Outcome, null>;
  block: NodeKey | null;
}

/**
 * The steps in order, as few updates as keep the words between them: the binding writes one update's
 * changes to a paragraph as one stretch, so two removals in one paragraph go in separate updates
 * (else every word between them is written anew, losing comments anchored there), but removals in
 * different paragraphs share one. A split or a join changes the paragraphs themselves: one update each.
 */
function batches(steps: Step[]): Step[][] {
  const out: Step[][] = [];
  let batch: Step[] = [];
  let blocks = new Set<NodeKey | null>();
  for (const step of steps) {
    const alone = step.outcome !== 'remove' || step.block === null;
    if (batch.length && (alone || blocks.has(step.block) || batch[0].outcome !== 'remove')) {
      out.push(batch);
      batch = [];
      blocks = new Set();
    }
    batch.push(step);
    blocks.add(step.block);
  }
  if (batch.length) out.push(batch);
  return out;
}

// ── The log of decisions ──────────────────────────────────────────────────────────────────────

export const SUGGESTION_DECISIONS = 'suggestion-decisions';

export interface DecisionEntry {
  id: string;
  decision: Decision;
  by: Person;
  at: string;
  /** What was decided, in words, as it read then (the marks are gone afterwards). */
  what: string;
  /** Who proposed it. */
  author: Person;
}

/** Appends who decided which suggestions, and when, to the message's log. */
export function logDecisions(doc: Y.Doc, suggestions: readonly Suggestion[], decision: Decision, by: Person, at = new Date()): void {
  if (!suggestions.length) return;
  const entries: DecisionEntry[] = suggestions.map((s) => ({
    id: s.id,
    decision,
    by: { name: by.name, title: by.title },
    at: at.toISOString(),
    what: describeSuggestion(s),
    author: { name: s.author.name, title: s.author.title },
  }));
  doc.getArray<DecisionEntry>(SUGGESTION_DECISIONS).push(entries);
}

/** The log's well-formed entries, oldest first. */
export function listDecisions(doc: Y.Doc): DecisionEntry[] {
  return doc
    .getArray<unknown>(SUGGESTION_DECISIONS)
    .toArray()
    .filter((e): e is DecisionEntry => {
      const v = e as Partial<DecisionEntry> | null;
      return !!v && typeof v.id === 'string' && DECISIONS.includes(v.decision as Decision) && typeof v.by?.name === 'string' && typeof v.at === 'string';
    });
}

/**
 * Decides suggestions in a document with no editor open on it (the command line, the tests):
 * through a headless editor bound to it, as the app's editor would, and logged. Returns those decided.
 */
export function decideSuggestions(doc: Y.Doc, which: Which, decision: Decision, by: Person, at = new Date()): Suggestion[] {
  const open = listSuggestions(doc);
  const { editor, binding } = createDetachedEditor(doc);
  let ids: string[] = [];
  try {
    ids = decideInEditor(editor, which, decision);
  } finally {
    binding.dispose();
  }
  const decided = open.filter((s) => ids.includes(s.id));
  logDecisions(doc, decided, decision, by, at);
  return decided;
}

// ── Who may decide ────────────────────────────────────────────────────────────────────────────

/**
 * Only an author or owner decides suggestions. A message with no roster yet is its writer's alone;
 * once it has one, the person must be on it as owner or author. Returns why not, or null.
 */
export function whyCannotDecide(roster: readonly RosterMember[], name: string): string | null {
  if (!roster.length) return null;
  const member = roster.find((m) => m.name === name);
  if (!member) return `${name} is not on this message's roster; only its author or owner may accept or reject suggestions`;
  if (!member.roles.some((r) => r === 'owner' || r === 'author')) return `${name} is a ${member.roles.join(' and ')} of this message; only its author or owner may accept or reject suggestions`;
  return null;
}

/**
 * A suggestion is withdrawn only by the person who proposed it. Returns why `name` may not
 * withdraw these, or null.
 */
export function whyCannotWithdraw(suggestions: readonly Suggestion[], name: string): string | null {
  const theirs = suggestions.find((s) => s.author.name !== name);
  if (!theirs) return null;
  return `suggestion ${theirs.id} is ${theirs.author.name}'s: only they may withdraw it (the author accepts or rejects it)`;
}

/**
 * Whether an editor's change leaves every open suggestion of people other than `name` as it
 * was (a reviewer may make and withdraw their own, never decide, change or make up anyone
 * else's). Returns the first one it would change, take away or add, or null.
 */
export function othersSuggestionTouched(before: readonly Suggestion[], after: readonly Suggestion[], name: string): Suggestion | null {
  const was = new Map(before.map((s) => [s.id, s]));
  const now = new Map(after.map((s) => [s.id, s]));
  // A format change's own bits too, and which way: a mark's `toggled` widened over bits that stand
  // as they were leaves the text as it stands, yet proposes more in its author's name.
  const bits = (s: Suggestion) => [(s.formatBefore ?? 0) ^ (s.formatAfter ?? 0), (s.formatAfter ?? 0) & ((s.formatBefore ?? 0) ^ (s.formatAfter ?? 0))].join();
  const same = (a: Suggestion, b: Suggestion | undefined) =>
    !!b && a.change === b.change && a.deleted === b.deleted && a.inserted === b.inserted && a.author.name === b.author.name && bits(a) === bits(b);
  return before.find((s) => s.author.name !== name && !same(s, now.get(s.id))) ?? after.find((s) => s.author.name !== name && !was.has(s.id)) ?? null;
}

// ── Sign-off ──────────────────────────────────────────────────────────────────────────────────

/** Why a message cannot be sent for approval while suggestions are open, or null when none are. */
export function openSuggestionsProblem(doc: Y.Doc): string | null {
  const n = listSuggestions(doc).length;
  if (!n) return null;
  return `${n === 1 ? '1 suggestion is' : `${n} suggestions are`} still open: accept or reject ${n === 1 ? 'it' : 'them'} first`;
}
