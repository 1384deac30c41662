// Comment threads in the message's document (shared/review/comments.ts), and the review round trip over
// IPC ('review.send', 'review.merge'). Threads are anchored the way the editor anchors a selection:
// Yjs relative positions in the paragraph texts the Lexical binding writes (start assoc 0, end -1),
// and each test checks what the comments panel and the library would show.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { reviewedDraft } from '../../helpers/word';
import { join } from 'node:path';
import { $createLinkNode } from '@lexical/link';
import { $createLineBreakNode, $getRoot, type TextNode } from 'lexical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Services } from '../../../electron/services/services';
import type { Reply } from '../../../shared/ipc';
import { $createParagraphNode, $createTextNode } from '../../../electron/services/document/headless-editor';
import { newMessage } from '../../../electron/services/library/library';
import { HEADER_SIZE, RECORD_HEADER_SIZE, readMessageFile } from '../../../electron/services/files/message-file';
import { createMessageFile } from '../../../electron/services/files/message-store';
import {
  commentCounts,
  createThread,
  deleteComment,
  editComment,
  listThreads,
  placeThreads,
  reply,
  setResolved,
  listReviewsSent,
} from '../../../shared/review';
import { contentParagraphs, messageParagraphs, readMeta, textRoot } from '../../../shared/document';
import { listVersions, versionContent, type Person } from '../../../shared/history';
import { tempFolder } from '../../helpers/editing';
import { $replace, openSession, type Part, type Session } from '../../helpers/history';
import { testServices, type TestServices } from '../../helpers/services';

const ANN: Person = { name: 'Ann Lee', title: 'Speechwriter' };
const BEN: Person = { name: 'Ben Ode', title: 'Policy adviser' };
const CAT: Person = { name: 'Cat Ruiz', title: 'Press officer' };

const DRAFT: Part[][] = [['Friends, the budget is balanced.'], ['We will build schools and clinics.'], ['Thank you.']];
const DRAFT_TEXT = DRAFT.map((p) => p.join(''));

// ── Anchoring threads as the editor does ──────────────────────────────────────────────────

const plain = (text: Y.XmlText) =>
  text
    .toDelta()
    .map((op: { insert: unknown }) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');

/** The Yjs texts the binding keeps the words in (root-v2 > paragraph > XmlText, and inside links). */
function textsOf(doc: Y.Doc): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  const walk = (el: Y.XmlElement) =>
    el.toArray().forEach((child) => (child instanceof Y.XmlText ? found.push(child) : child instanceof Y.XmlElement && walk(child)));
  walk(textRoot(doc));
  return found;
}

/** The first place `words` stand: the Yjs text holding them and their index in it. */
function where(doc: Y.Doc, words: string): { text: Y.XmlText; index: number } {
  for (const text of textsOf(doc)) {
    const index = plain(text).indexOf(words);
    if (index >= 0) return { text, index };
  }
  throw new Error(`The text has no "${words}".`);
}

/** Starts a thread from the first `words` to the end of the first `to` after them (the same words unless given). */
function commentOn(doc: Y.Doc, words: string, text: string, author = ANN, to = words, at?: Date): string {
  const start = where(doc, words);
  const end = where(doc, to);
  return createThread(doc, {
    start: Y.createRelativePositionFromTypeIndex(start.text, start.index, 0),
    end: Y.createRelativePositionFromTypeIndex(end.text, end.index + to.length, -1),
    quote: to === words ? words : `${words} … ${to}`,
    text,
    author,
    at,
  });
}

/** The panel's list: each thread's words as they are now, or "on deleted text" with the quote. */
const panel = (doc: Y.Doc) => placeThreads(doc).map((p) => (p.anchored ? p.text : `on deleted text: ${p.thread.quote}`));

/** Each thread's comments as the panel shows them. */
const said = (doc: Y.Doc) => placeThreads(doc).map((p) => p.thread.comments.map((c) => `${c.author.name}: ${c.deleted ? '(deleted)' : c.text}`));

/** Ann's draft, written through a Lexical editor bound to the message's document (her session's copy). */
function drafted(): Session {
  const ann = openSession(newMessage('blank', 'Budget speech'));
  ann.write(...DRAFT);
  ann.binding.undoManager.stopCapturing();
  return ann;
}

/** One editor change, kept as its own undo step. */
function step(session: Session, change: () => void): void {
  session.edit(change);
  session.binding.undoManager.stopCapturing();
}

