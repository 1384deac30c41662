// What a receiver shows of the awareness states a live server passes on: each peer's state is
// checked here, since the server checks only the name of the state a connection sends for itself.
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { presentIn } from '../../../electron/services/live/presence';
import { newMessageDoc, textRoot } from '../../../shared/document';
import { caretFromPositions } from '../../../shared/live';

const colour = '#2ca02c';

function copy() {
  const doc = newMessageDoc();
  const paragraph = new Y.XmlElement('paragraph');
  textRoot(doc).insert(0, [paragraph]);
  const text = new Y.XmlText('Good morning.');
  paragraph.insert(0, [text]);
  const at = (i: number) => Y.createRelativePositionFromTypeIndex(text, i);
  return { doc, caret: caretFromPositions(at(5), at(12))! };
}

it('shows each person under their name and colour, with the others\' carets and never one of its own', () => {
  const { doc, caret } = copy();
  const states = new Map<number, unknown>([
    [1, { user: { name: 'Ada Mensah', color: colour }, caret }],
    [2, { user: { name: 'Ben Okafor', color: colour }, caret }],
  ]);
  expect(presentIn(states, 2, doc)).toEqual([
    { client: 1, name: 'Ada Mensah', color: colour, caret },
    { client: 2, name: 'Ben Okafor', color: colour, caret: null },
  ]);
});

it('leaves out a state it will not show, and a caret that is not in its own text, and adds no root type', () => {
  const { doc, caret } = copy();
  const roots = [...doc.share.keys()];
  const person = (name: unknown, color: unknown, more: object = {}) => ({ user: { name, color }, caret, ...more });
  const states = new Map<number, unknown>([
    [1, person('Ada\u202eMensah', colour)],
    [2, person('  Ada Mensah', colour)],
    [3, person('Ada Mensah', 'red; background: url(x)')],
    [4, person('Ada Mensah', colour, { pad: 'x'.repeat(3_000) })],
    [5, person(42, colour)],
    [6, 'Ada Mensah'],
    [7, person('Ben Okafor', colour, { caret: { anchor: { tname: 'comments' }, focus: { tname: 'comments' } } })],
    [8, person('Cat Lindqvist', colour, { caret: { anchor: { item: { client: 99, clock: 3 } }, focus: { item: { client: 99, clock: 3 } } } })],
  ]);
  expect(presentIn(states, 0, doc)).toEqual([
    { client: 7, name: 'Ben Okafor', color: colour, caret: null },
    { client: 8, name: 'Cat Lindqvist', color: colour, caret: null },
  ]);
  expect([...doc.share.keys()]).toEqual(roots);
});

it('shows no more people than a roster can hold, however many states come', () => {
  const { doc } = copy();
  const states = new Map<number, unknown>(Array.from({ length: 500 }, (_, i) => [i + 1, { user: { name: `Person ${i}`, color: colour } }]));
  expect(presentIn(states, 0, doc)).toHaveLength(60);
});
