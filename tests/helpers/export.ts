// For the export tests: a message taken to Draft or Signed in-process with fresh keys, the copies
// read back as a reader's tools read them (poppler's pdftotext, pdffonts, pdfinfo and pdftoppm),
// and the manifest of a copy taken out and put back, to tamper with it.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type * as Y from 'yjs';
import { writeTemplate } from '../../electron/services/document/compose';
import { newMessage } from '../../electron/services/library/library';
import { MANIFEST_NAME, type CopyManifest, manifestJson } from '../../shared/export';
import type { TemplateBlock } from '../../shared/document';
import { recordVersion } from '../../shared/history';
import { run } from '../../electron/cli/run';
import type { Result } from './cli';
import { $replace } from './history';
import { editAs } from './review';
import { AUTHOR, signOff } from './signed';

export { findChromium } from '../../electron/services/export/chromium-printer';
export { AMINA, BEN, CARMEN, EXPORTED_AT } from './signed';

const ROOT = resolve(import.meta.dirname, '../..');
/** Where the pictures of first pages are kept after the run, to look at. */
export const ARTIFACTS = join(ROOT, 'tests/artifacts/exports');
/** A real PNG (the app's icon), for the logo and the handwritten signature. */
export const PNG = join(ROOT, 'resources/icon.png');

export interface MessageSpec {
  title: string;
  blocks: TemplateBlock[];
  language?: string;
  /** Words Amina changes after a version named "First draft": [the words, what they become]. */
  change?: [string, string];
  /** How far the message goes: Draft (a roster, nothing sent) or Signed (approved by Ben and Carmen, signed by Carmen). */
  upTo: 'Draft' | 'Signed';
}

/** A message written and taken through the sign-off in-process, as the app would. */
export function message(spec: MessageSpec): Y.Doc {
  const doc = newMessage('blank', spec.title, spec.language ?? 'en', AUTHOR);
  writeTemplate(doc, spec.blocks);
  if (spec.change) {
    const [words, replacement] = spec.change;
    recordVersion(doc, { kind: 'named', name: 'First draft', author: AUTHOR });
    editAs(doc, AUTHOR, (s) => s.edit(() => $replace(words, replacement)));
  }
  signOff(doc, spec.upTo);
  return doc;
}

// ── Reading a PDF as its reader's tools do ──────────────────────────────────────────────────

const poppler = (tool: string, args: string[]): string => execFileSync(tool, args, { encoding: 'utf8' });

/**
 * The text of the whole file in reading order; `raw`, in the order it was drawn, which keeps a
 * word set at a slant (a draft's watermark) whole where reading order scatters its letters.
 */
export const pdfText = (file: string, { raw = false } = {}): string => poppler('pdftotext', [...(raw ? ['-raw'] : []), '-enc', 'UTF-8', file, '-']);

/** Each page's text; pdftotext ends every page with a form feed. */
export const pdfPages = (file: string, options: { raw?: boolean } = {}): string[] => pdfText(file, options).split('\f').slice(0, -1);

