// The PDF signature's cryptography (PAdES baseline B-B): the exporter's self-signed X.509
// certificate for their ECDSA P-256 key, and the detached CMS SignedData over a digest of the
// signed bytes, with the signed attributes B-B asks for (content type, message digest, the
// signing certificate v2) and no signing time (the signature dictionary's /M says when). Readers
// such as Acrobat, Preview and poppler validate ECDSA P-256 with SHA-256; they do not know Ed25519.
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, Certificate, Extension, Extensions, KeyUsage, KeyUsageFlags, Name, RelativeDistinguishedName, SubjectPublicKeyInfo, TBSCertificate, Validity, Version, id_ce_keyUsage } from '@peculiar/asn1-x509';
import { Attribute, CertificateChoices, CertificateSet, ContentInfo, EncapsulatedContentInfo, IssuerAndSerialNumber, SignedData, SignerIdentifier, SignerInfo, SignerInfos, DigestAlgorithmIdentifiers, id_signedData, id_data } from '@peculiar/asn1-cms';
import { id_ecdsaWithSHA256, id_ecPublicKey, id_secp256r1 } from '@peculiar/asn1-ecc';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Who a certificate names: the exporter as the roster has them. */
export interface CertificateSubject {
  name: string;
  titles: string[];
  organisation: string;
  email: string;
}

/** An ECDSA P-256 key that signs PDF copies, with its certificate (DER). */
export interface PdfSigner {
  /** The public key, uncompressed (04 ‖ x ‖ y), as hex. */
  publicKey: string;
  certificate: Uint8Array;
  /** The certificates above it, up to its issuing CA (an organisation's certificate); none for a self-signed one. */
  chain?: Uint8Array[];
  /** Signs a SHA-256 digest; the signature in DER. */
  signDigest(digest: Uint8Array): Uint8Array;
}

const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const ID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
// X.520 attribute types for a certificate's subject.
const ID_CN = '2.5.4.3';
const ID_TITLE = '2.5.4.12';
const ID_O = '2.5.4.10';
const ID_EMAIL = '1.2.840.113549.1.9.1';

const bytes = (b: ArrayBuffer | Uint8Array): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b));
const buffer = (b: Uint8Array): ArrayBuffer => b.slice().buffer;

/** A DER element: tag, length, value. */
function der(tag: number, value: Uint8Array): Uint8Array {
  const n = value.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Uint8Array.from([tag, ...length, ...value]);
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
};

function subjectName(s: CertificateSubject): Name {
  const rdn = (type: string, value: string, email = false) =>
    new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: email ? new AttributeValue({ ia5String: value } as Partial<AttributeValue>) : new AttributeValue({ utf8String: value }) })]);
  return new Name([
    rdn(ID_CN, s.name),
    ...(s.titles.length ? [rdn(ID_TITLE, s.titles.join(', '))] : []),
    ...(s.organisation ? [rdn(ID_O, s.organisation)] : []),
    ...(s.email ? [rdn(ID_EMAIL, s.email, true)] : []),
  ]);
}

const ecdsaSha256 = () => new AlgorithmIdentifier({ algorithm: id_ecdsaWithSHA256 });

/**
 * A self-signed certificate for the key, naming the person, valid for ten years from `from`. Made
 * the same for the same key, person and day (ECDSA signatures here are deterministic, RFC 6979).
 */
export function selfSignedCertificate(secretKey: Uint8Array, subject: CertificateSubject, from: Date): Uint8Array {
  const publicKey = p256.getPublicKey(secretKey, false);
  const name = subjectName(subject);
  const day = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  const until = new Date(Date.UTC(day.getUTCFullYear() + 10, day.getUTCMonth(), day.getUTCDate()));
  // A positive serial of 16 bytes, from the key: one certificate per key and subject reads the same.
  const serial = sha256(concat(publicKey, new TextEncoder().encode(subject.name))).slice(0, 16);
  serial[0] &= 0x7f;
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: buffer(serial),
    signature: ecdsaSha256(),
    issuer: name,
    validity: new Validity({ notBefore: day, notAfter: until }),
    subject: name,
    subjectPublicKeyInfo: new SubjectPublicKeyInfo({
      algorithm: new AlgorithmIdentifier({ algorithm: id_ecPublicKey, parameters: buffer(der(0x06, oidBody(id_secp256r1))) }),
      subjectPublicKey: buffer(publicKey),
    }),
    extensions: new Extensions([
      new Extension({ extnID: id_ce_keyUsage, critical: true, extnValue: new OctetString(AsnConvert.serialize(new KeyUsage(KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation))) }),
    ]),
  });
  const tbsDer = bytes(AsnConvert.serialize(tbs));
  const signature = p256.sign(sha256(tbsDer), secretKey, { prehash: false, format: 'der' });
  return bytes(AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: ecdsaSha256(), signatureValue: buffer(signature) })));
}

/** An OID's DER body (without tag and length). */
function oidBody(oid: string): Uint8Array {
  const [a, b, ...rest] = oid.split('.').map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const groups = [n & 0x7f];
    for (let v = n >>> 7; v; v >>>= 7) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  }
  return Uint8Array.from(out);
}

/** The signed attributes, in DER order (a SET OF is sorted by encoding, and signed as such). */
function signedAttributes(digest: Uint8Array, certificate: Uint8Array): Attribute[] {
  const attributes = [
    new Attribute({ attrType: ID_CONTENT_TYPE, attrValues: [buffer(der(0x06, oidBody(id_data)))] }),
    new Attribute({ attrType: ID_MESSAGE_DIGEST, attrValues: [buffer(der(0x04, digest))] }),
    // SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { certHash } }: SHA-256, the default, is left out.
    new Attribute({ attrType: ID_SIGNING_CERTIFICATE_V2, attrValues: [buffer(der(0x30, der(0x30, der(0x30, der(0x04, sha256(certificate))))))] }),
  ];
  const encoded = attributes.map((a) => ({ a, bytes: bytes(AsnConvert.serialize(a)) }));
  encoded.sort((x, y) => compareBytes(x.bytes, y.bytes));
  return encoded.map((e) => e.a);
}