/** Inside an editor update: the text node holding the first `words`. */
function $nodeWith(words: string): { node: TextNode; at: number } {
  for (const node of $getRoot().getAllTextNodes()) {
    const at = node.getTextContent().indexOf(words);
    if (at >= 0) return { node, at };
  }
  throw new Error(`The text has no "${words}".`);
}

/** Inside an editor update: types `typed` right after the first `after`. */
function $typeAfter(after: string, typed: string): void {
  const { node, at } = $nodeWith(after);
  node.spliceText(at + after.length, 0, typed, false);
}

/** Inside an editor update: types `typed` right before the first `before`. */
function $typeBefore(before: string, typed: string): void {
  const { node, at } = $nodeWith(before);
  node.spliceText(at, 0, typed, false);
}

// ── Threads, comments and who may change them ─────────────────────────────────────────────

describe('comment threads', () => {
  it('starts a thread on words, with its author, time and first comment', () => {
    const { doc } = drafted();
    const at = new Date('2026-03-01T09:30:00Z');
    const id = commentOn(doc, 'budget is balanced', '  Is it, though?  ', ANN, undefined, at);

    const [thread] = listThreads(doc);
    expect(thread).toMatchObject({ id, quote: 'budget is balanced', resolved: false });
    expect(thread.comments).toEqual([{ id: thread.comments[0].id, author: ANN, at: at.toISOString(), text: 'Is it, though?' }]);
    expect(panel(doc)).toEqual(['budget is balanced']);
    expect(commentCounts(doc)).toEqual({ open: 1, total: 1 });
  });

  it('refuses a thread or a reply without words, and adds nothing', () => {
    const { doc } = drafted();
    expect(() => commentOn(doc, 'Thank you', '   ')).toThrow('A comment needs some words.');
    expect(listThreads(doc)).toEqual([]);
    const id = commentOn(doc, 'Thank you', 'Warmer?');
    expect(() => reply(doc, id, BEN, ' ')).toThrow('A reply needs some words.');
    expect(() => reply(doc, 'no-such-thread', BEN, 'Hello')).toThrow('There is no comment thread no-such-thread.');
    expect(said(doc)).toEqual([['Ann Lee: Warmer?']]);
  });

  it('keeps replies in the order written, each with its author', () => {
    const { doc } = drafted();
    const id = commentOn(doc, 'schools and clinics', 'How many?');
    reply(doc, id, BEN, 'Twelve of each.');
    reply(doc, id, CAT, 'Say twelve, then.');
    expect(said(doc)).toEqual([['Ann Lee: How many?', 'Ben Ode: Twelve of each.', 'Cat Ruiz: Say twelve, then.']]);
  });

  it('lets only the author (same name and title) edit or delete a comment, and tells anyone else why', () => {
    const { doc } = drafted();
    const id = commentOn(doc, 'balanced', 'Is it, though?');
    const first = listThreads(doc)[0].comments[0].id;
    const refused = 'Only the person who wrote a comment can change or delete it.';

    expect(() => editComment(doc, id, first, BEN, 'It is.')).toThrow(refused);
    expect(() => deleteComment(doc, id, first, BEN)).toThrow(refused);
    // Another Ann Lee (same name, another title) is someone else.
    const namesake = { name: ANN.name, title: 'Intern' };
    expect(() => editComment(doc, id, first, namesake, 'It is.')).toThrow(refused);
    expect(() => deleteComment(doc, id, first, namesake)).toThrow(refused);
    expect(() => editComment(doc, id, 'no-such-comment', ANN, 'It is.')).toThrow('There is no comment no-such-comment.');
    expect(said(doc)).toEqual([['Ann Lee: Is it, though?']]);
    expect(listThreads(doc)[0].comments[0].editedAt).toBeUndefined();

    const when = new Date('2026-03-02T10:00:00Z');
    editComment(doc, id, first, { ...ANN }, ' Is it balanced this year? ', when);
    expect(listThreads(doc)[0].comments[0]).toMatchObject({ text: 'Is it balanced this year?', editedAt: when.toISOString() });
    expect(() => editComment(doc, id, first, ANN, '  ')).toThrow('A comment needs some words; delete it instead.');
    expect(said(doc)).toEqual([['Ann Lee: Is it balanced this year?']]);
  });

  it('keeps a deleted comment’s place in its thread but no longer shows its words', () => {
    const { doc } = drafted();
    const id = commentOn(doc, 'balanced', 'Is it, though?');
    const mine = listThreads(doc)[0].comments[0].id;
    const bens = reply(doc, id, BEN, 'Yes, the figures add up.');
    deleteComment(doc, id, mine, ANN);

    const [thread] = listThreads(doc);
    expect(thread.comments.map((c) => [c.id, c.author.name, c.text, c.deleted ?? false])).toEqual([
      [mine, 'Ann Lee', '', true],
      [bens, 'Ben Ode', 'Yes, the figures add up.', false],
    ]);
    // Deleting is an entry in the log of changes: the thread itself is never overwritten, so no copy
    // can take its words away (like deleted text, they stay in the message's history).
    expect(JSON.stringify(doc.getMap('comments').toJSON())).toContain('Is it, though?');
    expect(doc.getArray('comment-changes').toJSON()).toEqual([expect.objectContaining({ change: 'deleted', comment: mine })]);
    expect(panel(doc)).toEqual(['balanced']);
    expect(commentCounts(doc)).toEqual({ open: 1, total: 1 });
  });

  it('no longer lists or counts a thread whose every comment is deleted', () => {
    const { doc } = drafted();
    const gone = commentOn(doc, 'balanced', 'Is it, though?');
    reply(doc, gone, ANN, 'Never mind.');
    commentOn(doc, 'Thank you', 'Warmer?', BEN);
    for (const c of listThreads(doc).find((t) => t.id === gone)!.comments) deleteComment(doc, gone, c.id, ANN);

    expect(listThreads(doc).map((t) => t.quote)).toEqual(['Thank you']);
    expect(panel(doc)).toEqual(['Thank you']);
    expect(commentCounts(doc)).toEqual({ open: 1, total: 1 });
  });

  it('resolves and reopens a thread, saying who resolved it and when; the library counts open threads', () => {
    const { doc } = drafted();
    const a = commentOn(doc, 'balanced', 'Is it, though?');
    commentOn(doc, 'Thank you', 'Warmer?');
    const when = new Date('2026-03-03T08:00:00Z');
    setResolved(doc, a, true, BEN, when);
    expect(listThreads(doc).find((t) => t.id === a)).toMatchObject({ resolved: true, resolvedBy: BEN, resolvedAt: when.toISOString() });
    expect(commentCounts(doc)).toEqual({ open: 1, total: 2 });

    setResolved(doc, a, false, ANN);
    const reopened = listThreads(doc).find((t) => t.id === a)!;
    expect(reopened.resolved).toBe(false);
    expect(reopened.resolvedBy).toBeUndefined();
    expect(reopened.resolvedAt).toBeUndefined();
    expect(commentCounts(doc)).toEqual({ open: 2, total: 2 });
    expect(() => setResolved(doc, 'no-such-thread', true, ANN)).toThrow('There is no comment thread no-such-thread.');
  });

  it('skips malformed threads (a damaged or hostile copy) and malformed comments, and lists the rest', () => {
    const { doc } = drafted();
    const good = commentOn(doc, 'balanced', 'Is it, though?');
    const goodMap = doc.getMap<Y.Map<unknown>>('comments').get(good)!;
    const like = (change: (map: Y.Map<unknown>) => void) => {
      const map = new Y.Map<unknown>();
      doc.getMap<unknown>('comments').set(`bad-${doc.getMap('comments').size}`, map);
      for (const [key, value] of goodMap.entries()) map.set(key, value instanceof Y.Array ? Y.Array.from([commentLike()]) : value);
      change(map);
    };
    const commentLike = () => {
      const c = new Y.Map<unknown>();
      for (const [key, value] of Object.entries({ id: 'c1', author: { name: 'Eve', title: 'Visitor' }, at: '2026-03-01T00:00:00Z', text: 'Hidden?' })) c.set(key, value);
      return c;
    };
    doc.transact(() => {
      doc.getMap<unknown>('comments').set('not-a-map', { id: 'x', text: 'plain JSON' });
      like((m) => m.set('id', 42));
      like((m) => m.set('start', 'not bytes'));
      like((m) => m.set('end', new Uint8Array([])));
      like((m) => m.set('start', new Uint8Array([255])));
      like((m) => m.set('comments', 'not a list'));
      like((m) => m.delete('end'));
    });
    // A thread whose anchors are fine may hold one malformed comment: that comment alone is skipped.
    const comments = goodMap.get('comments') as Y.Array<unknown>;
    comments.push([{ id: 'json', author: BEN, at: 'x', text: 'not a map' }]);
    const noAuthor = commentLike();
    noAuthor.set('author', 'Ben');
    comments.push([noAuthor]);
    reply(doc, good, BEN, 'Yes.');

    expect(listThreads(doc).map((t) => t.id)).toEqual([good]);
    expect(said(doc)).toEqual([['Ann Lee: Is it, though?', 'Ben Ode: Yes.']]);
    expect(panel(doc)).toEqual(['balanced']);
    expect(commentCounts(doc)).toEqual({ open: 1, total: 1 });
  });
});

