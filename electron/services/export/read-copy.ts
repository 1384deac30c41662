// Reading an exported copy back in Node, for `signet verify` and the tests: the reader itself is
// shared/export/read-copy.ts (which the verifier page bundles too); here it is given linkedom to
// parse HTML, pdf.js's Node build, and the font files this Signet carries.
import { readFile } from 'node:fs/promises';
import { parseHTML } from 'linkedom';
import { readCopyBytes as readCopy, type CopyFile, type CopyReaderHost, type PdfJs } from '../../../shared/export';
import { drawnPageProblems } from './drawn-pages';
import { fontCss } from './fonts';
import type { Printer } from './make-copy';

export { CopyFileError, htmlHazards, type CopyFile } from '../../../shared/export';

export const nodeCopyReader: CopyReaderHost = {
  parseHtml: (html) => parseHTML(html).document as unknown as Document,
  pdfjs: async () => (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs,
  fontCss: (text) => fontCss(text),
};

/** Reads a copy from its bytes; the kind is told by the bytes, not the name. */
export const readCopyBytes = (bytes: Uint8Array, path: string): Promise<CopyFile> => readCopy(bytes, path, nodeCopyReader);

export async function readCopyFile(path: string): Promise<CopyFile> {
  return readCopyBytes(await readFile(path), path);
}

/**
 * Reads a copy as `signet verify` does, and for a PDF compares its pages with Signet's fresh print
 * of its manifest (drawn-pages.ts). The print starts as soon as the manifest is read, while pdf.js
 * still reads the pages, so that Chromium's work and pdf.js's overlap; `pages()` waits for it.
 * An HTML copy is compared byte for byte by the reader itself: its `pages()` are [].
 */
export async function readCopyComparing(bytes: Uint8Array, path: string, printer: Printer | null): Promise<{ copy: CopyFile; pages: () => Promise<string[]> }> {
  let compared: Promise<string[]> | null = null;
  const copy = await readCopy(bytes, path, nodeCopyReader, (manifest, attached) => {
    compared = drawnPageProblems(bytes, manifest, attached, printer);
    // Heard when pages() is called; a read that fails after this must not leave it unheard.
    compared.catch(() => {});
  });
  return { copy, pages: async () => (copy.format === 'pdf' && compared ? compared : []) };
}
