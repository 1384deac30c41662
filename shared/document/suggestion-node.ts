// A suggestion in the text: the words it proposes to insert, delete or reformat are text nodes of
// their own kind, each carrying the marks of the suggestions they are in (who proposed it, when,
// and for a format change the format from before). A mark is node state under a key of its own
// (`suggestion.ID`), so the V2 binding stores it as a formatting attribute (`s_suggestion.ID`) of
// the very characters it is about: marking words as deleted, or accepting an insertion, keeps those
// characters (who wrote them, comments anchored in them), and two copies that mark the same words
// merge per character into words with both marks, never doubled, neither mark lost. One suggestion
// may span several text nodes (a replace is a deletion and an insertion); they share one id. Such
// text nodes are never merged with their neighbours, and typing at their edges goes beside them.
import { $applyNodeReplacement, $getRoot, $getState, $setState, createState, TextNode, type EditorConfig, type LexicalNode, type StateConfig } from 'lexical';
import type { Person } from './person';

export type SuggestionKind = 'insert' | 'delete' | 'format' | 'split' | 'join';
export const SUGGESTION_KINDS: readonly SuggestionKind[] = ['insert', 'delete', 'format', 'split', 'join'];

/**
 * A proposed split or join is one character of its own, a paragraph mark, marked `split` (where
 * the paragraph would break) or `join` (in the first of the two paragraphs that would become
 * one). The paragraphs themselves stay as they are until the author accepts: a mark is one
 * character, so it merges like any other, and concurrent edits of the words around it never
 * meet a paragraph moved under them.
 */
export const PARAGRAPH_MARK = '\u00b6';

/** Marks on characters the suggestion itself brought (new words, a paragraph mark): not in the text as it stands. */
export const bringsCharacters = (kind: SuggestionKind): boolean => kind === 'insert' || kind === 'split' || kind === 'join';

export interface SuggestionMark {
  id: string;
  kind: SuggestionKind;
  author: Person;
  /** When it was proposed (ISO). */
  at: string;
  /** A format change: the text's format bits as they stood before it. */
  before?: number;
  /**
   * A format change: the bits it changes (bold 1, italic 2, …). Absent in marks written before
   * it was kept, where it is read as every bit `before` and the words' format differ in.
   */
  toggled?: number;
  /** A split that brings paragraphs of their own kind (from a Word review): what the paragraphs before and after it become once it is accepted. */
  kindBefore?: ParagraphKind;
  kindAfter?: ParagraphKind;
}

/** The kinds a split may give the paragraphs on either side of it: a paragraph, a heading, a quote. */
export const PARAGRAPH_KINDS = ['paragraph', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'quote'] as const;
export type ParagraphKind = (typeof PARAGRAPH_KINDS)[number];
const paragraphKind = (v: unknown): ParagraphKind | undefined => (PARAGRAPH_KINDS.includes(v as ParagraphKind) ? (v as ParagraphKind) : undefined);

/** A split's kinds, where it has them, as the mark holds and stores them. */
function splitKinds(mark: { kind: SuggestionKind; kindBefore?: unknown; kindAfter?: unknown }): Pick<SuggestionMark, 'kindBefore' | 'kindAfter'> {
  if (mark.kind !== 'split') return {};
  const [before, after] = [paragraphKind(mark.kindBefore), paragraphKind(mark.kindAfter)];
  return { ...(before ? { kindBefore: before } : {}), ...(after ? { kindAfter: after } : {}) };
}

/** The text node type, which the binding stores as the text's `t` attribute. */
export const SUGGESTION_TEXT = 'suggestion-text';
/** The start of a mark's node state key; the suggestion's id follows. */
const MARK_KEY = 'suggestion.';
/** The start of the Yjs text attribute that holds a mark (the binding's prefix for node state). */
export const SUGGESTION_ATTRIBUTE = `s_${MARK_KEY}`;

const bits = (v: unknown): number | null => (Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 16 ? (v as number) : null);
const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length <= max ? v : null);

