// The revision history: versions keep exactly the words a message had when they were recorded,
// through saving, reopening and merging two copies; restoring gives back exactly those words and
// can be undone; comparisons name who made each change and treat formatting, links and moved
// paragraphs as what they are; and the main process records its automatic versions.
import { $createHeadingNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createLinkNode } from '@lexical/link';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { ParagraphNode } from 'lexical';
import { $getRoot } from '../../../electron/services/document/headless-editor';
import type { Services } from '../../../electron/services/services';
import { MessageHistory, compareVersions } from '../../../electron/services/history/history';
import { newMessage } from '../../../electron/services/library/library';
import { readMessageFile } from '../../../electron/services/files/message-file';
import { OpenMessage, createMessageFile } from '../../../electron/services/files/message-store';
import {
  compareContent,
  formatWordDiff,
  type Comparison,
  restoreVersion,
  attribution,
  findVersion,
  matchVersions,
  listVersions,
  recordDeletions,
  recordVersion,
  registerPerson,
  renameVersion,
  versionDoc,
  type NewVersion,
  type Person,
} from '../../../shared/history';
import { canonicalContent, contentDigest, readContent, readMeta, setTitle, textRoot } from '../../../shared/document';
import { tempFolder } from '../../helpers/editing';
import {
  $inline,
  $paragraph,
  $replace,
  $setParagraphs,
  $words,
  BOLD,
  ITALIC,
  copyOf,
  describeChanges,
  openSession,
  paragraphs,
  seen,
  type Part,
  type Session,
} from '../../helpers/history';
import { testServices, type TestServices } from '../../helpers/services';

const ANN: Person = { name: 'Ann Lee', title: 'Speechwriter' };
const BEN: Person = { name: 'Ben Ode', title: 'Policy adviser' };
const CAT: Person = { name: 'Cat Ruiz', title: 'Press officer' };

const blank = () => newMessage('blank', 'Budget speech');

/** A session's changes reach the message, with who made them, as the shared functions record them. */
function sendAs(session: Session, doc: Y.Doc, person: Person): void {
  const deleted = session.send(doc);
  registerPerson(doc, [session.doc.clientID], person);
  recordDeletions(doc, person, deleted);
}

/** A new message in which Ann has written `change` (paragraphs, or an editor update); her session stays open. */
function writtenByAnn(change: Part[][] | (() => void)) {
  const doc = blank();
  const ann = openSession(doc);
  if (typeof change === 'function') ann.edit(change);
  else ann.write(...change);
  sendAs(ann, doc, ANN);
  return { doc, ann };
}

/** Versions recorded at distinct, increasing times (so "newest" never depends on the clock's resolution). */
let minute = 0;
function record(doc: Y.Doc, version: Omit<NewVersion, 'at'>) {
  minute += 1;
  return recordVersion(doc, { ...version, at: new Date(Date.UTC(2030, 0, 1, 9, minute)) });
}

/** A version's content compared with the document now, naming who made each change. */
function sinceVersion(doc: Y.Doc, id: string): Comparison {
  const old = versionDoc(doc, id);
  return compareContent(readContent(old, { origins: true }), readContent(doc, { origins: true }), attribution(doc));
}

/** What a version shows, in the same terms as `seen`. */
const seenAt = (doc: Y.Doc, id: string) => seen(versionDoc(doc, id));

/** The pieces a document holds its text in: Yjs items of characters and of formatting, deleted ones too. */
function pieces(el: Y.XmlElement): string[] {
  const out: string[] = [];
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlElement) out.push(`<${child.nodeName}>`, ...pieces(child));
    else if (child instanceof Y.XmlText) {
      for (let item = child._start; item; item = item.right) {
        const c = item.content;
        out.push(`${item.deleted ? '~' : ''}${c instanceof Y.ContentString ? c.str : c instanceof Y.ContentFormat ? `{${c.key}}` : '?'}`);
      }
    }
  }
  return out;
}

