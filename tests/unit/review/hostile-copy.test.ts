// A hostile copy, built with the app's own code and plain Yjs operations on a copy of the message
// (no private key, no hand-edited bytes): deleting versions, comment threads, a sign-off record or
// the roster, or overwriting a comment's words, is refused whole before anything is applied, with
// what it tried in words, and the owner's file stays byte for byte as it was. What people really do
// (resolve, reopen, edit and delete their own comments, rename a version, change the roster) are new
// entries, so copies that do it still merge. The editor's own changes pass the same guard.
import { ed25519 } from '@noble/curves/ed25519.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writePlainText } from '../../../electron/services/document/compose';
import { encodeMessageFile, readMessageFile } from '../../../electron/services/files/message-file';
import { newMessage } from '../../../electron/services/library/library';
import { CopyRefused, mergeCopy } from '../../../electron/services/review/merge';
import { messageCreator } from '../../../shared/document';
import { listVersions, recordVersion, renameVersion, type Person } from '../../../shared/history';
import { deleteComment, editComment, listThreads, reply, setResolved } from '../../../shared/review';
import { approve, changeRoster, messageState, sendForReview, signerFromSecretKey, type Role, type Signer } from '../../../shared/signoff';
import { copyOf } from '../../helpers/history';
import { commentOn } from '../../helpers/review';
import { testServices, type TestServices } from '../../helpers/services';

const ANN: Person = { name: 'Ann Lee', title: 'Speechwriter' };
const BEN: Person = { name: 'Ben Ode', title: 'Chief of Staff' };
const key = (): Signer => signerFromSecretKey(ed25519.utils.randomSecretKey());
const ann = key();
const ben = key();
const member = (s: Signer, p: Person, roles: Role[]) => ({ publicKey: s.publicKey, name: p.name, titles: [p.title], organisation: '', email: '', roles });

/** Ann's message: 7 versions, 2 threads (one with Ben's reply), a roster, a review and Ben's approval. */
function owner(): { doc: Y.Doc; threads: string[] } {
  const doc = newMessage('blank', 'Harbour opening');
  writePlainText(doc, 'Friends, the harbour opens today.\n\nWe thank the workers who built it.');
  const threads = [commentOn(doc, 'harbour', 'Say "new harbour"?', ANN), commentOn(doc, 'workers', 'Name them?', ANN)];
  reply(doc, threads[0], BEN, 'Agreed.');
  for (let i = 0; i < 7; i += 1) recordVersion(doc, { kind: 'named', author: ANN, name: `Draft ${i + 1}` });
  changeRoster(doc, ann, [member(ann, ANN, ['owner', 'author']), member(ben, BEN, ['approver', 'signatory'])]);
  sendForReview(doc, ann, { approvers: [ben.publicKey], signatory: ben.publicKey });
  approve(doc, ben);
  return { doc, threads };
}

/** What `change` does to a copy, merged back into the owner's message; the error it throws, or null. */
function mergeChanged(change: (copy: Y.Doc, base: { doc: Y.Doc; threads: string[] }) => void): { error: Error | null; base: { doc: Y.Doc; threads: string[] }; before: Uint8Array } {
  const base = owner();
  const copy = copyOf(base.doc);
  change(copy, base);
  const before = Y.encodeStateAsUpdate(base.doc);
  try {
    mergeCopy(base.doc, copy);
    return { error: null, base, before };
  } catch (error) {
    return { error: error as Error, base, before };
  }
}

const versions = (doc: Y.Doc) => doc.getMap('versions');
const records = (doc: Y.Doc) => doc.getArray('records');
const threadComments = (doc: Y.Doc, id: string) => (doc.getMap('comments').get(id) as Y.Map<unknown>).get('comments') as Y.Array<Y.Map<unknown>>;

