// The message document: one Yjs Doc holding the text (Lexical's V2 binding, an XmlElement root)
// and everything that travels with it. History is the product, so garbage collection stays off.
import * as Y from 'yjs';

export const TEXT_ROOT = 'root-v2';
export const META = 'meta';

export interface MessageMeta {
  id: string;
  title: string;
  createdAt: string;
  template: string;
  language: string;
}

export function newMessageDoc(): Y.Doc {
  return new Y.Doc({ gc: false });
}

export function textRoot(doc: Y.Doc): Y.XmlElement {
  return doc.get(TEXT_ROOT, Y.XmlElement) as Y.XmlElement;
}

export function initMeta(doc: Y.Doc, meta: MessageMeta): void {
  doc.transact(() => {
    const map = doc.getMap<string>(META);
    for (const [key, value] of Object.entries(meta)) map.set(key, value);
  });
}

export function readMeta(doc: Y.Doc): MessageMeta {
  const map = doc.getMap<string>(META);
  const get = (key: keyof MessageMeta) => (typeof map.get(key) === 'string' ? map.get(key)! : '');
  return {
    id: get('id'),
    title: get('title'),
    createdAt: get('createdAt'),
    template: get('template'),
    language: get('language'),
  };
}

export function setTitle(doc: Y.Doc, title: string): void {
  doc.getMap<string>(META).set('title', title);
}

/** The message's language (a BCP 47 tag), which the spelling checker follows. */
export function setLanguage(doc: Y.Doc, language: string): void {
  doc.getMap<string>(META).set('language', language);
}

// Block-level Lexical types: each starts a new paragraph in the plain text.
const CONTAINERS = new Set(['root', 'list', 'signature']);

/**
 * The message as paragraphs of plain text, read straight from the Yjs document (never from an
 * editor view), so the command line, the library and the status bar agree.
 */
export function messageParagraphs(doc: Y.Doc): string[] {
  const out: string[] = [];
  const walkBlock = (el: Y.XmlElement) => {
    const type = el.nodeName;
    if (CONTAINERS.has(type) || hasBlockChild(el)) {
      for (const child of el.toArray()) if (child instanceof Y.XmlElement) walkBlock(child);
      return;
    }
    if (type === 'horizontalrule' || type === 'page-break') return;
    out.push(inlineText(el));
  };
  for (const child of textRoot(doc).toArray()) if (child instanceof Y.XmlElement) walkBlock(child);
  return out;
}

const BLOCKS = new Set(['paragraph', 'heading', 'quote', 'list', 'listitem', 'signature', 'horizontalrule', 'page-break']);

/** A quote or list item that holds paragraphs or lists is a container, not one line of text. */
function hasBlockChild(el: Y.XmlElement): boolean {
  return el.toArray().some((c) => c instanceof Y.XmlElement && BLOCKS.has(c.nodeName));
}

function inlineText(el: Y.XmlElement | Y.XmlText): string {
  if (el instanceof Y.XmlText) {
    return el
      .toDelta()
      .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
      .join('');
  }
  if (el.nodeName === 'linebreak') return '\n';
  return el
    .toArray()
    .map((c) => (c instanceof Y.XmlElement || c instanceof Y.XmlText ? inlineText(c) : ''))
    .join('');
}

/** Plain text: paragraphs separated by one blank line. */
export function messageText(doc: Y.Doc): string {
  return messageParagraphs(doc).join('\n\n');
}
