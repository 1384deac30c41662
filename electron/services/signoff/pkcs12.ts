// Reading a PKCS#12 file (.p12, .pfx), as an organisation issues a person's certificate: its
// integrity checked with the password (the MAC), its bags decrypted, and the one private key and
// every certificate it holds handed back. The structures are parsed by @peculiar/asn1-pfx and
// -pkcs8 (the same family as the CMS code); the cryptography is Node's. It reads what OpenSSL 3,
// Windows and macOS write: PBES2 (PBKDF2 with AES-CBC), and the older PKCS#12 triple DES; RC2,
// which Node's OpenSSL no longer offers, is refused with what to do instead.
import { createDecipheriv, createHash, createHmac, createPrivateKey, pbkdf2Sync, timingSafeEqual, type KeyObject } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { ContentInfo, id_data, id_encryptedData } from '@peculiar/asn1-cms';
import { AuthenticatedSafe, CertBag, PFX, SafeContents, id_certBag, id_keyBag, id_pkcs8ShroudedKeyBag, id_x509Certificate } from '@peculiar/asn1-pfx';

export class Pkcs12Error extends Error {
  override name = 'Pkcs12Error';
  constructor(
    message: string,
    readonly problem: 'not-pkcs12' | 'wrong-password' | 'unsupported' | 'no-key',
  ) {
    super(message);
  }
}

/** What a PKCS#12 file holds: its private key and its certificates (DER), in the file's order. */
export interface Pkcs12Contents {
  key: KeyObject;
  certificates: Uint8Array[];
}

const OID = {
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeSha3Des: '1.2.840.113549.1.12.1.3',
  pbeShaRc2_40: '1.2.840.113549.1.12.1.6',
  pbeShaRc2_128: '1.2.840.113549.1.12.1.5',
  pbmac1: '1.2.840.113549.1.5.14',
} as const;

const DIGESTS: Record<string, { name: string; block: number }> = {
  [OID.sha1]: { name: 'sha1', block: 64 },
  [OID.sha256]: { name: 'sha256', block: 64 },
  [OID.sha384]: { name: 'sha384', block: 128 },
  [OID.sha512]: { name: 'sha512', block: 128 },
};
/** PBKDF2's pseudo-random functions, by OID (HMAC with SHA-1, the default, SHA-256, …). */
const PRFS: Record<string, string> = { '1.2.840.113549.2.7': 'sha1', '1.2.840.113549.2.9': 'sha256', '1.2.840.113549.2.10': 'sha384', '1.2.840.113549.2.11': 'sha512' };
const AES: Record<string, string> = { '2.16.840.1.101.3.4.1.2': 'aes-128-cbc', '2.16.840.1.101.3.4.1.22': 'aes-192-cbc', '2.16.840.1.101.3.4.1.42': 'aes-256-cbc' };

// ── A small DER reader, for the few parameters the schema packages do not describe ─────────

interface Der {
  tag: number;
  body: Buffer;
  /** The element itself: tag, length and body. */
  whole: Buffer;
}

function readDer(bytes: Buffer): { der: Der; rest: Buffer } {
  if (bytes.length < 2) throw new Error('truncated');
  let length = bytes[1];
  let at = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n < 1 || n > 4 || bytes.length < 2 + n) throw new Error('bad length');
    length = 0;
    for (let i = 0; i < n; i += 1) length = length * 256 + bytes[2 + i];
    at += n;
  }
  if (bytes.length < at + length) throw new Error('truncated');
  return { der: { tag: bytes[0], body: bytes.subarray(at, at + length), whole: bytes.subarray(0, at + length) }, rest: bytes.subarray(at + length) };
}

function children(body: Buffer): Der[] {
  const out: Der[] = [];
  for (let rest = body; rest.length; ) {
    const next = readDer(rest);
    out.push(next.der);
    rest = next.rest;
  }
  return out;
}

