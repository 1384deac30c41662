// Sign-off through the IPC handlers, as the renderer calls them: profiles and keys (a passphrase
// where the OS has no secret store, the OS's store where it has one), member cards, and a message
// going from Draft through review to Signed between two people's Signets exchanging the file, with
// the text locked while it is in review (comments still open), approvals bound to the digest the
// approver read, stale once the text changes, and every event in the audit trail.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMemberCard } from '../../../electron/services/signoff/keys';
import { NO_SECRET_STORE, type SecretStore } from '../../../electron/services/signoff/profile';
import { REVIEWER_ONLY_SUGGESTS, REVIEWER_ONLY_OWN, TEXT_LOCKED, touchesText } from '../../../electron/services/signoff/text-lock';
import type { MemberInfo, Reply, SignoffStatus, SignoffStep } from '../../../shared/ipc';
import { $getRoot } from 'lexical';
import { $isSuggestionNode, messageDigest, messageParagraphs, setTitle } from '../../../shared/document';
import { decideSuggestions, describeSuggestion, listDecisions, listSuggestions } from '../../../shared/review';
import { suggestDelete, suggester, suggestFormat, suggestType } from '../../helpers/suggesting';
import * as Y from 'yjs';
import { listVersions, recordVersion } from '../../../shared/history';
import { $replace, openSession, type Part } from '../../helpers/history';
import { commentOn } from '../../helpers/review';
import { callers, testServices, type TestHost, type TestServices } from '../../helpers/services';

const ANN = { name: 'Ann Lee', titles: ['Speechwriter', 'Office of the Mayor'], organisation: 'City of Aldport', email: 'ann@aldport.example' };
const BEN = { name: 'Ben Okafor', titles: ['Chief of Staff'], organisation: 'City of Aldport', email: 'ben@aldport.example' };
const PASS = 'correct horse battery staple';
const DRAFT: Part[][] = [['Friends, the year was hard and the year was good.'], ['Thank you all.']];

/** A secret store that seals by XOR with a fixed byte and a marker: a test double of the OS's. */
function fakeOsStore(): SecretStore & { sealed: number; up: boolean } {
  const store = {
    sealed: 0,
    up: true,
    available: () => store.up,
    encrypt: (bytes: Uint8Array) => {
      store.sealed += 1;
      return Buffer.concat([Buffer.from('OS:'), Buffer.from(bytes.map((b) => b ^ 0x5a))]);
    },
    decrypt: (sealed: Buffer) => new Uint8Array(sealed.subarray(3).map((b) => b ^ 0x5a)),
  };
  return store;
}

const running: TestServices[] = [];
afterEach(async () => {
  for (const setup of running.splice(0)) await setup.dispose();
});

/** A Signet with its own data folder and library (started again on `host.dir`). */
async function signet(host: TestHost = {}) {
  const setup = await testServices({}, host);
  running.push(setup);
  const services = setup.services;
  const { call, refused } = callers(services);
  return { setup, services, call, refused, dir: setup.dir, answers: setup.answers };
}
type Signet = Awaited<ReturnType<typeof signet>>;

/** A person with a passphrase-protected profile. */
async function person(details: typeof ANN, host: TestHost = {}): Promise<Signet> {
  const s = await signet(host);
  await s.call('profile.create', { ...details, passphrase: PASS });
  return s;
}

/** This person's card, imported by `into`. */
async function exchangeCard(from: Signet, into: Signet): Promise<MemberInfo> {
  const file = join(from.dir, 'card.signet-card');
  from.answers.saveLocation = file;
  await from.call('profile.exportCard');
  into.answers.cardToOpen = file;
  return (await into.call('contacts.import'))!;
}

/** The editor's change sent as 'message.update' from a fresh editing session on the open message. */
async function fromEditor(s: Signet, path: string, change: (session: ReturnType<typeof openSession>) => void): Promise<Reply<unknown>> {
  const main = s.services.open.get(path)!.doc;
  const session = openSession(main);
  try {
    change(session);
    return await s.services.dispatch('message.update', [path, session.changes(main)]);
  } finally {
    session.dispose();
  }
}

