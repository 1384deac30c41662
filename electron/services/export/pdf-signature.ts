// Signing a PDF copy as a whole (PAdES B-B): an incremental update appended to the sealed file
// adds a signature field (an invisible widget on the first page, in the catalog's /AcroForm) and
// its signature dictionary, whose /Contents is left as a placeholder while the bytes around it
// are hashed, then filled with the CMS (shared/export/cms.ts). Nothing before the update changes.
import { PDFArray, PDFName, type PDFDocument, type PDFRef } from 'pdf-lib';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { signDigest, type PdfSigner } from '../../../shared/export';
import { appendObjects } from './pdf-update';

/** Room for the CMS: a certificate and one signature need under 2 KB; hex doubles it. */
const CONTENTS_BYTES = 8192;
const RANGE_PLACEHOLDER = '/ByteRange [0 0000000000 0000000000 0000000000]';

export interface SignatureDetails {
  /** Who signs, as the signature panel shows it: "Amina Yusuf — Head of Speechwriting, City of Aldport". */
  name: string;
  /** Why: "Final copy of “New Year message”, signed in Signet by Carmen Ruiz". */
  reason: string;
  at: Date;
}

/** A PDF text string: UTF-16BE with its byte order mark, as hex, so that any words survive. */
function pdfString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i += 1) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
}

const pdfDate = (at: Date): string => `(D:${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

/**
 * Appends the signature to `saved`, the bytes `pdf` was loaded from or saved as (with a classic
 * cross-reference table, not streams) and any updates since, and returns the signed file.
 */
export function appendSignature(saved: Uint8Array, pdf: PDFDocument, signer: PdfSigner, details: SignatureDetails): Uint8Array {
  const { context } = pdf;
  const [sigRef, widgetRef] = [context.nextRef(), context.nextRef()];
  const page = pdf.getPage(0);
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? context.obj([]);
  annots.push(widgetRef);
  page.node.set(PDFName.of('Annots'), annots);
  pdf.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [widgetRef], SigFlags: 3 }));
  const signature = [
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${RANGE_PLACEHOLDER}`,
    `/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>`,
    `/Name ${pdfString(details.name)} /Reason ${pdfString(details.reason)} /M ${pdfDate(details.at)} >>`,
  ].join('\n');
  const widget = `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${pdfString('Signet export seal')} /V ${sigRef} /Rect [0 0 0 0] /F 132 /P ${page.ref} >>`;
  const objects: [PDFRef, string][] = [
    [context.trailerInfo.Root as PDFRef, pdf.catalog.toString()],
    [page.ref, page.node.toString()],
    [sigRef, signature],
    [widgetRef, widget],
  ];
  // Only ASCII above (names and words are hex strings), so characters are bytes.
  const file = appendObjects(saved, pdf, objects.map(([ref, text]) => [ref, new TextEncoder().encode(text)]));
  return fillSignature(file, signer);
}

/** Writes the byte range and the CMS into the placeholder of the file's signature dictionary. */
function fillSignature(file: Uint8Array, signer: PdfSigner): Uint8Array {
  const text = new TextDecoder('latin1').decode(file);
  const rangeAt = text.lastIndexOf(RANGE_PLACEHOLDER);
  const a = text.indexOf('/Contents <', rangeAt) + '/Contents '.length;
  const b = a + CONTENTS_BYTES * 2 + 2;
  const range = `/ByteRange [0 ${a} ${b} ${file.length - b}]`.padEnd(RANGE_PLACEHOLDER.length, ' ');
  file.set(new TextEncoder().encode(range), rangeAt);
  const signed = new Uint8Array(a + file.length - b);
  signed.set(file.subarray(0, a), 0);
  signed.set(file.subarray(b), a);
  const cms = bytesToHex(signDigest(sha256(signed), signer));
  if (cms.length > CONTENTS_BYTES * 2) throw new Error('The PDF signature is larger than the room made for it.');
  file.set(new TextEncoder().encode(cms), a + 1);
  return file;
}
