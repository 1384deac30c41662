// `signet verify --cards`: what the reader's own member cards bear out. Built with the app's code:
// cards signed by their keys (an edited one is refused), a roster that calls a key by another
// name than its card does, and a roster signed by a stranger's key, each said plainly.
import { ed25519 } from '@noble/curves/ed25519.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePlainText } from '../../../electron/services/document/compose';
import { newMessage } from '../../../electron/services/library/library';
import { memberCard } from '../../../electron/services/signoff/keys';
import { readCards, untrusted } from '../../../electron/cli/trust';
import { approve, changeRoster, fingerprint, messageState, recordStepVersion, sendForReview, signerFromSecretKey, type Member, type Signer } from '../../../shared/signoff';

const key = (): Signer => signerFromSecretKey(ed25519.utils.randomSecretKey());
const amina = key();
const ben = key();
const stranger = key();
const person = (s: Signer, name: string, title: string): Member => ({ publicKey: s.publicKey, name, titles: [title], organisation: 'City of Aldport', email: '' });
const AMINA = person(amina, 'Amina Yusuf', 'Speechwriter');
const BEN = person(ben, 'Ben Okafor', 'Chief of Staff');

/** A message approved by the key the roster calls `benOnRoster`, its roster signed by `owner`. */
function approved(owner: Signer, ownerOnRoster: Member, benOnRoster: Member) {
  const doc = newMessage('blank', 'Harbour opening', 'en', undefined, owner.publicKey);
  writePlainText(doc, 'Friends, the harbour opens today.');
  changeRoster(doc, owner, [{ ...ownerOnRoster, roles: ['owner'] }, { ...benOnRoster, roles: ['approver', 'signatory'] }]);
  recordStepVersion(doc, ownerOnRoster, 'review-requested');
  sendForReview(doc, owner, { approvers: [ben.publicKey], signatory: ben.publicKey });
  approve(doc, ben);
  return messageState(doc);
}

describe('verify --cards', () => {
  it('passes when every key is on a card and the roster calls each as its card does', () => {
    const state = approved(amina, AMINA, BEN);
    expect(state.state).toBe('Approved');
    expect(untrusted(state, [AMINA, BEN], 'cards')).toEqual([]);
  });

  it('says plainly when the roster calls a key by another name and title than the card for it', () => {
    const state = approved(amina, AMINA, person(ben, 'Carmen Ruiz', 'Mayor'));
    expect(untrusted(state, [AMINA, BEN], 'cards')).toEqual([
      `the roster calls key ${fingerprint(ben.publicKey).slice(0, 5)}… ‘Carmen Ruiz, Mayor’; your card for that key says ‘Ben Okafor, Chief of Staff’`,
    ]);
  });

  it("flags a roster signed by a stranger's key, though the approval's key is on a card", () => {
    // A wholly forged message: the stranger made it and its roster, naming Ben's real key.
    const state = approved(stranger, person(stranger, 'Amina Yusuf', 'Speechwriter'), BEN);
    expect(state.state).toBe('Approved');
    const problems = untrusted(state, [AMINA, BEN], 'cards');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^the roster of .* was signed by key ${fingerprint(stranger.publicKey)} \\(‘Amina Yusuf, Speechwriter’\\), which is on none of the member cards in cards: a stranger's key may have made it$`));
  });

  it('refuses a folder holding an edited card, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'signet-cards-'));
    writeFileSync(join(dir, 'ben.signet-card'), memberCard(BEN, ben));
    expect((await readCards(dir)).map((m) => m.name)).toEqual(['Ben Okafor']);
    const card = JSON.parse(readFileSync(join(dir, 'ben.signet-card'), 'utf8'));
    writeFileSync(join(dir, 'ben.signet-card'), JSON.stringify({ ...card, name: 'Carmen Ruiz', titles: ['Mayor'] }));
    await expect(readCards(dir)).rejects.toThrow(`${join(dir, 'ben.signet-card')}: The member card was changed after its owner signed it`);
  });
});
