// Ed25519 signatures checked by Node's crypto (OpenSSL), some twenty times faster than the pure
// JavaScript check shared/ uses by default: `signet status` on 5,000 records. shared/signoff keeps
// the strict encoding checks in front of it (records.ts, useSignatureCheck).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { useSignatureCheck } from '../../../shared/signoff';

// An Ed25519 public key as SubjectPublicKeyInfo: this fixed prefix, then the 32 bytes.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map<string, KeyObject>();

function keyObject(publicKey: Uint8Array): KeyObject {
  const hex = Buffer.from(publicKey).toString('hex');
  let key = keys.get(hex);
  if (!key) {
    if (keys.size > 4096) keys.clear();
    keys.set(hex, (key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })));
  }
  return key;
}

/** Makes every signature check in this process use Node's Ed25519. */
export function useNodeSignatureCheck(): void {
  useSignatureCheck((signature, bytes, publicKey) => {
    try {
      return publicKey.length === 32 && signature.length === 64 && verify(null, bytes, keyObject(publicKey), signature);
    } catch {
      return false;
    }
  });
}
