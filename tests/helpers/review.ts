// Review copies for the merge tests: a person's edit in a copy of a message (a headless editor
// session whose client and deletions are registered to them, as the app records them), a
// comment thread on some words, and the threads as a reader sees them.
import * as Y from 'yjs';
import { createThread, listThreads } from '../../shared/review';
import { textRoot } from '../../shared/document';
import { recordDeletions, registerPerson, type Person } from '../../shared/history';
import { openSession, type Session } from './history';

/** One person's edit in a copy, in an editing session of its own. */
export function editAs(doc: Y.Doc, person: Person, change: (session: Session) => void): void {
  const session = openSession(doc);
  change(session);
  const deleted = session.send(doc);
  registerPerson(doc, [session.doc.clientID], person);
  recordDeletions(doc, person, deleted);
  session.dispose();
}

const plain = (text: Y.XmlText) =>
  text
    .toDelta()
    .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');

/** Starts a thread on the first occurrence of `words` (within one paragraph); returns its id. */
export function commentOn(doc: Y.Doc, words: string, text: string, author: Person): string {
  for (const block of textRoot(doc).toArray()) {
    if (!(block instanceof Y.XmlElement)) continue;
    for (const child of block.toArray()) {
      const at = child instanceof Y.XmlText ? plain(child).indexOf(words) : -1;
      if (at < 0) continue;
      const xml = child as Y.XmlText;
      return createThread(doc, {
        start: Y.createRelativePositionFromTypeIndex(xml, at, 0),
        end: Y.createRelativePositionFromTypeIndex(xml, at + words.length, -1),
        quote: words,
        text,
        author,
      });
    }
  }
  throw new Error(`The text has no "${words}".`);
}

/** Every thread in a fixed order, its anchors as the places they point at (not their bytes). */
export const threadsOf = (doc: Y.Doc) =>
  listThreads(doc)
    .map((t) => ({
      ...t,
      start: Y.createAbsolutePositionFromRelativePosition(t.start, doc)?.index,
      end: Y.createAbsolutePositionFromRelativePosition(t.end, doc)?.index,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
