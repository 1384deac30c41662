// Reading an organisation's .p12 as OpenSSL writes it in each of its ways (AES with a SHA-256 MAC,
// the default; triple DES with a SHA-1 MAC, as older tools write; certificates not encrypted; only
// certificates, no key), and the CMS a PDF is signed with under it: the signer's certificate is
// found by the issuer and serial number the signature names, wherever it sits among the chain.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { exporterFromSigner } from '../../../electron/services/export/exporter';
import { organisationKeyProblem, readOrganisationKey } from '../../../electron/services/signoff/pdf-certificate';
import { readPkcs12 } from '../../../electron/services/signoff/pkcs12';
import { checkSignedData, signDigest } from '../../../shared/export';
import { signerFromSecretKey } from '../../../shared/signoff';
import { CA_NAME, certificateAuthority, opensslMissing } from '../../helpers/certificates';

const skip = opensslMissing();
const PASSWORD = 'issued by the city';
let dir = '';
let ca: ReturnType<typeof certificateAuthority>;
const file = (name: string) => readFileSync(join(dir, name));

beforeAll(() => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'signet-pkcs12-'));
  ca = certificateAuthority(dir, PASSWORD);
  ca.issue('amina', '/O=City of Aldport/CN=Amina Yusuf');
  const pack = (out: string, ...options: string[]) =>
    ca.openssl('pkcs12', '-export', '-inkey', 'amina.key', '-in', 'amina.crt', '-certfile', 'ca.crt', '-passout', `pass:${PASSWORD}`, '-out', out, ...options);
  pack('3des.p12', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1');
  pack('clear-certs.p12', '-certpbe', 'NONE');
  ca.issue('for-email', '/O=City of Aldport/CN=Amina Yusuf', { extendedKeyUsage: 'emailProtection' });
  ca.issue('for-documents', '/O=City of Aldport/CN=Amina Yusuf', { extendedKeyUsage: '1.3.6.1.5.5.7.3.36' });
  ca.issue('for-anything', '/O=City of Aldport/CN=Amina Yusuf', { extendedKeyUsage: 'anyExtendedKeyUsage' });
  ca.issue('for-programs', '/O=City of Aldport/CN=Amina Yusuf', { extendedKeyUsage: 'codeSigning,timeStamping' });
  ca.openssl('pkcs12', '-export', '-nokeys', '-in', 'amina.crt', '-passout', `pass:${PASSWORD}`, '-out', 'no-key.p12');
}, 60_000);
afterAll(() => void (dir && rmSync(dir, { recursive: true, force: true })));