describe('content and its digest', () => {
  const words: Part[] = ['The city thanks ', { text: 'every', format: BOLD }, ' volunteer, ', { text: 'see the plan', link: 'https://example.org/plan' }, '.'];

  it('gives the same digest for the same words and formats however the text is split', () => {
    const inOneGo = openSession(blank());
    inOneGo.write(words);

    // Typed piece by piece, out of order, in separate changes.
    const typed = openSession(blank());
    typed.write(['The volunteer, ']);
    typed.edit(() => $replace('The ', 'The every '));
    typed.edit(() => $replace('The ', 'The city thanks '));
    typed.edit(() => $words('every').toggleFormat('bold'));
    typed.edit(() => $getRoot().getFirstChildOrThrow<ParagraphNode>().append($inline({ text: 'see the plan', link: 'https://example.org/plan' })));
    typed.edit(() => $getRoot().getFirstChildOrThrow<ParagraphNode>().append($inline('.')));

    // Formatted and unformatted again, which leaves the document's text in more pieces.
    const reformatted = openSession(blank());
    reformatted.write(words);
    reformatted.edit(() => $words('city').toggleFormat('italic'));
    reformatted.edit(() => $words('city').toggleFormat('italic'));

    // Written by another program straight into the document, in its own pieces.
    const other = blank();
    const para = new Y.XmlElement('paragraph');
    textRoot(other).delete(0, textRoot(other).length);
    textRoot(other).insert(0, [para]);
    const text = new Y.XmlText();
    const link = new Y.XmlElement('link');
    const linkText = new Y.XmlText();
    para.insert(0, [text, link, new Y.XmlText('.')]);
    text.insert(0, 'The city ');
    text.insert(9, 'thanks ');
    text.insert(16, 'every', { p: { __format: BOLD } });
    text.insert(21, ' volunteer, ', {});
    link.setAttribute('__url', 'https://example.org/plan');
    link.insert(0, [linkText]);
    linkText.insert(0, 'see the plan');

    const docs = [inOneGo.doc, typed.doc, reformatted.doc, other];
    // The pieces really differ …
    expect(new Set(docs.map((d) => JSON.stringify(pieces(textRoot(d))))).size).toBe(docs.length);
    // … and what a reader sees does not.
    for (const doc of docs) {
      expect(paragraphs(doc)).toEqual(['The city thanks every volunteer, see the plan.']);
      expect(seen(doc)).toBe(seen(inOneGo.doc));
      expect(contentDigest(readContent(doc))).toBe(contentDigest(readContent(inOneGo.doc)));
    }
    expect(contentDigest(readContent(inOneGo.doc))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads words, formats and links into one canonical form', () => {
    const s = openSession(blank());
    s.write(words);
    expect(JSON.parse(canonicalContent(readContent(s.doc)))).toEqual({
      format: 'signet-content-1',
      title: 'Budget speech',
      blocks: [
        {
          kind: 'paragraph',
          runs: [{ text: 'The city thanks ' }, { text: 'every', format: 1 }, { text: ' volunteer, ' }, { text: 'see the plan', link: 'https://example.org/plan' }, { text: '.' }],
        },
      ],
    });
  });

  it('gives another digest when one word, one format, one link or the title changes', () => {
    const digestOf = (change: (s: Session) => void) => {
      const s = openSession(blank());
      s.write(words);
      change(s);
      return contentDigest(readContent(s.doc));
    };
    const original = digestOf(() => {});
    const changed = {
      word: digestOf((s) => s.edit(() => $replace('city', 'town'))),
      format: digestOf((s) => s.edit(() => $words('thanks').toggleFormat('italic'))),
      moreFormat: digestOf((s) => s.edit(() => $words('every').toggleFormat('italic'))),
      unformatted: digestOf((s) => s.edit(() => $words('every').toggleFormat('bold'))),
      link: digestOf((s) =>
        s.edit(() => {
          const node = $words('see the plan');
          node.getParentOrThrow().replace($createLinkNode('https://example.org/other').append(node));
        }),
      ),
      title: digestOf((s) => setTitle(s.doc, 'Budget address')),
      paragraphs: digestOf((s) => s.write(['The city thanks '], [{ text: 'every', format: BOLD }, ' volunteer, ', { text: 'see the plan', link: 'https://example.org/plan' }, '.'])),
    };
    for (const [what, digest] of Object.entries(changed)) expect(digest, what).not.toBe(original);
    expect(new Set(Object.values(changed)).size).toBe(Object.keys(changed).length);
  });
});

describe('versions', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder('history');
  });
  afterEach(() => folder.remove());

  it('keep what the message said when they were recorded, after saving and reopening', async () => {
    const { doc, ann } = writtenByAnn([['The council thanks every volunteer.'], ['Our budget grows by two percent.']]);
    const first = record(doc, { kind: 'named', name: 'First draft', note: ' For the mayor ', author: ANN });
    const saidFirst = seen(doc);

    ann.edit(() => $replace('two', 'five'));
    ann.edit(() => $words('budget').toggleFormat('bold'));
    sendAs(ann, doc, ANN);
    const second = record(doc, { kind: 'quiet', author: ANN });
    const saidSecond = seen(doc);

    ann.write(['Something else entirely.']);
    sendAs(ann, doc, ANN);

    const path = join(folder.path, 'budget.signet');
    await createMessageFile(path, doc);
    const again = (await readMessageFile(path)).doc;

    expect(listVersions(again).map((v) => [v.kind, v.name, v.note, v.author.name])).toEqual([
      ['quiet', '', '', 'Ann Lee'],
      ['named', 'First draft', 'For the mayor', 'Ann Lee'],
    ]);
    expect(paragraphs(versionDoc(again, first.id))).toEqual(['The council thanks every volunteer.', 'Our budget grows by two percent.']);
    expect(seenAt(again, first.id)).toBe(saidFirst);
    expect(seenAt(again, second.id)).toBe(saidSecond);
    expect(seenAt(again, second.id)).toContain('"format":1');
    expect(paragraphs(again)).toEqual(['Something else entirely.']);
    // What the list says about each version: its size, what changed since the one before, its digest.
    expect(listVersions(again)[0]).toMatchObject({ words: 11, added: 1, removed: 1, digest: contentDigest(readContent(versionDoc(again, second.id))) });
    expect(listVersions(again)[1]).toMatchObject({ words: 11, added: 11, removed: 0 });
  });

  it('are found by id, by a unique start of the id, or by name, and can be renamed', () => {
    const { doc, ann } = writtenByAnn([['One.']]);
    const a = record(doc, { kind: 'named', name: 'Draft', author: ANN });
    ann.write(['Two.']);
    sendAs(ann, doc, ANN);
    const b = record(doc, { kind: 'named', name: 'Draft', author: ANN });

    expect(findVersion(doc, a.id)?.id).toBe(a.id);
    expect(findVersion(doc, a.id.slice(0, 10))?.id).toBe(a.id);
    // A name two versions have means neither: both are the matches, newest first, to be told apart by id.
    expect(findVersion(doc, 'Draft')).toBeUndefined();
    expect(matchVersions(doc, 'Draft').map((v) => v.id)).toEqual([b.id, a.id]);
    expect(findVersion(doc, 'Final')).toBeUndefined();
    expect(findVersion(doc, '')).toBeUndefined();

    renameVersion(doc, a.id, '  Sent to the mayor ', ' with her notes ');
    const again = copyOf(doc);
    expect(findVersion(again, 'Sent to the mayor')).toMatchObject({ id: a.id, note: 'with her notes' });
    expect(paragraphs(versionDoc(again, findVersion(again, 'Sent to the mayor')!.id))).toEqual(['One.']);
    expect(() => renameVersion(doc, 'ffffffffffffffff', 'x', '')).toThrow(/no version ffffffffffffffff/);
  });

  it('skips malformed version records instead of failing on them', () => {
    const { doc, ann } = writtenByAnn([['The council thanks every volunteer.']]);
    const good = record(doc, { kind: 'named', name: 'Good', author: ANN });
    const snapshot = Y.encodeSnapshotV2(Y.snapshot(doc));
    const entry = (fields: Record<string, unknown>) => {
      const map = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ id: 'bad', kind: 'named', name: 'Bad', at: '2030-01-01T10:00:00.000Z', author: ANN, snapshot, ...fields })) {
        if (v !== undefined) map.set(k, v);
      }
      return map;
    };
    const versions = doc.getMap<unknown>('versions');
    doc.transact(() => {
      versions.set('a-string', 'not a version');
      versions.set('a-number', 42);
      versions.set('a-list', new Y.Array());
      versions.set('no-snapshot', entry({ id: 'no-snapshot', snapshot: undefined }));
      versions.set('text-snapshot', entry({ id: 'text-snapshot', snapshot: 'AAAA' }));
      versions.set('numeric-id', entry({ id: 7 }));
      versions.set('no-id', entry({ id: undefined }));
      versions.set('unknown-kind', entry({ id: 'unknown-kind', kind: 'erased' }));
      versions.set('kind-number', entry({ id: 'kind-number', kind: 3 }));
      versions.set('bad-time', entry({ id: 'bad-time', at: 'yesterday' }));
      versions.set('time-number', entry({ id: 'time-number', at: 1_900_000_000_000 }));
      // Deletion records of the wrong shape too.
      doc.getArray<unknown>('deletions').push([null, 'x', { person: 'Mallory', ds: new Uint8Array([1]) }, { person: CAT, ds: new Uint8Array([9, 9, 9]) }]);
    });

    const again = copyOf(doc);
    expect(listVersions(again).map((v) => v.name)).toEqual(['Good']);
    for (const ref of ['no-snapshot', 'text-snapshot', 'unknown-kind', 'bad-time', 'Bad']) expect(findVersion(again, ref), ref).toBeUndefined();
    expect(() => compareVersions(again, 'bad-time', 'current')).toThrow(/no version "bad-time"/);

    // The good version still works, and more can be recorded and compared.
    ann.edit(() => $replace('every', 'each'));
    sendAs(ann, again, ANN);
    const next = record(again, { kind: 'named', name: 'Next', author: ANN });
    expect(next).toMatchObject({ added: 1, removed: 1 });
    expect(describeChanges(sinceVersion(again, good.id))).toEqual(['removed "every" (Ann Lee)', 'added "each" (Ann Lee)']);
    expect(listVersions(again).map((v) => v.name)).toEqual(['Next', 'Good']);
  });
});