function compareBytes(x: Uint8Array, y: Uint8Array): number {
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** The bytes a signer signs: the signed attributes as a SET (tag 0x31), not as the [0] they are stored under. */
const attributesToSign = (attributes: Attribute[]): Uint8Array => der(0x31, concat(...attributes.map((a) => bytes(AsnConvert.serialize(a)))));

/** A detached CMS SignedData (DER) over the SHA-256 `digest` of the signed bytes. */
export function signDigest(digest: Uint8Array, signer: PdfSigner): Uint8Array {
  const certificate = AsnConvert.parse(signer.certificate, Certificate);
  const attributes = signedAttributes(digest, signer.certificate);
  const signature = signer.signDigest(sha256(attributesToSign(attributes)));
  const info = new SignerInfo({
    version: 1,
    sid: new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({ issuer: certificate.tbsCertificate.issuer, serialNumber: certificate.tbsCertificate.serialNumber }) }),
    digestAlgorithm: new AlgorithmIdentifier({ algorithm: ID_SHA256 }),
    signedAttrs: attributes,
    signatureAlgorithm: ecdsaSha256(),
    signature: new OctetString(signature),
  });
  const signed = new SignedData({
    version: 1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([new AlgorithmIdentifier({ algorithm: ID_SHA256 })]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet([certificate, ...(signer.chain ?? []).map((c) => AsnConvert.parse(c, Certificate))].map((c) => new CertificateChoices({ certificate: c }))),
    signerInfos: new SignerInfos([info]),
  });
  return bytes(AsnConvert.serialize(new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signed) })));
}

/** What a CMS signature says, once checked: the key that made it, or why it does not hold. */
export type CmsCheck = { publicKey: string; signerName: string; problem: null } | { publicKey: null; signerName: null; problem: string };

const fail = (problem: string): CmsCheck => ({ publicKey: null, signerName: null, problem });

const derHex = (value: unknown): string => bytesToHex(bytes(AsnConvert.serialize(value)));

/** The certificate a signer names by issuer and serial number, among those the CMS carries (an organisation's adds its chain). */
function signerCertificate(signed: SignedData, signer: SignerInfo): Certificate | undefined {
  const sid = signer.sid.issuerAndSerialNumber;
  if (!sid) return undefined;
  const [issuer, serial] = [derHex(sid.issuer), bytesToHex(bytes(sid.serialNumber))];
  return (signed.certificates ?? [])
    .map((c) => c.certificate)
    .find((c) => c && derHex(c.tbsCertificate.issuer) === issuer && bytesToHex(bytes(c.tbsCertificate.serialNumber)) === serial);
}

/** Checks a detached CMS SignedData against the SHA-256 `digest` of the bytes it should cover. */
export function checkSignedData(cms: Uint8Array, digest: Uint8Array): CmsCheck {
  let signed: SignedData;
  try {
    const info = AsnConvert.parse(cms, ContentInfo);
    if (info.contentType !== id_signedData) return fail('its signature is not a CMS SignedData');
    signed = AsnConvert.parse(info.content, SignedData);
  } catch (error) {
    return fail(`its signature cannot be read (${(error as Error).message})`);
  }
  const [signer] = signed.signerInfos;
  const certificate = signer && signerCertificate(signed, signer);
  if (signed.signerInfos.length !== 1 || !signer || signed.encapContentInfo.eContent) return fail('its signature is not the one signer, detached, that Signet makes');
  if (!certificate) return fail("its signature does not carry the signer's certificate (none has the issuer and serial number it names)");
  if (signer.digestAlgorithm.algorithm !== ID_SHA256 || signer.signatureAlgorithm.algorithm !== id_ecdsaWithSHA256) return fail('its signature is not ECDSA with SHA-256');
  const attributes = signer.signedAttrs ?? [];
  const value = (type: string) => attributes.find((a) => a.attrType === type)?.attrValues[0];
  const messageDigest = value(ID_MESSAGE_DIGEST);
  if (!messageDigest || bytesToHex(bytes(messageDigest)) !== bytesToHex(der(0x04, digest))) return fail('its signature was made over other bytes than the file holds: the file was changed after it was signed');
  const publicKey = bytes(certificate.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey);
  let valid = false;
  try {
    valid = p256.verify(bytes(signer.signature.buffer), sha256(attributesToSign(attributes)), publicKey, { prehash: false, format: 'der' });
  } catch {
    valid = false;
  }
  if (!valid) return fail('its signature does not verify with the key of the certificate it carries');
  const cn = certificate.tbsCertificate.subject.flatMap((rdn) => [...rdn]).find((t) => t.type === ID_CN)?.value.toString() ?? '';
  return { publicKey: bytesToHex(publicKey), signerName: cn, problem: null };
}

/** A PDF signer from an ECDSA P-256 secret key and the person its certificate names. */
export function pdfSigner(secretKey: Uint8Array, subject: CertificateSubject, from: Date): PdfSigner {
  const key = Uint8Array.from(secretKey);
  return {
    publicKey: bytesToHex(p256.getPublicKey(key, false)),
    certificate: selfSignedCertificate(key, subject, from),
    signDigest: (digest) => p256.sign(digest, key, { prehash: false, format: 'der' }),
  };
}
