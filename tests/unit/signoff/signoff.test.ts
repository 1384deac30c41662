// Sign-off (shared/signoff/members.ts, records.ts, signoff.ts) with real Ed25519 keys: every record the
// issue says must be refused is refused with its reason; a genuine record about an older text is
// stale, not invalid; the state follows the workflow from Draft to Signed and back, computed only
// from records that verify; and approvals made in review copies count once the copies are merged.
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writePlainText } from '../../../electron/services/document/compose';
import { newMessage } from '../../../electron/services/library/library';
import { messageDigest } from '../../../shared/document';
import {
  fingerprint,
  type Role,
  type RosterMember,
  appendRecord,
  newRecord,
  recordBytes,
  signRecord,
  signerFromSecretKey,
  type RecordKind,
  type SignoffRecord,
  type Signer,
  allowedActions,
  approve,
  changeRoster,
  messageState,
  rosterInForce,
  recordStepVersion,
  requestChanges,
  sendForReview,
  signMessage,
  startRevision,
  verifyRecords,
  versionWithDigest,
  withdrawReview,
  type CheckedRecord,
} from '../../../shared/signoff';
import { listVersions } from '../../../shared/history';
import { copyOf } from '../../helpers/history';

const key = (): Signer => signerFromSecretKey(ed25519.utils.randomSecretKey());
const ann = key(); // owner and author
const ben = key(); // approver
const cat = key(); // approver and signatory
const dan = key(); // not on the roster

const member = (signer: Signer, name: string, roles: Role[]): RosterMember => ({
  publicKey: signer.publicKey,
  name,
  titles: ['Office of the Mayor'],
  organisation: 'City of Aldport',
  email: `${name.split(' ')[0].toLowerCase()}@aldport.example`,
  roles,
});
const ROSTER = [member(ann, 'Ann Lee', ['owner', 'author']), member(ben, 'Ben Ode', ['approver']), member(cat, 'Cat Ruiz', ['approver', 'signatory'])];
const PLAN = { approvers: [ben.publicKey, cat.publicKey], signatory: cat.publicKey, due: '2031-12-30' };

/** A message with its roster, in Draft. */
function draft(text = 'Friends, the year was hard and the year was good.'): Y.Doc {
  const doc = newMessage('blank', 'New Year message');
  writePlainText(doc, text);
  changeRoster(doc, ann, ROSTER);
  return doc;
}

/** A message sent to Ben and Cat for review. */
function inReview(plan: Parameters<typeof sendForReview>[2] = PLAN): Y.Doc {
  const doc = draft();
  sendForReview(doc, ann, plan);
  return doc;
}

const edit = (doc: Y.Doc, text: string) => writePlainText(doc, text);
/** The record stored last (records are checked in their signed order, which need not be the stored one). */
const last = (doc: Y.Doc): CheckedRecord => verifyRecords(doc).reduce((a, b) => (b.index > a.index ? b : a));
const kinds = (records: CheckedRecord[]) => records.map((c) => c.record?.kind);