function oid(body: Buffer): string {
  const parts = [Math.floor(body[0] / 40), body[0] % 40];
  let value = 0;
  for (const byte of body.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

const integer = (body: Buffer): number => body.reduce((n, b) => n * 256 + b, 0);

// ── Keys from passwords ─────────────────────────────────────────────────────────────────────

/** The password as PKCS#12's own key derivation takes it: UTF-16BE, ending in a zero character. */
const bmpPassword = (password: string): Buffer => {
  const out = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i += 1) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
};

/** PKCS#12's key derivation (RFC 7292, appendix B.2): `id` 1 for a key, 2 for an IV, 3 for the MAC key. */
function pkcs12Kdf(digest: { name: string; block: number }, password: string, salt: Buffer, id: number, iterations: number, size: number): Buffer {
  const v = digest.block;
  // `b` repeated to `n` bytes.
  const repeat = (b: Buffer, n: number) => Buffer.concat(Array.from({ length: Math.ceil(n / b.length) }, () => b)).subarray(0, n);
  const fill = (b: Buffer) => (b.length ? repeat(b, Math.ceil(b.length / v) * v) : Buffer.alloc(0));
  const I = Buffer.concat([fill(salt), fill(bmpPassword(password))]);
  const D = Buffer.alloc(v, id);
  const out: Buffer[] = [];
  for (let made = 0; made < size; ) {
    let A = createHash(digest.name).update(D).update(I).digest();
    for (let i = 1; i < iterations; i += 1) A = createHash(digest.name).update(A).digest();
    out.push(A);
    made += A.length;
    const B = repeat(A, v);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k -= 1) {
        const sum = I[j + k] + B[k] + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, size);
}

const unsupported = (what: string) =>
  new Pkcs12Error(`it is protected with ${what}, which Signet cannot open: export it again with AES (in OpenSSL 3, "openssl pkcs12 -export" does so by default; in Windows, choose AES256-SHA256)`, 'unsupported');

/** Decrypts what a password-based scheme (PBES2, or PKCS#12's triple DES) encrypted. */
function decrypt(algorithm: string, parameters: Buffer | undefined, password: string, data: Buffer): Buffer {
  const params = parameters ? readDer(parameters).der : null;
  let cipher: string;
  let key: Buffer;
  let iv: Buffer;
  if (algorithm === OID.pbes2 && params) {
    const [kdf, scheme] = children(params.body).map((d) => children(d.body));
    if (oid(kdf[0].body) !== OID.pbkdf2) throw unsupported('a key derivation other than PBKDF2');
    const [salt, iterations, ...more] = children(kdf[1].body);
    const prf = more.find((d) => d.tag === 0x30);
    const digest = prf ? PRFS[oid(children(prf.body)[0].body)] : 'sha1';
    cipher = AES[oid(scheme[0].body)];
    if (!digest || !cipher) throw unsupported('a cipher other than AES');
    iv = scheme[1].body;
    key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt.body, integer(iterations.body), Number(cipher.split('-')[1]) / 8, digest);
  } else if (algorithm === OID.pbeSha3Des && params) {
    const [salt, iterations] = children(params.body);
    cipher = 'des-ede3-cbc';
    key = pkcs12Kdf(DIGESTS[OID.sha1], password, salt.body, 1, integer(iterations.body), 24);
    iv = pkcs12Kdf(DIGESTS[OID.sha1], password, salt.body, 2, integer(iterations.body), 8);
  } else if (algorithm === OID.pbeShaRc2_40 || algorithm === OID.pbeShaRc2_128) {
    throw unsupported('RC2, an old cipher');
  } else {
    throw unsupported(`an encryption Signet does not know (${algorithm})`);
  }
  const decipher = createDecipheriv(cipher, key, iv);
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new Pkcs12Error('the password is not the one that protects it', 'wrong-password');
  }
}

// ── The file ─────────────────────────────────────────────────────────────────────────────────

/** The MAC over the file's contents, which tells a wrong password from a damaged file. */
function checkMac(pfx: PFX, content: Buffer, password: string): void {
  const mac = pfx.macData;
  if (!mac) return;
  const algorithm = mac.mac.digestAlgorithm.algorithm;
  if (algorithm === OID.pbmac1) throw unsupported('PBMAC1');
  const digest = DIGESTS[algorithm];
  if (!digest) throw unsupported(`an integrity check Signet does not know (${algorithm})`);
  const size = createHash(digest.name).digest().length;
  const key = pkcs12Kdf(digest, password, Buffer.from(mac.macSalt.buffer), 3, mac.iterations ?? 1, size);
  const expected = createHmac(digest.name, key).update(content).digest();
  const given = Buffer.from(mac.mac.digest.buffer);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Pkcs12Error('the password is not the one that protects it', 'wrong-password');
}

