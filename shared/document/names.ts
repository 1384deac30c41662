// When two written names are the same person's name: the one comparison behind the Word review's
// authors (a Word author typed as a roster member's name is not taken as written) and the
// certificate import (the certificate must name the person the roster does).

/**
 * A name as a reader sees it: compatibility forms (NFKC: full-width letters, ligatures), invisible
 * characters (format and control: zero-width spaces, joiners, direction marks), runs of spacing
 * and case do not make "Ada\u200b  MENSAH" someone other than Ada Mensah. Empty when the name has
 * nothing visible.
 */
export const nameKey = (name: string): string =>
  name
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{Cc}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLocaleLowerCase('und');

/** Whether `a` and `b` are the same name to a reader (nameKey); two names with nothing visible are not. */
export const sameName = (a: string, b: string): boolean => {
  const key = nameKey(a);
  return key !== '' && key === nameKey(b);
};