describe.skipIf(skip)(`PKCS#12 files${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it.each(['amina.p12', '3des.p12', 'clear-certs.p12'])('%s: its P-256 key and both certificates', (name) => {
    const { key, certificates } = readPkcs12(file(name), PASSWORD);
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(certificates).toHaveLength(2);
    // The key is the one OpenSSL made: the same public key as `openssl pkey -pubout` prints.
    const pub = execFileSync('openssl', ['pkey', '-in', join(dir, 'amina.key'), '-pubout', '-outform', 'der']);
    expect(Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url').equals(pub.subarray(-64, -32))).toBe(true);
    expect(() => readPkcs12(file(name), 'not it')).toThrow(/^the password is not the one that protects/);
  });

  it('one with no key, and a file that is not PKCS#12, are refused saying so', () => {
    expect(() => readPkcs12(file('no-key.p12'), PASSWORD)).toThrow('it holds no private key, only certificates: ask for the .p12 with your key in it');
    expect(() => readPkcs12(file('amina.crt'), PASSWORD)).toThrow('it is not a PKCS#12 file (.p12 or .pfx)');
  });

  it('an extended key usage for document signing, e-mail protection or anything is taken (as is none); one for programs and time stamps is refused', () => {
    for (const name of ['amina.p12', 'for-email.p12', 'for-documents.p12', 'for-anything.p12']) {
      expect(organisationKeyProblem(readOrganisationKey(file(name), PASSWORD, { name: 'Amina Yusuf' })), name).toBeNull();
    }
    expect(() => readOrganisationKey(file('for-programs.p12'), PASSWORD, { name: 'Amina Yusuf' })).toThrow(
      'the certificate is not for signing documents (its extended key usage allows only signing programs, time stamps): ask your organisation for one for document signing or e-mail protection',
    );
  });

  it('an imported certificate that has expired since cannot sign copies, and says when it expired', () => {
    const key = readOrganisationKey(file('amina.p12'), PASSWORD, { name: 'Amina Yusuf' });
    expect(organisationKeyProblem(key)).toBeNull();
    const later = new Date(Date.now() + 2 * 365 * 86_400_000);
    expect(organisationKeyProblem(key, later)).toMatch(/^your organisation's certificate cannot sign copies: it expired on \d+ \w+ \d{4}: ask your organisation for a new one$/);
  });

  it("the CMS carries the chain, and the signer's certificate is found by issuer and serial wherever it sits", async () => {
    const key = readOrganisationKey(file('amina.p12'), PASSWORD, { name: 'Amina Yusuf' });
    const exporter = await exporterFromSigner(signerFromSecretKey(new Uint8Array(32).fill(3)), { name: 'Amina Yusuf', titles: [], organisation: '', email: '' }, key);
    const digest = sha256(new TextEncoder().encode('the signed bytes'));
    const cms = signDigest(digest, exporter.pdfSigner(new Date()));
    const checked = checkSignedData(cms, digest);
    expect(checked).toMatchObject({ problem: null, publicKey: exporter.pdfKey, signerName: 'Amina Yusuf' });

    const reorder = (change: (s: SignedData) => void) => {
      const info = AsnConvert.parse(cms, ContentInfo);
      const signed = AsnConvert.parse(info.content, SignedData);
      change(signed);
      return new Uint8Array(AsnConvert.serialize(new ContentInfo({ contentType: info.contentType, content: AsnConvert.serialize(signed) })));
    };
    const caFirst = reorder((s) => s.certificates!.reverse());
    expect(checkSignedData(caFirst, digest)).toMatchObject({ problem: null, publicKey: exporter.pdfKey });
    const onlyCa = reorder((s) => s.certificates!.splice(0, 1));
    expect(checkSignedData(onlyCa, digest).problem).toBe("its signature does not carry the signer's certificate (none has the issuer and serial number it names)");
  });
});

// A chain must link up by signatures, not by names: a forger's CA can carry the city's CA's name,
// and a person's own certificate (not a CA) can sign another. Each is made here by OpenSSL, next
// to a real three-level chain (the city's root, an intermediate CA, the person's certificate).
describe.skipIf(skip)(`the chain in a .p12${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const signWith = (issuer: string, name: string, subject: string, extensions: string) => {
    ca.openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
    ca.openssl('req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
    writeFileSync(join(dir, `${name}.ext`), extensions);
    ca.openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.crt`, '-CAkey', `${issuer}.key`, '-set_serial', String(Date.now()), '-days', '30', '-extfile', `${name}.ext`, '-out', `${name}.crt`);
  };
  const pack = (name: string, key: string, ...chain: string[]) => {
    writeFileSync(join(dir, `${name}.chain`), chain.map((c) => readFileSync(join(dir, c), 'utf8')).join(''));
    ca.openssl('pkcs12', '-export', '-inkey', `${key}.key`, '-in', `${key}.crt`, '-certfile', `${name}.chain`, '-passout', `pass:${PASSWORD}`, '-out', `${name}.p12`);
    return file(`${name}.p12`);
  };
  const amina = { name: 'Amina Yusuf' };
  const LEAF = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n';

  it('a root, an intermediate CA and the person: taken, in order from the person up', () => {
    signWith('ca', 'intermediate', '/O=City of Aldport/CN=Aldport Staff CA', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n');
    signWith('intermediate', 'staff', '/O=City of Aldport/CN=Amina Yusuf', LEAF);
    const key = readOrganisationKey(pack('staff', 'staff', 'ca.crt', 'intermediate.crt'), PASSWORD, amina);
    const der = (name: string) => execFileSync('openssl', ['x509', '-in', join(dir, name), '-outform', 'der']);
    expect(key.certificates.map((c) => Buffer.from(c))).toEqual(['staff.crt', 'intermediate.crt', 'ca.crt'].map(der));
  });

  it("a CA that bears the city's CA's name but not its key is refused, saying the chain does not link up", () => {
    const forger = mkdtempSync(join(tmpdir(), 'signet-forged-ca-'));
    try {
      certificateAuthority(forger, PASSWORD);
      writeFileSync(join(dir, 'forged-ca.crt'), readFileSync(join(forger, 'ca.crt')));
    } finally {
      rmSync(forger, { recursive: true, force: true });
    }
    expect(() => readOrganisationKey(pack('forged-ca', 'amina', 'forged-ca.crt'), PASSWORD, amina)).toThrow(
      `the chain does not link up: the certificate of ‘Amina Yusuf’ was not signed by the key of the ‘${CA_NAME}’ certificate the file holds under that name: ask your organisation for the .p12 again`,
    );
    // The same file with the real CA is taken: only the link was wrong.
    expect(readOrganisationKey(pack('real-ca', 'amina', 'ca.crt'), PASSWORD, amina).certificates).toHaveLength(2);
  });

  it("a certificate signed by someone's own certificate, which is no CA, is refused", () => {
    ca.issue('ben', '/O=City of Aldport/CN=Ben Okafor');
    signWith('ben', 'under-ben', '/O=City of Aldport/CN=Amina Yusuf', LEAF);
    expect(() => readOrganisationKey(pack('under-ben', 'under-ben', 'ben.crt', 'ca.crt'), PASSWORD, amina)).toThrow(
      'the chain does not link up: ‘Ben Okafor’, which signed the certificate of ‘Amina Yusuf’, is not a certificate authority (its basic constraints do not allow it to issue certificates)',
    );
  });
});
