// Three people of the City of Aldport and the sign-off they take a message through in-process,
// as the app would (a 'workflow' version before each step, so a certificate can name the text):
// for the export tests and the export benchmark.
import { sha256 } from '@noble/hashes/sha2.js';
import type * as Y from 'yjs';
import {
  personOf,
  type Member,
  type Role,
  type RosterMember,
  signerFromSecretKey,
  type Signer,
  approve,
  changeRoster,
  recordStepVersion,
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

function step(doc: Y.Doc, who: Someone, kind: Parameters<typeof recordStepVersion>[2], take: (signer: Signer) => void): void {
  recordStepVersion(doc, who.member as Member, kind);
  take(who.signer);
}

/** Amina sets the roster; up to Signed, Ben and Carmen approve and Carmen signs. */
export function signOff(doc: Y.Doc, upTo: 'Draft' | 'Signed'): void {
  step(doc, AMINA, 'roster', (signer) => changeRoster(doc, signer, [AMINA.member, BEN.member, CARMEN.member]));
  if (upTo === 'Draft') return;
  const plan = { approvers: [BEN.member.publicKey, CARMEN.member.publicKey], signatory: CARMEN.member.publicKey };
  step(doc, AMINA, 'review-requested', (signer) => sendForReview(doc, signer, plan));
  step(doc, BEN, 'approved', (signer) => approve(doc, signer, { comment: 'Approved.' }));
  step(doc, CARMEN, 'approved', (signer) => approve(doc, signer));
  step(doc, CARMEN, 'signed', (signer) => signMessage(doc, signer, { comment: 'For publication.' }));
}