describe('records that must be refused, each with its reason', () => {
  it('a forged signature: signed by another key, or random bytes', () => {
    const doc = inReview();
    const genuine = newRecord(doc, ben, { kind: 'approved' });
    const byDan = { ...genuine, signature: signRecord({ ...genuine, signer: dan.publicKey }, dan).signature };
    appendRecord(doc, byDan);
    expect(last(doc)).toMatchObject({ status: 'invalid', signerName: 'Ben Ode' });
    expect(last(doc).reason).toBe('Record 3 (Approved, by Ben Ode): the signature does not match the record (it was forged, or changed after signing).');
    appendRecord(doc, { ...genuine, signature: 'ab'.repeat(64) });
    expect(last(doc).reason).toMatch(/^Record 4 \(Approved, by Ben Ode\): the signature does not match/);
    expect(messageState(doc)).toMatchObject({ state: 'In review', approvals: [] });
  });

  it('a record from someone not on the roster', () => {
    const doc = inReview();
    appendRecord(doc, newRecord(doc, dan, { kind: 'approved' }));
    const checked = last(doc);
    expect(checked.status).toBe('invalid');
    expect(checked.reason).toBe(`Record 3 (Approved, by unknown key ${fingerprint(dan.publicKey)}): the signer is not on the roster.`);
    expect(() => approve(doc, dan)).toThrow('You cannot approve: only an approver named in the review can.');
  });

  it('a record from someone on the roster without the role its kind needs', () => {
    const doc = inReview();
    appendRecord(doc, newRecord(doc, ann, { kind: 'approved' }));
    expect(last(doc).reason).toBe('Record 3 (Approved, by Ann Lee): Ann Lee is not an approver of the message.');
    appendRecord(doc, newRecord(doc, ben, { kind: 'signed' }));
    expect(last(doc).reason).toBe('Record 4 (Signed, by Ben Ode): Ben Ode is not a signatory of the message.');
  });

  it('the right signature for a different message', () => {
    const doc = inReview();
    const other = inReview();
    const forOther = newRecord(other, ben, { kind: 'approved' });
    appendRecord(doc, forOther);
    expect(last(doc)).toMatchObject({ status: 'invalid', reason: `Record 3 (Approved, by Ben Ode): it was signed for another message (${forOther.messageId}).` });
    expect(messageState(doc).approvals).toEqual([]);
  });

  it('the right signature for an older text is stale, not invalid', () => {
    const doc = inReview();
    approve(doc, ben, { comment: 'Good.' });
    edit(doc, 'Friends, the year was hard, and the year was good.');
    expect(last(doc)).toEqual(expect.objectContaining({ status: 'stale', signerName: 'Ben Ode' }));
    expect(last(doc).reason).toBeUndefined();
    const now = messageState(doc);
    expect(now.state).toBe('Draft');
    expect(now.approvals).toEqual([]);
    expect(now.staleApprovals.map((c) => c.signerName)).toEqual(['Ben Ode']);
  });

  it('a replayed record: the same signature, or the same kind, signer, digest and time', () => {
    const doc = inReview();
    const at = new Date('2031-12-01T09:30:00.000Z');
    const approval = approve(doc, ben, { at });
    appendRecord(doc, approval);
    expect(last(doc).reason).toBe('Record 4 (Approved, by Ben Ode): it is replayed: record 3 already says the same.');
    // Signed again with another comment, but claiming the same moment: a second claim, not a new one.
    appendRecord(doc, newRecord(doc, ben, { kind: 'approved' }, { at, comment: 'Again.' }));
    expect(last(doc).reason).toBe('Record 5 (Approved, by Ben Ode): it is replayed: record 3 already says the same.');
    expect(messageState(doc).approvals.map((c) => c.index)).toEqual([2]);
  });

  it('an old approval replayed into a new review does not count in it', () => {
    const doc = inReview();
    const old = approve(doc, ben);
    withdrawReview(doc, ann);
    sendForReview(doc, ann, PLAN);
    appendRecord(doc, old);
    expect(last(doc).reason).toMatch(/it is replayed: record 3 already says the same\.$/);
    expect(messageState(doc)).toMatchObject({ state: 'In review', approvals: [] });
  });

  it('a roster change signed by someone who is not an owner', () => {
    const doc = draft();
    const takeover = [member(ben, 'Ben Ode', ['owner', 'approver', 'signatory'])];
    appendRecord(doc, newRecord(doc, ben, { kind: 'roster', members: takeover }));
    expect(last(doc).reason).toBe('Record 2 (Roster changed, by Ben Ode): Ben Ode is not an owner of the message.');
    expect(messageState(doc).roster.map((m) => m.name)).toEqual(['Ann Lee', 'Ben Ode', 'Cat Ruiz']);
    expect(() => changeRoster(doc, ben, takeover)).toThrow('You cannot change the roster: only an owner can.');
  });

  it('a roster change by the owner counts, and one leaving no owner is refused', () => {
    const doc = draft();
    changeRoster(doc, ann, [...ROSTER, member(dan, 'Dan Park', ['reviewer'])]);
    expect(last(doc).status).toBe('verified');
    expect(messageState(doc).roster.map((m) => m.name)).toContain('Dan Park');
    expect(() => changeRoster(doc, ann, ROSTER.slice(1))).toThrow('You cannot change the roster: the new roster leaves the message without an owner.');
  });

  it('a tampered time or comment', () => {
    const doc = inReview();
    const approval = newRecord(doc, ben, { kind: 'approved' }, { comment: 'Approved as written.' });
    appendRecord(doc, { ...approval, time: '2020-01-01T00:00:00.000Z' });
    expect(last(doc).reason).toMatch(/^Record 3 \(Approved, by Ben Ode\): the signature does not match the record/);
    appendRecord(doc, { ...approval, comment: 'Approved, but cut the second paragraph.' });
    expect(last(doc).reason).toMatch(/^Record 4 \(Approved, by Ben Ode\): the signature does not match the record/);
    appendRecord(doc, { ...approval, digest: 'f'.repeat(64) });
    expect(last(doc).reason).toMatch(/^Record 5 \(Approved, by Ben Ode\): the signature does not match the record/);
  });

  it('a malformed time, even when signed', () => {
    const doc = inReview();
    const record = newRecord(doc, ben, { kind: 'approved' });
    appendRecord(doc, signRecord({ ...record, time: '2031-02-30T10:00:00.000Z' }, ben));
    expect(last(doc).reason).toBe('Record 3 (Approved, by Ben Ode): its time "2031-02-30T10:00:00.000Z" is not a valid time.');
  });

  it('a malformed record, and a request for review naming someone who is not an approver', () => {
    const doc = inReview();
    doc.getArray('records').push([{ kind: 'approved', messageId: 'x' }]);
    expect(last(doc)).toMatchObject({ status: 'invalid', record: null, reason: 'Record 3 is malformed: its time is missing.' });
    appendRecord(doc, newRecord(doc, ann, { kind: 'review-requested', approvers: [dan.publicKey], ordered: false, signatory: cat.publicKey, due: null }));
    expect(last(doc).reason).toBe(`Record 4 (Sent for review, by Ann Lee): it names key ${fingerprint(dan.publicKey)} as an approver, who is not one on the roster.`);
  });

  it('a signature over a message that is not Approved does not make it Signed', () => {
    const doc = inReview();
    approve(doc, ben);
    expect(() => signMessage(doc, cat)).toThrow('You cannot sign: only an Approved message can be signed, and this one is In review.');
    appendRecord(doc, newRecord(doc, cat, { kind: 'signed' }));
    expect(last(doc).status).toBe('verified');
    expect(messageState(doc).state).toBe('In review');
  });

  it('the canonical bytes: a domain line, then the fields in a fixed order, whatever order they were stored in', () => {
    const doc = inReview();
    const record = newRecord(doc, ben, { kind: 'approved' }, { comment: 'Fine' });
    const shuffled = Object.fromEntries(Object.entries(record).reverse()) as SignoffRecord;
    const text = new TextDecoder().decode(recordBytes(shuffled));
    expect(text).toBe(recordBytes(record).reduce((s, b) => s + String.fromCharCode(b), ''));
    expect(text.split('\n')[0]).toBe('signet-record-2');
    expect(Object.keys(JSON.parse(text.split('\n')[1]))).toEqual(['kind', 'messageId', 'digest', 'time', 'comment', 'signer', 'after']);
    expect(text).not.toContain(record.signature);
    // A record made before the records named the ones before them is read with the bytes it was signed over.
    const { after: _after, ...old } = record;
    expect(new TextDecoder().decode(recordBytes(old)).split('\n')[0]).toBe('signet-record-1');
  });
});

