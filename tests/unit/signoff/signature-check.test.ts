// Node's Ed25519 (electron/services/signoff/signature-check.ts), behind shared/'s strict encoding
// checks, decides every signature as noble's strict RFC 8032 check does: genuine, changed, forged,
// S not reduced, a small-order key, a key that is not canonical.
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { useNodeSignatureCheck } from '../../../electron/services/signoff/signature-check';
import { newMessage } from '../../../electron/services/library/library';
import { newRecord, recordBytes, signerFromSecretKey, verifySignature, type SignoffRecord } from '../../../shared/signoff';

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
  });
});