describe('two copies of one message', () => {
  /**
   * Ann writes a draft and records it; the file is copied. Ben edits one copy and Cat the other,
   * each recording versions; `said` keeps what each copy showed when each version was recorded.
   */
  function editedApart() {
    const base = blank();
    const ann = openSession(base);
    ann.write(['The council thanks every volunteer.'], ['Our budget grows by two percent.'], ['We will build three new libraries.']);
    sendAs(ann, base, ANN);
    const said = new Map<string, string>();
    const keep = (doc: Y.Doc, v: { id: string }) => said.set(v.id, seen(doc));
    keep(base, record(base, { kind: 'named', name: 'First draft', author: ANN }));

    const a = copyOf(base);
    const b = copyOf(base);
    const ben = openSession(a);
    const cat = openSession(b);

    ben.edit(() => $replace('three', 'four'));
    sendAs(ben, a, BEN);
    keep(a, record(a, { kind: 'named', name: 'Ben 1', author: BEN }));

    cat.edit(() => $replace('two', 'five'));
    sendAs(cat, b, CAT);
    keep(b, record(b, { kind: 'named', name: 'Cat 1', author: CAT }));

    ben.edit(() => $words('libraries').toggleFormat('bold'));
    sendAs(ben, a, BEN);
    keep(a, record(a, { kind: 'quiet', author: BEN }));

    // In the paragraph Ben is changing too.
    cat.edit(() => $replace('new libraries', 'new public libraries'));
    cat.edit(() => $getRoot().append($paragraph(['Thank you.'])));
    sendAs(cat, b, CAT);
    keep(b, record(b, { kind: 'closed', author: CAT }));
    return { a, b, said };
  }

  const expectedNow = ['The council thanks every volunteer.', 'Our budget grows by five percent.', 'We will build four new public libraries.', 'Thank you.'];

  it('list the same versions after merging in either order, each with the words its copy had', async () => {
    const { a, b, said } = editedApart();
    const aThenB = copyOf(a);
    Y.applyUpdate(aThenB, Y.encodeStateAsUpdate(b));
    const bThenA = copyOf(b);
    Y.applyUpdate(bThenA, Y.encodeStateAsUpdate(a));
    // And the copies themselves, each given what it lacks.
    const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    Y.applyUpdate(b, toB);

    const folder = tempFolder('merge');
    try {
      await createMessageFile(join(folder.path, 'merged.signet'), bThenA);
      const reopened = (await readMessageFile(join(folder.path, 'merged.signet'))).doc;
      const merged = [aThenB, bThenA, a, b, reopened];
      for (const doc of merged) {
        const versions = listVersions(doc);
        expect(versions.map((v) => v.id)).toEqual(listVersions(aThenB).map((v) => v.id));
        expect(versions.map((v) => v.name).sort()).toEqual(['', '', 'Ben 1', 'Cat 1', 'First draft']);
        expect(versions).toHaveLength(5);
        for (const v of versions) expect(seenAt(doc, v.id), `${v.kind} ${v.name} by ${v.author.name}`).toBe(said.get(v.id));
        expect(paragraphs(doc)).toEqual(expectedNow);
      }
      // Each copy's versions show that copy's words only.
      const ben1 = findVersion(aThenB, 'Ben 1')!;
      const cat1 = findVersion(aThenB, 'Cat 1')!;
      expect(paragraphs(versionDoc(bThenA, ben1.id)).slice(1)).toEqual(['Our budget grows by two percent.', 'We will build four new libraries.']);
      expect(paragraphs(versionDoc(aThenB, cat1.id)).slice(1)).toEqual(['Our budget grows by five percent.', 'We will build three new libraries.']);
      const catClosed = listVersions(aThenB).find((v) => v.kind === 'closed')!;
      expect(paragraphs(versionDoc(aThenB, catClosed.id)).slice(1)).toEqual(['Our budget grows by five percent.', 'We will build three new public libraries.', 'Thank you.']);
    } finally {
      folder.remove();
    }
  });

  it('name who inserted, deleted and formatted each word, also for what the other copy recorded', async () => {
    const { a, b } = editedApart();
    const aThenB = copyOf(a);
    Y.applyUpdate(aThenB, Y.encodeStateAsUpdate(b));
    const bThenA = copyOf(b);
    Y.applyUpdate(bThenA, Y.encodeStateAsUpdate(a));
    const expected = [
      'removed "two" (Cat Ruiz)',
      'added "five" (Cat Ruiz)',
      'removed "three" (Ben Ode)',
      'added "four" (Ben Ode)',
      'added "public" (Cat Ruiz)',
      'format "libraries" (Ben Ode)',
      'added "Thank you." (Cat Ruiz)',
    ];
    const folder = tempFolder('attribution');
    try {
      for (const [i, doc] of [aThenB, bThenA].entries()) {
        const first = findVersion(doc, 'First draft')!.id;
        expect(describeChanges(sinceVersion(doc, first))).toEqual(expected);
        const path = join(folder.path, `merged-${i}.signet`);
        await createMessageFile(path, doc);
        const reopened = (await readMessageFile(path)).doc;
        expect(describeChanges(sinceVersion(reopened, first))).toEqual(expected);
        expect(describeChanges(compareVersions(reopened, 'First draft', 'current'))).toEqual(expected);
      }
    } finally {
      folder.remove();
    }
    // Without the other copy, Cat's changes are not there to name.
    expect(describeChanges(sinceVersion(a, findVersion(a, 'First draft')!.id))).toEqual([
      'removed "three" (Ben Ode)',
      'added "four" (Ben Ode)',
      'format "libraries" (Ben Ode)',
    ]);
  });
});

