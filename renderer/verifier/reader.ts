// The verifier page's side of reading a copy: the browser's DOMParser (a parsed document never
// runs script or loads anything), pdf.js in the page itself (its worker module imported here, so
// no worker file is fetched), and Signet's fonts known by digest, taken from the copy itself.
import * as pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { carriedFontCss, type CopyReaderHost, type FontSlice, type PdfJs } from '../../shared/export';

/** Every slice of the fonts this Signet ships, each named by the SHA-256 of its file (put in at build time). */
declare const __SIGNET_FONT_SLICES__: FontSlice[];

export const pageCopyReader: CopyReaderHost = {
  parseHtml: (html) => new DOMParser().parseFromString(html, 'text/html'),
  pdfjs: async () => {
    // pdf.js runs its worker's code in this page when it finds it here, rather than starting a worker from a file.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;
    return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as PdfJs;
  },
  fontCss: (text, document) => carriedFontCss(text, document, __SIGNET_FONT_SLICES__),
};