describe('profiles and keys', () => {
  it('without a secret store, a passphrase protects the key, and the profile names the person everywhere', async () => {
    const ann = await signet();
    expect(await ann.call('profile.protection')).toBe('passphrase');
    expect(await ann.call('profile.get')).toBeNull();
    expect(await ann.refused('profile.create', ANN)).toEqual({ code: 'invalid-argument', message: NO_SECRET_STORE });

    const profile = await ann.call('profile.create', { ...ANN, passphrase: PASS });
    expect(profile).toMatchObject({ ...ANN, protection: 'passphrase', unlocked: true, fingerprint: expect.stringMatching(/^[0-9A-Z]{5}( [0-9A-Z]{5}){3}$/) });
    expect(await ann.call('settings.get')).toMatchObject({ name: 'Ann Lee', jobTitle: 'Speechwriter, Office of the Mayor' });
    const stored = await readFile(join(ann.dir, 'profile.json'), 'utf8');
    expect(JSON.parse(stored)).toMatchObject({ publicKey: profile.publicKey, key: { protection: 'passphrase' } });
    expect(await ann.refused('profile.create', { ...BEN, passphrase: PASS })).toMatchObject({ code: 'exists' });
    expect(await readFile(join(ann.dir, 'profile.json'), 'utf8')).toBe(stored);
  });

  it('after a restart the key stays locked until the right passphrase opens it', async () => {
    const first = await person(ANN);
    const path = await first.call('message.create', { template: 'blank', title: 'New Year message' });
    const again = await signet({ dir: first.dir });
    expect(await again.call('profile.get')).toMatchObject({ name: 'Ann Lee', unlocked: false });
    const me = (await again.call('profile.get'))!;
    const roster: SignoffStep = { action: 'change-roster', members: [{ publicKey: me.publicKey, roles: ['owner', 'author'] }] };
    expect(await again.refused('signoff.step', path, roster)).toEqual({ code: 'forbidden', message: expect.stringMatching(/^Unlock your key first/) });
    expect(await again.refused('profile.unlock', 'correct horse battery stapler')).toEqual({
      code: 'forbidden',
      message: 'The passphrase is not the one that protects this key.',
    });
    expect(await again.call('profile.unlock', PASS)).toMatchObject({ unlocked: true });
    expect((await again.call('signoff.step', path, roster)).roster).toEqual([expect.objectContaining({ name: 'Ann Lee', roles: ['owner', 'author'] })]);
  });

  it('without a profile, steps say to create one first', async () => {
    const nobody = await signet();
    const path = await nobody.call('message.create', { template: 'blank' });
    expect((await nobody.call('signoff.status', path)).actions).toEqual([]);
    expect(await nobody.refused('signoff.step', path, { action: 'withdraw' })).toEqual({ code: 'forbidden', message: expect.stringMatching(/^Create your profile first/) });
    expect(await nobody.refused('profile.unlock', PASS)).toMatchObject({ code: 'not-found' });
  });

  it("with the OS's secret store, the key is sealed by it and opens on demand, and says so when the store is gone", async () => {
    const store = fakeOsStore();
    const ann = await signet({ secretStore: store });
    expect(await ann.call('profile.protection')).toBe('os');
    expect(await ann.call('profile.create', ANN)).toMatchObject({ protection: 'os', unlocked: true });
    expect(store.sealed).toBe(1);
    const stored = JSON.parse(await readFile(join(ann.dir, 'profile.json'), 'utf8'));
    expect(stored.key.protection).toBe('os');
    expect(Buffer.from(stored.key.sealed, 'base64').subarray(0, 3).toString()).toBe('OS:');

    const again = await signet({ dir: ann.dir, secretStore: store });
    const path = await again.call('message.create', { template: 'blank' });
    const me = (await again.call('profile.get'))!;
    expect(me).toMatchObject({ protection: 'os', unlocked: true });
    store.up = false;
    const roster: SignoffStep = { action: 'change-roster', members: [{ publicKey: me.publicKey, roles: ['owner'] }] };
    expect(await again.refused('signoff.step', path, roster)).toEqual({ code: 'forbidden', message: expect.stringContaining('secret store, which is not available now') });
    store.up = true;
    expect((await again.call('signoff.step', path, roster)).actions).toContain('request-review');
  });
});

