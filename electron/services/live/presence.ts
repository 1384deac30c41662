// Who is here, and where their carets are, read from the awareness states a live client holds.
// Those states are written by peers: the server checks only that a connection speaks for itself
// under its roster name, and passes on any other field. So each state is checked here before the
// editor sees it: its size, the name, a colour from the palette, and a caret that is one and falls
// in this copy's text; what fails is left out, and never breaks what the others show.
import { createHash } from 'node:crypto';
import type * as Y from 'yjs';
import { checkedCaret, type LivePerson } from '../../../shared/live';
import { AWARENESS_CARET, AWARENESS_USER } from './protocol';

/** Caret colours that read on white and on each other. */
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#e377c2', '#8c564b', '#ff7f0e', '#17becf'];

/** A person's colour, the same on every machine: from their public key. */
export function colourOf(publicKey: string): string {
  return COLOURS[createHash('sha256').update(publicKey).digest()[0] % COLOURS.length];
}

/** More than a roster holds (50) is someone making connections up; the rest are not shown. */
const MOST_SHOWN = 60;
/** A state is a name, a colour and two positions: far under this. */
const MOST_BYTES = 2_000;
const NAME = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]{1,100}$/u;

/** One awareness state as a person here, or null when it is not one this copy will show. */
function personOf(client: number, state: unknown, me: number, doc: Y.Doc): LivePerson | null {
  if (typeof state !== 'object' || state === null) return null;
  if (JSON.stringify(state).length > MOST_BYTES) return null;
  const user = (state as Record<string, unknown>)[AWARENESS_USER] as { name?: unknown; color?: unknown } | undefined;
  if (typeof user?.name !== 'string' || !NAME.test(user.name) || user.name.trim() !== user.name) return null;
  if (typeof user.color !== 'string' || !COLOURS.includes(user.color)) return null;
  const caret = client === me ? null : checkedCaret((state as Record<string, unknown>)[AWARENESS_CARET], doc);
  return { client, name: user.name, color: user.color, caret };
}

/** Everyone in `states` who may be shown, this person (`me`) included, carets checked against `doc`. */
export function presentIn(states: Map<number, unknown>, me: number, doc: Y.Doc): LivePerson[] {
  const people: LivePerson[] = [];
  for (const [client, state] of states) {
    if (people.length === MOST_SHOWN) break;
    const person = personOf(client, state, me, doc);
    if (person) people.push(person);
  }
  return people;
}