// ── Where threads are in the text ─────────────────────────────────────────────────────────

describe('placing threads in the text', () => {
  it('lists threads in document order, whatever order they were started in, those on deleted text last', () => {
    const ann = drafted();
    const { doc } = ann;
    commentOn(doc, 'Thank you', 'Warmer?');
    commentOn(doc, 'clinics', 'How many?');
    commentOn(doc, 'schools', 'Which?');
    commentOn(doc, 'Friends', 'Too familiar?');
    commentOn(doc, 'balanced', 'Is it, though?');
    step(ann, () => $replace('Friends, ', ''));
    expect(panel(doc)).toEqual(['balanced', 'schools', 'clinics', 'Thank you', 'on deleted text: Friends']);
  });

  it('says "on deleted text" with the quote once all the words are deleted, and keeps the thread', () => {
    const ann = drafted();
    const { doc } = ann;
    commentOn(doc, 'budget is balanced', 'Is it, though?');
    step(ann, () => $replace('budget is ', ''));
    expect(panel(doc)).toEqual(['balanced']);
    step(ann, () => $replace('balanced', ''));
    const [placed] = placeThreads(doc);
    expect(placed).toMatchObject({ anchored: false, text: '', thread: { quote: 'budget is balanced' } });
    expect(commentCounts(doc)).toEqual({ open: 1, total: 1 });
    // New words typed where the old ones were are not what the thread was about.
    step(ann, () => $typeAfter('the ', 'deficit is small'));
    expect(messageParagraphs(doc)[0]).toBe('Friends, the deficit is small.');
    expect(panel(doc)).toEqual(['on deleted text: budget is balanced']);
  });

  it('holds words typed inside its range, but not words typed at its edges', () => {
    const ann = drafted();
    const { doc } = ann;
    commentOn(doc, 'budget is balanced', 'Is it, though?');
    step(ann, () => $typeAfter('budget is', ' truly'));
    expect(panel(doc)).toEqual(['budget is truly balanced']);
    step(ann, () => $typeBefore('budget', 'national '));
    step(ann, () => $typeAfter('balanced', ' and fair'));
    expect(messageParagraphs(doc)[0]).toBe('Friends, the national budget is truly balanced and fair.');
    expect(panel(doc)).toEqual(['budget is truly balanced']);
    // A word changed inside the range reads as it is now.
    step(ann, () => $replace('truly', 'roughly'));
    expect(panel(doc)).toEqual(['budget is roughly balanced']);
  });

  it('holds its words when some of them are made bold', () => {
    const ann = drafted();
    const { doc } = ann;
    commentOn(doc, 'budget is balanced', 'Is it, though?');
    step(ann, () => {
      const { node, at } = $nodeWith('is');
      const [, word] = node.splitText(at, at + 2);
      word.toggleFormat('bold');
    });
    expect(panel(doc)).toEqual(['budget is balanced']);
  });

  it('reads a range across paragraphs, a line break or a link as the words run', () => {
    const ann = openSession(newMessage('blank', 'Budget speech'));
    ann.edit(() =>
      $getRoot()
        .clear()
        .append(
          $createParagraphNode().append($createTextNode('Read the '), $createLinkNode('https://example.org/budget').append($createTextNode('budget')), $createTextNode(' online.')),
          $createParagraphNode().append($createTextNode('First line'), $createLineBreakNode(), $createTextNode('second line.')),
        ),
    );
    const { doc } = ann;
    commentOn(doc, 'the', 'Link the figures too?', ANN, 'online');
    commentOn(doc, 'First line', 'One line?', ANN, 'second');
    commentOn(doc, 'online', 'Where?', ANN, 'First');
    expect(panel(doc)).toEqual(['the budget online', 'online. First', 'First line second']);
  });

  it('is held again, on the same words, once their deletion is undone in the editor', () => {
    const ann = drafted();
    const { doc } = ann;
    const undo = ann.binding.undoManager;
    commentOn(doc, 'budget is balanced', 'Is it, though?');
    commentOn(doc, 'schools and clinics', 'How many?');
    commentOn(doc, 'balanced', 'Is it, though?', BEN, 'We will build');

    step(ann, () => $replace('the budget is balanced', ''));
    // The thread that ran on into the next paragraph holds what is left of its words.
    expect(panel(doc)).toEqual(['. We will build', 'schools and clinics', 'on deleted text: budget is balanced']);
    undo.undo();
    expect(messageParagraphs(doc)).toEqual(DRAFT_TEXT);
    expect(panel(doc)).toEqual(['budget is balanced', 'balanced. We will build', 'schools and clinics']);

    // A whole paragraph removed and brought back.
    step(ann, () => $getRoot().getChildren()[1].remove());
    expect(panel(doc)).toEqual(['budget is balanced', 'on deleted text: schools and clinics', 'on deleted text: balanced … We will build']);
    undo.undo();
    expect(panel(doc)).toEqual(['budget is balanced', 'balanced. We will build', 'schools and clinics']);
    // Undo does not touch the threads themselves.
    expect(commentCounts(doc)).toEqual({ open: 3, total: 3 });
  });

  it('keeps its place through a file: written, read back and edited there', async () => {
    const ann = drafted();
    commentOn(ann.doc, 'schools and clinics', 'How many?');
    commentOn(ann.doc, 'Thank you', 'Warmer?', BEN);
    const folder = tempFolder('comments');
    try {
      const path = join(folder.path, 'budget.signet');
      await createMessageFile(path, ann.doc);
      const { doc } = await readMessageFile(path);
      expect(panel(doc)).toEqual(['schools and clinics', 'Thank you']);
      expect(said(doc)).toEqual([['Ann Lee: How many?'], ['Ben Ode: Warmer?']]);
      // The anchors still follow the text in the reopened copy.
      const again = openSession(doc);
      again.edit(() => $typeAfter('schools', ', roads'));
      expect(panel(again.doc)).toEqual(['schools, roads and clinics', 'Thank you']);
    } finally {
      folder.remove();
    }
  });

  it('keeps its place when two copies edited apart are merged by exchanging updates', () => {
    const ann = drafted();
    const ben = openSession(ann.doc);
    // Apart: Ann comments on words while Ben types inside them and around them, and comments too.
    commentOn(ann.doc, 'schools and clinics', 'How many?');
    ann.edit(() => $typeAfter('Thank you', ' all'));
    ben.edit(() => $typeAfter('schools', ', roads'));
    ben.edit(() => $typeBefore('schools', 'new '));
    commentOn(ben.doc, 'budget', 'Which year?', BEN);

    const toBen = Y.encodeStateAsUpdate(ann.doc, Y.encodeStateVector(ben.doc));
    const toAnn = Y.encodeStateAsUpdate(ben.doc, Y.encodeStateVector(ann.doc));
    Y.applyUpdate(ben.doc, toBen);
    Y.applyUpdate(ann.doc, toAnn);

    for (const doc of [ann.doc, ben.doc]) {
      expect(messageParagraphs(doc)).toEqual(['Friends, the budget is balanced.', 'We will build new schools, roads and clinics.', 'Thank you all.']);
      expect(panel(doc)).toEqual(['budget', 'schools, roads and clinics']);
      expect(said(doc)).toEqual([['Ben Ode: Which year?'], ['Ann Lee: How many?']]);
    }
  });
});

