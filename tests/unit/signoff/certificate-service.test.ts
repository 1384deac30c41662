// The app's way to an organisation's certificate, through the IPC handlers as the renderer calls
// them: the host's file chooser picks the .p12 (OpenSSL makes it here, from a CA), its password
// (and, for a passphrase-sealed key, the passphrase) is typed, and refusals say why and leave
// profile.json as it was; an imported certificate is what the member card then carries, and it
// survives a restart, opened with the key; going back to Signet's own certificate is one call.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCard } from '../../../electron/services/signoff/keys';
import { certificateAuthority, CA_NAME, opensslMissing } from '../../helpers/certificates';
import { callers, testServices, type TestHost, type TestServices } from '../../helpers/services';

const ANN = { name: 'Ann Lee', titles: ['Speechwriter'], organisation: 'City of Aldport', email: 'ann@aldport.example' };
const PASS = 'correct horse battery staple';
const PASSWORD = 'from the city';
const skip = opensslMissing();

let certs = '';
let p12: Record<'ann' | 'rsa' | 'other', string>;
beforeAll(() => {
  if (skip) return;
  certs = mkdtempSync(join(tmpdir(), 'signet-certificates-'));
  const ca = certificateAuthority(certs, PASSWORD);
  p12 = { ann: ca.issue('ann', '/O=City of Aldport/CN=Ann Lee'), rsa: ca.issue('rsa', '/CN=Ann Lee', { rsa: true }), other: ca.issue('other', '/CN=Ben Okafor') };
}, 60_000);
afterAll(() => void (certs && rmSync(certs, { recursive: true, force: true })));

const running: TestServices[] = [];
afterEach(async () => {
  for (const setup of running.splice(0)) await setup.dispose();
});

async function signet(host: TestHost = {}) {
  const setup = await testServices({}, host);
  running.push(setup);
  return { ...setup, ...callers(setup.services) };
}

describe.skipIf(skip)(`the organisation's certificate, in the app${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('refuses what it cannot use, saying why, and leaves profile.json as it was', async () => {
    const ann = await signet();
    await ann.call('profile.create', { ...ANN, passphrase: PASS });
    const before = await readFile(join(ann.dir, 'profile.json'));
    expect(await ann.refused('profile.importCertificate', { password: PASSWORD, passphrase: PASS })).toEqual({ code: 'invalid-argument', message: 'Choose the certificate file first.' });
    const tries: [string, string, string, string][] = [
      [p12.rsa, PASSWORD, PASS, 'rsa.p12 cannot be used: its key is an RSA key (2048 bits), and Signet signs PDF copies with ECDSA P-256 keys only'],
      [p12.other, PASSWORD, PASS, 'other.p12 cannot be used: the certificate is in the name of ‘Ben Okafor’, and the profile is Ann Lee\'s'],
      [p12.ann, 'not it', PASS, 'ann.p12 cannot be used: the password is not the one that protects it.'],
      [p12.ann, PASSWORD, 'not my passphrase', 'The passphrase is not the one that protects this key.'],
    ];
    for (const [file, password, passphrase, message] of tries) {
      ann.answers.certificateToOpen = file;
      expect(await ann.call('profile.chooseCertificate')).toEqual({ name: file.split('/').pop() });
      const error = await ann.refused('profile.importCertificate', { password, passphrase });
      expect(error.message).toContain(message);
      expect((await readFile(join(ann.dir, 'profile.json'))).equals(before)).toBe(true);
    }
    ann.answers.certificateToOpen = null;
    expect(await ann.call('profile.chooseCertificate')).toBeNull();
  });

  it('imports it: the profile says whose certificate, the card carries it, a restart keeps it, and it can be undone', async () => {
    const ann = await signet();
    await ann.call('profile.create', { ...ANN, passphrase: PASS });
    ann.answers.certificateToOpen = p12.ann;
    await ann.call('profile.chooseCertificate');
    const imported = await ann.call('profile.importCertificate', { password: PASSWORD, passphrase: PASS });
    expect(imported.organisationCertificate).toEqual({ issuer: CA_NAME, until: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const stored = JSON.parse(await readFile(join(ann.dir, 'profile.json'), 'utf8'));
    expect(stored.organisationKey.certificates).toHaveLength(2);

    const card = async (s: typeof ann, name: string) => {
      s.answers.saveLocation = join(s.dir, name);
      await s.call('profile.exportCard');
      return readCard(await readFile(join(s.dir, name), 'utf8'));
    };
    const leaf = (await readFile(join(certs, 'ann.crt'), 'utf8')).replace(/-----[^-]+-----|\s/g, '');
    await card(ann, 'ann.signet-card');
    const withCertificate = JSON.parse(await readFile(join(ann.dir, 'ann.signet-card'), 'utf8'));
    expect(withCertificate.pdfCertificate).toBe(leaf);

    // After a restart the imported key opens with the signing key, and the card still carries it.
    const again = await signet({ dir: ann.dir });
    expect(await again.call('profile.get')).toMatchObject({ unlocked: false, organisationCertificate: { issuer: CA_NAME } });
    await again.call('profile.unlock', PASS);
    const after = await card(again, 'again.signet-card');
    expect(after.pdfKey).toBe(withCertificate.pdfKey);

    const back = await again.call('profile.revertCertificate');
    expect(back.organisationCertificate).toBeUndefined();
    expect(JSON.parse(await readFile(join(ann.dir, 'profile.json'), 'utf8')).organisationKey).toBeUndefined();
    expect((await card(again, 'own.signet-card')).pdfKey).not.toBe(withCertificate.pdfKey);
  });
});
