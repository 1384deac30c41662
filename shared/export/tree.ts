// A copy's page as a small element tree, so the same tree gives the HTML that is saved and the
// words a reader sees, and `signet verify` can rebuild those words from a manifest alone.

export type Child = Element | string | null | false | undefined;

export interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Child[];
}

const VOID = new Set(['img', 'hr', 'br', 'meta']);

export const h = (tag: string, attrs: Record<string, string> = {}, ...children: Child[]): Element => ({ tag, attrs, children });

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function toHtml(node: Child): string {
  if (!node) return '';
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
  if (VOID.has(node.tag)) return `<${node.tag}${attrs}>`;
  return `<${node.tag}${attrs}>${node.children.map(toHtml).join('')}</${node.tag}>`;
}

/** The words the element shows, as the browser's textContent gives them. */
export function textOf(node: Child): string {
  if (!node) return '';
  if (typeof node === 'string') return node;
  return node.children.map(textOf).join('');
}
