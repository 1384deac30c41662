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

/**
 * The public key of the person who made the message, where they had one: the first roster must be
 * signed with it (shared/signoff/workflow.ts). Set only when a message is made (or duplicated into
 * a new one); no copy may set or change it (shared/review/guard.ts).
 */
export function messageCreator(doc: Y.Doc): string | null {
  const key = doc.getMap<unknown>(META).get('creator');
  return typeof key === 'string' && key ? key : null;
}

/** Names the message's creator when it is made; null says the message does not know (a duplicate by someone without a key). */
export function setCreator(doc: Y.Doc, publicKey: string | null): void {
  if (publicKey) doc.getMap<string>(META).set('creator', publicKey);
  else doc.getMap<string>(META).delete('creator');
}

export function setTitle(doc: Y.Doc, title: string): void {
  doc.getMap<string>(META).set('title', title);
}

/** The message's language (a BCP 47 tag), which the spelling checker follows. */
export function setLanguage(doc: Y.Doc, language: string): void {
  doc.getMap<string>(META).set('language', language);
}
