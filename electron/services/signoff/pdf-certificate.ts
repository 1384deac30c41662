// A certificate from the person's organisation for the key that signs their PDF copies, in
// place of the self-signed one Signet makes (export/exporter.ts): read from the .p12 the
// organisation issued, checked (a P-256 key, valid now, for signing, in the person's own name),
// and kept in the profile with its chain, its private key sealed by the same protector as the
// Ed25519 key. PDF readers that trust the organisation's CA then show the signature as trusted.
import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, ExtendedKeyUsage, KeyUsage, KeyUsageFlags, anyExtendedKeyUsage, id_ce_extKeyUsage, id_ce_keyUsage, id_kp_clientAuth, id_kp_codeSigning, id_kp_emailProtection, id_kp_OCSPSigning, id_kp_serverAuth, id_kp_timeStamping } from '@peculiar/asn1-x509';
import { p256 } from '@noble/curves/nist.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { sameName } from '../../../shared/document';
import { longDate } from '../../../shared/export';
import type { Member } from '../../../shared/signoff';
import { checksum, KeyError, type Profile, type Protector } from './keys';
import { readPkcs12 } from './pkcs12';

/** The imported key that signs PDF copies: its P-256 secret and its certificate, then the chain above it (DER). */
export interface OrganisationKey {
  secretKey: Uint8Array;
  certificates: Uint8Array[];
}

/** Why a certificate was not taken: a sentence's end, after "cannot use FILE: ". */
export class CertificateError extends Error {
  override name = 'CertificateError';
}

const ID_CN = '2.5.4.3';

const day = (at: number): string => longDate(new Date(at).toISOString());

const parse = (der: Uint8Array): Certificate => AsnConvert.parse(der, Certificate);
const derOf = (value: unknown): string => bytesToHex(new Uint8Array(AsnConvert.serialize(value)));

/** The certificate's subject common name ("Amina Yusuf"), or ''. */
export function commonName(der: Uint8Array): string {
  const subject = parse(der).tbsCertificate.subject;
  return subject.flatMap((rdn) => [...rdn]).find((t) => t.type === ID_CN)?.value.toString() ?? '';
}

/** Who issued it, as its issuer's common name (or organisation) reads. */
export function issuerName(der: Uint8Array): string {
  const issuer = parse(der).tbsCertificate.issuer.flatMap((rdn) => [...rdn]);
  return (issuer.find((t) => t.type === ID_CN) ?? issuer.find((t) => t.type === '2.5.4.10'))?.value.toString() ?? '';
}

/** When a certificate stops being valid, as an ISO time. */
export const certificateEnd = (der: Uint8Array): string => parse(der).tbsCertificate.validity.notAfter.getTime().toISOString();

/** The last day a certificate is valid, in words ("2 December 2027"). */
export const validUntil = (der: Uint8Array): string => longDate(certificateEnd(der));

// An extended key usage that allows signing documents: document signing (RFC 9336, and
// Microsoft's, which Windows tools write), e-mail protection (S/MIME, which many CAs issue for
// signing people's documents) and any purpose. A certificate with no such extension may sign.
const ID_KP_DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';
const MS_DOCUMENT_SIGNING = '1.3.6.1.4.1.311.10.3.12';
const SIGNING_PURPOSES = new Set([ID_KP_DOCUMENT_SIGNING, MS_DOCUMENT_SIGNING, id_kp_emailProtection, anyExtendedKeyUsage]);
const PURPOSE_WORDS: Record<string, string> = {
  [id_kp_serverAuth]: 'web servers',
  [id_kp_clientAuth]: 'logging in',
  [id_kp_codeSigning]: 'signing programs',
  [id_kp_timeStamping]: 'time stamps',
  [id_kp_OCSPSigning]: 'certificate status answers',
};

/** Why the certificate's extended key usage does not allow signing documents; null when it does or it has none. */
function purposeProblem(extensions: Certificate['tbsCertificate']['extensions']): string | null {
  const extended = extensions?.find((e) => e.extnID === id_ce_extKeyUsage);
  if (!extended) return null;
  const purposes = [...AsnConvert.parse(extended.extnValue, ExtendedKeyUsage)];
  if (purposes.some((p) => SIGNING_PURPOSES.has(p))) return null;
  const words = purposes.map((p) => PURPOSE_WORDS[p] ?? p).join(', ');
  return `the certificate is not for signing documents (its extended key usage allows only ${words || 'nothing'}): ask your organisation for one for document signing or e-mail protection`;
}

