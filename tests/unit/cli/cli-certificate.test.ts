// `signet import-certificate`: a certificate an organisation issued, as a .p12 that OpenSSL makes
// here (a CA, then certificates it issues: one good, one expired, one with an RSA key, one in
// another person's name, one not for signing), taken into the sample's profile for Amina Yusuf.
// Each refusal exits 2 with its reason and leaves the profile byte for byte as it was; the good
// one signs the PDF copies exported after it, which `signet verify --cards` accepts with her new
// card and poppler's pdfsig shows under the name and organisation of the imported certificate.
// It needs the build (`npx electron-vite build`), openssl, and for PDF Chromium and pdfsig.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PASSPHRASE } from '../../../electron/cli/sample';
import { BUILT_CLI, runSignet } from '../../helpers/cli';
import { CA_NAME, certificateAuthority, opensslMissing } from '../../helpers/certificates';
import { findChromium, signetHere } from '../../helpers/export';

const which = (tool: string): boolean => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
};
const opensslSkip = opensslMissing();
const pdfSkip = opensslSkip || (!findChromium() ? 'no Chromium or Chrome was found' : !which('pdfsig') ? 'pdfsig (poppler-utils) is not installed' : '');

const PROFILE = join('sample', 'profiles', 'amina-yusuf.signet-profile');
const SIGNED = join('sample', 'library', 'New Year message.signet');
const PASSWORD = 'issued by the city';

let dir = '';
let home = '';
const path = (name: string) => join(dir, name);
let openssl: ReturnType<typeof certificateAuthority>['openssl'];

beforeAll(async () => {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: build the command line tool first with \`npx electron-vite build\`.`);
  dir = mkdtempSync(join(tmpdir(), 'signet-cli-certificate-'));
  process.env.SIGNET_PASSPHRASE = SAMPLE_PASSPHRASE;
  home = process.cwd();
  process.chdir(dir);
  const made = await runSignet(dir, ['sample', 'sample']);
  if (made.code !== 0) throw new Error(`signet sample failed: ${made.stderr}`);
  if (opensslSkip) return;
  const ca = certificateAuthority(dir, PASSWORD);
  const issue = ca.issue;
  openssl = ca.openssl;
  issue('amina', '/O=City of Aldport/OU=Speechwriting Office/CN=Amina Yusuf');
  issue('expired', '/O=City of Aldport/CN=Amina Yusuf', { start: '20240101000000Z', end: '20250101000000Z' });
  issue('rsa', '/O=City of Aldport/CN=Amina Yusuf', { rsa: true });
  issue('ben', '/O=City of Aldport/CN=Ben Okafor');
  issue('encipher', '/O=City of Aldport/CN=Amina Yusuf', { usage: 'critical,keyEncipherment' });
  issue('web-server', '/O=City of Aldport/CN=Amina Yusuf', { extendedKeyUsage: 'serverAuth,clientAuth' });
  // OpenSSL's -legacy writes the certificates with RC2, which Node's OpenSSL no longer has.
  // A forger's CA bearing the city's CA's name, packed as amina's issuer: the chain does not link up.
  mkdirSync(path('forger'));
  certificateAuthority(path('forger'), PASSWORD);
  openssl('pkcs12', '-export', '-inkey', 'amina.key', '-in', 'amina.crt', '-certfile', 'forger/ca.crt', '-passout', `pass:${PASSWORD}`, '-out', 'forged-ca.p12');
  openssl('pkcs12', '-export', '-legacy', '-inkey', 'amina.key', '-in', 'amina.crt', '-certfile', 'ca.crt', '-passout', `pass:${PASSWORD}`, '-out', 'legacy.p12');
}, 120_000);

