import { describe, expect, it } from 'vitest';
import { lookAlikeKey, nameKey, sameName } from '../../../shared/document';

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

describe('lookAlikeKey: Cyrillic and Greek letters drawn like Latin ones', () => {
  it('reads "Веn Okafor" with Cyrillic В and е, and Greek capitals, as Ben Okafor', () => {
    expect('\u0412\u0435n Okafor').not.toBe('Ben Okafor');
    expect(sameName('\u0412\u0435n Okafor', 'Ben Okafor')).toBe(false); // not the same name where it grants something
    expect(lookAlikeKey('\u0412\u0435n Okafor')).toBe(lookAlikeKey('Ben Okafor'));
    expect(lookAlikeKey('\u0391mina \u03a5usuf')).toBe(lookAlikeKey('amina yusuf')); // Greek Α and Υ
    expect(lookAlikeKey('C\u0430rmen R\u03c5iz\u200b')).toBe(lookAlikeKey('Carmen Ruiz')); // Cyrillic а, Greek υ and an invisible space
    expect(lookAlikeKey('\u0415\u0308mile')).toBe(lookAlikeKey('Ëmile')); // Cyrillic Е with a diaeresis
  });
  it('maps before folding case: a capital Cyrillic В is B, though its small letter в is no Latin letter', () => {
    expect(lookAlikeKey('\u0412EN OKAFOR')).toBe('ben okafor');
    expect(lookAlikeKey('\u0432en okafor')).not.toBe('ben okafor');
  });
  it('keeps names in those scripts apart from Latin ones they do not look like', () => {
    expect(lookAlikeKey('Ольга Петрова')).not.toBe(lookAlikeKey('Olga Petrova'));
    expect(lookAlikeKey('Йоко')).not.toBe(lookAlikeKey('Иоко')); // the breve is kept
    expect(lookAlikeKey('\u200b')).toBe('');
  });
});
