import { parseHTML } from 'linkedom';
import { protectInlineAttributes, sanitizeTree } from '../../../shared/document';

/** Sanitises an HTML fragment in Node (no browser DOM here, so linkedom parses it). */
export function sanitizeHtml(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${protectInlineAttributes(html)}</body></html>`);
  sanitizeTree(document.body as unknown as Element);
  return document.body.innerHTML;
}