afterAll(() => {
  if (home) process.chdir(home);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `signet import-certificate ARGS` with the .p12's password in the environment (or none). */
async function importing(password: string | undefined, ...args: string[]) {
  if (password === undefined) delete process.env.SIGNET_CERTIFICATE_PASSWORD;
  else process.env.SIGNET_CERTIFICATE_PASSWORD = password;
  try {
    return await signetHere('import-certificate', ...args);
  } finally {
    delete process.env.SIGNET_CERTIFICATE_PASSWORD;
  }
}

describe.skipIf(opensslSkip)(`signet import-certificate: what it refuses${opensslSkip ? ` (skipped: ${opensslSkip})` : ''}`, () => {
  const refusals: [string, string, string | undefined, string][] = [
    ['an expired certificate', 'expired.p12', PASSWORD, 'cannot use expired.p12: the certificate expired on 1 January 2025: ask your organisation for a new one'],
    ['an RSA key', 'rsa.p12', PASSWORD, 'cannot use rsa.p12: its key is an RSA key (2048 bits), and Signet signs PDF copies with ECDSA P-256 keys only: ask your organisation for a certificate with a P-256 key (also called prime256v1 or secp256r1)'],
    ['a certificate in another name', 'ben.p12', PASSWORD, "cannot use ben.p12: the certificate is in the name of ‘Ben Okafor’, and the profile is Amina Yusuf's: a copy is signed in the name the roster gives, so the certificate must name Amina Yusuf"],
    ['a certificate not for signing', 'encipher.p12', PASSWORD, 'cannot use encipher.p12: the certificate is not for signing (its key usage has neither digitalSignature nor nonRepudiation)'],
    ['a certificate whose extended key usage excludes signing documents', 'web-server.p12', PASSWORD, 'cannot use web-server.p12: the certificate is not for signing documents (its extended key usage allows only web servers, logging in): ask your organisation for one for document signing or e-mail protection'],
    ['a chain whose CA bears the right name but did not sign it', 'forged-ca.p12', PASSWORD, `cannot use forged-ca.p12: the chain does not link up: the certificate of ‘Amina Yusuf’ was not signed by the key of the ‘${CA_NAME}’ certificate the file holds under that name: ask your organisation for the .p12 again`],
    ['the wrong password', 'amina.p12', 'not the password', 'cannot use amina.p12: the password is not the one that protects it'],
    ['no password, and no terminal to ask on', 'amina.p12', undefined, 'the password of amina.p12 is needed: set SIGNET_CERTIFICATE_PASSWORD, or run the command in a terminal to be asked for it'],
    ['RC2, an old cipher', 'legacy.p12', PASSWORD, 'cannot use legacy.p12: it is protected with RC2, an old cipher, which Signet cannot open: export it again with AES'],
  ];
  it.each(refusals)('%s: exit 2, the reason, the profile byte for byte as it was, no card', async (_what, file, password, message) => {
    const before = readFileSync(path(PROFILE));
    const result = await importing(password, file, '--profile', PROFILE, '--card', 'new.signet-card');
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(`signet import-certificate: ${message}`);
    expect(result.stdout).toBe('');
    expect(readFileSync(path(PROFILE)).equals(before)).toBe(true);
    expect(existsSync(path('new.signet-card'))).toBe(false);
  });

  it('a file that is not a .p12, and the wrong passphrase for the profile', async () => {
    const before = readFileSync(path(PROFILE));
    const notP12 = await importing(PASSWORD, 'amina.crt', '--profile', PROFILE);
    expect(notP12.code).toBe(2);
    expect(notP12.stderr).toContain('cannot use amina.crt: it is not a PKCS#12 file (.p12 or .pfx)');
    process.env.SIGNET_PASSPHRASE = 'not the passphrase';
    try {
      const wrong = await importing(PASSWORD, 'amina.p12', '--profile', PROFILE);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain(`cannot use the profile ${PROFILE}: The passphrase is not the one that protects this key`);
    } finally {
      process.env.SIGNET_PASSPHRASE = SAMPLE_PASSPHRASE;
    }
    expect(readFileSync(path(PROFILE)).equals(before)).toBe(true);
  });
});

/** pdfsig's report on a PDF, and the subjects of the certificates its signature carries. */
function pdfsig(file: string): { report: string; carried: string[] } {
  const run = (...args: string[]) => {
    try {
      return execFileSync('pdfsig', [...args, file], { cwd: dir, encoding: 'utf8' });
    } catch (error) {
      // pdfsig exits 1 or 2 when the certificate's issuer is not one it trusts; the report is still whole.
      return (error as { stdout: string }).stdout;
    }
  };
  const report = run();
  run('-dump');
  const dumped = readdirSync(dir).find((f) => f.startsWith(`${file}.sig`))!;
  // The dump is the whole /Contents, the CMS then zeros: keep the one DER element (its length in two bytes after 0x30 0x82).
  const bytes = readFileSync(path(dumped));
  writeFileSync(path(dumped), bytes.subarray(0, 4 + bytes.readUInt16BE(2)));
  const certs = openssl('pkcs7', '-inform', 'der', '-in', dumped, '-print_certs', '-noout').toString();
  rmSync(path(dumped));
  return { report, carried: certs.split('\n').filter((l) => l.startsWith('subject=')) };
}

describe.skipIf(pdfSkip)(`signet import-certificate: a PDF copy signed under it${pdfSkip ? ` (skipped: ${pdfSkip})` : ''}`, () => {
  it('imports it, writes the new card, and the PDF exported after passes verify --cards; pdfsig names the imported certificate', async () => {
    const before = readFileSync(path(PROFILE), 'utf8');
    const result = await importing(PASSWORD, 'amina.p12', '--profile', PROFILE, '--card', 'amina.signet-card');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^sample\/profiles\/amina-yusuf\.signet-profile: PDF copies are now signed under the certificate City of Aldport Signing CA issued to Amina Yusuf, valid until \d+ \w+ \d{4}; the signature carries 1 certificate of its chain\n/);
    expect(result.stdout).toContain("wrote amina.signet-card: Amina Yusuf's member card, with the PDF signing key it now carries");
    // The profile is what it was, with the imported key sealed beside the signing key, never in the clear.
    const profile = JSON.parse(readFileSync(path(PROFILE), 'utf8'));
    const { organisationKey, ...rest } = profile;
    expect(rest).toEqual(JSON.parse(before));
    expect(organisationKey.certificates).toHaveLength(2);
    expect(readFileSync(path(PROFILE), 'utf8')).not.toContain(readFileSync(path('amina.key'), 'utf8').split('\n')[1]);
    // Importing again over it needs --force.
    const again = await importing(PASSWORD, 'amina.p12', '--profile', PROFILE);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has a certificate from its organisation, issued by City of Aldport Signing CA, and it was left as it is; add --force to replace it');

    const exported = await runSignet(dir, ['export', SIGNED, '--pdf', 'imported.pdf', '--profile', PROFILE], 60_000);
    expect(exported.code, exported.stderr).toBe(0);
    mkdirSync(path('cards'));
    for (const card of readdirSync(path('sample/cards'))) copyFileSync(path(`sample/cards/${card}`), path(`cards/${card}`));
    // Amina's card as it was names her derived key: the copy signed with the imported one is not hers by it.
    const oldCard = await runSignet(dir, ['verify', 'imported.pdf', '--cards', 'cards'], 60_000);
    expect(oldCard.code).toBe(1);
    expect(oldCard.stderr).toContain("the copy's PDF signing key is not the one on Amina Yusuf's member card in cards");
    copyFileSync(path('amina.signet-card'), path('cards/amina-yusuf.signet-card'));
    const verified = await runSignet(dir, ['verify', 'imported.pdf', '--cards', 'cards'], 60_000);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain('ok: imported.pdf is an authentic final copy of "New Year message" (Signed)');

    const { report, carried } = pdfsig('imported.pdf');
    expect(report).toContain('Signer Certificate Common Name: Amina Yusuf');
    expect(report).toContain('Signer full Distinguished Name: OU=Speechwriting Office,O=City of Aldport,CN=Amina Yusuf');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(carried).toEqual(['subject=CN = Amina Yusuf, O = City of Aldport, OU = Speechwriting Office', 'subject=O = City of Aldport, CN = City of Aldport Signing CA']);
  });

  it('--revert goes back to the self-signed certificate: the next copy is signed under it', async () => {
    const result = await importing(undefined, '--revert', '--profile', PROFILE);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("PDF copies are signed under Signet's self-signed certificate again");
    expect(JSON.parse(readFileSync(path(PROFILE), 'utf8')).organisationKey).toBeUndefined();
    const exported = await runSignet(dir, ['export', SIGNED, '--pdf', 'reverted.pdf', '--profile', PROFILE], 60_000);
    expect(exported.code, exported.stderr).toBe(0);
    const { report, carried } = pdfsig('reverted.pdf');
    expect(report).toContain('Signer Certificate Common Name: Amina Yusuf');
    expect(report).not.toContain('Speechwriting Office');
    expect(carried).toHaveLength(1);
    const twice = await importing(undefined, '--revert', '--profile', PROFILE);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("already signs PDF copies under Signet's self-signed certificate; nothing was changed");
  });
});
