// The person exporting a copy: their Ed25519 key, which seals what they chose, and their ECDSA
// P-256 key, which signs a PDF copy as a whole so that PDF readers show who signed it (they do not
// know Ed25519). The P-256 key is derived from the Ed25519 key: from its deterministic (RFC 8032)
// signature over a line no record ever holds, through HKDF. So it is made beside that key, sealed
// the same way (it is never stored: only the sealed Ed25519 key opens it) and needs no new file.
// A person whose organisation issued them a certificate (signet import-certificate) signs with
// that key instead, and the CMS carries the certificate's chain (signoff/pdf-certificate.ts).
import { p256 } from '@noble/curves/nist.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { pdfSigner, selfSignedCertificate, type CertificateSubject, type PdfSigner } from '../../../shared/export';
import type { Signer } from '../../../shared/signoff';
import { organisationPublicKey, type OrganisationKey } from '../signoff/pdf-certificate';
import type { Exporter } from './make-copy';

const PDF_KEY_LINE = 'signet-pdf-signing-key-1\n';

/** The P-256 secret key that belongs to this Ed25519 signer (the same every time). */
function pdfSecretKey(signer: Signer): Uint8Array {
  const seed = signer.sign(utf8ToBytes(PDF_KEY_LINE + signer.publicKey));
  return p256.utils.randomSecretKey(hkdf(sha256, seed, undefined, utf8ToBytes('signet P-256 PDF signing key'), 48));
}

/** The public half of a signer's PDF signing key, uncompressed, as hex: what a member card carries. */
export const pdfPublicKey = (signer: Signer): string => bytesToHex(p256.getPublicKey(pdfSecretKey(signer), false));

/** The PDF signer of an imported key: its certificate, and the chain above it for the CMS. */
function organisationSigner(key: OrganisationKey): PdfSigner {
  const secret = Uint8Array.from(key.secretKey);
  const [certificate, ...chain] = key.certificates;
  return { publicKey: organisationPublicKey(key), certificate, chain, signDigest: (digest) => p256.sign(digest, secret, { prehash: false, format: 'der' }) };
}

/**
 * The exporter whose key is `signer`, named in their PDF certificate as `subject` (their profile);
 * with `organisation`, the key and certificate their organisation issued sign the PDF instead.
 */
export async function exporterFromSigner(signer: Signer, subject: CertificateSubject, organisation: OrganisationKey | null = null): Promise<Exporter> {
  if (organisation) return { signer, pdfKey: organisationPublicKey(organisation), pdfSigner: () => organisationSigner(organisation) };
  return {
    signer,
    pdfKey: pdfPublicKey(signer),
    pdfSigner: (from: Date): PdfSigner => pdfSigner(pdfSecretKey(signer), subject, from),
  };
}

/** The PDF signing key a member card carries: its public key, and its certificate (self-signed from `from`, or the organisation's). */
export function cardPdfKey(signer: Signer, subject: CertificateSubject, from = new Date(), organisation: OrganisationKey | null = null): { pdfKey: string; pdfCertificate: string } {
  if (organisation) return { pdfKey: organisationPublicKey(organisation), pdfCertificate: Buffer.from(organisation.certificates[0]).toString('base64') };
  const secret = pdfSecretKey(signer);
  return { pdfKey: bytesToHex(p256.getPublicKey(secret, false)), pdfCertificate: Buffer.from(selfSignedCertificate(secret, subject, from)).toString('base64') };
}
