// What a reader sees is what was checked: a PDF copy's pages are compared with the pages Signet
// prints from its manifest, through the same printer the export uses. A text layer can say one
// thing while the page draws another (a rewritten ToUnicode map, white words, a replaced picture,
// a white box over a word); the drawing itself cannot, so it is what is compared
// (shared/export/drawn.ts).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { PICTURE_FILES, drawnPdf, drawnProblems, renderCopy, shownPictures, type CopyManifest } from '../../../shared/export';
import { copyFontCss } from './fonts';
import type { Printer } from './make-copy';

const WHAT: Record<keyof typeof PICTURE_FILES, string> = { logo: 'logo', signature: 'image of the handwritten signature' };

/** The pictures the page shows, as data URLs, from the files the copy carries; or why they cannot be used. */
function pictures(m: CopyManifest, attached: Record<string, Uint8Array>): { urls: { logo?: string; signature?: string }; problem?: string } {
  const urls: { logo?: string; signature?: string } = {};
  for (const name of shownPictures(m)) {
    const bytes = attached[PICTURE_FILES[name]];
    if (!bytes) return { urls, problem: `it does not carry the ${WHAT[name]} its manifest names (${PICTURE_FILES[name]}), so its pages cannot be compared with what Signet draws` };
    if (bytesToHex(sha256(bytes)) !== m.images[name]) return { urls, problem: `the ${WHAT[name]} it carries is not the picture its manifest names` };
    urls[name] = `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;
  }
  return { urls };
}

export const NO_PRINTER_TO_COMPARE =
  'its pages could not be compared with what Signet draws from its manifest, as no Chromium or Chrome was found (install one, or set SIGNET_CHROMIUM): without that comparison, glyphs, colours or pictures that show other words than its text layer holds would go unnoticed, so it is not reported as checked';

/**
 * Each way the copy's pages differ from Signet's fresh print of its manifest, in a reader's words
 * (none when they are the same). Without a printer the pages cannot be compared, and saying so is a
 * problem: a check that passed without looking at the pages would pass the forgeries above.
 */
export async function drawnPageProblems(bytes: Uint8Array, m: CopyManifest, attached: Record<string, Uint8Array>, printer: Printer | null): Promise<string[]> {
  const { urls, problem } = pictures(m, attached);
  if (problem) return [problem];
  if (!printer) return [NO_PRINTER_TO_COMPARE];
  const html = renderCopy(m, { fontCss: copyFontCss(m), ...urls });
  const [copy, fresh] = await Promise.all([drawnPdf(bytes), printer.pdf(html, { pageSize: m.layout.pageSize }).then(drawnPdf)]);
  return drawnProblems(copy, fresh);
}
