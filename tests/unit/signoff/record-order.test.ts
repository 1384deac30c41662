// Which records exist and in what order is signed too (shared/signoff/order.ts): each record names
// the latest records its signer had seen. Built with the app's own code and Yjs operations on the
// message's records: reordering them changes nothing (a revoked approval does not count again), a
// record taken out of the middle leaves every later one out of place, a record copied in from
// another message is refused, and a first roster signed by anyone but the message's creator is not
// the roster.
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writePlainText } from '../../../electron/services/document/compose';
import { newMessage } from '../../../electron/services/library/library';
import {
  appendRecord,
  approve,
  changeRoster,
  messageState,
  newRecord,
  recordHash,
  requestChanges,
  sendForReview,
  signerFromSecretKey,
  storedRecords,
  verifyRecords,
  withdrawReview,
  parseRecord,
  type Role,
  type SignoffRecord,
  type Signer,
} from '../../../shared/signoff';

const key = (): Signer => signerFromSecretKey(ed25519.utils.randomSecretKey());
const ann = key();
const ben = key();
const stranger = key();
const member = (s: Signer, name: string, roles: Role[]) => ({ publicKey: s.publicKey, name, titles: ['City of Aldport'], organisation: '', email: '', roles });
const ROSTER = [member(ann, 'Ann Lee', ['owner']), member(ben, 'Ben Ode', ['approver', 'signatory'])];

/** Ann's message in review; Ben approves, then (a minute later) asks for changes: his approval is revoked. */
function revoked(): Y.Doc {
  const doc = newMessage('blank', 'Harbour opening', 'en', undefined, ann.publicKey);
  writePlainText(doc, 'Friends, the harbour opens today.');
  const t = Date.parse('2026-03-01T09:00:00.000Z');
  changeRoster(doc, ann, ROSTER, { at: new Date(t) });
  sendForReview(doc, ann, { approvers: [ben.publicKey], signatory: ben.publicKey }, { at: new Date(t + 60_000) });
  approve(doc, ben, { at: new Date(t + 120_000) });
  requestChanges(doc, ben, 'Name the workers.', { at: new Date(t + 180_000) });
  return doc;
}

const records = (doc: Y.Doc) => doc.getArray<unknown>('records');

/** Moves the record stored at `from` to `to`, as a hostile copy can with Yjs alone. */
function move(doc: Y.Doc, from: number, to: number): void {
  doc.transact(() => {
    const [raw] = records(doc).slice(from, from + 1);
    records(doc).delete(from, 1);
    records(doc).insert(to, [raw]);
  });
}

describe('the signed order of records', () => {
  it('each new record names the latest one before it', () => {
    const stored = storedRecords(revoked()).map((r) => parseRecord(r) as SignoffRecord);
    expect(stored[0].after).toEqual([]);
    for (let i = 1; i < stored.length; i += 1) expect(stored[i].after).toEqual([recordHash(stored[i - 1])]);
  });

  it('reordering the records changes nothing: a revoked approval does not count again', () => {
    const doc = revoked();
    expect(messageState(doc).state).toBe('Changes requested');
    // The request for changes put first, the approval last: stored order would make it Approved.
    move(doc, 3, 0);
    expect(storedRecords(doc).map((r) => (r as SignoffRecord).kind)).toEqual(['changes-requested', 'roster', 'review-requested', 'approved']);
    const now = messageState(doc);
    expect(now.state).toBe('Changes requested');
    expect(now.approvals).toEqual([]);
    expect(now.records.map((c) => c.record!.kind)).toEqual(['roster', 'review-requested', 'approved', 'changes-requested']);
    expect(now.records.every((c) => c.status === 'verified')).toBe(true);
  });

  it('a record taken out of the middle leaves every record after it out of place, shown with the reason', () => {
    const doc = revoked();
    withdrawReview(doc, ann);
    records(doc).delete(3, 1); // the request for changes
    const checked = verifyRecords(doc);
    const withdrawn = checked.find((c) => c.record?.kind === 'withdrawn')!;
    expect(withdrawn.status).toBe('invalid');
    expect(withdrawn.reason).toBe(
      "Record 4 (Review withdrawn, by Ann Lee): it follows a record that is not in the message: one was taken out, or this record was copied in from another message's history.",
    );
  });

  it('a record copied in from another message is refused, with the reason', () => {
    const doc = revoked();
    const other = newMessage('blank', 'Budget speech', 'en', undefined, ann.publicKey);
    writePlainText(other, 'Friends, the harbour opens today.');
    changeRoster(other, ann, ROSTER);
    sendForReview(other, ann, { approvers: [ben.publicKey], signatory: ben.publicKey });
    approve(other, ben);
    appendRecord(doc, storedRecords(other)[2] as SignoffRecord);
    const copied = verifyRecords(doc).find((c) => c.index === 4)!;
    expect(copied.status).toBe('invalid');
    expect(copied.reason).toMatch(/^Record 5 \(Approved, by Ben Ode\): it was signed for another message/);
    expect(messageState(doc).state).toBe('Changes requested');
  });

  it("a first roster signed by a stranger's key, made to come first, is not the roster", () => {
    const doc = revoked();
    const forged = newRecord(doc, stranger, { kind: 'roster', members: [member(stranger, 'Ben Ode', ['owner', 'approver', 'signatory'])] }, { at: new Date('2020-01-01T00:00:00.000Z'), after: [] });
    records(doc).insert(0, [JSON.parse(JSON.stringify(forged))]);
    const checked = verifyRecords(doc);
    expect(checked[0].reason).toMatch(/^Record 1 \(Roster changed, by unknown key .*\): the first roster must be signed by the message's creator \(key /);
    expect(messageState(doc).roster.map((m) => m.name)).toEqual(['Ann Lee', 'Ben Ode']);
    expect(messageState(doc).state).toBe('Changes requested');
  });

  it('concurrent records from two review copies are both kept, in the order of their signed times', () => {
    const doc = revoked();
    withdrawReview(doc, ann);
    const c1 = new Y.Doc({ gc: false });
    Y.applyUpdate(c1, Y.encodeStateAsUpdate(doc));
    const c2 = new Y.Doc({ gc: false });
    Y.applyUpdate(c2, Y.encodeStateAsUpdate(doc));
    changeRoster(c1, ann, [...ROSTER, member(stranger, 'Cat Ruiz', ['reviewer'])], { at: new Date('2026-03-02T10:00:00.000Z') });
    changeRoster(c2, ann, ROSTER.map((m) => ({ ...m, titles: ['Mayor’s office'] })), { at: new Date('2026-03-02T09:00:00.000Z') });
    Y.applyUpdate(c1, Y.encodeStateAsUpdate(c2));
    Y.applyUpdate(c2, Y.encodeStateAsUpdate(c1));
    for (const copy of [c1, c2]) {
      expect(verifyRecords(copy).every((c) => c.status !== 'invalid')).toBe(true);
      expect(messageState(copy).roster.map((m) => m.name)).toEqual(['Ann Lee', 'Ben Ode', 'Cat Ruiz']);
    }
  });
});
