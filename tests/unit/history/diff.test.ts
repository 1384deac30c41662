// The edit search that compares and restores versions (shared/history/diff.ts) must give exactly
// what the `diff` package's diffArrays gave before it, so that no comparison changes: checked on
// random lists, on lists edited at random, and on the texts of a message edited as a user does.
import { diffArrays } from 'diff';
import { describe, expect, it } from 'vitest';
import { diffLists } from '../../../shared/history/diff';
import { newMessage } from '../../../electron/services/library/library';
import { editingSession, prng, testSeed } from '../../helpers/editing';

const seed = testSeed();
const random = prng(seed);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
const words = (text: string): string[] => text.match(/[\p{L}\p{N}'’]+|\s+|[^\s]/gu) ?? [];

/** What diffArrays gives, without the values diffLists does not return. */
function slowPath(a: string[], b: string[], maxEditLength?: number) {
  const changes = maxEditLength === undefined ? diffArrays(a, b) : diffArrays(a, b, { maxEditLength });
  return changes?.map(({ count, added, removed }) => ({ count, added, removed }));
}

function expectSame(a: string[], b: string[], maxEditLength?: number) {
  const got = diffLists(a, b, maxEditLength);
  const want = slowPath(a, b, maxEditLength);
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    // The lists and the seed, so the failure can be replayed (SIGNET_TEST_SEED).
    expect({ seed, a, b, maxEditLength, got }).toEqual({ seed, a, b, maxEditLength, got: want });
  }
}

/** `list` with a few runs of tokens removed, inserted or replaced, as an editor would. */
function edited(list: string[], alphabet: readonly string[], edits: number): string[] {
  const out = [...list];
  for (let e = 0; e < edits; e += 1) {
    const at = Math.floor(random() * (out.length + 1));
    const cut = random() < 0.6 ? Math.floor(random() * 6) : 0;
    const put = Array.from({ length: random() < 0.6 ? Math.floor(random() * 6) : 0 }, () => pick(alphabet));
    out.splice(at, cut, ...put);
  }
  return out;
}

describe('diffLists gives what diffArrays gave', () => {
  it('on random short lists over small alphabets, where ties abound', () => {
    for (let n = 0; n < 4000; n += 1) {
      const alphabet = 'abcdef'.slice(0, 1 + Math.floor(random() * 5)).split('');
      const list = () => Array.from({ length: Math.floor(random() * 14) }, () => pick(alphabet));
      expectSame(list(), list());
    }
  });

  it('on long lists edited in many places, with and without an edit limit', () => {
    const alphabet = words('the people of our city thank you for your patience , . 新 年 Grüße').concat([' ', ' ', ' ']);
    for (let n = 0; n < 150; n += 1) {
      const base = Array.from({ length: 50 + Math.floor(random() * 600) }, () => pick(alphabet));
      const after = edited(base, alphabet, 1 + Math.floor(random() * 60));
      expectSame(base, after);
      expectSame(after, base);
      // Around the limit: both give up (undefined) on the same lists.
      const limit = 1 + Math.floor(random() * 80);
      expectSame(base, after, limit);
    }
  });

  it('on empty and identical lists', () => {
    expectSame([], []);
    expectSame([], ['a', ' ', 'b']);
    expectSame(['a', ' ', 'b'], []);
    expectSame(['a', ' ', 'b'], ['a', ' ', 'b']);
    expectSame(['a'], ['b'], 1);
    expectSame(['a'], ['b'], 2);
  });

  it("on the words and paragraphs of a message edited as the app's editor does", () => {
    const session = editingSession(newMessage('letter', 'Diff'));
    for (let k = 0; k < 400; k += 1) session.randomEdit(random);
    const texts = session.texts;
    session.dispose();
    for (let n = 0; n < 120; n += 1) {
      const [x, y] = [pick(texts), pick(texts)];
      expectSame(words(x), words(y));
      expectSame(x.split('\n'), y.split('\n'));
    }
  });
});