/**
 * A mark as the document stores it: a flat object of strings and numbers (the author's name and
 * title side by side, not a nested person). Yjs decides whether a formatting attribute changed by
 * a shallow comparison of its value, so a nested author was a new value every time the binding
 * wrote the same mark again from node state: Yjs then wrote a new start for the mark and, just
 * after the words, one putting back the "old" value, closed only by the mark's old end. When
 * another copy accepted or rejected the suggestion meanwhile (taking both old ends away), that
 * stray reopening had nothing to close it after the merge, and the decided mark came back, over
 * the following words too.
 */
export interface StoredSuggestionMark {
  id: string;
  kind: SuggestionKind;
  author: string;
  title: string;
  at: string;
  before?: number;
  kindBefore?: ParagraphKind;
  kindAfter?: ParagraphKind;
  toggled?: number;
}

export function storedSuggestionMark(mark: SuggestionMark): StoredSuggestionMark {
  const stored: StoredSuggestionMark = { id: mark.id, kind: mark.kind, author: mark.author.name, title: mark.author.title, at: mark.at, ...splitKinds(mark) };
  if (mark.kind === 'format') stored.before = mark.before ?? 0;
  if (mark.kind === 'format' && mark.toggled !== undefined) stored.toggled = mark.toggled;
  return stored;
}

/**
 * The mark as stored, or null when it is not a well-formed one (a hostile copy may hold anything).
 * Reads the flat form written now and the nested `author: {name, title}` written before it.
 */
export function parseSuggestionMark(value: unknown): SuggestionMark | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const nested = v.author && typeof v.author === 'object' ? (v.author as Record<string, unknown>) : null;
  const id = text(v.id, 64);
  const at = text(v.at, 40);
  const name = text(nested ? nested.name : v.author, 200);
  const title = text(nested ? nested.title : v.title, 200) ?? '';
  if (!id || at === null || !name || !SUGGESTION_KINDS.includes(v.kind as SuggestionKind)) return null;
  const mark: SuggestionMark = { id, kind: v.kind as SuggestionKind, author: { name, title }, at, ...splitKinds({ ...v, kind: v.kind as SuggestionKind }) };
  if (mark.kind === 'format') mark.before = bits(v.before) ?? 0;
  const toggled = mark.kind === 'format' ? bits(v.toggled) : null;
  if (toggled !== null) mark.toggled = toggled;
  return mark;
}

/**
 * The marks that count on some words. Words one suggestion inserts were never seen by another, so
 * no other suggestion deletes or reformats them: such a mark on them is one that a concurrent
 * copy's formatting stretched over them in the merge (Yjs formats a range up to its boundary
 * markers, and text inserted at that boundary elsewhere can fall inside it), and does not count.
 */
export function countingMarks(marks: SuggestionMark[]): SuggestionMark[] {
  const inserts = marks.filter((m) => bringsCharacters(m.kind));
  return inserts.length ? marks.filter((m) => inserts.some((i) => i.id === m.id)) : marks;
}

// ── Format changes ─────────────────────────────────────────────────────────────────────────────
// Words carry one format (the binding's `p` attribute), whoever proposed a change to it; each
// format mark says which bits it changes and how they stood. Reading and deciding go by bits, so
// two people's changes on the same words (Ben's bold, then Carmen's italic) are each undone or kept
// on their own, in any order, and the text as it stands never depends on the order of the marks.

/** The bits a format mark changes (see SuggestionMark.toggled), given the words' format now. */
export const toggledBits = (mark: SuggestionMark, format: number): number => mark.toggled ?? ((mark.before ?? 0) ^ format);

/**
 * The words' format in the text as it stands: their format now, with every bit a format mark
 * changes as that mark found it. Where two marks change one bit and found it differently (made in
 * copies apart, with the words formatted in one of them), a bit either found set stays set.
 */
export function formatAsItStands(format: number, marks: readonly SuggestionMark[]): number {
  let changed = 0;
  let stood = 0;
  for (const m of marks) {
    if (m.kind !== 'format') continue;
    const bits = toggledBits(m, format);
    changed |= bits;
    stood |= (m.before ?? 0) & bits;
  }
  return (format & ~changed) | stood;
}

