// Node's Ed25519 (electron/services/signoff/signature-check.ts), behind shared/'s strict encoding
// checks, decides every signature as noble's strict RFC 8032 check does: genuine, changed, forged,
// S not reduced, R or the key not canonical, a small-order key; on the records of a real review,
// forged at random, both checks behind verifyEd25519 give the same answers.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useNodeSignatureCheck } from '../../../electron/services/signoff/signature-check';
import { newMessage } from '../../../electron/services/library/library';
import {
  approve,
  changeRoster,
  newRecord,
  recordBytes,
  requestChanges,
  sendForReview,
  signerFromSecretKey,
  signMessage,
  storedRecords,
  useSignatureCheck,
  verifyEd25519,
  verifySignature,
  type SignoffRecord,
} from '../../../shared/signoff';

const ben = signerFromSecretKey(ed25519.utils.randomSecretKey());
const L = ed25519.Point.Fn.ORDER;

function withS(signature: string, add: bigint): string {
  const bytes = hexToBytes(signature);
  let s = 0n;
  for (let i = 63; i >= 32; i -= 1) s = (s << 8n) | BigInt(bytes[i]);
  s += add;
  for (let i = 32; i < 64; i += 1) {
    bytes[i] = Number(s & 0xffn);
    s >>= 8n;
  }
  return bytesToHex(bytes);
}

describe('the signature check', () => {
  it('decides as noble does, case by case', () => {
    const genuine = newRecord(newMessage('blank', 'Harbour opening'), ben, { kind: 'approved' });
    const cases: SignoffRecord[] = [
      genuine,
      { ...genuine, comment: 'changed' },
      { ...genuine, signature: genuine.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
      { ...genuine, signature: withS(genuine.signature, L) },
      { ...genuine, signer: `01${'00'.repeat(31)}` },
      { ...genuine, signer: `ee${'ff'.repeat(30)}7f` },
      { ...genuine, signature: 'ab'.repeat(64) },
    ];
    const noble = (r: SignoffRecord) => {
      try {
        return ed25519.verify(hexToBytes(r.signature), recordBytes(r), hexToBytes(r.signer), { zip215: false });
      } catch {
        return false;
      }
    };
    const expected = cases.map(noble);
    expect(expected).toEqual([true, false, false, false, false, false, false]);
    useNodeSignatureCheck();
    expect(cases.map(verifySignature)).toEqual(expected);
    useSignatureCheck();
  });
});

/** The answer of every signature check in this process for `records`, with noble's check or Node's. */
function answers(records: SignoffRecord[], node: boolean): boolean[] {
  if (node) useNodeSignatureCheck();
  else useSignatureCheck();
  try {
    return records.map(verifySignature);
  } finally {
    useSignatureCheck();
  }
}

describe('noble and Node behind the one check', () => {
  // Real records of a review: a roster, a request, changes asked, approvals, a signature.
  const carmen = signerFromSecretKey(ed25519.utils.randomSecretKey());
  const doc = newMessage('speech', 'Harbour opening', 'en', undefined, ben.publicKey);
  const member = (s: typeof ben, name: string, roles: ('owner' | 'approver' | 'signatory')[]) => ({ publicKey: s.publicKey, name, titles: ['Mayor'], organisation: '', email: '', roles });
  changeRoster(doc, ben, [member(ben, 'Ben Okafor', ['owner']), member(carmen, 'Carmen Ruiz', ['approver', 'signatory'])]);
  sendForReview(doc, ben, { approvers: [carmen.publicKey], signatory: carmen.publicKey });
  requestChanges(doc, carmen, 'Say when.');
  sendForReview(doc, ben, { approvers: [carmen.publicKey], signatory: carmen.publicKey });
  approve(doc, carmen);
  signMessage(doc, carmen);
  const records = storedRecords(doc).filter((r): r is SignoffRecord => typeof r !== 'string');

  // What someone holding a copy could do to a record's bytes.
  const P = 2n ** 255n - 19n;
  const forgeries: ((r: SignoffRecord, n: number, other: SignoffRecord) => SignoffRecord)[] = [
    (r, n) => {
      const bytes = hexToBytes(r.signature);
      bytes[n % 64] ^= 1 << n % 8;
      return { ...r, signature: bytesToHex(bytes) };
    },
    (r, n) => ({ ...r, comment: `${r.comment}${String.fromCharCode(32 + (n % 90))}` }),
    (r, n) => ({ ...r, time: new Date(Date.parse(r.time) + 1 + n).toISOString() }),
    (r, _n, other) => ({ ...r, signer: other.signer }),
    (r, _n, other) => ({ ...r, signature: other.signature }),
    (r, n) => ({ ...r, signature: withS(r.signature, L * BigInt(1 + (n % 3))) }),
    // R's y coordinate not reduced (y + p), where it still fits in 255 bits.
    (r) => {
      const bytes = hexToBytes(r.signature);
      let y = 0n;
      for (let i = 31; i >= 0; i -= 1) y = (y << 8n) | BigInt(i === 31 ? bytes[i] & 0x7f : bytes[i]);
      if (y + P >= 2n ** 255n) return r;
      let v = y + P;
      for (let i = 0; i < 32; i += 1) {
        bytes[i] = (i === 31 ? (bytes[i] & 0x80) | Number(v & 0x7fn) : Number(v & 0xffn));
        v >>= 8n;
      }
      return { ...r, signature: bytesToHex(bytes) };
    },
    (r) => ({ ...r, signer: `${'00'.repeat(31)}80` }),
    (r, n) => ({ ...r, digest: `${r.digest.slice(0, 63)}${((parseInt(r.digest[63], 16) + 1 + (n % 15)) % 16).toString(16)}` }),
  ];

  it('gives the same answer for genuine records and every kind of forgery', () => {
    expect(records).toHaveLength(6);
    expect(answers(records, false)).toEqual(records.map(() => true));
    expect(answers(records, true)).toEqual(records.map(() => true));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(records.length - 1), fc.nat(forgeries.length - 1), fc.nat(1000), fc.nat(records.length - 1)), { minLength: 1, maxLength: 20 }), (picks) => {
        const forged = picks.map(([r, f, n, o]) => forgeries[f](records[r], n, records[o]));
        expect(answers(forged, true)).toEqual(answers(forged, false));
      }),
      { numRuns: 150 },
    );
  });

  it('checks export seals and member cards with the same function', () => {
    const bytes = new TextEncoder().encode('signet-export-seal-1\n{}');
    const signature = ben.sign(bytes);
    for (const node of [false, true]) {
      if (node) useNodeSignatureCheck();
      expect(verifyEd25519(signature, bytes, ben.publicKey)).toBe(true);
      expect(verifyEd25519(signature, bytes, carmen.publicKey)).toBe(false);
      expect(verifyEd25519(signature.slice(0, 63), bytes, ben.publicKey)).toBe(false);
      expect(verifyEd25519(signature, bytes, ben.publicKey.toUpperCase())).toBe(false);
      useSignatureCheck();
    }
  });
});
