// The fonts a copy carries: Source Serif 4 for Latin, Greek and Cyrillic, and Noto Serif SC for
// Chinese, both from their npm packages (SIL Open Font License, which allows embedding). Each
// package splits its font into slices by Unicode range; a copy inlines only the slices its words
// need, so an English letter carries a few hundred kilobytes rather than the whole of Chinese.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type CopyManifest, copyText, copyWords, type FontSlice, fontFaceCss, fontSheetSlices, isFormatSince, slicesFor } from '../../../shared/export';

const FAMILIES: { pkg: string; sheets: string[] }[] = [
  { pkg: '@fontsource/source-serif-4', sheets: ['400.css', '400-italic.css', '700.css', '700-italic.css'] },
  { pkg: '@fontsource/noto-serif-sc', sheets: ['400.css', '700.css'] },
];

let slices: FontSlice[] | null = null;
const encoded = new Map<string, string>();

/** The slices of every face, read from the packages' own @font-face sheets, with the path of each file. */
export function allSlices(): FontSlice[] {
  if (slices) return slices;
  const require = createRequire(import.meta.url);
  slices = [];
  for (const { pkg, sheets } of FAMILIES) {
    const folder = dirname(require.resolve(`${pkg}/package.json`));
    for (const sheet of sheets) slices.push(...fontSheetSlices(readFileSync(join(folder, sheet), 'utf8')).map((s) => ({ ...s, file: join(folder, s.file) })));
  }
  return slices;
}

/** Every font file a copy can ask for: what the installed app must carry. */
export const fontFiles = (): string[] => [...new Set(allSlices().map((s) => s.file))];

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
export const fontCss = (text: string): string => fontFaceCss(slicesFor(text, allSlices()), (s) => dataUrl(s.file));

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

/** Every slice, its file named by the SHA-256 of its bytes: how the verifier page, which carries no font, knows Signet's fonts in a copy. */
export const slicesByDigest = (): FontSlice[] => allSlices().map((s) => ({ ...s, file: createHash('sha256').update(readFileSync(s.file)).digest('hex') }));
