// Suggestions: changes a reviewer proposes in place (shared/document/suggestion-node.ts), listed in
// document order, and decided by the author. A suggestion is open for as long as its marks are in
// the text; accepting or rejecting is a plain edit of the tree (the marks go, the words stay or go),
// so it merges, saves and undoes like any other edit. Who decided what, and when, is appended to a
// log that travels with the message.
import { $createTextNode, $getNodeByKey, $getRoot, type LexicalEditor, type NodeKey, type TextNode } from 'lexical';
import * as Y from 'yjs';
import {
  $allMarksOf,
  $isSuggestionNode,
  $marksOf,
  $removeMark,
  createDetachedEditor,
  FORMAT_NAMES,
  marksOfAttributes,
  TEXT_ROOT,
  type Person,
  type SuggestionMark,
} from '../document';
import type { RosterMember } from '../signoff';

/** A replace is a deletion and an insertion that share one id. */
export type SuggestionChange = 'insert' | 'delete' | 'replace' | 'format';

export interface Suggestion {
  id: string;
  change: SuggestionChange;
  author: Person;
  at: string;
  /** The words it would take out (a deletion's, a replace's old words) or reformat. */
  deleted: string;
  /** The words it would put in. */
  inserted: string;
  /** A format change: the format bits before, and as proposed. */
  formatBefore?: number;
  formatAfter?: number;
}

export type Decision = 'accepted' | 'rejected';

// ── Reading them from the document ───────────────────────────────────────────────────────────

/** The open suggestions, in the order their first words stand in the text. */
export function listSuggestions(doc: Y.Doc): Suggestion[] {
  const found = new Map<string, Suggestion>();
  const visit = (el: Y.XmlElement) => {
    for (const child of el.toArray()) {
      if (child instanceof Y.XmlElement) visit(child);
      else if (child instanceof Y.XmlText) for (const d of child.toDelta() as Delta[]) if (typeof d.insert === 'string') for (const mark of marksOfAttributes(d.attributes)) note(found, mark, d);
    }
  };
  visit(doc.get(TEXT_ROOT, Y.XmlElement) as Y.XmlElement);
  return [...found.values()];
}

interface Delta {
  insert: unknown;
  attributes?: Record<string, unknown> & { p?: { __format?: unknown } };
}

function note(found: Map<string, Suggestion>, mark: SuggestionMark, d: Delta): void {
  let s = found.get(mark.id);
  if (!s) found.set(mark.id, (s = { id: mark.id, change: mark.kind, author: mark.author, at: mark.at, deleted: '', inserted: '' }));
  const words = d.insert as string;
  if (mark.kind === 'insert') s.inserted += words;
  else s.deleted += words;
  if (mark.kind === 'format') {
    const f = d.attributes?.p?.__format;
    s.formatBefore = mark.before ?? 0;
    s.formatAfter = typeof f === 'number' ? f : 0;
  }
  if (s.change !== mark.kind && s.change !== 'format' && mark.kind !== 'format') s.change = 'replace';
}

// ── In words ──────────────────────────────────────────────────────────────────────────────────

const quoted = (words: string) => `“${words.length > 80 ? `${words.slice(0, 79)}…` : words}”`;

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

/** "Replace “by June” with “in the first half of the year”", "Make “firm” bold". */
export function describeSuggestion(s: Suggestion): string {
  switch (s.change) {
    case 'insert':
      return `Insert ${quoted(s.inserted)}`;
    case 'delete':
      return `Delete ${quoted(s.deleted)}`;
    case 'replace':
      return `Replace ${quoted(s.deleted)} with ${quoted(s.inserted)}`;
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

type Which = ReadonlySet<string> | 'all' | { author: string };
const chosen = (which: Which, mark: SuggestionMark) => which === 'all' || (which instanceof Set ? which.has(mark.id) : mark.author.name === (which as { author: string }).author);

/**
 * Decides the chosen marks on one text node: accepted, an insertion's words stay and a deletion's
 * go; rejected, the other way round; a rejected format change gives the words their format from
 * before. Returns whether the words go (the caller removes them).
 */
function $decideText(node: TextNode, which: Which, decision: Decision, decided: Set<string>): boolean {
  let format = node.getFormat();
  let gone = false;
  const counting = $marksOf(node);
  for (const mark of counting) {
    if (!chosen(which, mark)) continue;
    decided.add(mark.id);
    $removeMark(node, mark.id);
    if (decision === 'accepted' ? mark.kind === 'delete' : mark.kind === 'insert') gone = true;
    if (mark.kind === 'format' && decision === 'rejected') format = mark.before ?? 0;
    // Marks that did not count beside an insertion would count once it is decided: they go with it.
    if (mark.kind === 'insert') for (const other of $allMarksOf(node)) if (!counting.some((c) => c.id === other.id)) $removeMark(node, other.id);
  }
  if (gone) return true;
  if ($marksOf(node).length === 0) $unmark(node, format); // also words whose marks are not well formed: read as plain text, so they become so
  else node.setFormat(format);
  return false;
}

/**
 * Accepts or rejects suggestions in an editor: `ids`, or all of them, or all of one person's.
 * Returns the ids decided. The words that stay are unmarked in one update (their characters do
 * not change); the words that go are removed one update each, last first, because the binding
 * writes one update's text changes as one stretch, and a stretch from the first removal to the
 * last would write every word between them anew (losing who wrote them and the comments on them).
 * The updates follow each other at once, so undo takes them back as one step.
 */
export function decideInEditor(editor: LexicalEditor, which: Which, decision: Decision): string[] {
  const decided = new Set<string>();
  const going: NodeKey[] = [];
  editor.update(
    () => {
      for (const node of $markedTexts()) if ($decideText(node, which, decision, decided)) going.push(node.getKey());
    },
    { discrete: true },
  );
  for (const key of going.reverse()) editor.update(() => $getNodeByKey(key)?.remove(), { discrete: true });
  return [...decided];
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
      return !!v && typeof v.id === 'string' && (v.decision === 'accepted' || v.decision === 'rejected') && typeof v.by?.name === 'string' && typeof v.at === 'string';
    });
}

/**
 * Decides suggestions in a document with no editor open on it (the command line, the tests):
 * through a headless editor bound to it, as the app's editor would, and logged. Returns those decided.
 */
export function decideSuggestions(doc: Y.Doc, which: ReadonlySet<string> | 'all' | { author: string }, decision: Decision, by: Person, at = new Date()): Suggestion[] {
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

// ── Sign-off ──────────────────────────────────────────────────────────────────────────────────

/** Why a message cannot be sent for approval while suggestions are open, or null when none are. */
export function openSuggestionsProblem(doc: Y.Doc): string | null {
  const n = listSuggestions(doc).length;
  if (!n) return null;
  return `${n === 1 ? '1 suggestion is' : `${n} suggestions are`} still open: accept or reject ${n === 1 ? 'it' : 'them'} first`;
}