// ── Review copies over IPC ────────────────────────────────────────────────────────────────

describe('review over IPC', () => {
  let setup: TestServices;
  let services: Services;
  let path: string;
  let outbox: string;
  const copyName = 'Budget speech (for review).signet';

  beforeEach(async () => {
    setup = await testServices();
    services = setup.services;
    await services.handlers['settings.set']({ name: ANN.name, jobTitle: ANN.title });
    path = await services.handlers['message.create']({ template: 'blank', title: 'Budget speech' });
    outbox = join(setup.dir, 'outbox');
    await mkdir(outbox);
  });
  afterEach(() => setup.dispose());

  const main = () => services.open.get(path)!;

  /** Opens the message in Ann's editor, as the renderer does; `send` is the editor's 'message.update'. */
  async function openEditor(on = services, at = path) {
    const opened = await on.handlers['message.open'](at);
    const session = openSession(opened.state);
    const send = async () => {
      const reply = await on.dispatch('message.update', [at, session.changes(on.open.get(at)!.doc)]);
      expect(reply).toEqual({ ok: true, value: null });
    };
    return { session, send };
  }

  /** Ann's draft, open in her editor. */
  async function annDrafts() {
    const ann = await openEditor();
    ann.session.write(...DRAFT);
    await ann.send();
    return ann;
  }

  /** Sends the message for review to Ben, saving the copy in the outbox; returns the copy's path. */
  async function sendToBen(): Promise<string> {
    setup.answers.saveLocation = join(outbox, copyName);
    const sent = await services.dispatch('review.send', [path, { to: 'Ben Ode' }]);
    expect(sent).toEqual({ ok: true, value: { path: join(outbox, copyName) } });
    return join(outbox, copyName);
  }

  /** Ben, in his own Signet, opens the copy, edits it and comments on it, then closes it. */
  async function benReviews(copy: string, change: (session: Session) => void) {
    const his = await testServices();
    try {
      await his.services.handlers['settings.set']({ name: BEN.name, jobTitle: BEN.title });
      his.services.grant(copy);
      const ben = await openEditor(his.services, copy);
      change(ben.session);
      await ben.send();
      await his.services.handlers['message.close'](copy);
    } finally {
      await his.dispose();
    }
  }

  /** The error a call answered with (null when it succeeded). */
  const failure = (reply: Reply<unknown>) => (reply.ok ? null : reply.error);

  const versionNames = () => listVersions(main().doc).map((v) => `${v.kind}: ${v.name}`);

  /** The open message's file as it is on disk, every change written. */
  async function fileBytes(): Promise<Buffer> {
    await main().flush();
    return readFile(path);
  }

  describe('review.send', () => {
    it('writes a readable copy of the same message where the person chose, records a version and notes who it went to', async () => {
      await annDrafts();
      const copyPath = await sendToBen();

      const copy = (await readMessageFile(copyPath)).doc;
      expect(readMeta(copy).id).toBe(readMeta(main().doc).id);
      expect(readMeta(copy).title).toBe('Budget speech');
      expect(messageParagraphs(copy)).toEqual(DRAFT_TEXT);

      const [version] = listVersions(main().doc);
      expect(version).toMatchObject({ kind: 'workflow', name: 'Sent for review to Ben Ode', author: ANN });
      expect(contentParagraphs(versionContent(main().doc, version.id))).toEqual(DRAFT_TEXT);
      const note = { to: 'Ben Ode', by: ANN, file: copyName };
      expect(listReviewsSent(main().doc)).toEqual([expect.objectContaining(note)]);
      // The copy says so too, and so does the message's own file.
      expect(listReviewsSent(copy)).toEqual([expect.objectContaining(note)]);
      expect(listVersions(copy).map((v) => v.name)).toEqual(['Sent for review to Ben Ode', 'Created from the Blank template']);
      expect(listReviewsSent((await readMessageFile(path)).doc)).toEqual([expect.objectContaining(note)]);
    });

    it('as a Word file: writes the .docx, records "Sent to … as a Word file"; a name not ending .docx is refused, the message as it was', async () => {
      await annDrafts();
      const before = await fileBytes();
      setup.answers.saveLocation = join(outbox, 'for Ben.txt');
      const refused = await services.dispatch('review.send', [path, { to: 'Ben Ode', as: 'word' }]);
      expect(failure(refused)).toEqual({ code: 'invalid-argument', message: 'A Word copy is saved as a .docx file: for Ben.txt is not named .docx.' });
      expect(await readdir(outbox)).toEqual([]);
      expect((await fileBytes()).equals(before)).toBe(true);
      setup.answers.saveLocation = join(outbox, 'for Ben.docx');
      expect(await services.dispatch('review.send', [path, { to: 'Ben Ode', as: 'word' }])).toEqual({ ok: true, value: { path: join(outbox, 'for Ben.docx') } });
      const bytes = await readFile(join(outbox, 'for Ben.docx'));
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(listVersions(main().doc)[0]).toMatchObject({ kind: 'workflow', name: 'Sent to Ben Ode as a Word file', source: 'review-word:Ben Ode' });
      expect(listReviewsSent(main().doc)).toEqual([expect.objectContaining({ to: 'Ben Ode', file: 'for Ben.docx' })]);
    });

    it('merges the Word copy sent back unchanged as nothing new, and refuses a Word file not sent from it, the message as it was', async () => {
      await annDrafts();
      setup.answers.saveLocation = join(outbox, 'for Ben.docx');
      await services.dispatch('review.send', [path, { to: 'Ben Ode', as: 'word' }]);
      await main().flush();
      const before = await fileBytes();
      const back = await services.dispatch('review.merge', [path, join(outbox, 'for Ben.docx')]);
      expect(back).toMatchObject({ ok: true, value: { file: 'for Ben.docx', summary: { nothingNew: true }, word: { from: 'Ben Ode', suggestions: 0, comments: 0, leftOut: 0 } } });
      await writeFile(join(outbox, 'draft.docx'), await reviewedDraft());
      setup.answers.messageToOpen = join(outbox, 'draft.docx'); // chosen in the dialog
      const refused = await services.dispatch('review.merge', [path, null]);
      expect(failure(refused)).toEqual({ code: 'invalid-argument', message: 'draft.docx was not merged: draft.docx was not sent from Signet (it has no Signet mark); nothing was merged (it can still be opened as a new message)' });
      expect((await fileBytes()).equals(before)).toBe(true);
    });

    it('writes nothing and records nothing when the save dialog is cancelled', async () => {
      await annDrafts();
      const before = await fileBytes();
      expect(await services.dispatch('review.send', [path, { to: 'Ben Ode' }])).toEqual({ ok: true, value: null });
      expect(await readdir(outbox)).toEqual([]);
      expect(listVersions(main().doc).map((v) => v.kind)).toEqual(['created']);
      expect(listReviewsSent(main().doc)).toEqual([]);
      expect((await fileBytes()).equals(before)).toBe(true);
    });

    it('refuses to write the copy over the message itself', async () => {
      await annDrafts();
      const before = await fileBytes();
      setup.answers.saveLocation = path;
      const refused = await services.dispatch('review.send', [path, { to: 'Ben Ode' }]);
      expect(failure(refused)).toEqual({ code: 'forbidden', message: expect.stringContaining('the review copy cannot replace the message itself') });
      expect(listVersions(main().doc).map((v) => v.kind)).toEqual(['created']);
      expect(listReviewsSent(main().doc)).toEqual([]);
      expect((await fileBytes()).equals(before)).toBe(true);
      expect(messageParagraphs((await readMessageFile(path)).doc)).toEqual(DRAFT_TEXT);
    });
  });

  describe('review.merge', () => {
    it('brings the reviewer’s edits and comment into the open message, says what came in and from whom, and keeps local work', async () => {
      const ann = await annDrafts();
      const copy = await sendToBen();
      await benReviews(copy, (ben) => {
        ben.edit(() => $replace('balanced', 'sound'));
        ben.edit(() => $typeAfter('build', ' rural'));
        commentOn(ben.doc, 'clinics', 'How many?', BEN);
      });
      // Meanwhile Ann goes on writing.
      ann.session.edit(() => $typeAfter('Thank you', ' all'));
      await ann.send();
      const annBefore = ['Friends, the budget is balanced.', 'We will build schools and clinics.', 'Thank you all.'];

      const merged = await services.handlers['review.merge'](path, copy);
      expect(merged).not.toBeNull();
      const { file, summary, update } = merged!;
      expect(file).toBe(copyName);
      expect(summary).toMatchObject({ nothingNew: false, wordsAdded: 2, wordsRemoved: 1, newThreads: 1, newReplies: 0 });
      expect(summary.people).toEqual([BEN]);

      const mergedText = ['Friends, the budget is sound.', 'We will build rural schools and clinics.', 'Thank you all.'];
      expect(messageParagraphs(main().doc)).toEqual(mergedText);
      expect(panel(main().doc)).toEqual(['clinics']);
      expect(said(main().doc)).toEqual([['Ben Ode: How many?']]);
      // A version of Ann's text from just before the merge, to go back to.
      const before = listVersions(main().doc).filter((v) => v.kind === 'before-merge');
      expect(before.map((v) => v.author)).toEqual([ANN]);
      expect(contentParagraphs(versionContent(main().doc, before[0].id))).toEqual(annBefore);
      // The editor, given the reply's update, shows the same.
      Y.applyUpdate(ann.session.doc, update);
      expect(messageParagraphs(ann.session.doc)).toEqual(mergedText);

      // And it is all in the file.
      await services.handlers['message.close'](path);
      const saved = (await readMessageFile(path)).doc;
      expect(messageParagraphs(saved)).toEqual(mergedText);
      expect(said(saved)).toEqual([['Ben Ode: How many?']]);
    });

    it('says nothing new for the same copy merged twice, and records no second version', async () => {
      await annDrafts();
      const copy = await sendToBen();
      await benReviews(copy, (ben) => ben.edit(() => $replace('balanced', 'sound')));
      const first = await services.dispatch('review.merge', [path, copy]);
      expect(first).toMatchObject({ ok: true, value: { summary: { nothingNew: false, wordsAdded: 1, wordsRemoved: 1 } } });
      const versions = versionNames();
      const bytes = await fileBytes();

      const again = await services.dispatch('review.merge', [path, copy]);
      expect(again).toMatchObject({ ok: true, value: { summary: { nothingNew: true, wordsAdded: 0, wordsRemoved: 0, newThreads: 0, people: [] } } });
      expect(versionNames()).toEqual(versions);
      expect((await fileBytes()).equals(bytes)).toBe(true);
    });

    it('records no version before merging a copy that brings nothing', async () => {
      const ann = await annDrafts();
      const copy = await sendToBen();
      // Ann's text now differs from the last version, so only the empty copy can be why none is recorded.
      ann.session.edit(() => $typeAfter('Thank you', ' all'));
      await ann.send();
      const versions = versionNames();
      const merged = await services.dispatch('review.merge', [path, copy]);
      expect(merged).toMatchObject({ ok: true, value: { summary: { nothingNew: true } } });
      expect(versionNames()).toEqual(versions);
      expect(messageParagraphs(main().doc)[2]).toBe('Thank you all.');
    });

    it('refuses a copy of a different message, naming both, and changes nothing', async () => {
      const ann = await annDrafts();
      const other = await services.handlers['message.create']({ template: 'blank', title: 'Harbour opening' });
      ann.session.edit(() => $typeAfter('Thank you', ' all'));
      await ann.send();
      const versions = versionNames();
      const bytes = await fileBytes();

      const refused = failure(await services.dispatch('review.merge', [path, other]));
      expect(refused?.code).toBe('invalid-argument');
      expect(refused?.message).toContain('Harbour opening.signet was not merged');
      expect(refused?.message).toContain('"Harbour opening"');
      expect(refused?.message).toContain('"Budget speech"');
      expect(versionNames()).toEqual(versions);
      expect((await fileBytes()).equals(bytes)).toBe(true);
    });

    it('refuses a damaged copy, saying where it is damaged, and leaves the open message and its file as they were', async () => {
      const ann = await annDrafts();
      const copy = await sendToBen();
      await benReviews(copy, (ben) => ben.edit(() => $replace('balanced', 'sound')));
      const damaged = await readFile(copy);
      damaged[HEADER_SIZE + RECORD_HEADER_SIZE + 3] ^= 0xff;
      await writeFile(copy, damaged);
      ann.session.edit(() => $typeAfter('Thank you', ' all'));
      await ann.send();
      const versions = versionNames();
      const text = messageParagraphs(main().doc);
      const bytes = await fileBytes();

      const refused = failure(await services.dispatch('review.merge', [path, copy]));
      expect(refused?.code).toBe('damaged');
      expect(refused?.message).toMatch(new RegExp(`\\(for review\\)\\.signet is damaged: .* at byte ${HEADER_SIZE}\\. Nothing was changed\\.$`));
      expect(messageParagraphs(main().doc)).toEqual(text);
      expect(versionNames()).toEqual(versions);
      expect((await fileBytes()).equals(bytes)).toBe(true);
      // The copy is not repaired or cut behind the person's back either.
      expect((await readFile(copy)).equals(damaged)).toBe(true);
    });

    it('refuses a copy that is neither in the library nor chosen, and merges it once chosen in the dialog', async () => {
      await annDrafts();
      const elsewhere = join(setup.dir, 'elsewhere');
      await mkdir(elsewhere);
      const copyPath = join(elsewhere, 'budget copy.signet');
      const copy = openSession(main().doc);
      copy.edit(() => $typeAfter('Thank you', ' all'));
      await createMessageFile(copyPath, copy.doc);

      const refused = failure(await services.dispatch('review.merge', [path, copyPath]));
      expect(refused).toEqual({ code: 'forbidden', message: expect.stringContaining('is not in your library and was not chosen by you') });
      expect(messageParagraphs(main().doc)).toEqual(DRAFT_TEXT);

      // Cancelling the dialog merges nothing; choosing the file there merges it.
      expect(await services.dispatch('review.merge', [path, null])).toEqual({ ok: true, value: null });
      setup.answers.messageToOpen = copyPath;
      const merged = await services.dispatch('review.merge', [path, null]);
      expect(merged).toMatchObject({ ok: true, value: { file: 'budget copy.signet', summary: { nothingNew: false, wordsAdded: 1 } } });
      expect(messageParagraphs(main().doc)[2]).toBe('Thank you all.');
    });
  });
});