describe('comparing versions', () => {
  function drafted(...paras: Part[][]) {
    const { doc } = writtenByAnn(paras);
    const first = record(doc, { kind: 'named', name: 'First draft', author: ANN });
    return { doc, first, ben: openSession(doc) };
  }

  it('shows a word made bold as one format change, not as words removed and added', () => {
    const { doc, first, ben } = drafted(['The council thanks every volunteer.'], ['Our budget grows.']);
    ben.edit(() => $words('every').toggleFormat('bold'));
    sendAs(ben, doc, BEN);
    const comparison = sinceVersion(doc, first.id);
    expect(describeChanges(comparison)).toEqual(['format "every" (Ben Ode)']);
    expect(comparison.blocks.map((b) => b.change)).toEqual(['changed', 'same']);
    expect(comparison.blocks[0].runs.find((r) => r.change === 'format')).toMatchObject({ text: 'every', format: BOLD });
    expect(comparison.summary).toEqual({ wordsAdded: 0, wordsRemoved: 0, paragraphsChanged: 1, paragraphsMoved: 0 });
    expect(formatWordDiff(comparison, 'First draft', 'now')).toBe(
      [
        '--- First draft',
        '+++ now',
        '# 0 words added, 0 removed; 1 paragraph changed, 0 moved',
        '@@ paragraph 1 @@',
        'The council thanks {~every~} (Ben Ode) volunteer.',
        '',
      ].join('\n'),
    );
  });

  it('shows a word made a link as a format change, though the link splits the text', () => {
    const { doc, first, ben } = drafted(['Read the budget online today.']);
    ben.edit(() => {
      const word = $words('budget');
      word.replace($createLinkNode('https://example.org/budget')).append(word);
    });
    sendAs(ben, doc, BEN);
    expect(readContent(doc).blocks[0].runs).toEqual([
      { text: 'Read the ', format: 0 },
      { text: 'budget', format: 0, link: 'https://example.org/budget' },
      { text: ' online today.', format: 0 },
    ]);
    const comparison = sinceVersion(doc, first.id);
    expect(describeChanges(comparison)).toEqual(['format "budget" (Ben Ode)']);
    expect(comparison.blocks[0].runs.find((r) => r.change === 'format')).toMatchObject({ link: 'https://example.org/budget' });
    expect(comparison.summary).toMatchObject({ wordsAdded: 0, wordsRemoved: 0, paragraphsChanged: 1 });
    expect(formatWordDiff(comparison, 'First draft', 'now')).toContain('Read the {~budget~} (Ben Ode) online today.');
  });

  it('shows a moved paragraph as moved, not as rewritten', () => {
    const { doc, first, ben } = drafted(['First we thank the volunteers.'], ['Then we talk about the budget.'], ['Finally we look ahead to next year.']);
    ben.edit(() => {
      const [one, , three] = $getRoot().getChildren();
      one.insertBefore(three);
    });
    sendAs(ben, doc, BEN);
    expect(paragraphs(doc)).toEqual(['Finally we look ahead to next year.', 'First we thank the volunteers.', 'Then we talk about the budget.']);
    const comparison = sinceVersion(doc, first.id);
    expect(comparison.blocks.map((b) => b.change)).toEqual(['moved-to', 'same', 'same', 'moved-from']);
    expect(comparison.summary).toEqual({ wordsAdded: 0, wordsRemoved: 0, paragraphsChanged: 0, paragraphsMoved: 1 });
    // Moved by Ben, from where it was to where it is. (The editor binding rewrites the paragraphs in
    // place and keeps the full stop they share, so that is nobody's change, and never Ann's.)
    expect(describeChanges(comparison)).toEqual([
      'added "Finally we look ahead to next year" (Ben Ode)',
      'added "."',
      'removed "Finally we look ahead to next year" (Ben Ode)',
      'removed "."',
    ]);
    const diff = formatWordDiff(comparison, 'First draft', 'now');
    expect(diff).toContain('@@ paragraph 1 (moved to) @@');
    expect(diff).toContain('@@ after paragraph 3 (moved from) @@');
  });

  it('pairs an edited paragraph with its old self and counts the words', () => {
    const { doc, first, ben } = drafted(['Our budget grows by two percent this year.']);
    ben.edit(() => $replace('two percent', 'nearly three percent'));
    sendAs(ben, doc, BEN);
    const comparison = sinceVersion(doc, first.id);
    expect(comparison.blocks.map((b) => b.change)).toEqual(['changed']);
    expect(describeChanges(comparison)).toEqual(['removed "two" (Ben Ode)', 'added "nearly" (Ben Ode)', 'added "three" (Ben Ode)']);
    expect(comparison.summary).toMatchObject({ wordsAdded: 2, wordsRemoved: 1, paragraphsChanged: 1 });
  });

  it('names who changed a word that keeps some of its letters, not who wrote the letters', () => {
    const { doc, first, ben } = drafted(['In 2031 we open two libraries and thank every volunteer.']);
    ben.edit(() => $replace('2031', '2032'));
    ben.edit(() => $replace('two', 'twelve'));
    ben.edit(() => $replace('every', 'each'));
    sendAs(ben, doc, BEN);
    expect(paragraphs(doc)).toEqual(['In 2032 we open twelve libraries and thank each volunteer.']);
    const comparison = sinceVersion(doc, first.id);
    expect(describeChanges(comparison)).toEqual([
      'removed "2031" (Ben Ode)',
      'added "2032" (Ben Ode)',
      'removed "two" (Ben Ode)',
      'added "twelve" (Ben Ode)',
      'removed "every" (Ben Ode)',
      'added "each" (Ben Ode)',
    ]);
    // Compared the other way round, the old words are Ann's and nobody has deleted the new ones.
    const back = compareContent(readContent(doc, { origins: true }), readContent(versionDoc(doc, first.id), { origins: true }), attribution(doc));
    expect(describeChanges(back)).toEqual([
      'removed "2032"',
      'added "2031" (Ann Lee)',
      'removed "twelve"',
      'added "two" (Ann Lee)',
      'removed "each"',
      'added "every" (Ann Lee)',
    ]);
  });

  it('does not credit the writer of a word with taking its bold off', () => {
    const { doc, first, ben } = drafted(['The council thanks ', { text: 'every', format: BOLD }, ' volunteer.']);
    ben.edit(() => $words('every').toggleFormat('bold'));
    sendAs(ben, doc, BEN);
    expect(describeChanges(sinceVersion(doc, first.id))).toEqual(['format "every"']);
  });
});

