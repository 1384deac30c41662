// The library's search box finds a message by its title or its text, in any case, and keeps the
// listing's order; an empty box shows everything.
import { describe, expect, it } from 'vitest';
import { search, searchIndex } from '../../../shared/library';

const messages = [
  { title: 'New Year message', text: 'Good evening, dear fellow citizens. The Harbour wall will be finished.' },
  { title: 'Budget address', text: 'This budget is balanced.' },
  { title: 'HARBOUR district letter', text: 'Dear neighbours,' },
  { title: 'Straße', text: 'Grüße aus Köln' },
];
const titles = (query: string) => search(searchIndex(messages), query).map((m) => m.title);

describe('the library search', () => {
  it('finds words in the title or the text, in any case, in the listing’s order', () => {
    expect(titles('harbour')).toEqual(['New Year message', 'HARBOUR district letter']);
    expect(titles('  BALANCED ')).toEqual(['Budget address']);
    expect(titles('grüße')).toEqual(['Straße']);
    expect(titles('nowhere')).toEqual([]);
  });

  it('shows everything for an empty box, and never finds across the title and the text', () => {
    expect(titles('   ')).toHaveLength(4);
    expect(titles('address this')).toEqual([]);
  });
});
