// The @font-face rules of a copy: which slices of Signet's fonts its words need, in the order the
// browser's font-family list takes them. The font files themselves come from the caller: read
// from the font packages when a copy is made (electron/services/export/fonts.ts), or taken from
// the copy being checked, each by the digest of the file Signet ships (the verifier page).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { base64Bytes } from './read-copy';

/** One slice of a font face: the file it is in, and the characters it covers. */
export interface FontSlice {
  family: string;
  style: string;
  weight: string;
  /** The file, as the caller names it: a path, or the SHA-256 of its bytes. */
  file: string;
  ranges: [number, number][];
}

function parseRanges(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from, 16), parseInt(to ?? from, 16)];
  });
}

/** The slices one of the font packages' @font-face sheets lists, with their files as the sheet names them ("files/….woff2"). */
export function fontSheetSlices(css: string): FontSlice[] {
  const slices: FontSlice[] = [];
  for (const face of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const get = (name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(face[1])?.[1].trim() ?? '';
    const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(face[1])?.[1];
    if (file) slices.push({ family: get('font-family').replace(/'/g, ''), style: get('font-style'), weight: get('font-weight'), file, ranges: parseRanges(get('unicode-range')) });
  }
  return slices;
}

const covers = (slice: FontSlice, codes: number[]): boolean => codes.some((c) => slice.ranges.some(([from, to]) => c >= from && c <= to));

/** The slices that hold the characters of `text` (the printable ASCII range always, for page numbers and labels). */
export function slicesFor(text: string, slices: readonly FontSlice[]): FontSlice[] {
  const codes = new Set([...text].map((ch) => ch.codePointAt(0)!));
  for (let c = 0x20; c < 0x7f; c += 1) codes.add(c);
  // A character goes to the first family that has it, as the browser's font-family list does.
  const wanted: FontSlice[] = [];
  let left = [...codes];
  for (const family of new Set(slices.map((s) => s.family))) {
    const own = slices.filter((s) => s.family === family);
    wanted.push(...own.filter((s) => covers(s, left)));
    left = left.filter((c) => !own.some((s) => covers(s, [c])));
  }
  return wanted;
}

const range = ([a, b]: [number, number]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`);

/** @font-face rules for `slices`, each with its file inline as the data: URL `urlOf` gives. */
export const fontFaceCss = (slices: readonly FontSlice[], urlOf: (slice: FontSlice) => string): string =>
  slices.map((s) => `@font-face { font-family: '${s.family}'; font-style: ${s.style}; font-weight: ${s.weight}; src: url(${urlOf(s)}) format('woff2'); unicode-range: ${s.ranges.map(range).join(',')}; }`).join('\n');

/** The font files a copy carries inline, by the SHA-256 of their bytes. */
function fontsIn(document: Document): Map<string, string> {
  const urls = new Map<string, string>();
  for (const style of document.querySelectorAll('style')) {
    for (const m of (style.textContent ?? '').matchAll(/url\((data:font\/woff2;base64,([A-Za-z0-9+/=]+))\)/g)) urls.set(bytesToHex(sha256(base64Bytes(m[2]))), m[1]);
  }
  return urls;
}

/**
 * The @font-face rules Signet writes for `text`, with the files taken from the copy itself, each
 * known by its digest in `slices` (a host that does not carry the fonts: the verifier page); or
 * why they cannot be: a file the words need is not in the copy, or not Signet's.
 */
export function carriedFontCss(text: string, document: Document, slices: readonly FontSlice[]): string | { problem: string } {
  const wanted = slicesFor(text, slices);
  const carried = fontsIn(document);
  const missing = wanted.filter((s) => !carried.has(s.file)).length;
  if (missing) return { problem: `its fonts are not the font files Signet ships (${missing} of the ${wanted.length} its words need are missing or changed), so its letters could be drawn as other words` };
  return fontFaceCss(wanted, (s) => carried.get(s.file)!);
}
