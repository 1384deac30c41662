// The fonts a copy carries: Source Serif 4 for Latin, Greek and Cyrillic, and Noto Serif SC for
// Chinese, both from their npm packages (SIL Open Font License, which allows embedding). Each
// package splits its font into slices by Unicode range; a copy inlines only the slices its words
// need, so an English letter carries a few hundred kilobytes rather than the whole of Chinese.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type CopyManifest, copyText, copyWords, isFormatSince } from '../../../shared/export';

interface Slice {
  family: string;
  style: string;
  weight: string;
  file: string;
  ranges: [number, number][];
}

const FAMILIES: { pkg: string; sheets: string[] }[] = [
  { pkg: '@fontsource/source-serif-4', sheets: ['400.css', '400-italic.css', '700.css', '700-italic.css'] },
  { pkg: '@fontsource/noto-serif-sc', sheets: ['400.css', '700.css'] },
];

let slices: Slice[] | null = null;
const encoded = new Map<string, string>();

function parseRanges(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from, 16), parseInt(to ?? from, 16)];
  });
}

/** The slices of every face, read from the packages' own @font-face sheets. */
function allSlices(): Slice[] {
  if (slices) return slices;
  const require = createRequire(import.meta.url);
  slices = [];
  for (const { pkg, sheets } of FAMILIES) {
    const folder = dirname(require.resolve(`${pkg}/package.json`));
    for (const sheet of sheets) {
      const css = readFileSync(join(folder, sheet), 'utf8');
      for (const face of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
        const get = (name: string) => new RegExp(`${name}:\\s*([^;]+);`).exec(face[1])?.[1].trim() ?? '';
        const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(face[1])?.[1];
        if (!file) continue;
        slices.push({ family: get('font-family').replace(/'/g, ''), style: get('font-style'), weight: get('font-weight'), file: join(folder, file), ranges: parseRanges(get('unicode-range')) });
      }
    }
  }
  return slices;
}

/** Every font file a copy can ask for: what the installed app must carry. */
export const fontFiles = (): string[] => [...new Set(allSlices().map((s) => s.file))];

const covers = (slice: Slice, codes: number[]): boolean => codes.some((c) => slice.ranges.some(([from, to]) => c >= from && c <= to));

function dataUrl(file: string): string {
  let url = encoded.get(file);
  if (!url) {
    url = `data:font/woff2;base64,${readFileSync(file).toString('base64')}`;
    encoded.set(file, url);
  }
  return url;
}

/**
 * @font-face rules, with the fonts inline, for the slices that hold the characters of `text`
 * (the printable ASCII range is always included, for page numbers and labels).
 */
export function fontCss(text: string): string {
  const codes = new Set([...text].map((ch) => ch.codePointAt(0)!));
  for (let c = 0x20; c < 0x7f; c += 1) codes.add(c);
  // A character goes to the first family that has it, as the browser's font-family list does.
  const wanted: Slice[] = [];
  let left = [...codes];
  for (const family of new Set(allSlices().map((s) => s.family))) {
    const own = allSlices().filter((s) => s.family === family);
    wanted.push(...own.filter((s) => covers(s, left)));
    left = left.filter((c) => !own.some((s) => covers(s, [c])));
  }
  return wanted
    .map((s) => `@font-face { font-family: '${s.family}'; font-style: ${s.style}; font-weight: ${s.weight}; src: url(${dataUrl(s.file)}) format('woff2'); unicode-range: ${s.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',')}; }`)
    .join('\n');
}

/**
 * The fonts of a copy: the slices for every word its page shows (and its title, for the PDF's
 * metadata), and from signet-copy-3 the words in its margins (page numbers, a draft's marks), which
 * may be Chinese. Older copies keep the fonts they were made with, their HTML compared byte for byte.
 */
export function copyFontCss(m: CopyManifest): string {
  const words = copyWords(m);
  const margins = isFormatSince(m, 'signet-copy-3') ? words.page(0, 0) + words.draft + words.notApproved : '';
  return fontCss(copyText(m) + m.content.title + margins);
}