describe('member cards and contacts', () => {
  it('exports a card that another Signet imports once, however often it is imported', async () => {
    const ann = await person(ANN);
    const ben = await person(BEN);
    expect(await ann.call('profile.exportCard')).toBeNull(); // the save dialog was cancelled
    const file = join(ann.dir, 'Ann Lee.signet-card');
    ann.answers.saveLocation = file;
    expect(await ann.call('profile.exportCard')).toBe(file);
    const annKey = (await ann.call('profile.get'))!.publicKey;
    expect(readMemberCard(await readFile(file, 'utf8'))).toEqual({ ...ANN, publicKey: annKey });

    expect(await ben.call('contacts.import')).toBeNull();
    ben.answers.cardToOpen = file;
    expect(await ben.call('contacts.import')).toEqual({ ...ANN, publicKey: annKey });
    ben.answers.cardToOpen = file;
    await ben.call('contacts.import');
    expect(await ben.call('contacts.list')).toEqual([{ ...ANN, publicKey: annKey }]);
    expect(JSON.parse(await readFile(join(ben.dir, 'contacts.json'), 'utf8')).contacts).toHaveLength(1);

    const bad = join(ben.dir, 'bad.signet-card');
    await writeFile(bad, JSON.stringify({ format: 'signet-member-card-2', name: 'Eve', titles: [], organisation: '', email: '', publicKey: 'ab' }));
    ben.answers.cardToOpen = bad;
    expect(await ben.refused('contacts.import')).toEqual({ code: 'invalid-argument', message: expect.stringMatching(/^bad\.signet-card: The member card is not valid: the public key must be/) });
    expect(await ben.call('contacts.list')).toHaveLength(1);
  });
});