/** poppler's pdfsig report on a PDF's signatures (it exits non-zero when one does not hold: the report is still read). */
export function pdfsig(file: string): string {
  try {
    return poppler('pdfsig', [file]);
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

/** pdfinfo's fields: Title, Author, Pages, "Page size", Tagged, … */
export function pdfInfo(file: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of poppler('pdfinfo', [file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) fields[m[1]] = m[2];
  }
  return fields;
}

export interface PdfFont {
  name: string;
  embedded: boolean;
}

/** pdffonts' rows: each font's name (without its subset tag) and whether it is embedded. */
export function pdfFonts(file: string): PdfFont[] {
  const lines = poppler('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
  // Columns: name, type (may hold spaces), encoding, emb, sub, uni, object, id.
  return lines.map((line) => {
    const cells = line.trim().split(/\s+/);
    return { name: cells[0].replace(/^[A-Z]{6}\+/, ''), embedded: cells.at(-5) === 'yes' };
  });
}

/** Draws the first page at 60 dpi into tests/artifacts/exports/NAME.png and returns its path. */
export function firstPagePng(pdf: string, name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const stem = join(ARTIFACTS, name);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, stem]);
  return `${stem}.png`;
}

/** Draws the last page (a final copy's certificate) at 100 dpi into tests/artifacts/exports/NAME.png and returns its path. */
export function certificatePagePng(pdf: string, name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const stem = join(ARTIFACTS, name);
  const last = pdfInfo(pdf).Pages;
  execFileSync('pdftoppm', ['-r', '100', '-png', '-f', last, '-l', last, '-singlefile', pdf, stem]);
  return `${stem}.png`;
}

/** A sealed PDF copy with its manifest taken out (the attachment and its entry), to be sealed again with another. */
export async function unsealed(bytes: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.delete(PDFName.of('EmbeddedFiles'));
  pdf.catalog.delete(PDFName.of('AF'));
  // And the PDF signature: its field, and its widget on the first page.
  pdf.catalog.delete(PDFName.of('AcroForm'));
  const widgets = pdf.getPage(0).node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? [];
  for (const widget of widgets) {
    const value = pdf.context.lookupMaybe(widget, PDFDict)?.get(PDFName.of('V'));
    if (value instanceof PDFRef) pdf.context.delete(value);
    if (widget instanceof PDFRef) pdf.context.delete(widget);
  }
  pdf.getPage(0).node.delete(PDFName.of('Annots'));
  return pdf.save({ useObjectStreams: false });
}

/**
 * `changed`, a whole file pdf-lib wrote from `signed`, as an incremental update appended to
 * `signed`: every object again, at offsets past the signed bytes, and a cross-reference table whose
 * /Prev is the signed file's. A PDF reader shows the update; the signed bytes are left as they were.
 */
export function asUpdate(signed: Uint8Array, changed: Uint8Array): Uint8Array {
  const text = Buffer.from(changed).toString('latin1');
  const xrefAt = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(Buffer.from(signed).toString('latin1'))![1];
  const bodyAt = text.search(/\n\d+ 0 obj/) + 1;
  const shift = signed.length - bodyAt + 1;
  const table = text
    .slice(xrefAt)
    .replace(/^(\d{10}) (\d{5}) n/gm, (_, at: string, gen: string) => `${String(Number(at) + shift).padStart(10, '0')} ${gen} n`)
    .replace(/trailer\s*<</, `trailer\n<<\n/Prev ${prev}`)
    .replace(/startxref\s+\d+/, `startxref\n${xrefAt + shift}`);
  return Buffer.concat([signed, Buffer.from('\n'), Buffer.from(text.slice(bodyAt, xrefAt), 'latin1'), Buffer.from(table, 'latin1')]);
}

// ── An HTML copy's manifest, taken out and put back ─────────────────────────────────────────

const MANIFEST_BLOCK = new RegExp(`(<script type="application/json" id="${MANIFEST_NAME.replace(/\./g, '\\.')}">)(.*?)(</script>)`, 's');

export function htmlManifest(html: string): CopyManifest {
  const json = MANIFEST_BLOCK.exec(html)?.[2];
  if (!json) throw new Error('The HTML copy has no manifest block.');
  return JSON.parse(json) as CopyManifest;
}

/** The HTML copy with another manifest in its block, and nothing else changed. */
export const withManifest = (html: string, manifest: CopyManifest): string => html.replace(MANIFEST_BLOCK, (_, open: string, __, close: string) => `${open}${manifestJson(manifest)}${close}`);

/** The HTML copy with `words` changed to `replacement` on the page (in its body), the manifest untouched. */
export function withPageWords(html: string, words: string, replacement: string): string {
  const body = html.indexOf('<body');
  const at = html.indexOf(words, body);
  if (body < 0 || at < 0) throw new Error(`The page has no "${words}".`);
  return html.slice(0, at) + replacement + html.slice(at + words.length);
}

/** A copy's manifest with one change made to a deep copy of it. */
export function changed(manifest: CopyManifest, change: (m: CopyManifest) => void): CopyManifest {
  const copy = structuredClone(manifest);
  change(copy);
  return copy;
}

// ── The command line in this process ────────────────────────────────────────────────────────

/**
 * `signet ARGS` run by the command line tool's own entry point in this process: the same exit
 * code and the same lines as `node bin/signet.js ARGS` in the current folder, without starting
 * Node and loading pdf.js again for each of many checks.
 */
export async function signetHere(...args: string[]): Promise<Result> {
  const [stdout, stderr]: string[][] = [[], []];
  const code = await run(args, { out: (text) => void stdout.push(`${text}\n`), err: (text) => void stderr.push(`${text}\n`) });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}
