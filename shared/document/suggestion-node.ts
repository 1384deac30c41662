// A suggestion in the text: an inline element around the words it proposes to insert, delete or
// reformat, carrying who proposed it, when, and (for a format change) the format from before.
// One suggestion may span several of these elements (a replace is a deletion and an insertion,
// a phrase across differently formatted runs is one element per run); they share one id. The
// mark is Lexical node state, so the V2 binding stores it as the element's `s_suggestion`
// attribute and every copy merges it with no extra logic.
import { $applyNodeReplacement, $getState, $setState, createState, ElementNode, type EditorConfig, type LexicalNode } from 'lexical';
import type { Person } from './person';

export type SuggestionKind = 'insert' | 'delete' | 'format';
export const SUGGESTION_KINDS: readonly SuggestionKind[] = ['insert', 'delete', 'format'];

export interface SuggestionMark {
  id: string;
  kind: SuggestionKind;
  author: Person;
  /** When it was proposed (ISO). */
  at: string;
  /** A format change: the text's format bits before it. */
  before?: number;
}

/** The node type, which is also the Yjs element's name. */
export const SUGGESTION = 'suggestion';
/** The Yjs attribute that holds the mark (the binding's prefix for node state). */
export const SUGGESTION_ATTRIBUTE = `s_${SUGGESTION}`;

const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length <= max ? v : null);

/** The mark as stored, or null when it is not a well-formed one (a hostile copy may hold anything). */
export function parseSuggestionMark(value: unknown): SuggestionMark | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const author = v.author as Record<string, unknown> | undefined;
  const id = text(v.id, 64);
  const at = text(v.at, 40);
  const name = text(author?.name, 200);
  const title = text(author?.title, 200) ?? '';
  if (!id || at === null || !name || !SUGGESTION_KINDS.includes(v.kind as SuggestionKind)) return null;
  const mark: SuggestionMark = { id, kind: v.kind as SuggestionKind, author: { name, title }, at };
  if (mark.kind === 'format') mark.before = Number.isInteger(v.before) && (v.before as number) >= 0 ? (v.before as number) : 0;
  return mark;
}

const markState = createState(SUGGESTION, { parse: parseSuggestionMark });

export class SuggestionNode extends ElementNode {
  override $config() {
    return this.config(SUGGESTION, { extends: ElementNode, stateConfigs: [{ stateConfig: markState }] });
  }
  override createDOM(config: EditorConfig): HTMLElement {
    const el = document.createElement('span');
    this.decorateDOM(el, config);
    return el;
  }
  override updateDOM(_prev: this, el: HTMLElement, config: EditorConfig): boolean {
    this.decorateDOM(el, config);
    return false;
  }
  private decorateDOM(el: HTMLElement, config: EditorConfig): void {
    const mark = this.getMark();
    const theme = (config.theme.suggestion ?? {}) as Record<string, string>;
    el.className = `${theme.base ?? 'suggestion'} ${theme[mark?.kind ?? 'insert'] ?? `suggestion-${mark?.kind}`}`;
    if (mark) {
      el.dataset.suggestion = mark.id;
      el.dataset.kind = mark.kind;
      el.dataset.author = mark.author.name;
      el.style.setProperty('--suggestion-hue', String(authorHue(mark.author.name)));
    }
  }
  override isInline(): true {
    return true;
  }
  override canBeEmpty(): false {
    return false;
  }
  override canInsertTextBefore(): false {
    return false;
  }
  override canInsertTextAfter(): false {
    return false;
  }
  getMark(): SuggestionMark | null {
    return $getState(this, markState);
  }
  setMark(mark: SuggestionMark): this {
    return $setState(this, markState, mark);
  }
}

export function $createSuggestionNode(mark: SuggestionMark): SuggestionNode {
  return $applyNodeReplacement(new SuggestionNode()).setMark(mark);
}

export function $isSuggestionNode(node: LexicalNode | null | undefined): node is SuggestionNode {
  return node instanceof SuggestionNode;
}

/** Each person's colour for their suggestions, as a hue from their name: the same in every copy (the page sets its lightness for light and dark). */
export function authorHue(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return hash % 360;
}