/** Whether a certificate may sign now; the problem in words when it may not. */
export function certificateProblem(der: Uint8Array, now = new Date()): string | null {
  const { validity, extensions } = parse(der).tbsCertificate;
  // Time.getTime() gives the Date, whichever of UTCTime and GeneralizedTime it was written as.
  const [from, until] = [validity.notBefore.getTime().getTime(), validity.notAfter.getTime().getTime()];
  if (now.getTime() < from) return `the certificate is valid only from ${day(from)}`;
  if (now.getTime() > until) return `the certificate expired on ${day(until)}: ask your organisation for a new one`;
  const usage = extensions?.find((e) => e.extnID === id_ce_keyUsage);
  if (usage) {
    const flags = AsnConvert.parse(usage.extnValue, KeyUsage);
    if (!(flags.toNumber() & (KeyUsageFlags.digitalSignature | KeyUsageFlags.nonRepudiation))) {
      return 'the certificate is not for signing (its key usage has neither digitalSignature nor nonRepudiation)';
    }
  }
  return purposeProblem(extensions);
}

/**
 * Why `issuer` cannot have issued `child`, or null when it did: its key must verify the child's
 * signature and it must be a certificate authority. A name alone proves nothing: anyone can write
 * a certificate that calls itself the city's CA.
 */
function linkProblem(child: Uint8Array, issuer: Uint8Array): string | null {
  const [below, above] = [new X509Certificate(child), new X509Certificate(issuer)];
  const [childName, issuerName] = [commonName(child) || 'a certificate', commonName(issuer) || 'its issuer'];
  if (!below.verify(above.publicKey)) {
    return `the chain does not link up: the certificate of ‘${childName}’ was not signed by the key of the ‘${issuerName}’ certificate the file holds under that name: ask your organisation for the .p12 again`;
  }
  if (!above.ca) return `the chain does not link up: ‘${issuerName}’, which signed the certificate of ‘${childName}’, is not a certificate authority (its basic constraints do not allow it to issue certificates)`;
  return null;
}

/**
 * The chain above `leaf`, in order: each certificate's issuer next, as far as the file holds them.
 * Each link is checked (linkProblem), and a self-signed top must be signed by its own key.
 */
function chainOf(leaf: Uint8Array, others: Uint8Array[]): Uint8Array[] {
  const chain: Uint8Array[] = [];
  let current = leaf;
  const left = [...others];
  for (;;) {
    const { issuer, subject } = parse(current).tbsCertificate;
    const issuerDer = derOf(issuer);
    if (issuerDer === derOf(subject)) {
      const top = new X509Certificate(current);
      if (current !== leaf && !top.verify(top.publicKey)) {
        throw new CertificateError(`the chain does not link up: the certificate of ‘${commonName(current) || 'its top authority'}’ says it signed itself, but its own key does not verify it`);
      }
      return chain;
    }
    const at = left.findIndex((c) => derOf(parse(c).tbsCertificate.subject) === issuerDer);
    if (at < 0) return chain;
    const [next] = left.splice(at, 1);
    const problem = linkProblem(current, next);
    if (problem) throw new CertificateError(problem);
    chain.push(next);
    current = next;
  }
}

/** A key's kind in words, for the refusal of any key but P-256. */
function keyWords(kind: string | undefined, details: { modulusLength?: number; namedCurve?: string } | undefined): string {
  if (kind === 'rsa' || kind === 'rsa-pss') return `an RSA key${details?.modulusLength ? ` (${details.modulusLength} bits)` : ''}`;
  if (kind === 'ec') return `an elliptic-curve key on ${details?.namedCurve ?? 'another curve'}`;
  return `a key of type ${kind ?? 'unknown'}`;
}

/**
 * Reads and checks an organisation's .p12 for `person`: one P-256 private key, its certificate
 * valid now, for signing, naming the person as the roster does; the rest of the chain kept.
 */
