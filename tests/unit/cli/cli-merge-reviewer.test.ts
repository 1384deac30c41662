// `signet merge` of a reviewer's copy edited by script, run as a user runs it (`node bin/signet.js`
// in a child process; needs the build). Direct edits arrive as the reviewer's suggestions, said in
// the output; a copy that logs a decision in the author's name is refused, FILE byte for byte as it was.
import { ed25519 } from '@noble/curves/ed25519.js';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { messageText, textRoot } from '../../../shared/document';
import { decideSuggestions, listSuggestions, noteSentForReview } from '../../../shared/review';
import { changeRoster, signerFromSecretKey, type Role, type Signer } from '../../../shared/signoff';
import { newMessage } from '../../../electron/services/library/library';
import { encodeMessageFile, loadLog } from '../../../electron/services/files/message-file';
import { copyOf, openSession } from '../../helpers/history';
import { suggester, suggestType } from '../../helpers/suggesting';
import { BUILT_CLI, runSignet } from '../../helpers/cli';

const ADA = { name: 'Ada Mensah', title: 'Speechwriter' };
const BEN = { name: 'Ben Okafor', title: 'Chief of staff' };
const CARMEN = { name: 'Carmen Ruiz', title: 'Mayor' };
const key = (): Signer => signerFromSecretKey(ed25519.utils.randomSecretKey());
const [ada, ben, carmen] = [key(), key(), key()];
const member = (s: Signer, p: typeof ADA, roles: Role[]) => ({ publicKey: s.publicKey, name: p.name, titles: [p.title], organisation: '', email: '', roles });

let dir = '';
const path = (name: string) => join(dir, name);
const save = (name: string, doc: Y.Doc) => writeFileSync(path(name), encodeMessageFile(doc));
const load = (name: string) => loadLog(readFileSync(path(name)), name).doc;

/** Ada's message with Carmen's suggestion, sent for review to Ben, saved as `draft`; and Ben's copy. */
function round(draft: string): { doc: Y.Doc; copy: Y.Doc } {
  const session = openSession(newMessage('blank', 'Bridge'));
  session.write(['We will finish the bridge by June and report back.'], ['Thank you.']);
  suggestType(session, suggester(CARMEN), 'bridge', 'new ', 'before');
  const doc = session.doc;
  changeRoster(doc, ada, [member(ada, ADA, ['owner', 'author']), member(ben, BEN, ['reviewer']), member(carmen, CARMEN, ['reviewer'])]);
  noteSentForReview(doc, { to: BEN.name, by: ADA, at: '2026-12-01T08:00:00.000Z', file: 'Bridge (for review).signet' });
  save(draft, doc);
  return { doc, copy: copyOf(doc) };
}

/** The copy's first paragraph as Yjs holds it, and where `words` start in it. */
function place(copy: Y.Doc, words: string): { text: Y.XmlText; at: number } {
  const text = (textRoot(copy).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const at = (text.toDelta() as { insert: string }[]).map((d) => d.insert).join('').indexOf(words);
  return { text, at };
}

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: build first with \`npx electron-vite build\``);
  dir = mkdtempSync(join(tmpdir(), 'signet-merge-reviewer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signet merge of a hostile reviewer copy', () => {
  it('brings Ben’s direct edit in as his suggestion, says so, and leaves the text as it stood', async () => {
    const { doc, copy } = round('direct.signet');
    const { text, at } = place(copy, 'June');
    text.delete(at, 'June'.length);
    text.insert(at, 'March');
    save('direct-copy.signet', copy);
    const result = await runSignet(dir, ['merge', 'direct.signet', 'direct-copy.signet']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("by Ben Okafor brought in as Ben Okafor's suggestion, not as accepted text");
    const merged = load('direct.signet');
    expect(messageText(merged)).toBe(messageText(doc));
    const bens = listSuggestions(merged).filter((s) => s.author.name === BEN.name);
    expect(bens.map((s) => [s.change, s.deleted, s.inserted])).toEqual([['replace', 'June', 'March']]);
  });

  it('refuses a copy that logs a rejection as Ada’s with exit 1, FILE byte for byte as it was', async () => {
    const { copy } = round('forged.signet');
    const carmens = listSuggestions(copy)[0]!;
    decideSuggestions(copy, new Set([carmens.id]), 'rejected', ADA);
    save('forged-copy.signet', copy);
    const before = readFileSync(path('forged.signet'));
    const result = await runSignet(dir, ['merge', 'forged.signet', 'forged-copy.signet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("this copy is Ben Okafor's review copy, and logs 1 decision on suggestions as made by Ada Mensah");
    expect(readFileSync(path('forged.signet')).equals(before)).toBe(true);
  });
});
