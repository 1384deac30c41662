// When two written names are the same person's name: the one comparison behind the Word review's
// authors (a Word author typed as a roster member's name is not taken as written) and the
// certificate import (the certificate must name the person the roster does).

/**
 * A name as a reader sees it: compatibility forms (NFKC: full-width letters, ligatures), invisible
 * characters (format and control: zero-width spaces, joiners, direction marks), runs of spacing
 * and case do not make "Ada\u200b  MENSAH" someone other than Ada Mensah. Empty when the name has
 * nothing visible.
 */
export const nameKey = (name: string): string => spaced(visible(name)).toLocaleLowerCase('und');

const visible = (name: string) => name.normalize('NFKC').replace(/[\p{Cf}\p{Cc}]/gu, '');
const spaced = (name: string) => name.replace(/\s+/gu, ' ').trim();

/** Whether `a` and `b` are the same name to a reader (nameKey); two names with nothing visible are not. */
export const sameName = (a: string, b: string): boolean => {
  const key = nameKey(a);
  return key !== '' && key === nameKey(b);
};

// Cyrillic and Greek letters drawn like Latin ones, as a reader cannot tell them apart in a name
// ("Веn" with Cyrillic В and е). A small hand-made map of the common look-alikes, not Unicode's
// full confusables table (UTS #39): it does not cover Armenian, Cherokee, mathematical letters
// beyond what NFKC folds, or Latin look-alikes such as I and l, or O and 0.
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic capitals and small letters
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', Ү: 'Y', І: 'I', Ј: 'J', Ѕ: 'S', Ԛ: 'Q', Ԝ: 'W', Һ: 'h', Ӏ: 'I',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', ү: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l',
  // Greek capitals and small letters
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  α: 'a', ο: 'o', ρ: 'p', ν: 'v', ι: 'i', κ: 'k', υ: 'u', χ: 'x', ϲ: 'c', ϳ: 'j',
};

/**
 * A name's key with look-alike letters read as the Latin ones they are drawn like, for the rule
 * that no Word author may pass for a member: "Веn Okafor" in Cyrillic is Ben Okafor's name to a
 * reader, so it is his to that rule. Mapped before case is folded: Cyrillic В lowercases to в,
 * which looks like no Latin letter. Not for deciding that two names are one person's where that
 * grants something (a certificate must name the person in the roster's own letters).
 */
export const lookAlikeKey = (name: string): string => {
  // Decomposed first, so Ё is Е and a diaeresis and maps as Е does; composed again after.
  const mapped = [...visible(name).normalize('NFD')].map((c) => LOOK_ALIKES[c] ?? c).join('').normalize('NFC');
  return spaced(mapped).toLocaleLowerCase('und');
};