export function readOrganisationKey(bytes: Uint8Array, password: string, person: Pick<Member, 'name'>, now = new Date()): OrganisationKey {
  const { key, certificates } = readPkcs12(bytes, password);
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
    throw new CertificateError(
      `its key is ${keyWords(key.asymmetricKeyType, details)}, and Signet signs PDF copies with ECDSA P-256 keys only: ask your organisation for a certificate with a P-256 key (also called prime256v1 or secp256r1)`,
    );
  }
  const jwk = key.export({ format: 'jwk' });
  const secretKey = new Uint8Array(Buffer.from(jwk.d!, 'base64url'));
  const publicKey = bytesToHex(p256.getPublicKey(secretKey, false));
  const leaf = certificates.find((c) => bytesToHex(new Uint8Array(parse(c).tbsCertificate.subjectPublicKeyInfo.subjectPublicKey)) === publicKey);
  if (!leaf) throw new CertificateError('it holds no certificate for its key');
  const problem = certificateProblem(leaf, now);
  if (problem) throw new CertificateError(problem);
  const name = commonName(leaf);
  if (!sameName(name, person.name)) {
    throw new CertificateError(`the certificate is in the name of ‘${name || 'nobody'}’, and the profile is ${person.name}'s: a copy is signed in the name the roster gives, so the certificate must name ${person.name}`);
  }
  return { secretKey, certificates: [leaf, ...chainOf(leaf, certificates.filter((c) => c !== leaf))] };
}

/** The public half of an imported key, as the seal and the member card name it. */
export const organisationPublicKey = (key: OrganisationKey): string => bytesToHex(p256.getPublicKey(key.secretKey, false));

/** Whether the sealed key is the key of the leaf certificate (a profile where they disagree is damaged). */
export const keyMatchesCertificate = (key: OrganisationKey): boolean =>
  bytesToHex(new Uint8Array(parse(key.certificates[0]).tbsCertificate.subjectPublicKeyInfo.subjectPublicKey)) === organisationPublicKey(key);

// ── In the profile ──────────────────────────────────────────────────────────────────────────

/**
 * The profile with `key` as its PDF signing key, sealed by `protector` (the one that opens the
 * profile's own key, so it is protected the same way). The caller saves it.
 */
export async function withOrganisationKey(profile: Profile, key: OrganisationKey, protector: Protector, now = new Date()): Promise<Profile> {
  if (protector.kind !== profile.key.protection) throw new KeyError('The certificate must be sealed the way the profile\'s key is.', 'wrong-protector');
  const sealed = await protector.encrypt(key.secretKey);
  const organisationKey = {
    certificates: key.certificates.map((c) => Buffer.from(c).toString('base64')),
    sealed: sealed.toString('base64'),
    checksum: checksum(sealed),
    importedAt: now.toISOString(),
  };
  return { ...profile, organisationKey };
}

/** The profile back on Signet's self-signed certificate. */
export function withoutOrganisationKey(profile: Profile): Profile {
  const { organisationKey: _dropped, ...rest } = profile;
  return rest;
}

/** Opens the profile's imported PDF signing key with `protector`; null when it has none. */
export async function unlockOrganisationKey(profile: Profile, protector: Protector): Promise<OrganisationKey | null> {
  const sealed = profile.organisationKey;
  if (!sealed) return null;
  const secretKey = await protector.decrypt(Buffer.from(sealed.sealed, 'base64'));
  const key = { secretKey, certificates: sealed.certificates.map((c) => new Uint8Array(Buffer.from(c, 'base64'))) };
  let matches = false;
  try {
    matches = secretKey.length === 32 && keyMatchesCertificate(key);
  } catch {
    matches = false;
  }
  if (!matches) throw new KeyError("The profile is damaged: the key of its organisation's certificate is not the certificate's.", 'damaged');
  return key;
}

/** Why an imported certificate cannot sign a copy today (it expired since), or null. */
export function organisationKeyProblem(key: OrganisationKey | null, now = new Date()): string | null {
  const problem = key && certificateProblem(key.certificates[0], now);
  return problem ? `your organisation's certificate cannot sign copies: ${problem.replace(/^the certificate /, 'it ')}` : null;
}
