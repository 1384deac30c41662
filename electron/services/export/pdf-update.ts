// An incremental update: objects appended after a PDF's bytes, with a cross-reference section for
// them alone and a trailer whose /Prev is the file's last one. Every byte before it stays as it
// was, so Chromium's print is never rewritten (and a signature over what came before still holds).
import type { PDFDocument, PDFRef } from 'pdf-lib';

/** The offset of the file's last cross-reference section, from its "startxref". */
function lastXref(bytes: Uint8Array): number {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new Error('The printed PDF has no cross-reference offset at its end.');
  return Number(m[1]);
}

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Whether the file ends with a classic cross-reference table, which an update's own table can follow (not a stream). */
export function endsWithXrefTable(bytes: Uint8Array): boolean {
  try {
    const at = lastXref(bytes);
    return new TextDecoder('latin1').decode(bytes.subarray(at, at + 4)) === 'xref';
  } catch {
    return false;
  }
}

/**
 * Appends `objects` (each a reference and the bytes of its object, without "obj" and "endobj")
 * to `file`, which `pdf` was loaded from and has since been changed in memory.
 */
export function appendObjects(file: Uint8Array, pdf: PDFDocument, objects: [PDFRef, Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [file];
  let at = file.length;
  const put = (bytes: Uint8Array) => {
    parts.push(bytes);
    at += bytes.length;
  };
  if (file[file.length - 1] !== 0x0a) put(ascii('\n'));
  const offsets: [number, number][] = [];
  for (const [ref, body] of objects) {
    offsets.push([ref.objectNumber, at]);
    put(ascii(`${ref.objectNumber} 0 obj\n`));
    put(body);
    put(ascii('\nendobj\n'));
  }
  const xrefAt = at;
  offsets.sort((x, y) => x[0] - y[0]);
  const xref = ['xref', '0 1', '0000000000 65535 f '];
  for (const [n, offset] of offsets) xref.push(`${n} 1`, `${String(offset).padStart(10, '0')} 00000 n `);
  const { trailerInfo, largestObjectNumber } = pdf.context;
  const info = trailerInfo.Info ? ` /Info ${trailerInfo.Info}` : '';
  put(ascii(`${xref.join('\n')}\ntrailer\n<< /Size ${largestObjectNumber + 1} /Root ${trailerInfo.Root}${info} /Prev ${lastXref(file)} >>\nstartxref\n${xrefAt}\n%%EOF\n`));
  const out = new Uint8Array(at);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The bytes of the objects `refs` name, as `pdf` now holds them. */
export function objectBytes(pdf: PDFDocument, refs: PDFRef[]): [PDFRef, Uint8Array][] {
  return refs.map((ref) => {
    const object = pdf.context.lookup(ref)!;
    const bytes = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(bytes, 0);
    return [ref, bytes];
  });
}
