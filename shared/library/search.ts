// The library's search box: a message is found when its title or text holds what was typed, in
// any case. The lower-case text of every message is made once per listing, not once per key
// typed: a thousand messages hold some ten million characters.

export interface Searchable {
  title: string;
  text: string;
}

export interface SearchIndex<T extends Searchable> {
  messages: readonly T[];
  folded: readonly string[];
}

export function searchIndex<T extends Searchable>(messages: readonly T[]): SearchIndex<T> {
  return { messages, folded: messages.map((m) => `${m.title}\n${m.text}`.toLocaleLowerCase()) };
}

/** The messages whose title or text holds `query` (trimmed, in any case), in the listing's order. */
export function search<T extends Searchable>(index: SearchIndex<T>, query: string): T[] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return [...index.messages];
  return index.messages.filter((_, i) => index.folded[i].includes(q));
}