/** A format mark's change on words of this format: their format as it stood, and as proposed. */
export function formatChangeOf(mark: SuggestionMark, format: number): { before: number; after: number } {
  const bits = toggledBits(mark, format);
  const before = (format & ~bits) | ((mark.before ?? 0) & bits);
  return { before, after: before ^ bits };
}

/**
 * The words' format once `decided` (some of `marks`) are accepted or rejected: a rejected change's
 * bits go back to the text as it stands, an accepted one's are set as it proposed.
 */
export function formatOnceDecided(format: number, marks: readonly SuggestionMark[], decided: readonly SuggestionMark[], decision: 'accepted' | 'rejected'): number {
  const stands = formatAsItStands(format, marks);
  let next = format;
  for (const m of decided) {
    if (m.kind !== 'format') continue;
    const bits = toggledBits(m, format);
    const to = decision === 'accepted' ? formatChangeOf(m, format).after : stands;
    next = (next & ~bits) | (to & bits);
  }
  return next;
}

/** The marks that count on the text a Yjs delta's attributes hold, in the order the attributes are. */
export function marksOfAttributes(attributes: Record<string, unknown> | Map<string, unknown> | undefined): SuggestionMark[] {
  if (!attributes) return [];
  const entries = attributes instanceof Map ? [...attributes] : Object.entries(attributes);
  return countingMarks(
    entries.flatMap(([key, value]) => {
      const mark = key.startsWith(SUGGESTION_ATTRIBUTE) ? parseSuggestionMark(value) : null;
      return mark && key === SUGGESTION_ATTRIBUTE + mark.id ? [mark] : [];
    }),
  );
}

// One state config per mark's key, made once: Lexical wants one config for each key.
const configs = new Map<string, StateConfig<string, SuggestionMark | null>>();
function markState(id: string): StateConfig<string, SuggestionMark | null> {
  const key = MARK_KEY + id;
  let config = configs.get(key);
  if (!config) configs.set(key, (config = createState(key, { parse: (v) => (v === undefined ? null : parseSuggestionMark(v)), unparse: (m) => (m ? storedSuggestionMark(m) : null) })));
  return config;
}

export class SuggestionNode extends TextNode {
  override $config() {
    return this.config(SUGGESTION_TEXT, { extends: TextNode });
  }
  override createDOM(config: EditorConfig): HTMLElement {
    const el = super.createDOM(config);
    this.decorateDOM(el, config);
    return el;
  }
  override updateDOM(prev: this, el: HTMLElement, config: EditorConfig): boolean {
    const replace = super.updateDOM(prev, el, config);
    this.decorateDOM(el, config);
    return replace;
  }
  private decorateDOM(el: HTMLElement, config: EditorConfig): void {
    const marks = this.getMarks();
    const theme = (config.theme.suggestion ?? {}) as Record<string, string>;
    const kind = shownKind(marks);
    el.classList.remove(...SUGGESTION_KINDS.map((k) => theme[k] ?? `suggestion-${k}`));
    el.classList.add(theme.base ?? 'suggestion', theme[kind] ?? `suggestion-${kind}`);
    el.dataset.suggestions = marks.map((m) => m.id).join(' ');
    el.dataset.kind = kind;
    el.dataset.author = marks.map((m) => m.author.name).join(', ');
    if (marks[0]) el.style.setProperty('--suggestion-hue', String(authorHue(marks[0].author.name)));
  }
  override canInsertTextBefore(): false {
    return false;
  }
  override canInsertTextAfter(): false {
    return false;
  }
  /** The marks that count on these words (see countingMarks), in the order of their keys. */
  getMarks(): SuggestionMark[] {
    return countingMarks(this.getAllMarks());
  }
  /** Every well-formed mark on these words, counting or not. */
  getAllMarks(): SuggestionMark[] {
    return $marksIn(this);
  }
  /** The one mark a suggestion of this kind left here, if any. */
  getMark(kind?: SuggestionKind): SuggestionMark | null {
    return this.getMarks().find((m) => !kind || m.kind === kind) ?? null;
  }
  addMark(mark: SuggestionMark): this {
    return $setState(this, markState(mark.id), mark);
  }
  removeMark(id: string): this {
    return $setState(this, markState(id), null);
  }
}

