// The look of each template, as CSS for print and for a browser window. Words printed in the page
// margins (page numbers, "Not approved") come from layout.ts, which `signet verify` reads too.
import { MARGINS, PAGE_MM, type LayoutTemplate } from './layout';
import { copyWords, type CopyWords } from './words';
import { isFormatSince, type CopyManifest } from './manifest';
import { CERTIFICATE_CSS } from './certificate';

const FONT = `'Source Serif 4', 'Noto Serif SC', serif`;

const TEMPLATE_CSS: Record<LayoutTemplate, string> = {
  letter: `
body { font-size: 11.5pt; line-height: 1.45; }
.letterhead { display: flex; align-items: center; gap: 6mm; border-bottom: 0.6pt solid #333; padding-bottom: 4mm; margin-bottom: 8mm; }
.letterhead .logo { max-height: 18mm; max-width: 50mm; }
.organisation { font-size: 15pt; font-weight: 600; letter-spacing: 0.04em; margin: 0; }
.dateline { text-align: right; margin: 0 0 8mm; }
h1.title { font-size: 12pt; font-weight: 700; margin: 0 0 5mm; }`,
  statement: `
body { font-size: 11.5pt; line-height: 1.5; }
h1.title { font-size: 20pt; line-height: 1.2; text-align: center; margin: 4mm 0 9mm; }`,
  reading: `
body { font-size: 20pt; line-height: 1.75; }
.delivery { text-align: right; font-size: 12pt; font-weight: 700; letter-spacing: 0.05em; margin: 0 0 6mm; }
h1.title { font-size: 24pt; line-height: 1.3; margin: 0 0 8mm; }
main p, main blockquote, main h2, main h3, main h4, main h5, main h6 { break-inside: avoid; }
main p { margin: 0 0 0.9em; }`,
  redline: `
body { font-size: 11pt; line-height: 1.5; }
.redline-head { border-bottom: 0.6pt solid #333; margin-bottom: 6mm; font-size: 9.5pt; }
.redline-head p { margin: 0 0 2mm; }
h1.title { font-size: 16pt; margin: 0 0 5mm; }
.c-added { border-left: 2pt solid #1a7f37; padding-left: 2mm; }
.c-removed { border-left: 2pt solid #b42318; padding-left: 2mm; }
.c-moved-from, .c-moved-to { border-left: 2pt dashed #6941c6; padding-left: 2mm; }`,
};

// A reading copy of signet-copy-3 fills its pages: a short paragraph is kept whole and a long one
// keeps three lines at least on each page, the signature block stays with the last paragraph.
const READING_FILLS_PAGES = `
body { font-size: 20pt; line-height: 1.6; }
.delivery { text-align: right; font-size: 12pt; font-weight: 700; letter-spacing: 0.05em; margin: 0 0 6mm; }
h1.title { font-size: 24pt; line-height: 1.3; margin: 0 0 8mm; }
main p, main blockquote { margin: 0 0 0.75em; orphans: 3; widows: 3; }
main .keep, main h2, main h3, main h4, main h5, main h6 { break-inside: avoid; }`;

/** What signet-copy-3 adds to every page: links' addresses, their notes, and the signature kept with the text. */
const THIRD_CSS = `
.address { overflow-wrap: anywhere; }
.note-ref { font-size: 0.7em; line-height: 0; }
.notes { margin-top: 10mm; border-top: 0.5pt solid #999; padding-top: 3mm; font-size: 9.5pt; line-height: 1.4; }
.notes p { margin: 0 0 1.5mm; overflow-wrap: anywhere; }
.notes .notes-title { font-weight: 700; }
.closing { break-inside: avoid; }
.signature.after-text { break-before: avoid; }`;

