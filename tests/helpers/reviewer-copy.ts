// A review round for attacking a reviewer's copy: Ada Mensah's message (owner and author) with
// Carmen Ruiz's suggestion in it, sent for review to Ben Okafor (a reviewer), and Ben's copy.
import { ed25519 } from '@noble/curves/ed25519.js';
import type * as Y from 'yjs';
import { textRoot } from '../../shared/document';
import { listSuggestions, noteSentForReview, type Suggestion } from '../../shared/review';
import { changeRoster, signerFromSecretKey, type Role, type Signer } from '../../shared/signoff';
import { newMessage } from '../../electron/services/library/library';
import { copyOf, openSession } from './history';
import { suggester, suggestType } from './suggesting';

export const ADA = { name: 'Ada Mensah', title: 'Speechwriter' };
export const BEN = { name: 'Ben Okafor', title: 'Chief of staff' };
export const CARMEN = { name: 'Carmen Ruiz', title: 'Mayor' };
const key = (): Signer => signerFromSecretKey(ed25519.utils.randomSecretKey());
export const [ada, ben, carmen] = [key(), key(), key()];
export const member = (s: Signer, p: typeof ADA, roles: Role[]) => ({ publicKey: s.publicKey, name: p.name, titles: [p.title], organisation: '', email: '', roles });

/** Ada's message, Carmen's suggestion in it, sent for review to Ben; and Ben's copy. */
export function round(): { doc: Y.Doc; copy: Y.Doc; carmens: Suggestion } {
  const session = openSession(newMessage('blank', 'Bridge'));
  session.write(['We will finish the bridge by June and report back.'], ['Thank you.']);
  suggestType(session, suggester(CARMEN), 'bridge', 'new ', 'before');
  const doc = session.doc;
  changeRoster(doc, ada, [member(ada, ADA, ['owner', 'author']), member(ben, BEN, ['reviewer']), member(carmen, CARMEN, ['reviewer'])]);
  noteSentForReview(doc, { to: BEN.name, by: ADA, at: '2026-12-01T08:00:00.000Z', file: 'Bridge (for review).signet' });
  return { doc, copy: copyOf(doc), carmens: listSuggestions(doc)[0]! };
}

/** The copy's first paragraph's text, as Yjs holds it, and where `words` start in it. */
export function place(copy: Y.Doc, words: string): { text: Y.XmlText; at: number } {
  const text = (textRoot(copy).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const plain = (text.toDelta() as { insert: string }[]).map((d) => d.insert).join('');
  const at = plain.indexOf(words);
  if (at < 0) throw new Error(`no “${words}”`);
  return { text, at };
}