describe('the state of a message', () => {
  it('follows the workflow: review, changes, approval, an edit, approval again, signature, a new revision', () => {
    const doc = draft();
    // As the app does: a version of the text each step is about, then the step.
    const step = (who: Signer, kind: RecordKind, take: () => void) => {
      recordStepVersion(doc, ROSTER.find((m) => m.publicKey === who.publicKey)!, kind);
      take();
    };
    expect(messageState(doc)).toMatchObject({ state: 'Draft', textLocked: false });
    expect(allowedActions(messageState(doc), ann.publicKey)).toEqual(['change-roster', 'request-review']);
    expect(allowedActions(messageState(doc), ben.publicKey)).toEqual([]);

    step(ann, 'review-requested', () => sendForReview(doc, ann, PLAN, { comment: 'For Thursday.' }));
    let now = messageState(doc);
    expect(now).toMatchObject({ state: 'In review', textLocked: true, dueDate: '2031-12-30', ordered: false });
    expect(now.requiredApprovers.map((m) => m.name)).toEqual(['Ben Ode', 'Cat Ruiz']);
    expect(now.signatory?.name).toBe('Cat Ruiz');
    expect(allowedActions(now, ben.publicKey)).toEqual(['approve', 'request-changes']);
    expect(allowedActions(now, ann.publicKey)).toEqual(['change-roster', 'withdraw']);

    step(ben, 'changes-requested', () => requestChanges(doc, ben, 'Say what was hard.'));
    now = messageState(doc);
    expect(now).toMatchObject({ state: 'Changes requested', textLocked: false });
    expect(now.changesRequested.map((c) => c.record?.comment)).toEqual(['Say what was hard.']);
    edit(doc, 'Friends, the floods made the year hard; you made it good.');
    expect(messageState(doc).state).toBe('Changes requested');

    step(ann, 'review-requested', () => sendForReview(doc, ann, PLAN));
    expect(messageState(doc)).toMatchObject({ state: 'In review', changesRequested: [] });
    step(ben, 'approved', () => approve(doc, ben));
    expect(messageState(doc)).toMatchObject({ state: 'In review' });
    const approvedDigest = messageDigest(doc);
    step(cat, 'approved', () => approve(doc, cat));
    now = messageState(doc);
    expect(now.state).toBe('Approved');
    expect(now.approvals.map((c) => c.signerName)).toEqual(['Ben Ode', 'Cat Ruiz']);
    expect(allowedActions(now, cat.publicKey)).toEqual(['request-changes', 'sign']);
    expect(() => approve(doc, ben)).toThrow('You cannot approve: you have approved this text already.');

    edit(doc, 'Friends, the floods made the year hard; you made it better.');
    now = messageState(doc);
    expect(now).toMatchObject({ state: 'Draft', approvals: [], textLocked: false });
    expect(now.staleApprovals.map((c) => [c.signerName, c.status])).toEqual([['Ben Ode', 'stale'], ['Cat Ruiz', 'stale']]);
    // What the approvers approved is in the history, to show the changes since.
    expect(versionWithDigest(doc, now.staleApprovals[0].record!.digest)?.digest).toBe(approvedDigest);
    expect(() => signMessage(doc, cat)).toThrow('You cannot sign: only an Approved message can be signed, and this one is Draft.');

    step(ann, 'review-requested', () => sendForReview(doc, ann, PLAN));
    approve(doc, cat);
    approve(doc, ben);
    expect(messageState(doc).state).toBe('Approved');
    step(cat, 'signed', () => signMessage(doc, cat, { comment: 'Signed for the Mayor.' }));
    now = messageState(doc);
    expect(now).toMatchObject({ state: 'Signed', textLocked: true, closed: true });
    expect(now.signature?.signerName).toBe('Cat Ruiz');
    expect(allowedActions(now, ann.publicKey)).toEqual(['start-revision']);
    expect(allowedActions(now, ben.publicKey)).toEqual([]);
    expect(() => sendForReview(doc, ann, PLAN)).toThrow('You cannot send the message for review: the message is signed: start a new revision first.');

    const signed = now.signature!;
    step(ann, 'revision-started', () => startRevision(doc, ann, { comment: 'For the spring address.' }));
    now = messageState(doc);
    expect(now).toMatchObject({ state: 'Draft', textLocked: false, closed: false, approvals: [] });
    expect(now.signature?.index).toBe(signed.index);
    edit(doc, 'Friends, spring is here.');
    expect(verifyRecords(doc)[signed.index].status).toBe('stale');
    expect(verifyRecords(doc).every((c) => c.status !== 'invalid')).toBe(true);
    expect(listVersions(doc).filter((v) => v.kind === 'workflow').map((v) => v.name)).toEqual([
      'New revision started',
      'Signed',
      'Sent for review',
      'Approved',
      'Approved',
      'Sent for review',
      'Changes requested',
      'Sent for review',
    ]);
  });

  it('an order of approvers: an approval out of order waits for the approvers before it', () => {
    const doc = inReview({ ...PLAN, ordered: true });
    approve(doc, cat);
    let now = messageState(doc);
    expect(now).toMatchObject({ state: 'In review', approvals: [], ordered: true });
    expect(now.waiting.map((c) => c.signerName)).toEqual(['Cat Ruiz']);
    approve(doc, ben);
    now = messageState(doc);
    expect(now.state).toBe('Approved');
    expect(now.approvals.map((c) => c.signerName)).toEqual(['Ben Ode', 'Cat Ruiz']);
  });

  it('a signed message takes no step but a new revision, even one forced into the file', () => {
    const doc = inReview();
    approve(doc, ben);
    approve(doc, cat);
    signMessage(doc, cat);
    appendRecord(doc, newRecord(doc, ann, { kind: 'withdrawn' }));
    appendRecord(doc, newRecord(doc, ben, { kind: 'changes-requested' }, { comment: 'Too late.' }));
    expect(messageState(doc)).toMatchObject({ state: 'Signed', closed: true, textLocked: true });
    // Text changed behind the lock is not what was signed: not Signed, and still only a new revision.
    edit(doc, 'Friends, words nobody signed.');
    const now = messageState(doc);
    expect(now).toMatchObject({ state: 'Draft', closed: true, textLocked: true });
    expect(now.signature?.status).toBe('stale');
    expect(allowedActions(now, ann.publicKey)).toEqual(['start-revision']);
  });

  it('withdrawing a review unlocks the text and returns to Draft', () => {
    const doc = inReview();
    approve(doc, ben);
    withdrawReview(doc, ann);
    expect(messageState(doc)).toMatchObject({ state: 'Draft', textLocked: false, approvals: [] });
    expect(() => approve(doc, cat)).toThrow('You cannot approve: only an approver named in the review can.');
  });

  it('an approver may change their mind: the latest decision in the review counts', () => {
    const doc = inReview();
    requestChanges(doc, ben, 'Shorter, please.');
    expect(messageState(doc).state).toBe('Changes requested');
    approve(doc, ben);
    approve(doc, cat);
    expect(messageState(doc).state).toBe('Approved');
  });

  it('refuses what nobody may do yet, and a review of people not on the roster', () => {
    const doc = draft();
    expect(() => approve(doc, ben)).toThrow('You cannot approve: only an approver named in the review can.');
    expect(() => requestChanges(inReview(), ben, '  ')).toThrow('a request for changes needs a comment');
    expect(() => sendForReview(doc, ann, { approvers: [dan.publicKey], signatory: cat.publicKey })).toThrow(
      `You cannot send the message for review: it names key ${fingerprint(dan.publicKey)} as an approver, who is not one on the roster.`,
    );
    expect(() => sendForReview(doc, ann, { ...PLAN, due: '31 December' })).toThrow('The due date "31 December" is not a day (YYYY-MM-DD).');
    const fresh = newMessage('blank', 'Another');
    expect(() => changeRoster(fresh, ann, ROSTER.slice(1))).toThrow('the first roster must list the person who signs it, its owner');
  });

  it('merging review copies brings their approvals, and they count', () => {
    const doc = inReview();
    const bens = copyOf(doc);
    const cats = copyOf(doc);
    approve(bens, ben, { comment: 'Yes.' });
    approve(cats, cat);
    expect(messageState(doc).approvals).toEqual([]);

    Y.applyUpdate(doc, Y.encodeStateAsUpdate(bens, Y.encodeStateVector(doc)));
    expect(messageState(doc)).toMatchObject({ state: 'In review' });
    expect(messageState(doc).approvals.map((c) => c.signerName)).toEqual(['Ben Ode']);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(cats, Y.encodeStateVector(doc)));
    expect(messageState(doc).state).toBe('Approved');

    // The other way round, the copies agree on every record and the state.
    Y.applyUpdate(cats, Y.encodeStateAsUpdate(bens));
    expect(kinds(verifyRecords(cats))).toEqual(kinds(verifyRecords(doc)));
    expect(messageState(cats).state).toBe('Approved');
  });

  it('a merged copy whose text changed during review makes the approvals stale', () => {
    const doc = inReview();
    const bens = copyOf(doc);
    approve(doc, cat);
    approve(bens, ben);
    edit(bens, 'Friends, a different speech.');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(bens, Y.encodeStateVector(doc)));
    const now = messageState(doc);
    expect(now.state).toBe('Draft');
    expect(now.staleApprovals.map((c) => c.signerName).sort()).toEqual(['Ben Ode', 'Cat Ruiz']);
  });
});

