// Opening a Word file (.docx) as what it claims to be: an OOXML package, a zip of XML parts. It is
// written by someone else's program, perhaps by someone hostile, so before any part is read the
// bytes must be a zip, small enough, not a zip bomb (every part's size is capped, as is the total
// and the ratio to the bytes it came from), not encrypted, and hold a Word document.
import { unzipSync } from 'fflate';
import { DOMParser, type Document } from '@xmldom/xmldom';

/** The largest Word file Signet opens. */
export const MAX_WORD_BYTES = 50 * 1024 * 1024;
/** The most its parts may hold once uncompressed, together. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** The most a part may grow when uncompressed (a text document's XML compresses about 10:1). */
export const MAX_RATIO = 200;
const MAX_PARTS = 10_000;

/** A Word file refused, with the reason in words a user can act on. */
export class WordFileError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'WordFileError';
  }
}

export interface WordPackage {
  /** Every part but the pictures and embedded files, by name. */
  parts: Map<string, Uint8Array>;
  /** The main document's part name (word/document.xml in every suite we know). */
  main: string;
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);

/** Whether a compound file (OLE) holds an encrypted OOXML package: its stream is named EncryptionInfo. */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  const name = Buffer.from('EncryptionInfo', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(name) >= 0;
}

function notAZip(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8');
  if (bytes.length === 0) return 'it is empty';
  if (head.startsWith('%PDF-')) return 'it is a PDF, not a Word file';
  if (/^\s*<(!doctype html|html)/i.test(head)) return 'it is an HTML page renamed .docx; open it as .html instead';
  if (!head.includes('\uFFFD') && !/[\u0000-\u0008\u000e-\u001f]/.test(head)) return 'it is plain text, not a Word file (a .txt renamed .docx?)';
  return 'it is not a Word file (a .docx is a zip package, and this is not one)';
}

/** Parts a document never needs to be read: pictures and embedded files, which are reported, not imported. */
const SKIPPED = /^word\/(media|embeddings)\//i;

/**
 * The package's parts, or a WordFileError saying why it cannot be opened. Nothing is decompressed
 * before the directory's sizes pass the caps, and each part is inflated into a buffer of its stated
 * size, so a directory that lies cannot make one grow.
 */
export function openWordPackage(bytes: Uint8Array): WordPackage {
  if (bytes.length > MAX_WORD_BYTES) throw new WordFileError(`it is ${(bytes.length / 1024 / 1024).toFixed(0)} MB; Signet opens Word files of up to ${MAX_WORD_BYTES / 1024 / 1024} MB`);
  if (startsWith(bytes, CFB)) {
    throw new WordFileError(
      isEncryptedPackage(bytes)
        ? 'it is encrypted (protected by a password); remove the password in Word (File > Info > Protect Document) and save it again'
        : 'it is an old Word 97–2003 document (.doc) or another Office file of that kind; save it as a Word document (.docx) and try again',
    );
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) throw new WordFileError(notAZip(bytes));
  let total = 0;
  let count = 0;
  // Part names are case-insensitive (OPC); two entries of one name would let two readers show two documents.
  const names = new Set<string>();
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (file) => {
        count += 1;
        if (count > MAX_PARTS) throw new WordFileError(`it has more than ${MAX_PARTS} parts; it is not a Word document Signet can open`);
        const name = file.name.toLowerCase();
        if (names.has(name)) throw new WordFileError(`it is damaged: it holds two parts named ${file.name}, and which one is the document cannot be told; nothing was read`);
        names.add(name);
        if (SKIPPED.test(file.name) || file.name.endsWith('/')) return false;
        total += file.originalSize;
        if (total > MAX_UNPACKED_BYTES) throw new WordFileError(`it would unpack to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB (a zip bomb?); nothing was read`);
        if (file.originalSize > 1024 * 1024 && file.originalSize > Math.max(1, file.size) * MAX_RATIO) {
          throw new WordFileError(`its part ${file.name} would unpack ${Math.round(file.originalSize / Math.max(1, file.size))} times larger than it is (a zip bomb?); nothing was read`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof WordFileError) throw error;
    throw new WordFileError('it is damaged or cut short: its zip directory cannot be read');
  }
  const map = new Map(Object.entries(parts));
  const main = mainDocument(map);
  return { parts: map, main };
}

const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const STRICT_OFFICE_DOCUMENT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument';

/** The main document part the package's relationships name, which must be a Word document. */
function mainDocument(parts: Map<string, Uint8Array>): string {
  if (!parts.has('[Content_Types].xml')) throw new WordFileError('it is a zip file but not an Office document (it has no [Content_Types].xml)');
  const rels = parts.get('_rels/.rels');
  const target = rels ? relationshipTargets(parseXml(rels, '_rels/.rels'), '').find((r) => r.type === OFFICE_DOCUMENT || r.type === STRICT_OFFICE_DOCUMENT)?.target : undefined;
  if (!target) throw new WordFileError('it is a zip file but not an Office document (it names no main document)');
  if (/^xl\//.test(target)) throw new WordFileError('it is an Excel workbook, not a Word document');
  if (/^ppt\//.test(target)) throw new WordFileError('it is a PowerPoint presentation, not a Word document');
  if (!parts.has(target)) throw new WordFileError(`it is damaged: its main document ${target} is missing`);
  const types = new TextDecoder().decode(parts.get('[Content_Types].xml'));
  if (!types.includes('wordprocessingml.document.main') && !types.includes('wordprocessingml.template.main') && !types.includes('ms-word.document.macroEnabled.main')) {
    throw new WordFileError('it is an Office package but not a Word document');
  }
  return target;
}

/** Parses one part as XML; a part that is not well-formed, or declares a DTD, is refused. */
export function parseXml(bytes: Uint8Array, name: string): Document {
  const text = new TextDecoder('utf-8').decode(bytes);
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'application/xml');
  } catch {
    throw new WordFileError(`it is damaged: its part ${name} is not well-formed XML`);
  }
  if (doc.doctype) throw new WordFileError(`its part ${name} declares a DTD, which Word documents never do; it was not read`);
  return doc;
}

export interface Relationship {
  id: string;
  type: string;
  /** The part it names, as a path in the package ('' for an external target). */
  target: string;
}

/** The relationships of a .rels part; `base` is the folder of the part they belong to ('' or 'word/'). */
export function relationshipTargets(rels: Document, base: string): Relationship[] {
  const out: Relationship[] = [];
  const list = rels.getElementsByTagName('Relationship');
  for (let i = 0; i < list.length; i += 1) {
    const r = list.item(i)!;
    const external = r.getAttribute('TargetMode') === 'External';
    const raw = r.getAttribute('Target') ?? '';
    out.push({ id: r.getAttribute('Id') ?? '', type: r.getAttribute('Type') ?? '', target: external ? '' : resolvePart(base, raw) });
  }
  return out;
}

function resolvePart(base: string, target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s && s !== '.') out.push(s);
  }
  return out.join('/');
}