const octets = (content: ArrayBuffer): Buffer => Buffer.from(AsnConvert.parse(content, OctetString).buffer);

/** The safe contents of one part of the authenticated safe: as it is, or decrypted with the password. */
function safeContents(info: ContentInfo, password: string): SafeContents {
  if (info.contentType === id_data) return AsnConvert.parse(octets(info.content), SafeContents);
  if (info.contentType === id_encryptedData) {
    // EncryptedData { version, EncryptedContentInfo { contentType, algorithm, [0] IMPLICIT content } }
    const [, encrypted] = children(readDer(Buffer.from(info.content)).der.body);
    const [, algorithm, content] = children(encrypted.body);
    const [scheme, parameters] = children(algorithm.body);
    // The content, primitive ([0] 0x80) or in pieces ([0] constructed, 0xa0, of OCTET STRINGs).
    const data = content.tag === 0xa0 ? Buffer.concat(children(content.body).map((d) => d.body)) : content.body;
    return AsnConvert.parse(decrypt(oid(scheme.body), parameters?.whole, password, data), SafeContents);
  }
  throw unsupported('a public key (enveloped data) rather than a password');
}

/** Reads a PKCS#12 file with its password; a wrong password, a damaged file or an unknown cipher is a Pkcs12Error. */
export function readPkcs12(bytes: Uint8Array, password: string): Pkcs12Contents {
  let pfx: PFX;
  let content: Buffer;
  try {
    pfx = AsnConvert.parse(bytes, PFX);
    if (pfx.authSafe.contentType !== id_data) throw unsupported('a public key signature rather than a password');
    content = octets(pfx.authSafe.content);
  } catch (error) {
    if (error instanceof Pkcs12Error) throw error;
    throw new Pkcs12Error('it is not a PKCS#12 file (.p12 or .pfx)', 'not-pkcs12');
  }
  checkMac(pfx, content, password);
  const keys: KeyObject[] = [];
  const certificates: Uint8Array[] = [];
  try {
    for (const info of AsnConvert.parse(content, AuthenticatedSafe)) {
      for (const bag of safeContents(info, password)) {
        if (bag.bagId === id_certBag) {
          const cert = AsnConvert.parse(bag.bagValue, CertBag);
          if (cert.certId === id_x509Certificate) certificates.push(new Uint8Array(octets(cert.certValue)));
        } else if (bag.bagId === id_pkcs8ShroudedKeyBag) {
          keys.push(shroudedKey(Buffer.from(bag.bagValue), password));
        } else if (bag.bagId === id_keyBag) {
          keys.push(createPrivateKey({ key: Buffer.from(bag.bagValue), format: 'der', type: 'pkcs8' }));
        }
      }
    }
  } catch (error) {
    if (error instanceof Pkcs12Error) throw error;
    throw new Pkcs12Error(`it is damaged: ${(error as Error).message}`, 'not-pkcs12');
  }
  if (keys.length !== 1) throw new Pkcs12Error(keys.length ? `it holds ${keys.length} private keys where Signet takes one` : 'it holds no private key, only certificates: ask for the .p12 with your key in it', 'no-key');
  return { key: keys[0], certificates };
}

/** A PKCS#8 key encrypted with the password: OpenSSL, through Node, knows the same schemes. */
function shroudedKey(der: Buffer, password: string): KeyObject {
  const [algorithm] = children(readDer(der).der.body);
  const scheme = oid(children(algorithm.body)[0].body);
  if (scheme === OID.pbeShaRc2_40 || scheme === OID.pbeShaRc2_128) throw unsupported('RC2, an old cipher');
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: password });
  } catch {
    throw new Pkcs12Error('the password is not the one that protects its key', 'wrong-password');
  }
}