describe('a message from Draft to Signed, between two Signets', () => {
  let ann: Signet;
  let ben: Signet;
  let annKey: string;
  let benKey: string;
  let path: string;
  /** Ben's copy of the message, as if emailed to him. */
  let copy: string;

  beforeEach(async () => {
    ann = await person(ANN);
    ben = await person(BEN);
    annKey = (await ann.call('profile.get'))!.publicKey;
    benKey = (await exchangeCard(ben, ann)).publicKey;
    await exchangeCard(ann, ben);
    path = await ann.call('message.create', { template: 'blank', title: 'New Year message' });
    await ann.call('message.open', path);
    expect(await fromEditor(ann, path, (s) => s.write(...DRAFT))).toEqual({ ok: true, value: null });
    copy = join(ben.dir, 'inbox', 'New Year message.signet');
  });

  const roster = (): SignoffStep => ({
    action: 'change-roster',
    members: [
      { publicKey: annKey, roles: ['owner', 'author'] },
      { publicKey: benKey, roles: ['approver', 'signatory'] },
    ],
  });

  /** Ann names the roster and sends the message to Ben for review; the status she sees then. */
  async function sendForReview(): Promise<SignoffStatus> {
    await ann.call('signoff.step', path, roster());
    return ann.call('signoff.step', path, { action: 'request-review', approvers: [benKey], ordered: false, signatory: benKey, due: '2031-12-30' });
  }

  /** Ben gets the file as it is now, and opens it. */
  async function benReceives(): Promise<void> {
    await ann.services.open.get(path)!.flush();
    await mkdir(join(ben.dir, 'inbox'), { recursive: true });
    await copyFile(path, copy);
    ben.services.grant(copy);
    await ben.call('message.open', copy);
  }

  /** Ann merges Ben's copy back. */
  async function annMerges() {
    await ben.services.open.get(copy)!.flush();
    ann.services.grant(copy); // as if chosen in the dialog
    return ann.call('review.merge', path, copy);
  }

  it('roster and review: the owner names the people, and the status says what each may do', async () => {
    const before = await ann.call('signoff.status', path);
    expect(before).toMatchObject({ state: 'Draft', roster: [], actions: ['change-roster'], textLocked: false });
    const sent = await sendForReview();
    expect(sent).toMatchObject({
      state: 'In review',
      requiredApprovers: [benKey],
      signatory: benKey,
      dueDate: '2031-12-30',
      textLocked: true,
      actions: ['change-roster', 'withdraw'],
      shortDigest: expect.stringMatching(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/),
    });
    expect(sent.roster.map((m) => [m.name, m.roles])).toEqual([
      ['Ann Lee', ['owner', 'author']],
      ['Ben Okafor', ['approver', 'signatory']],
    ]);
    expect(sent.records.map((r) => [r.what, r.signerName, r.status])).toEqual([
      ['Roster changed', 'Ann Lee', 'verified'],
      ['Sent for review', 'Ann Lee', 'verified'],
    ]);
    // Each step left a version of the text it is about, named after it.
    const versions = listVersions(ann.services.open.get(path)!.doc);
    expect(versions.slice(0, 2).map((v) => [v.kind, v.name, v.author.name])).toEqual([
      ['workflow', 'Sent for review by Ann Lee', 'Ann Lee'],
      ['workflow', 'Roster changed by Ann Lee', 'Ann Lee'],
    ]);
    expect(sent.records[1].versionId).toBe(versions[0].id);
    // A step this person may not take is refused with the rule's reason, and writes nothing.
    const count = listVersions(ann.services.open.get(path)!.doc).length;
    expect(await ann.refused('signoff.step', path, { action: 'approve', digest: sent.digest, comment: '' })).toEqual({
      code: 'forbidden',
      message: 'You cannot approve: only an approver named in the review can.',
    });
    expect(listVersions(ann.services.open.get(path)!.doc)).toHaveLength(count);
  });

  it('open suggestions keep the message from going for approval; decided, it goes, and approvals bind to the decided text', async () => {
    await ann.call('signoff.step', path, roster());
    const ben = suggester({ name: 'Ben Okafor', title: 'Chief of staff' });
    await fromEditor(ann, path, (s) => {
      suggestType(s, ben, 'was hard', 'was long');
      suggestDelete(s, ben, ' all');
    });
    const request: SignoffStep = { action: 'request-review', approvers: [benKey], ordered: false, signatory: benKey, due: null };
    expect(await ann.call('signoff.status', path)).toMatchObject({ state: 'Draft', openSuggestions: 2 });
    expect(await ann.refused('signoff.step', path, request)).toEqual({ code: 'forbidden', message: '2 suggestions are still open: accept or reject them first.' });
    expect(listVersions(ann.services.open.get(path)!.doc).filter((v) => v.kind === 'workflow')).toHaveLength(1);
    await fromEditor(ann, path, (s) => void decideSuggestions(s.doc, 'all', 'accepted', { name: 'Ann Lee', title: '' }));
    const doc = ann.services.open.get(path)!.doc;
    expect(messageParagraphs(doc)).toEqual(['Friends, the year was long and the year was good.', 'Thank you.']);
    const sent = await ann.call('signoff.step', path, request);
    expect(sent).toMatchObject({ state: 'In review', openSuggestions: 0, digest: messageDigest(doc) });
  });

  /** Ann owns and writes the message; Ben is on its roster as a reviewer. */
  const benReviews = () =>
    ann.call('signoff.step', path, {
      action: 'change-roster',
      members: [
        { publicKey: annKey, roles: ['owner', 'author'] },
        { publicKey: benKey, roles: ['reviewer'] },
      ],
    });

  it('a reviewer suggests: the main process refuses their direct edits and takes their suggestions', async () => {
    await benReviews();
    await benReceives();
    expect(await ben.call('signoff.status', copy)).toMatchObject({ myRoles: ['reviewer'] });
    const doc = ben.services.open.get(copy)!.doc;
    const text = messageParagraphs(doc);
    const direct = await fromEditor(ben, copy, (s) => s.edit(() => $replace('was hard', 'was long')));
    expect(direct).toEqual({ ok: false, error: { code: 'forbidden', message: REVIEWER_ONLY_SUGGESTS } });
    expect(messageParagraphs(doc)).toEqual(text);
    const suggested = await fromEditor(ben, copy, (s) => suggestType(s, suggester({ name: 'Ben Okafor', title: '' }), 'was hard', 'was long'));
    expect(suggested).toEqual({ ok: true, value: null });
    expect(listSuggestions(doc).map(describeSuggestion)).toEqual(['Replace “was hard” with “was long”']);
    // Accepting is the author's: from the reviewer's editor it is a change of the text, refused.
    const accepted = await fromEditor(ben, copy, (s) => void decideSuggestions(s.doc, 'all', 'accepted', { name: 'Ben Okafor', title: '' }));
    expect(accepted).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(messageParagraphs(doc)).toEqual(text);
    // The author's own edits pass as before.
    expect(await fromEditor(ann, path, (s) => s.edit(() => $replace('Thank you all.', 'Thank you.')))).toEqual({ ok: true, value: null });
  });

  it('a reviewer withdraws their own suggestion, never anyone else’s (nor makes one up in their name)', async () => {
    await benReviews();
    await fromEditor(ann, path, (s) => suggestType(s, suggester({ name: 'Ann Lee', title: '' }), 'Thank you', ' all', 'after'));
    await benReceives();
    const doc = ben.services.open.get(copy)!.doc;
    const benAs = { name: 'Ben Okafor', title: '' };
    expect(await fromEditor(ben, copy, (s) => suggestType(s, suggester(benAs), 'was hard', 'was long'))).toEqual({ ok: true, value: null });
    const [annId, benId] = ['Ann Lee', 'Ben Okafor'].map((name) => listSuggestions(doc).find((x) => x.author.name === name)!.id);
    // Rejecting or withdrawing Ann's leaves the text as it stands, and is still refused.
    const theirs = await fromEditor(ben, copy, (s) => void decideSuggestions(s.doc, new Set([annId]), 'withdrawn', benAs));
    expect(theirs).toEqual({ ok: false, error: { code: 'forbidden', message: REVIEWER_ONLY_OWN('Ann Lee') } });
    const forged = await fromEditor(ben, copy, (s) => suggestType(s, suggester({ name: 'Ann Lee', title: '' }), 'year was good', ' indeed', 'after'));
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(listSuggestions(doc).map((x) => x.author.name)).toEqual(['Ben Okafor', 'Ann Lee']);
    // His own goes, and the log says he withdrew it.
    expect(await fromEditor(ben, copy, (s) => void decideSuggestions(s.doc, new Set([benId]), 'withdrawn', benAs))).toEqual({ ok: true, value: null });
    expect(listSuggestions(doc).map((x) => x.author.name)).toEqual(['Ann Lee']);
    expect(listDecisions(doc).map((d) => [d.decision, d.by.name, d.what])).toEqual([['withdrawn', 'Ben Okafor', 'Replace “was hard” with “was long”']]);
    const trail = await ben.call('signoff.audit', copy);
    expect(trail.find((e) => e.what === 'Withdrew a suggestion')).toMatchObject({ who: 'Ben Okafor', detail: 'Replace “was hard” with “was long” (proposed by Ben Okafor)' });
  });

  it('a reviewer proposes a format of their own on words with someone else’s, but cannot widen theirs', async () => {
    await benReviews();
    await fromEditor(ann, path, (s) => suggestFormat(s, suggester({ name: 'Ann Lee', title: '' }), 'year was good', 'bold'));
    await benReceives();
    const doc = ben.services.open.get(copy)!.doc;
    const benAs = { name: 'Ben Okafor', title: '' };
    expect(await fromEditor(ben, copy, (s) => suggestFormat(s, suggester(benAs), 'year was good', 'italic'))).toEqual({ ok: true, value: null });
    expect(listSuggestions(doc).map((x) => [x.author.name, describeSuggestion(x)])).toEqual([
      ['Ann Lee', 'Make “year was good” bold'],
      ['Ben Okafor', 'Make “year was good” italic'],
    ]);
    // Underline added to the bits Ann's mark changes: the text as it stands is the same, her proposal is not.
    const widened = await fromEditor(ben, copy, (s) =>
      s.edit(() => {
        for (const node of $getRoot().getAllTextNodes()) {
          const annMark = $isSuggestionNode(node) ? node.getMarks().find((m) => m.author.name === 'Ann Lee') : undefined;
          if (annMark && $isSuggestionNode(node)) node.addMark({ ...annMark, toggled: (annMark.toggled ?? 0) | 8 });
        }
      }),
    );
    expect(widened).toEqual({ ok: false, error: { code: 'forbidden', message: REVIEWER_ONLY_OWN('Ann Lee') } });
    expect(listSuggestions(doc).map(describeSuggestion)).toEqual(['Make “year was good” bold', 'Make “year was good” italic']);
  });

  it('a roster names only people whose cards this Signet has', async () => {
    const stranger = 'c'.repeat(64);
    const refused = await ann.refused('signoff.step', path, { action: 'change-roster', members: [{ publicKey: stranger, roles: ['approver'] }] });
    expect(refused).toEqual({ code: 'not-found', message: expect.stringMatching(/^There is no member card for the key [0-9A-Z ]+: import their card first\.$/) });
  });

  it('in review the text is locked: an edit is refused, a comment is taken, and the title cannot change', async () => {
    await sendForReview();
    const doc = ann.services.open.get(path)!.doc;
    const text = messageParagraphs(doc);
    const edit = await fromEditor(ann, path, (s) => s.write(['Friends, the year was good.']));
    expect(edit).toEqual({ ok: false, error: { code: 'read-only', message: TEXT_LOCKED } });
    expect(messageParagraphs(doc)).toEqual(text);
    const comment = await fromEditor(ann, path, (s) => commentOn(s.doc, 'the year was hard', 'Too bleak for a New Year?', { name: 'Ann Lee', title: '' }));
    expect(comment).toEqual({ ok: true, value: null });
    expect(await ann.refused('message.rename', path, 'A new title')).toEqual({ code: 'read-only', message: expect.stringMatching(/^The title is locked/) });
    // Withdrawn, the text opens again.
    expect(await ann.call('signoff.step', path, { action: 'withdraw' })).toMatchObject({ state: 'Draft', textLocked: false });
    expect(await fromEditor(ann, path, (s) => s.write(['Friends, the year was good.']))).toEqual({ ok: true, value: null });
  });

  it('approve in a copy, merge it back: the approval counts; sign; an approval with a stale digest is refused', async () => {
    const sent = await sendForReview();
    await benReceives();
    const his = await ben.call('signoff.status', copy);
    expect(his).toMatchObject({ state: 'In review', digest: sent.digest, actions: ['approve', 'request-changes'] });

    const stale = await ben.refused('signoff.step', copy, { action: 'approve', digest: 'f'.repeat(64), comment: '' });
    expect(stale).toEqual({ code: 'forbidden', message: 'You cannot approve: the text changed since you read it; read it again.' });
    const approved = await ben.call('signoff.step', copy, { action: 'approve', digest: his.digest, comment: 'Warm and right.' });
    // Until he signs, he may still change his mind.
    expect(approved).toMatchObject({ state: 'Approved', approvedBy: [benKey], actions: ['request-changes', 'sign'], textLocked: false });

    const merged = await annMerges();
    expect(merged?.summary.nothingNew).toBe(false);
    const hers = await ann.call('signoff.status', path);
    expect(hers).toMatchObject({ state: 'Approved', approvedBy: [benKey] });
    expect(hers.records.at(-1)).toMatchObject({ what: 'Approved', signerName: 'Ben Okafor', status: 'verified', comment: 'Warm and right.' });

    const signed = await ben.call('signoff.step', copy, { action: 'sign', digest: his.digest, comment: '' });
    expect(signed).toMatchObject({ state: 'Signed', textLocked: true, actions: [] });
    await annMerges();
    expect(await ann.call('signoff.status', path)).toMatchObject({ state: 'Signed', textLocked: true, actions: ['start-revision'] });
    const edit = await fromEditor(ann, path, (s) => s.write(['Friends.']));
    expect(edit).toMatchObject({ ok: false, error: { code: 'read-only', message: expect.stringMatching(/^The text is locked: the message is signed/) } });
    expect(await ann.call('signoff.step', path, { action: 'start-revision' })).toMatchObject({ state: 'Draft', textLocked: false });
  });

  it('an edit after the approval makes it stale and the message a Draft again', async () => {
    await sendForReview();
    await benReceives();
    const { digest } = await ben.call('signoff.status', copy);
    await ben.call('signoff.step', copy, { action: 'approve', digest, comment: '' });
    await annMerges();
    expect(await fromEditor(ann, path, (s) => s.write(['Friends, the year was good.'], ['Thank you all.']))).toEqual({ ok: true, value: null });
    const now = await ann.call('signoff.status', path);
    expect(now).toMatchObject({ state: 'Draft', approvedBy: [], staleApprovedBy: [benKey], textLocked: false });
    expect(now.digest).not.toBe(digest);
    const approval = now.records.at(-1)!;
    expect(approval).toMatchObject({ what: 'Approved', status: 'stale', digest });
    // The approval points at the version of the text it approved: its own step's.
    const version = listVersions(ann.services.open.get(path)!.doc).find((v) => v.id === approval.versionId);
    expect(version).toMatchObject({ kind: 'workflow', name: 'Approved by Ben Okafor', digest });
  });

  it('changes requested reopen the text; a tampered record shows invalid with its reason', async () => {
    await sendForReview();
    await benReceives();
    expect(await ben.call('signoff.step', copy, { action: 'request-changes', comment: 'Say what the year was good for.' })).toMatchObject({
      state: 'Changes requested',
      textLocked: false,
    });
    await annMerges();
    expect(await ann.call('signoff.status', path)).toMatchObject({ state: 'Changes requested', textLocked: false });
    expect(await fromEditor(ann, path, (s) => s.write(['Friends, the year was good for our schools.']))).toEqual({ ok: true, value: null });
    // Someone changes the comment of Ben's record in the file.
    const records = ann.services.open.get(path)!.doc.getArray<Record<string, unknown>>('records');
    const last = records.get(records.length - 1);
    records.push([{ ...last, comment: 'Perfect as it is.', time: new Date().toISOString() }]);
    const status = await ann.call('signoff.status', path);
    expect(status.records.at(-1)).toMatchObject({ status: 'invalid', reason: expect.stringContaining('the signature does not match the record') });
  });

  it('the audit trail lists every event, newest first, with who and the version', async () => {
    await sendForReview();
    await fromEditor(ann, path, (s) => commentOn(s.doc, 'the year was good', 'Warmer?', { name: 'Ann Lee', title: 'Speechwriter' }));
    await benReceives();
    const { digest } = await ben.call('signoff.status', copy);
    await ben.call('signoff.step', copy, { action: 'approve', digest, comment: 'Yes.' });
    await annMerges();
    ann.answers.saveLocation = join(ann.dir, 'New Year message (for review).signet');
    await ann.call('review.send', path, { to: 'Cat Ruiz' });
    const audit = await ann.call('signoff.audit', path);
    const lines = audit.map((e) => `${e.what} | ${e.who}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Created | Ann Lee',
        'Roster changed | Ann Lee',
        'Sent for review | Ann Lee',
        'Commented | Ann Lee',
        'Approved | Ben Okafor',
        'Version saved | Ben Okafor',
        'Review copy sent | Ann Lee',
      ]),
    );
    expect(audit.find((e) => e.what === 'Review copy sent')?.detail).toBe('to Cat Ruiz (New Year message (for review).signet)');
    expect(audit.find((e) => e.what === 'Approved')).toMatchObject({ detail: 'Approved (verified) — “Yes.”', versionId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(audit.find((e) => e.what === 'Roster changed')?.detail).toBe('Roster changed (verified) — Ann Lee (Owner, Author); Ben Okafor (Approver, Signatory)');
    expect(audit.find((e) => e.what === 'Sent for review')?.detail).toBe('Sent for review (verified) — to Ben Okafor; signatory Ben Okafor; due 2031-12-30');
    expect(audit.find((e) => e.what === 'Commented')?.detail).toBe('on “the year was good”: Warmer?');
    expect(audit.at(-1)?.what).toBe('Created');
    const times = audit.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // A Chinese reader gets the same trail in Chinese, with Chinese punctuation; names and quotes stay as written.
    const zh = await ann.call('signoff.audit', path, 'zh-CN');
    expect(zh.map((e) => e.at)).toEqual(audit.map((e) => e.at));
    expect(zh.find((e) => e.what === '已发送审阅副本')?.detail).toBe('发给 Cat Ruiz（New Year message (for review).signet）');
    expect(zh.find((e) => e.what === '已批准')?.detail).toBe('已批准（已验证）——“Yes.”');
    expect(zh.find((e) => e.what === '成员名单已更改')?.detail).toBe('成员名单已更改（已验证）——Ann Lee（所有者，撰稿人）；Ben Okafor（批准人，签署人）');
    expect(zh.find((e) => e.what === '已送审')?.detail).toBe('已送审（已验证）——发给 Ben Okafor；签署人 Ben Okafor；截止 2031-12-30');
    expect(zh.find((e) => e.what === '批注')?.detail).toBe('针对“the year was good”：Warmer?');
    expect(zh.at(-1)?.what).toBe('新建');
  });
});

describe('what an editor update touches', () => {
  it('text and title are text; comments, versions and records are not; an update already applied touches nothing', async () => {
    const s = await person(ANN);
    const path = await s.call('message.create', { template: 'blank', title: 'Budget' });
    await s.call('message.open', path);
    await fromEditor(s, path, (e) => e.write(['One two three.']));
    const doc = s.services.open.get(path)!.doc;
    const session = openSession(doc);
    commentOn(session.doc, 'two', 'Why two?', { name: 'Ann Lee', title: '' });
    expect(touchesText(doc, session.changes(doc))).toBe(false);
    session.write(['One two three four.']);
    const edit = session.changes(doc);
    expect(touchesText(doc, edit)).toBe(true);
    // Once the document has it, the same update changes nothing more.
    Y.applyUpdate(doc, edit);
    expect(touchesText(doc, edit)).toBe(false);
    // Deleting words only is a change to the text too.
    session.write(['One two.']);
    expect(touchesText(doc, session.changes(doc))).toBe(true);
    session.dispose();

    const titled = openSession(doc);
    setTitle(titled.doc, 'Budget 2031');
    expect(touchesText(doc, titled.changes(doc))).toBe(true);
    titled.dispose();

    // Versions and records the main process writes are not text either.
    const other = openSession(doc);
    recordVersion(other.doc, { kind: 'named', name: 'First', author: { name: 'Ann Lee', title: '' } });
    other.doc.getArray('records').push([{ kind: 'approved' }]);
    expect(touchesText(doc, other.changes(doc))).toBe(false);
    other.dispose();
  });
});