const BASE = `
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${FONT}; color: #111; margin: 0; font-kerning: normal; }
main p, main blockquote { margin: 0 0 0.7em; orphans: 2; widows: 2; }
p.empty { min-height: 1.2em; }
h2, h3, h4, h5, h6 { break-after: avoid; line-height: 1.25; margin: 1em 0 0.4em; }
h2 { font-size: 1.3em; } h3 { font-size: 1.15em; } h4, h5, h6 { font-size: 1em; }
blockquote { margin-left: 8mm; font-style: italic; }
.a-center { text-align: center; } .a-right { text-align: right; } .a-justify { text-align: justify; }
.i-1 { margin-left: 8mm; } .i-2 { margin-left: 16mm; } .i-3 { margin-left: 24mm; } .i-4, .i-5, .i-6 { margin-left: 32mm; }
.item { padding-left: 7mm; text-indent: -7mm; }
.item.d-1 { margin-left: 7mm; } .item.d-2 { margin-left: 14mm; } .item.d-3, .item.d-4, .item.d-5 { margin-left: 21mm; }
.marker { display: inline-block; min-width: 7mm; text-indent: 0; }
.link { text-decoration: underline; }
mark { background: #fff3a3; }
code { font-family: inherit; background: #f0f0f0; padding: 0 0.15em; }
hr { border: 0; border-top: 0.6pt solid #777; margin: 1em 0; }
.page-break { break-after: page; }
.signature { margin-top: 10mm; break-inside: avoid; }
.signature p { margin: 0; }
.signature .handwritten { display: block; max-height: 22mm; max-width: 60mm; margin: 3mm 0 2mm; }
ins { color: #1a7f37; text-decoration: underline; text-decoration-thickness: 1pt; }
del { color: #b42318; text-decoration: line-through; }
main del + ins, main ins + del { margin-left: 0.25em; }
.format-change { text-decoration: underline dashed #6941c6; }
.certificate { break-before: page; font-size: 9.5pt; line-height: 1.4; }
/* A top margin of 0 here made Chromium write the certificate's bookmark title twice; print drops it at a page's top anyway. */
.certificate h2 { font-size: 15pt; margin-bottom: 6mm; }
.certificate dl { display: grid; grid-template-columns: 45mm 1fr; gap: 1.5mm 4mm; margin: 0 0 7mm; }
.certificate dt { font-weight: 700; } .certificate dd { margin: 0; }
.certificate .digest { font-variant-numeric: tabular-nums; letter-spacing: 0.02em; }
.certificate table { width: 100%; border-collapse: collapse; margin-bottom: 7mm; }
.certificate th, .certificate td { border-bottom: 0.5pt solid #999; padding: 1.5mm 1.5mm 1.5mm 0; text-align: left; vertical-align: top; }
.certificate th { font-weight: 700; }
/* Fixed columns, and a key fingerprint never broken: it is read aloud group by group, and a cell
   broken over lines is read back out of order by a PDF reader's copy and by pdftotext. */
.certificate table { table-layout: fixed; font-size: 8.5pt; }
.certificate th:nth-child(1) { width: 14mm; } .certificate th:nth-child(2) { width: 30mm; }
.certificate th:nth-child(3) { width: 15mm; } .certificate th:nth-child(4) { width: 24mm; }
.certificate th:nth-child(5) { width: 43mm; } .certificate td:nth-child(5) { white-space: nowrap; }
.certificate .how { font-style: italic; }
@media screen {
  html { background: #e9e9ec; }
  body { background: #fff; max-width: 170mm; margin: 10mm auto; padding: 20mm 22mm; box-shadow: 0 1px 6px rgba(0,0,0,0.25); }
  .certificate { border-top: 1pt solid #999; margin-top: 12mm; padding-top: 8mm; }
}`;

const draftCss = (words: CopyWords) => `
body::before { content: '${words.draft}'; position: fixed; top: 38%; left: 0; right: 0; text-align: center; font-size: 110pt; font-weight: 700; letter-spacing: 0.1em; color: rgba(180, 35, 24, 0.13); transform: rotate(-35deg); pointer-events: none; }`;

/** The CSS of a copy: its page size and margins, its template, and a draft's watermark. */
export function copyStyle(m: CopyManifest): string {
  const [top, right, bottom, left] = MARGINS[m.layout.template];
  const [width, height] = PAGE_MM[m.layout.pageSize];
  const words = copyWords(m);
  const footer = `font-family: ${FONT}; font-size: 8.5pt; color: #555;`;
  const page = `
@page { size: ${width}mm ${height}mm; margin: ${top}mm ${right}mm ${bottom}mm ${left}mm;
  @bottom-right { content: ${words.pageCss}; ${footer} }
  ${m.kind === 'draft' ? `@bottom-left { content: '${words.notApproved}'; ${footer} color: #b42318; font-weight: 700; }` : ''}
}`;
  // An older copy keeps its CSS byte for byte: its page is rebuilt and compared when checked.
  const certificate = m.format === 'signet-copy-1' ? [] : [CERTIFICATE_CSS];
  const third = isFormatSince(m, 'signet-copy-3');
  const template = third && m.layout.template === 'reading' ? READING_FILLS_PAGES : TEMPLATE_CSS[m.layout.template];
  return [page, BASE, template, m.kind === 'draft' ? draftCss(words) : '', ...certificate, ...(third ? [THIRD_CSS] : [])].join('\n');
}