describe('restoring a version', () => {
  const firstDraft = () => {
    $getRoot().clear();
    $getRoot().append(
      $createHeadingNode('h1').append($inline('Budget 2031')),
      $paragraph(['The council thanks ', { text: 'every', format: BOLD }, ' volunteer; ', { text: 'read the plan', link: 'https://example.org/plan' }, '.']),
      $createListNode('bullet').append(
        $createListItemNode().append($inline('Roads')),
        $createListItemNode().append($inline({ text: 'Parks', format: ITALIC })),
      ),
      $paragraph(['Closing words.']),
    );
  };

  it('gives back exactly the old content, as one change that can be undone', () => {
    const { doc, ann } = writtenByAnn(firstDraft);
    const first = record(doc, { kind: 'named', name: 'First draft', author: ANN });
    const saidFirst = seen(doc);
    expect(saidFirst).toContain('"kind":"h1"');
    expect(saidFirst).toContain('"kind":"bullet"');

    ann.edit(() => $replace('2031', '2032'));
    ann.edit(() => $words('every').toggleFormat('bold'));
    ann.edit(() => {
      const plan = $words('read the plan');
      plan.getParentOrThrow().replace(plan);
    });
    ann.edit(() => $getRoot().getChildren()[2].remove());
    ann.edit(() => $getRoot().append($paragraph(['A new ending.'])));
    sendAs(ann, doc, ANN);
    record(doc, { kind: 'named', name: 'Second draft', author: ANN });
    const saidSecond = seen(doc);
    expect(saidSecond).not.toBe(saidFirst);

    // Ben opens the message later and restores the first draft.
    const ben = openSession(doc);
    restoreVersion(ben.editor, ben.doc, first.id);
    expect(seen(ben.doc)).toBe(saidFirst);
    sendAs(ben, doc, BEN);
    expect(seen(doc)).toBe(saidFirst);
    expect(contentDigest(readContent(doc))).toBe(first.digest);
    // Compared with the text before it, the restore is Ben's change, down to the digit of the year.
    const changes = describeChanges(sinceVersion(doc, findVersion(doc, 'Second draft')!.id));
    expect(changes.slice(0, 6)).toEqual([
      'removed "2032" (Ben Ode)',
      'added "2031" (Ben Ode)',
      'format "every" (Ben Ode)',
      'format "read the plan" (Ben Ode)',
      'added "Roads" (Ben Ode)',
      'added "Parks" (Ben Ode)',
    ]);
    expect(changes).toContain('removed "A new ending." (Ben Ode)');
    expect(changes.join('\n')).not.toMatch(/Ann Lee|Closing/);

    ben.binding.undoManager.undo();
    expect(seen(ben.doc)).toBe(saidSecond);
    sendAs(ben, doc, BEN);
    expect(seen(doc)).toBe(saidSecond);
    ben.binding.undoManager.redo();
    expect(seen(ben.doc)).toBe(saidFirst);
  });

  it('leaves the paragraphs a version shares with the text alone, so they keep their author', () => {
    const { doc, ann } = writtenByAnn([['Dear residents,'], ['The bridge reopens in May.'], ['Thank you.']]);
    const first = record(doc, { kind: 'named', name: 'First draft', author: ANN });
    ann.receive(doc);
    ann.edit(() => $getRoot().getChildren()[0].remove());
    ann.edit(() => $getRoot().append($paragraph(['With best wishes.'])));
    sendAs(ann, doc, ANN);

    const ben = openSession(doc);
    restoreVersion(ben.editor, ben.doc, first.id);
    sendAs(ben, doc, BEN);
    expect(paragraphs(doc)).toEqual(['Dear residents,', 'The bridge reopens in May.', 'Thank you.']);
    // Only the paragraph the restore brought back is Ben's; the two it kept are still Ann's.
    const who = attribution(doc);
    const authors = readContent(doc, { origins: true }).blocks.map((b) => [
      ...new Set(b.runs.flatMap((r) => r.origins!.map((o) => who.people[who.insertedBy(o.client)!]?.name))),
    ]);
    expect(authors).toEqual([['Ben Ode'], ['Ann Lee'], ['Ann Lee']]);
  });

  it('in a session that was just editing, undo takes back the restore and not the typing before it', () => {
    const { doc, ann } = writtenByAnn([['The council thanks every volunteer.']]);
    const first = record(doc, { kind: 'named', name: 'First draft', author: ANN });
    const saidFirst = seen(doc);
    ann.receive(doc);
    ann.edit(() => $replace('every', 'each'));
    const typed = seen(ann.doc);
    // The person paused before choosing Restore (the undo manager groups changes less than 0.5 s apart).
    ann.binding.undoManager.stopCapturing();
    restoreVersion(ann.editor, ann.doc, first.id);
    expect(seen(ann.doc)).toBe(saidFirst);
    ann.binding.undoManager.undo();
    expect(seen(ann.doc)).toBe(typed);
  });
});

