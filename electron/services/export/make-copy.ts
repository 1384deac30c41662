// Making a copy of a message to send out: the manifest, the HTML page, and (through a printer)
// the PDF with the manifest attached and the title, author and subject set. A copy is written
// only once it is whole, through a temporary file that is flushed and renamed, so a failed or
// cancelled export leaves no half-written file (and never touches the message).
import { PDFDocument, AFRelationship, type AttachmentOptions, type PDFRef } from 'pdf-lib';
import type * as Y from 'yjs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import {
  type Layout,
  type PageSize,
  MANIFEST_NAME,
  buildManifest,
  manifestState,
  type CopyManifest,
  renderCopy,
  pdfProperties,
  sealManifest,
  PICTURE_FILES,
  shownPictures,
  type PictureName,
} from '../../../shared/export';
import type { Signer } from '../../../shared/signoff';
import type { PdfSigner } from '../../../shared/export';
import { appendSignature, type SignatureDetails } from './pdf-signature';
import { appendObjects, endsWithXrefTable, objectBytes } from './pdf-update';
import { copyFontCss } from './fonts';
import { writeFileAtomic } from '../files/message-file';

export type CopyFormat = 'html' | 'pdf';

/** Prints a copy's HTML to PDF: Chromium's page.pdf in tests and on the command line, printToPDF in the app. */
export interface Printer {
  pdf(html: string, options: { pageSize: PageSize; signal?: AbortSignal }): Promise<Uint8Array>;
  /** The copy's first page as a PNG at 96 dpi, for the export dialog's preview. */
  preview?(html: string, options: PreviewOptions): Promise<Uint8Array>;
}

export interface PreviewOptions {
  pageSize: PageSize;
  /** CSS added to the page for the picture only (the margins that print would add); it overrides the copy's CSP. */
  css?: string;
  signal?: AbortSignal;
}

export interface ExportRequest {
  format: CopyFormat;
  layout: Layout;
  version?: string;
  compareWith?: string;
  /** PNG images: a letterhead's logo and the signatory's handwritten signature. */
  logo?: Uint8Array;
  signature?: Uint8Array;
  /** When the copy is made; now when left out. */
  at?: string;
}

export type ExportStep = 'preparing' | 'printing' | 'sealing' | 'writing';

/** The person exporting: their key seals what they chose (shared/export/seal.ts); their PDF key signs a PDF copy (exporter.ts). */
export interface Exporter {
  signer: Signer;
  /** The PDF signing key's public half (P-256, uncompressed, hex), which the seal names. */
  pdfKey: string;
  /** The PDF signing key, with a certificate valid from `from`. */
  pdfSigner(from: Date): PdfSigner;
}

export interface ExportOptions {
  printer?: Printer;
  /** Who exports; without one the copy carries no seal, and no check calls it authentic. */
  exporter?: Exporter;
  signal?: AbortSignal;
  onProgress?: (step: ExportStep) => void;
}

export class ExportError extends Error {
  override name = 'ExportError';
}

