// pdf.js's worker module ships no types; the page only hands it to pdf.js, which runs it in the page.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
