// Three people of the City of Aldport and the sign-off they take a message through in-process,
// as the app would (a 'workflow' version before each step, so a certificate can name the text):
// for the export tests and the export benchmark.
import { sha256 } from '@noble/hashes/sha2.js';
import type * as Y from 'yjs';
import { recordVersion } from '../../shared/history';
import {
  KIND_WORDS,
  personOf,
  type Member,
  type Role,
  type RosterMember,
  signerFromSecretKey,
  type Signer,
  approve,
  changeRoster,
  sendForReview,
  signMessage,
} from '../../shared/signoff';

export interface Someone {
  signer: Signer;
  member: RosterMember;
}

function someone(name: string, title: string, roles: Role[]): Someone {
  // Fixed keys: a page's layout (and so what pdftotext reads) must not depend on random fingerprints.
  const signer = signerFromSecretKey(sha256(new TextEncoder().encode(`signet test key: ${name}`)));
  const slug = name.toLowerCase().replace(' ', '.');
  return { signer, member: { publicKey: signer.publicKey, name, titles: [title], organisation: 'City of Aldport', email: `${slug}@aldport.example`, roles } };
}

export const AMINA = someone('Amina Yusuf', 'Head of Speechwriting', ['owner', 'author']);
export const BEN = someone('Ben Okafor', 'Chief of Staff', ['approver']);
export const CARMEN = someone('Carmen Ruiz', 'Mayor', ['approver', 'signatory']);

/** The author, as versions and attribution name her. */
export const AUTHOR = personOf(AMINA.member);

/**
 * A clock for the sign-off: 2 December 2026, 09:00 UTC, and a minute later at every step, so that a
 * copy's certificate (its times, and so its layout) is the same on every run, whatever the date.
 */
export const SIGNED_FROM = Date.parse('2026-12-02T09:00:00.000Z');
const minutes = (n: number) => new Date(SIGNED_FROM + n * 60_000);

/** When the export tests export: after the last step. */
export const EXPORTED_AT = minutes(30).toISOString();

type StepKind = keyof typeof KIND_WORDS;

// The 'workflow' version before a step, as recordStepVersion makes it, but at the step's time.
function step(doc: Y.Doc, who: Someone, kind: StepKind, n: number, take: (signer: Signer, at: Date) => void): void {
  recordVersion(doc, { kind: 'workflow', author: personOf(who.member as Member), name: KIND_WORDS[kind], at: minutes(n) });
  take(who.signer, minutes(n));
}

/** Amina sets the roster; up to Signed, Ben and Carmen approve and Carmen signs, a minute apart. */
export function signOff(doc: Y.Doc, upTo: 'Draft' | 'Signed'): void {
  step(doc, AMINA, 'roster', 1, (signer, at) => changeRoster(doc, signer, [AMINA.member, BEN.member, CARMEN.member], { at }));
  if (upTo === 'Draft') return;
  const plan = { approvers: [BEN.member.publicKey, CARMEN.member.publicKey], signatory: CARMEN.member.publicKey };
  step(doc, AMINA, 'review-requested', 2, (signer, at) => sendForReview(doc, signer, plan, { at }));
  step(doc, BEN, 'approved', 3, (signer, at) => approve(doc, signer, { comment: 'Approved.', at }));
  step(doc, CARMEN, 'approved', 4, (signer, at) => approve(doc, signer, { at }));
  step(doc, CARMEN, 'signed', 5, (signer, at) => signMessage(doc, signer, { comment: 'For publication.', at }));
}