describe('fingerprints', () => {
  it('read aloud: four groups of five characters, no I, L, O or U, one per key', () => {
    const print = fingerprint(ann.publicKey);
    expect(print).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}( [0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(fingerprint(ann.publicKey)).toBe(print);
    expect(fingerprint(ben.publicKey)).not.toBe(print);
    // RFC 8032's first test key, worked out by hand: the format must not drift between releases.
    expect(fingerprint('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')).toBe('47Z33 QX1AJ H62RK BZ1A0');
  });
});

describe('the roster in force without the digest (rosterInForce, which merging uses)', () => {
  it('is the roster messageState gives, after forged, stale, replayed and refused roster changes', () => {
    const doc = draft();
    const seen = () => expect(rosterInForce(doc)).toEqual(messageState(doc).roster);
    seen();
    const takeover = [member(ben, 'Ben Ode', ['owner', 'approver', 'signatory'])];
    appendRecord(doc, newRecord(doc, ben, { kind: 'roster', members: takeover }));
    seen();
    const withDan = newRecord(doc, ann, { kind: 'roster', members: [...ROSTER, member(dan, 'Dan Park', ['reviewer'])] });
    appendRecord(doc, { ...withDan, signature: 'ab'.repeat(64) });
    seen();
    appendRecord(doc, withDan);
    edit(doc, 'Friends, the year was hard, and the year was good.');
    seen();
    expect(rosterInForce(doc).map((m) => m.name)).toContain('Dan Park');
    appendRecord(doc, withDan);
    appendRecord(doc, newRecord(doc, ann, { kind: 'roster', members: ROSTER.slice(1) }));
    seen();
    expect(rosterInForce(newMessage('blank', 'No roster'))).toEqual([]);
  });
});
