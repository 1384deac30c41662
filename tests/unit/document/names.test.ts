import { describe, expect, it } from 'vitest';
import { nameKey, sameName } from '../../../shared/document';

describe('sameName: one comparison for Word authors and certificate names', () => {
  it('ignores case, runs of spacing and spaces at the ends', () => {
    expect(sameName('Ada Mensah', '  ada   MENSAH ')).toBe(true);
    expect(sameName('Ada Mensah', 'Ada\u00a0Mensah')).toBe(true); // no-break space
  });
  it('ignores compatibility forms and invisible characters', () => {
    expect(sameName('Ada Mensah', 'Ａｄａ Ｍｅｎｓａｈ')).toBe(true); // full-width
    expect(sameName('Ada Mensah', 'Ada\u200b Men\u200dsah\u202e')).toBe(true); // zero-width, joiner, direction mark
    expect(sameName('Ada Mensah', 'A\u0064a Mensah')).toBe(true);
    expect(sameName('Zoë Hart', 'Zoe\u0308 Hart')).toBe(true); // composed and decomposed
  });
  it('keeps different names different', () => {
    expect(sameName('Ada Mensah', 'Ada Mensa')).toBe(false);
    expect(sameName('Ada Mensah', 'AdaMensah')).toBe(false);
    expect(sameName('Zoë Hart', 'Zoe Hart')).toBe(false); // a diacritic is a letter, not a form
  });
  it('never matches on a name with nothing visible', () => {
    expect(nameKey('\u200b \u2060')).toBe('');
    expect(sameName('', '')).toBe(false);
    expect(sameName('\u200b', ' ')).toBe(false);
  });
});