/** Every well-formed mark in a text node's state, whatever the node's type. */
function $marksIn(node: TextNode): SuggestionMark[] {
  const state = node.getLatest().__state;
  if (!state) return [];
  const [unknown = {}, known] = state.getInternalState();
  const keys = [...Object.keys(unknown), ...[...known.keys()].map((c) => c.key)].filter((k) => k.startsWith(MARK_KEY));
  return [...new Set(keys)].flatMap((key) => {
    const mark = $getState(node, markState(key.slice(MARK_KEY.length)));
    return mark && mark.id === key.slice(MARK_KEY.length) ? [mark] : [];
  });
}

/** What the words look like: a paragraph mark, a pending insertion, else a deletion, else a format change. */
function shownKind(marks: SuggestionMark[]): SuggestionKind {
  const brought = marks.find((m) => bringsCharacters(m.kind));
  if (brought) return brought.kind;
  return marks.some((m) => m.kind === 'delete') ? 'delete' : 'format';
}

/** Words marked as a suggestion: new words, or the words of a text node being marked (same format). */
export function $createSuggestionNode(mark: SuggestionMark, text: string, format = 0): SuggestionNode {
  return $applyNodeReplacement(new SuggestionNode(text)).setFormat(format).addMark(mark);
}

export function $isSuggestionNode(node: LexicalNode | null | undefined): node is SuggestionNode {
  return node instanceof SuggestionNode;
}

/** The marks that count on any text node (see countingMarks). */
export const $marksOf = (node: TextNode): SuggestionMark[] => countingMarks($marksIn(node));
/** Every well-formed mark on any text node, counting or not. */
export const $allMarksOf = (node: TextNode): SuggestionMark[] => $marksIn(node);
export const $removeMark = (node: TextNode, id: string): TextNode => $setState(node, markState(id), null);

/**
 * Keeps marked words and their node type together. The binding stores a text node's type as one
 * more formatting attribute (`t`) of its characters, and in a merge the boundary of a neighbour's
 * range can take it off words that keep their marks: such words load as plain text with marks
 * (which every reader still reads by their marks), and are made marked words again here.
 */
export function $repairSuggestionText(): void {
  for (const node of $getRoot().getAllTextNodes()) $repairMarkedText(node);
}

/**
 * The same mending for one text node as it changes: an edit outside Suggesting that cuts marked
 * words (bolding half of someone's pending insertion, say) leaves Lexical's plain text nodes
 * holding their marks, and they are made marked words again in the same update.
 */
export function $repairMarkedText(node: TextNode): void {
  if (node.getType() !== 'text' || !node.__state || !node.isAttached()) return;
  const marks = $marksIn(node);
  if (!marks.length) return;
  for (const mark of marks) $removeMark(node, mark.id);
  let marked = $createSuggestionNode(marks[0], node.getTextContent(), node.getFormat()).setStyle(node.getStyle());
  for (const mark of marks.slice(1)) marked = marked.addMark(mark);
  node.replace(marked);
}

/** Whether the editor holds plain text with marks that $repairSuggestionText would mend. */
export const $needsSuggestionRepair = (): boolean => $getRoot().getAllTextNodes().some((n) => n.getType() === 'text' && !!n.__state && $marksIn(n).length > 0);

/**
 * The hues people's suggestions are drawn in, as far apart as eight can be told apart (blue,
 * orange, purple, green, magenta, teal, red, amber), each readable at the lightness the page gives
 * it in light and dark (contrast 5.3 or more). A hue from the name's hash alone put Ben Okafor's
 * (113) and Carmen Ruiz's (154) both in greens hard to tell apart.
 */
const HUES = [215, 28, 275, 140, 330, 185, 0, 50];

/** Each person's colour for their suggestions, as a hue from their name: the same in every copy (the page sets its lightness for light and dark). */
export function authorHue(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return HUES[hash % HUES.length]!;
}
