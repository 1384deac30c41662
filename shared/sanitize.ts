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
// Inline style properties Lexical turns into formats (Google Docs marks bold this way).
const STYLE_KEEP = /^(font-weight|font-style|text-decoration(-line)?|text-align|vertical-align)$/i;
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

function cleanStyle(style: string): string {
  return style
    .split(';')
    .map((decl) => decl.split(':').map((s) => s.trim()))
    .filter(([prop, value]) => prop && value && STYLE_KEEP.test(prop) && !/url\(|expression/i.test(value))
    .map(([prop, value]) => `${prop}: ${value}`)
    .join('; ');
}

function cleanAttributes(el: Element): void {
  for (const { name, value } of Array.from(el.attributes)) {
    const keep =
      (name === 'href' && el.tagName === 'A' && isSafeLink(value)) ||
      (name === 'style' && cleanStyle(value) !== '') ||
      (name === 'data-signet' && /^(page-break|signature)$/.test(value));
    if (!keep) el.removeAttribute(name);
    else if (name === 'style') el.setAttribute('style', cleanStyle(value));
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
      el.replaceWith(...Array.from(el.childNodes));
      continue;
    }
    cleanAttributes(el);
  }
}