describe('the history of an open message (main process)', () => {
  let folder: ReturnType<typeof tempFolder>;
  let path: string;
  beforeEach(async () => {
    folder = tempFolder('open-history');
    path = join(folder.path, 'budget.signet');
    await createMessageFile(path, blank());
  });
  afterEach(() => folder.remove());

  /** The message open with its history, as createServices keeps it; `send` is what 'message.update' does. */
  async function openWithHistory(person: Person, quietMs = 60_000) {
    const message = await OpenMessage.open(path);
    const history = new MessageHistory(message, async () => person, { quietMs });
    const send = (session: Session) => {
      const update = session.changes(message.doc);
      message.applyFromEditor(update);
      history.noteEdit(update);
    };
    return { message, history, send };
  }

  it('records a version once the editing has been quiet, and none on close when nothing changed since', async () => {
    const { message, history, send } = await openWithHistory(ANN, 50);
    const ann = openSession(message.doc);
    ann.write(['The council thanks every volunteer.']);
    send(ann);
    ann.edit(() => $replace('every', 'each'));
    send(ann);
    const said = seen(message.doc);
    await vi.waitFor(() => expect(listVersions(message.doc)).toHaveLength(1), { timeout: 5_000, interval: 20 });
    const [quiet] = listVersions(message.doc);
    expect(quiet).toMatchObject({ kind: 'quiet', author: ANN, words: 5 });
    expect(seenAt(message.doc, quiet.id)).toBe(said);

    await history.close();
    await message.close();
    const again = (await readMessageFile(path)).doc;
    expect(listVersions(again).map((v) => v.kind)).toEqual(['quiet']);
  });

  it('records a version on close that is there after reopening, naming the person for insertions and deletions', async () => {
    const first = await openWithHistory(ANN);
    const ann = openSession(first.message.doc);
    ann.write(['The council thanks every volunteer.'], ['Our budget grows by two percent.']);
    first.send(ann);
    await first.history.record('named', { name: 'First draft' });
    ann.edit(() => $replace('two', 'five'));
    first.send(ann);
    const said = seen(first.message.doc);
    // Before the close, this session's deletions are named from memory.
    expect(describeChanges(await first.history.compare('First draft', 'current'))).toEqual(['removed "two" (Ann Lee)', 'added "five" (Ann Lee)']);
    await first.history.close();
    await first.message.close();

    const second = await openWithHistory(BEN);
    const doc = second.message.doc;
    // (Sorted by kind: two versions recorded within one millisecond may list either way round.)
    const versions = listVersions(doc).sort((x, y) => x.kind.localeCompare(y.kind));
    expect(versions.map((v) => [v.kind, v.name, v.author.name])).toEqual([
      ['closed', '', 'Ann Lee'],
      ['named', 'First draft', 'Ann Lee'],
    ]);
    expect(seenAt(doc, versions[0].id)).toBe(said);
    // After reopening, the document itself says who did what.
    expect(describeChanges(await second.history.compare('First draft', 'current'))).toEqual(['removed "two" (Ann Lee)', 'added "five" (Ann Lee)']);

    // Ben changes nothing: closing adds no version.
    await second.history.close();
    await second.message.close();
    expect(listVersions((await readMessageFile(path)).doc)).toHaveLength(2);
  });

  it('attributes only the editor’s own changes to the person, not changes merged in from elsewhere', async () => {
    const { message, history, send } = await openWithHistory(BEN);
    const earlier = openSession(message.doc);
    earlier.write(['The council thanks every volunteer.'], ['Our budget grows by two percent.']);
    send(earlier);
    await history.record('named', { name: 'First draft' });
    // A copy edited elsewhere (by a client nobody registered) arrives without the editor's origin.
    const elsewhere = openSession(message.doc);
    elsewhere.edit(() => $replace('every ', ''));
    Y.applyUpdate(message.doc, elsewhere.changes(message.doc));
    // Ben deletes a word in his editor.
    const ben = openSession(message.doc);
    ben.edit(() => $replace(' by two percent', ''));
    send(ben);
    await history.record('named', { name: 'Second draft' });
    expect(describeChanges(await history.compare('First draft', 'Second draft'))).toEqual(['removed "every"', 'removed "by two percent" (Ben Ode)']);
    // Both of Ben's editing sessions are his; the other copy's client is nobody's.
    expect(attribution(message.doc).insertedBy(earlier.doc.clientID)).toBe(attribution(message.doc).people.findIndex((p) => p.name === 'Ben Ode'));
    expect(attribution(message.doc).insertedBy(elsewhere.doc.clientID)).toBeUndefined();
    history.dispose();
    await message.close();
  });
});

