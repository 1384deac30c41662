// A person's profile and key (electron/services/signoff/keys.ts): the private key comes back only with the
// right passphrase, a damaged profile is refused and left exactly as it was, and member cards
// carry a person's public key to others, refusing a bad card with everything that is wrong.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createProfile,
  loadProfile,
  memberCard,
  passphraseProtector,
  readCard,
  readMemberCard,
  saveProfile,
  unlockKey,
  type Protector,
} from '../../../electron/services/signoff/keys';
import { newMessage } from '../../../electron/services/library/library';
import { cardPdfKey } from '../../../electron/services/export/exporter';
import { changeRoster, verifyRecords } from '../../../shared/signoff';
import { tempFolder } from '../../helpers/editing';

const ANN = { name: 'Ann Lee', titles: ['Speechwriter', 'Office of the Mayor'], organisation: 'City of Aldport', email: 'ann@aldport.example' };

let folder: ReturnType<typeof tempFolder>;
let file: string;
beforeEach(() => {
  folder = tempFolder('keys');
  file = join(folder.path, 'profile.json');
});
afterEach(() => folder.remove());

describe('the passphrase protector and the profile', () => {
  it('round trip: the unlocked key signs records that verify as the profile', async () => {
    const { profile, signer } = await createProfile(file, ANN, passphraseProtector('correct horse battery staple'));
    const text = await readFile(file, 'utf8');
    expect(text).not.toMatch(/secret|private/i);
    const loaded = await loadProfile(file);
    expect(loaded).toEqual(profile);
    expect(loaded).toMatchObject({ ...ANN, publicKey: signer.publicKey, key: { protection: 'passphrase' } });
    const unlocked = await unlockKey(loaded, passphraseProtector('correct horse battery staple'));
    expect(unlocked.publicKey).toBe(signer.publicKey);

    const doc = newMessage('blank', 'Budget speech');
    changeRoster(doc, unlocked, [{ ...loaded, roles: ['owner'] }]);
    expect(verifyRecords(doc).map((c) => c.status)).toEqual(['verified']);
  });

  it('refuses a wrong passphrase, and an empty one', async () => {
    const { profile } = await createProfile(file, ANN, passphraseProtector('correct horse battery staple'));
    await expect(unlockKey(profile, passphraseProtector('correct horse battery stapler'))).rejects.toMatchObject({
      problem: 'wrong-passphrase',
      message: 'The passphrase is not the one that protects this key.',
    });
    expect(() => passphraseProtector('')).toThrow('A passphrase is needed to protect your key.');
  });

  it('says which protector a key needs', async () => {
    const { profile } = await createProfile(file, ANN, passphraseProtector('pass'));
    const os: Protector = { kind: 'os', encrypt: async (b) => Buffer.from(b), decrypt: async (b) => new Uint8Array(b) };
    await expect(unlockKey(profile, os)).rejects.toMatchObject({ problem: 'wrong-protector', message: 'This key is protected by a passphrase.' });
  });

  it('refuses a damaged profile with what is wrong, and leaves it exactly as it was', async () => {
    await createProfile(file, ANN, passphraseProtector('pass'));
    const good = await readFile(file, 'utf8');
    const damage = async (text: string, reason: RegExp) => {
      await writeFile(file, text);
      await expect(loadProfile(file)).rejects.toMatchObject({ problem: 'damaged', message: expect.stringMatching(reason) });
      expect(await readFile(file, 'utf8')).toBe(text);
    };
    const json = JSON.parse(good);
    const sealed = Buffer.from(json.key.sealed, 'base64');
    sealed[sealed.length - 1] ^= 1;
    await damage(JSON.stringify({ ...json, key: { ...json.key, sealed: sealed.toString('base64') } }), /its sealed key does not match its checksum\. It was left as it is\.$/);
    await damage(good.slice(0, good.length / 2), /is damaged: it is not JSON/);
    await damage(JSON.stringify({ ...json, format: 'something-else' }), /it is not a Signet profile/);
    await damage(JSON.stringify({ ...json, publicKey: json.publicKey.slice(2) }), /the public key must be 64 lowercase hexadecimal digits \(32 bytes\); this one has 62 characters/);
    await damage(JSON.stringify({ ...json, key: undefined }), /its key is missing/);

    // A first run finding a damaged profile must not replace it with a new one.
    await expect(createProfile(file, ANN, passphraseProtector('pass'))).rejects.toMatchObject({ problem: 'exists' });
    expect(await readFile(file, 'utf8')).toBe(JSON.stringify({ ...json, key: undefined }));
  });

  it('refuses a profile whose private key is not its public key', async () => {
    const first = await createProfile(file, ANN, passphraseProtector('pass'));
    const other = await createProfile(join(folder.path, 'other.json'), ANN, passphraseProtector('pass'));
    const swapped = { ...first.profile, publicKey: other.profile.publicKey };
    await expect(unlockKey(swapped, passphraseProtector('pass'))).rejects.toMatchObject({ problem: 'damaged', message: expect.stringMatching(/its private key is not its public key's/) });
  });

  it('saves changed details and keeps the key', async () => {
    const { profile, signer } = await createProfile(file, ANN, passphraseProtector('pass'));
    await saveProfile(file, { ...profile, titles: ['Chief speechwriter'] });
    const loaded = await loadProfile(file);
    expect(loaded.titles).toEqual(['Chief speechwriter']);
    expect((await unlockKey(loaded, passphraseProtector('pass'))).publicKey).toBe(signer.publicKey);
  });

  it('says there is no profile yet', async () => {
    await expect(loadProfile(file)).rejects.toMatchObject({ problem: 'not-found' });
  });
});

describe('member cards', () => {
  it('round trip: a card read back is the same member', async () => {
    const { profile, signer } = await createProfile(file, ANN, passphraseProtector('pass'));
    const card = memberCard(profile, signer);
    expect(JSON.parse(card)).toEqual({ format: 'signet-member-card-2', ...ANN, publicKey: profile.publicKey, signature: expect.stringMatching(/^[0-9a-f]{128}$/) });
    expect(readMemberCard(card)).toEqual({ ...ANN, publicKey: profile.publicKey });
    expect(readMemberCard(card.replace(profile.publicKey, profile.publicKey.toUpperCase())).publicKey).toBe(profile.publicKey);
  });

  it('a card signs the PDF key it carries: one put in its place by someone else is refused', async () => {
    const { profile, signer } = await createProfile(file, ANN, passphraseProtector('pass'));
    const other = await createProfile(join(file, '..', 'other.json'), { ...ANN, name: 'Eve Mallory' }, passphraseProtector('pass'));
    const card = JSON.parse(memberCard(profile, signer, cardPdfKey(signer, profile)));
    const forged = cardPdfKey(other.signer, other.profile);
    expect(readCard(JSON.stringify(card)).pdfKey).toBe(card.pdfKey);
    const edited = "The member card was changed after its owner signed it, or was never signed by its key: what it says is not what its key's owner wrote.";
    expect(() => readCard(JSON.stringify({ ...card, ...forged }))).toThrow(edited);
    expect(() => readCard(JSON.stringify({ ...card, pdfCertificate: forged.pdfCertificate }))).toThrow(edited);
    const { pdfKey: _k, pdfCertificate: _c, ...without } = card;
    expect(() => readCard(JSON.stringify(without))).toThrow(edited);
  });

  it('refuses bad cards, saying everything that is wrong', async () => {
    const { profile, signer } = await createProfile(file, ANN, passphraseProtector('pass'));
    const card = JSON.parse(memberCard(profile, signer));
    const bad = (value: unknown) => () => readMemberCard(typeof value === 'string' ? value : JSON.stringify(value));
    expect(bad('not json')).toThrow('This is not a member card: it is not JSON.');
    expect(bad({ ...card, format: undefined })).toThrow('This is not a Signet member card (its format is not "signet-member-card-2").');
    // An edited card (another name or title beside the same key), an unsigned one, and one from before cards were signed.
    const edited = "The member card was changed after its owner signed it, or was never signed by its key: what it says is not what its key's owner wrote.";
    expect(bad({ ...card, name: 'Ben Okafor' })).toThrow(edited);
    expect(bad({ ...card, titles: ['Mayor'] })).toThrow(edited);
    expect(bad({ ...card, signature: undefined })).toThrow(edited);
    expect(bad({ ...card, format: 'signet-member-card-1', signature: undefined })).toThrow('This member card was made by an older Signet and is not signed by its key');
    expect(bad({ ...card, publicKey: card.publicKey.slice(0, 62) })).toThrow(
      'The member card is not valid: the public key must be 64 lowercase hexadecimal digits (32 bytes); this one has 62 characters.',
    );
    expect(bad({ ...card, publicKey: 'zz'.repeat(32) })).toThrow('this one has 64 characters');
    // 32 bytes that are no point on the curve, and the identity point, a weak key.
    expect(bad({ ...card, publicKey: `02${'00'.repeat(31)}` })).toThrow('The member card is not valid: the public key is not an Ed25519 public key.');
    expect(bad({ ...card, publicKey: `01${'00'.repeat(31)}` })).toThrow('the public key is a weak (small-order) point');
    expect(bad({ ...card, name: ' ', titles: 'Mayor', email: 'mayor at city' })).toThrow(
      'The member card is not valid: the name is missing; the titles must be a list of words; the email address is not one.',
    );
  });
});
