// Reading an exported copy back in Node, for `signet verify` and the tests: the reader itself is
// shared/export/read-copy.ts (which the verifier page bundles too); here it is given linkedom to
// parse HTML, pdf.js's Node build, and the font files this Signet carries.
import { readFile } from 'node:fs/promises';
import { parseHTML } from 'linkedom';
import { readCopyBytes as readCopy, type CopyFile, type CopyReaderHost, type PdfJs } from '../../../shared/export';
import { fontCss } from './fonts';

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