describe('history over IPC', () => {
  let setup: TestServices;
  let services: Services;
  let path: string;
  beforeEach(async () => {
    setup = await testServices();
    services = setup.services;
    await services.handlers['settings.set']({ name: 'Ann Lee', jobTitle: 'Speechwriter' });
    path = await services.handlers['message.create']({ template: 'blank', title: 'Budget speech' });
  });
  afterEach(() => setup.dispose());

  /** Opens the message in an editor session, as the renderer does. */
  async function openEditor() {
    const opened = await services.handlers['message.open'](path);
    const session = openSession(opened.state);
    const send = async () => {
      const reply = await services.dispatch('message.update', [path, session.changes(services.open.get(path)!.doc)]);
      expect(reply.ok).toBe(true);
    };
    return { session, send };
  }
  const mainDoc = () => services.open.get(path)!.doc;

  it('starts a new message with a first version, "Created from the Blank template", by the person from Settings', async () => {
    const letter = await services.handlers['message.create']({ template: 'letter' });
    const versions = listVersions((await readMessageFile(letter)).doc);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ kind: 'created', name: 'Created from the Letter template', source: 'template:letter', author: { name: 'Ann Lee', title: 'Speechwriter' } });
  });

  it('records, renames and compares named versions, naming the person from Settings', async () => {
    const { session, send } = await openEditor();
    session.write(['The council thanks every volunteer.']);
    await send();
    const reply = await services.dispatch('history.record', [path, { name: ' First draft ', note: 'for the mayor' }]);
    expect(reply).toMatchObject({ ok: true, value: { kind: 'named', name: 'First draft', note: 'for the mayor', author: ANN, words: 5 } });
    const id = (reply as { value: { id: string } }).value.id;

    session.edit(() => $replace('every', 'each'));
    await send();
    expect(await services.dispatch('history.rename', [path, id, { name: 'Sent to the mayor', note: '' }])).toEqual({ ok: true, value: null });
    expect(listVersions(mainDoc()).map((v) => v.name)).toEqual(['Sent to the mayor', 'Created from the Blank template']);

    const compared = await services.dispatch('history.compare', [path, 'Sent to the mayor', 'current']);
    expect(compared.ok).toBe(true);
    expect(describeChanges((compared as { value: Comparison }).value)).toEqual(['removed "every" (Ann Lee)', 'added "each" (Ann Lee)']);

    const missing = await services.dispatch('history.rename', [path, 'ffffffffffffffff', { name: 'x', note: '' }]);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('answers a comparison with an unknown version as not found, naming it', async () => {
    const { session, send } = await openEditor();
    session.write(['Words.']);
    await send();
    await services.handlers['history.record'](path, { name: 'First draft', note: '' });
    for (const args of [
      ['no-such-version', 'current'],
      ['First draft', 'no-such-version'],
    ]) {
      const reply = await services.dispatch('history.compare', [path, ...args]);
      expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect((reply as { error: { message: string } }).error.message).toContain('"no-such-version"');
    }
    // The old name after a rename is gone too.
    const id = listVersions(mainDoc())[0].id;
    await services.handlers['history.rename'](path, id, { name: 'Final', note: '' });
    expect(await services.dispatch('history.compare', [path, 'First draft', 'current'])).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('records a version when the message is closed, keeps it on disk, and adds none when nothing changed', async () => {
    const first = await openEditor();
    first.session.write(['The council thanks every volunteer.']);
    await first.send();
    const said = seen(mainDoc());
    await services.handlers['message.close'](path);
    let versions = listVersions((await readMessageFile(path)).doc);
    expect(versions.map((v) => [v.kind, v.author.name, v.words])).toEqual([['closed', 'Ann Lee', 5], ['created', 'Ann Lee', 0]]);
    expect(seenAt((await readMessageFile(path)).doc, versions[0].id)).toBe(said);

    // Opened and closed again without a change: no new version.
    await openEditor();
    await services.handlers['message.close'](path);
    expect(listVersions((await readMessageFile(path)).doc)).toHaveLength(2);

    // A named version, then a close with no change since: none either.
    const third = await openEditor();
    third.session.edit(() => $replace('every', 'each'));
    await third.send();
    await services.handlers['history.record'](path, { name: 'Final', note: '' });
    await services.handlers['message.close'](path);
    versions = listVersions((await readMessageFile(path)).doc);
    expect(versions.map((v) => v.kind).sort()).toEqual(['closed', 'created', 'named']);
  });

  it('adds no version, and leaves the file as it was, when a message is only looked at or renamed', async () => {
    const untouched = await readFile(path);
    await openEditor();
    await services.handlers['message.close'](path);
    expect(listVersions((await readMessageFile(path)).doc).map((v) => v.kind)).toEqual(['created']);
    expect((await readFile(path)).equals(untouched)).toBe(true);

    await services.handlers['message.rename'](path, 'Budget address');
    await services.handlers['message.setLanguage'](path, 'en-GB');
    const renamed = (await readMessageFile(path)).doc;
    expect(readMeta(renamed).title).toBe('Budget address');
    expect(listVersions(renamed).map((v) => v.kind)).toEqual(['created']);
  });

  it('records the text before and after a restore, and the restore can be undone', async () => {
    const { session, send } = await openEditor();
    session.write(['The council thanks every volunteer.'], ['Our budget grows by two percent.']);
    await send();
    const first = await services.handlers['history.record'](path, { name: 'First draft', note: '' });
    const saidFirst = seen(mainDoc());
    session.receive(mainDoc());
    session.edit(() => $setParagraphs([['A different message altogether.']]));
    await send();
    const before = seen(mainDoc());

    expect(await services.dispatch('history.restoring', [path, first.id, 'before'])).toEqual({ ok: true, value: null });
    session.binding.undoManager.stopCapturing();
    restoreVersion(session.editor, session.doc, first.id);
    await send();
    expect(await services.dispatch('history.restoring', [path, first.id, 'after'])).toEqual({ ok: true, value: null });

    expect(seen(mainDoc())).toBe(saidFirst);
    const byKind = new Map(listVersions(mainDoc()).map((v) => [v.kind, v]));
    expect([...byKind.keys()].sort()).toEqual(['before-restore', 'created', 'named', 'restored']);
    expect(byKind.get('before-restore')).toMatchObject({ source: first.id, author: ANN });
    expect(seenAt(mainDoc(), byKind.get('before-restore')!.id)).toBe(before);
    expect(byKind.get('restored')).toMatchObject({ source: first.id, digest: first.digest });

    session.binding.undoManager.undo();
    await send();
    expect(seen(mainDoc())).toBe(before);

    const unknown = await services.dispatch('history.restoring', [path, 'ffffffffffffffff', 'before']);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(listVersions(mainDoc())).toHaveLength(4);
  });
});