describe('a copy that would take away what the message keeps', () => {
  const refusals: [string, (copy: Y.Doc, base: { doc: Y.Doc; threads: string[] }) => void, string][] = [
    ['deletes every version and a thread', (c, b) => c.transact(() => {
      for (const id of [...versions(c).keys()]) versions(c).delete(id);
      c.getMap('comments').delete(b.threads[1]);
    }), 'This copy would delete 7 versions and 1 comment thread; nothing was merged.'],
    ['deletes the threads', (c) => c.transact(() => c.getMap('comments').clear()), 'This copy would delete 2 comment threads; nothing was merged.'],
    ['deletes a sign-off record (the approval)', (c) => records(c).delete(2, 1), 'This copy would delete 1 sign-off record; nothing was merged.'],
    ['replaces the roster with its own', (c) => c.transact(() => {
      records(c).delete(0, 3);
      const forger = key();
      changeRoster(c, forger, [member(forger, { name: 'Ben Ode', title: 'Mayor' }, ['owner', 'approver', 'signatory'])]);
    }), 'This copy would delete 3 sign-off records; nothing was merged.'],
    ['overwrites the words of a comment', (c, b) => threadComments(c, b.threads[0]).get(0).set('text', 'Fine as it is.'), 'This copy would change 1 comment thread; nothing was merged.'],
    ['renames a version in place', (c) => (versions(c).values().next().value as Y.Map<unknown>).set('name', 'Final'), 'This copy would change 1 version; nothing was merged.'],
    ['gives an entry of who wrote what to someone else', (c) => c.getMap('people').set(String([...c.getMap('people').keys()][0]), BEN), 'This copy would change 1 note of who wrote what; nothing was merged.'],
    ['changes when the message was made', (c) => c.getMap('meta').set('createdAt', '2020-01-01T00:00:00.000Z'), "This copy would change the message's createdAt; nothing was merged."],
  ];
  for (const [what, change, words] of refusals) {
    it(`is refused when it ${what}, and nothing is merged`, () => {
      const { error, base, before } = mergeChanged(change);
      expect(error).toBeInstanceOf(CopyRefused);
      expect(error!.message).toBe(words);
      expect(Buffer.from(Y.encodeStateAsUpdate(base.doc)).equals(Buffer.from(before))).toBe(true);
    });
  }

  it('merges what people really do: resolve, reopen, edit and delete their own comments, rename a version, a new roster', () => {
    const { error, base } = mergeChanged((c, b) => {
      setResolved(c, b.threads[0], true, BEN);
      setResolved(c, b.threads[1], true, BEN);
      setResolved(c, b.threads[1], false, ANN, new Date(Date.now() + 1000));
      const [first, benReply] = listThreads(c).find((t) => t.id === b.threads[0])!.comments;
      editComment(c, b.threads[0], benReply.id, BEN, 'Agreed, and say when.');
      deleteComment(c, b.threads[0], first.id, ANN);
      renameVersion(c, listVersions(c)[0].id, 'For the Mayor', 'after review');
      changeRoster(c, ann, [member(ann, ANN, ['owner', 'author']), member(ben, BEN, ['approver', 'signatory', 'reviewer'])]);
    });
    expect(error).toBeNull();
    const [one, two] = base.threads.map((id) => listThreads(base.doc).find((t) => t.id === id)!);
    expect([one.resolved, two.resolved]).toEqual([true, false]);
    expect(one.comments.map((c) => [c.text, c.deleted ?? false])).toEqual([['', true], ['Agreed, and say when.', false]]);
    expect(listVersions(base.doc)[0]).toMatchObject({ name: 'For the Mayor', note: 'after review' });
    expect(messageState(base.doc).roster.find((m) => m.publicKey === ben.publicKey)!.roles).toContain('reviewer');
  });

  it('does not let anyone but its author edit or delete a comment, though anyone may add the entry', () => {
    const { doc, threads } = owner();
    const first = listThreads(doc).find((t) => t.id === threads[0])!.comments[0];
    expect(() => editComment(doc, threads[0], first.id, BEN, 'Mine now.')).toThrow('Only the person who wrote a comment');
    // A copy's forged entry (Ben's name on a change to Ann's words) is in the log, but does not count.
    doc.getArray('comment-changes').push([{ thread: threads[0], change: 'edited', comment: first.id, text: 'Mine now.', by: BEN, at: new Date().toISOString() }]);
    expect(listThreads(doc).find((t) => t.id === threads[0])!.comments[0].text).toBe('Say "new harbour"?');
  });
});

describe('in the app', () => {
  let setup: TestServices;
  beforeEach(async () => {
    setup = await testServices();
  });
  afterEach(async () => setup.dispose());

  it('"Merge a copy…" refuses a copy that deletes versions and a thread, and the file is byte for byte as it was', async () => {
    const { services } = setup;
    const lib = (await services.handlers['settings.get']()).libraryFolder;
    const path = join(lib, 'Harbour opening.signet');
    const base = owner();
    const { mkdir } = await import('node:fs/promises');
    await mkdir(lib, { recursive: true });
    writeFileSync(path, encodeMessageFile(base.doc));
    const copy = copyOf(base.doc);
    copy.transact(() => {
      for (const id of [...versions(copy).keys()]) versions(copy).delete(id);
      copy.getMap('comments').delete(base.threads[0]);
    });
    const copyPath = join(setup.dir, 'Harbour opening (from Ben).signet');
    writeFileSync(copyPath, encodeMessageFile(copy));
    const before = readFileSync(path);

    await services.handlers['message.open'](path);
    services.grant(copyPath);
    const reply = await services.dispatch('review.merge', [path, copyPath]);
    expect(reply).toMatchObject({ ok: false, error: { message: 'Harbour opening (from Ben).signet was not merged: This copy would delete 7 versions and 1 comment thread; nothing was merged.' } });
    await services.handlers['message.close'](path);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(listVersions((await readMessageFile(path)).doc)).toHaveLength(7);
  });

  it("names the person's key as a new message's creator, and a duplicate's as the one who made the copy", async () => {
    const { services } = setup;
    const profile = await services.handlers['profile.create']({ name: 'Ann Lee', titles: ['Speechwriter'], organisation: '', email: '', passphrase: 'a long passphrase' });
    const path = await services.handlers['message.create']({ template: 'blank', title: 'Harbour opening' });
    expect(messageCreator((await readMessageFile(path)).doc)).toBe(profile.publicKey);
    const copy = await services.handlers['message.duplicate'](path);
    expect(messageCreator((await readMessageFile(copy)).doc)).toBe(profile.publicKey);
  });

  it('refuses an editor change that would delete a version, and applies nothing of it', async () => {
    const { services } = setup;
    const created = { path: await services.handlers['message.create']({ template: 'blank', title: 'Harbour opening' }) };
    const opened = await services.handlers['message.open'](created.path);
    const editor = new Y.Doc({ gc: false });
    Y.applyUpdate(editor, opened.state);
    recordVersion(editor, { kind: 'named', author: ANN, name: 'Mine' });
    const add = Y.encodeStateAsUpdate(editor, Y.encodeStateVector(new Y.Doc()));
    expect(await services.dispatch('message.update', [created.path, add])).toEqual({ ok: true, value: null });
    const sv = Y.encodeStateVector(editor);
    // Both versions: the first one made on creation ("Created from the Blank template") and Mine.
    editor.getMap('versions').clear();
    const update = Y.encodeStateAsUpdate(editor, sv);
    const refused = await services.dispatch('message.update', [created.path, update]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'This change would delete 2 versions; it was not applied.' } });
    await services.handlers['message.close'](created.path);
    expect(listVersions((await readMessageFile(created.path)).doc).map((v) => v.name)).toContain('Mine');
  });
});
