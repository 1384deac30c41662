// Cleans pasted or imported HTML down to what a message can hold, before Lexical reads it.
// It walks a DOM the caller parsed (the browser's DOMParser, or linkedom in Node) and keeps an
// allow-list: anything executable, remote or styled beyond bold/italic/underline is dropped.

const KEEP = new Set([
  'P', 'BR', 'B', 'STRONG', 'I', 'EM', 'U', 'S', 'STRIKE', 'DEL', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'A', 'HR', 'SPAN', 'DIV', 'SUB', 'SUP', 'CODE', 'BODY',
]);
// Removed together with everything inside them.
const DROP = new Set([
  'SCRIPT', 'STYLE', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'APPLET', 'IMG', 'PICTURE',
  'VIDEO', 'AUDIO', 'SOURCE', 'TRACK', 'SVG', 'MATH', 'LINK', 'META', 'TEMPLATE', 'NOSCRIPT',
  'CANVAS', 'FORM', 'INPUT', 'BUTTON', 'SELECT', 'TEXTAREA', 'TITLE', 'HEAD', 'BASE', 'XML',
]);
const SAFE_LINK = /^(https?:|mailto:)/i;

export function isSafeLink(href: string): boolean {
  const trimmed = href.trim();
  try {
    const url = new URL(trimmed);
    return SAFE_LINK.test(url.protocol);
  } catch {
    return false;
  }
}

/**
 * Renames style and on… attributes inside tags (and drops style sheets) before the HTML is parsed, so that the page's
 * Content Security Policy never sees inline styles or handlers (it would block them, slowly, and
 * Google Docs' bold and italic, which live in styles, would be lost). The sanitiser reads the
 * renamed styles and turns them into tags.
 */
export function protectInlineAttributes(html: string): string {
  // Style sheets are dropped anyway; removed here, the CSP never has to refuse them either.
  return html.replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '').replace(/<[a-zA-Z][^>]*>/g, (tag) =>
    tag.replace(/(\s)(style|on[a-z]+)(\s*=)/gi, (_, space: string, name: string, eq: string) =>
      name.toLowerCase() === 'style' ? `${space}data-signet-style${eq}` : `${space}data-signet-drop${eq}`,
    ),
  );
}

interface Formats {
  bold: boolean | null;
  italic: boolean;
  underline: boolean;
  strike: boolean;
}

/** What an inline style says about bold, italic, underline and strikethrough. */
function formatsOf(style: string): Formats {
  const get = (prop: string) => new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`, 'i').exec(style)?.[1]?.trim().toLowerCase() ?? '';
  const weight = get('font-weight');
  const decoration = `${get('text-decoration')} ${get('text-decoration-line')}`;
  return {
    bold: weight === '' ? null : weight === 'bold' || weight === 'bolder' || Number(weight) >= 600,
    italic: get('font-style') === 'italic',
    underline: decoration.includes('underline'),
    strike: decoration.includes('line-through'),
  };
}

/** Turns an element's inline style into tags around its children (or unwraps a "bold: normal" b). */
function applyStyle(el: Element): void {
  const style = el.getAttribute('data-signet-style') ?? el.getAttribute('style');
  if (!style) return;
  const formats = formatsOf(style);
  const doc = el.ownerDocument;
  const wrap = (tag: string) => {
    const wrapper = doc.createElement(tag);
    wrapper.append(...Array.from(el.childNodes));
    el.append(wrapper);
  };
  if (formats.strike) wrap('s');
  if (formats.underline) wrap('u');
  if (formats.italic) wrap('em');
  if (formats.bold) wrap('strong');
  // Google Docs wraps a whole paste in <b style="font-weight:normal">: that b means nothing.
  if (formats.bold === false && (el.tagName === 'B' || el.tagName === 'STRONG')) el.replaceWith(...Array.from(el.childNodes));
}

function cleanAttributes(el: Element): void {
  for (const { name, value } of Array.from(el.attributes)) {
    const keep =
      (name === 'href' && el.tagName === 'A' && isSafeLink(value)) ||
      (name === 'data-signet' && /^(page-break|signature)$/.test(value));
    if (!keep) el.removeAttribute(name);
  }
}

/** Sanitises `root`'s descendants in place. */
export function sanitizeTree(root: Element): void {
  for (const node of Array.from(root.childNodes)) {
    if (node.nodeType === 8 /* comment */ || node.nodeType === 7 /* processing instruction */) {
      node.remove();
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (DROP.has(tag) || tag.includes(':')) {
      el.remove();
      continue;
    }
    sanitizeTree(el);
    // A link to anywhere but http, https or mailto stays as plain words.
    const unsafeLink = tag === 'A' && !isSafeLink(el.getAttribute('href') ?? '');
    if (!KEEP.has(tag) || unsafeLink) {
      applyStyle(el);
      el.replaceWith(...Array.from(el.childNodes));
      continue;
    }
    applyStyle(el);
    cleanAttributes(el);
  }
}