export class ExportCancelled extends Error {
  override name = 'ExportCancelled';
  constructor() {
    super('The export was cancelled.');
  }
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_IMAGE = 2 * 1024 * 1024;

/** What is wrong with a PNG image, or null: it must be a PNG (by its bytes) and at most 2 MB. */
export function pngProblem(bytes: Uint8Array): string | null {
  if (bytes.length > MAX_IMAGE) return `it is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; an image may be at most 2 MB`;
  if (bytes.length < 33 || PNG_MAGIC.some((b, i) => bytes[i] !== b)) return 'it is not a PNG image';
  const ihdr = String.fromCharCode(...bytes.subarray(12, 16));
  return ihdr === 'IHDR' ? null : 'it is a damaged PNG image (no IHDR chunk where it should be)';
}

function image(bytes: Uint8Array | undefined, what: string): { url?: string; digest?: string } {
  if (!bytes) return {};
  const problem = pngProblem(bytes);
  if (problem) throw new ExportError(`The ${what} cannot be used: ${problem}.`);
  return { url: `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`, digest: bytesToHex(sha256(bytes)) };
}

function checkCancel(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelled();
}

/** The PNG bytes of the pictures a copy shows, attached to a PDF copy beside its manifest. */
export type Pictures = Partial<Record<PictureName, Uint8Array>>;

export interface Copy {
  manifest: CopyManifest;
  html: string;
  bytes: Uint8Array;
}

/** The HTML copy of a message (or of one of its versions, or a comparison of two). */
export function htmlCopy(doc: Y.Doc, request: ExportRequest, exporter?: Exporter): { manifest: CopyManifest; html: string } {
  const logo = image(request.logo, 'logo');
  const signature = image(request.signature, 'signature image');
  const at = request.at ?? new Date().toISOString();
  let manifest: CopyManifest;
  try {
    manifest = buildManifest(doc, { layout: request.layout, version: request.version, compareWith: request.compareWith, at, images: { logo: logo.digest, signature: signature.digest } });
  } catch (error) {
    throw new ExportError((error as Error).message);
  }
  if (exporter) manifest = sealManifest(manifest, exporter.signer, exporter.pdfKey);
  const html = renderCopy(manifest, { fontCss: copyFontCss(manifest), logo: logo.url, signature: signature.url });
  return { manifest, html };
}

/** What a PDF copy's signature panel says: who exported it, and why (what the copy is, and who signed its text). */
export function signatureDetails(manifest: CopyManifest): SignatureDetails {
  const state = manifestState(manifest);
  const exporter = state.roster.find((m) => m.publicKey === manifest.seal?.signer);
  const who = exporter ? `${exporter.name}${exporter.titles.length || exporter.organisation ? ` — ${[...exporter.titles, exporter.organisation].filter(Boolean).join(', ')}` : ''}` : 'Unknown exporter';
  const title = `“${manifest.content.title || 'Untitled message'}”`;
  const approvers = state.approvals.map((c) => c.signerName).join(', ');
  const reason = {
    final: state.state === 'Signed' && state.signature ? `Final copy of ${title}, signed in Signet by ${state.signature.signerName}` : `Final copy of ${title}, approved in Signet by ${approvers}`,
    draft: `Draft copy of ${title}, not approved`,
    redline: `Comparison of two versions of ${title}, not a final copy`,
  }[manifest.kind];
  return { name: who, reason, at: new Date(manifest.exportedAt) };
}

/**
 * Puts the manifest (and the pictures the page shows) into a printed PDF as attached files, and
 * sets its title, author (the signatory of a final copy) and subject, in an incremental update
 * appended to the printer's bytes, which stay as they were (with their tags and outline). With a PDF
 * signer, the file is then signed as a whole in a second update (PAdES B-B).
 */
export async function sealPdf(printed: Uint8Array, manifest: CopyManifest, manifestJson: string, signer?: PdfSigner, pictures: Pictures = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(printed, { updateMetadata: false });
  // Chromium writes a classic table; a file with cross-reference streams is written anew with one first.
  const base = endsWithXrefTable(printed) ? printed : await pdf.save({ useObjectStreams: false });
  const printedObjects = pdf.context.largestObjectNumber;
  const properties = pdfProperties(manifest);
  pdf.setTitle(properties.title, { showInWindowTitleBar: true });
  if (properties.author) pdf.setAuthor(properties.author);
  pdf.setSubject(properties.subject);
  pdf.setKeywords([`signet:${manifest.messageId}`, `sha256:${manifest.digest}`]);
  pdf.setCreator('Signet');
  const at = { creationDate: new Date(manifest.exportedAt), modificationDate: new Date(manifest.exportedAt) };
  const files: [string, Uint8Array, AttachmentOptions][] = [
    [MANIFEST_NAME, new TextEncoder().encode(manifestJson), { mimeType: 'application/json', description: 'Signet manifest: the exact text, its digest and the signed records. Check with "signet verify".', afRelationship: AFRelationship.Data }],
    // The pictures' own bytes, which `signet verify` needs to print the page again and compare.
    ...shownPictures(manifest)
      .filter((name) => pictures[name])
      .map((name): [string, Uint8Array, AttachmentOptions] => [PICTURE_FILES[name], pictures[name]!, { mimeType: 'image/png', description: `The ${name === 'logo' ? 'logo' : 'handwritten signature'} on the page, as Signet printed it.`, afRelationship: AFRelationship.Source }]),
  ];
  // In the order of their names, as a name tree keeps them.
  for (const [name, bytes, options] of files.sort(([a], [b]) => (a < b ? -1 : 1))) await pdf.attach(bytes, name, { ...options, ...at });
  await pdf.flush();
  const { Root, Info } = pdf.context.trailerInfo as { Root: PDFRef; Info: PDFRef };
  const added = pdf.context.enumerateIndirectObjects().map(([ref]) => ref).filter((ref) => ref.objectNumber > printedObjects);
  const sealed = appendObjects(base, pdf, objectBytes(pdf, [Root, Info, ...added.filter((ref) => ref !== Info)]));
  return signer ? appendSignature(sealed, pdf, signer, signatureDetails(manifest)) : sealed;
}

/** Makes a copy in memory: HTML, or HTML printed to PDF and sealed. */
export async function makeCopy(doc: Y.Doc, request: ExportRequest, options: ExportOptions = {}): Promise<Copy> {
  options.onProgress?.('preparing');
  const { manifest, html } = htmlCopy(doc, request, options.exporter);
  checkCancel(options.signal);
  if (request.format === 'html') return { manifest, html, bytes: new TextEncoder().encode(html) };
  if (!options.printer) throw new ExportError('PDF export needs a printer (Chromium), and none is available.');
  options.onProgress?.('printing');
  const printed = await options.printer.pdf(html, { pageSize: request.layout.pageSize, signal: options.signal }).catch((error: unknown) => {
    // A printer stopped by the cancel fails in its own words ("Target page, context or browser has been closed").
    checkCancel(options.signal);
    throw error;
  });
  checkCancel(options.signal);
  options.onProgress?.('sealing');
  const bytes = await sealPdf(printed, manifest, JSON.stringify(manifest), options.exporter?.pdfSigner(new Date(manifest.exportedAt)), { logo: request.logo, signature: request.signature });
  checkCancel(options.signal);
  return { manifest, html, bytes };
}

/** Makes a copy and writes it to `path` atomically; a cancel before the rename leaves nothing behind. */
export async function exportCopy(doc: Y.Doc, request: ExportRequest, path: string, options: ExportOptions = {}): Promise<Copy> {
  const copy = await makeCopy(doc, request, options);
  options.onProgress?.('writing');
  checkCancel(options.signal);
  await writeFileAtomic(path, copy.bytes);
  return copy;
}
