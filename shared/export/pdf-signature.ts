// Reading a PDF copy's signature from its bytes, as a PDF reader would: the one signature
// dictionary, its /ByteRange (which must cover every byte of the file but its own /Contents) and
// its CMS, checked against the bytes it covers. Anything added after the signature, the way a
// forger changes a signed PDF (an incremental update), leaves bytes the range does not cover.
import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { checkSignedData } from './cms';

/** What a PDF's signature says: the P-256 key that made it and the name its certificate gives, or why it does not hold. */
export type PdfSignatureCheck = { publicKey: string; signerName: string; problem: null } | { publicKey: null; signerName: null; problem: string };

const fail = (problem: string): PdfSignatureCheck => ({ publicKey: null, signerName: null, problem });

const latin1 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
};

/** The length of the DER element at the start of `bytes` (a CMS in a zero-padded /Contents). */
function derLength(bytes: Uint8Array): number {
  if (bytes[1] < 0x80) return 2 + bytes[1];
  const n = bytes[1] & 0x7f;
  let length = 0;
  for (let i = 0; i < n; i += 1) length = length * 256 + bytes[2 + i];
  return 2 + n + length;
}

/** Checks the PDF signature of a copy's bytes. */
export function checkPdfSignature(bytes: Uint8Array): PdfSignatureCheck {
  const text = latin1(bytes);
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (!ranges.length) return fail('it carries no PDF signature, so nothing vouches for its pages as a whole');
  // The first signature is the exporter's: whatever follows it (an update, another signature) is not theirs.
  const [start, a, b, rest] = ranges[0].slice(1).map(Number);
  if (start !== 0 || b <= a || b + rest !== bytes.length) {
    const after = bytes.length - (b + rest);
    return fail(after > 0 ? `its PDF signature does not cover the whole file: ${after.toLocaleString('en')} bytes were added after it was signed` : 'its PDF signature does not cover the whole file');
  }
  if (ranges.length > 1) return fail(`it carries ${ranges.length} PDF signatures where Signet makes one`);
  const hole = text.slice(a, b);
  if (!/^<[0-9a-fA-F]*>$/.test(hole)) return fail('its PDF signature does not cover the whole file: the bytes it leaves out are not its signature');
  // The signature's own dictionary: from its "obj" to its "endobj".
  const dictionary = text.slice(text.lastIndexOf(' obj', ranges[0].index), text.indexOf('endobj', ranges[0].index));
  if (!/\/SubFilter\s*\/ETSI\.CAdES\.detached\b/.test(dictionary)) return fail('its PDF signature is not a PAdES signature (SubFilter ETSI.CAdES.detached)');
  const contents = hexToBytes(hole.slice(1, -1).length % 2 ? `${hole.slice(1, -1)}0` : hole.slice(1, -1));
  const cms = contents.subarray(0, Math.min(contents.length, derLength(contents)));
  const signed = new Uint8Array(a + rest);
  signed.set(bytes.subarray(0, a), 0);
  signed.set(bytes.subarray(b), a);
  const check = checkSignedData(cms, sha256(signed));
  return check.problem ? fail(`its PDF signature does not hold: ${check.problem}`) : check;
}
