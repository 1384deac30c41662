// A message's sign-off in the main process: where it stands (from the records that verify) and
// what this person may do, and taking a step as them with their key. The rules are shared/signoff's;
// this module holds what needs this person's profile, key and member cards.
import type * as Y from 'yjs';
import type { SignoffStatus, SignoffStep } from '../../../shared/ipc';
import { messageDigest, shortDigest } from '../../../shared/document';
import { recordVersion, type Person } from '../../../shared/history';
import { stepSource } from '../../../shared/version-names';
import {
  KIND_WORDS,
  allowedActions,
  approve,
  changeRoster,
  fingerprint,
  messageState,
  personOf,
  requestChanges,
  sendForReview,
  signMessage,
  startRevision,
  withdrawReview,
  type CheckedRecord,
  type Member,
  type RecordKind,
  type RosterMember,
} from '../../../shared/signoff';
import { listSuggestions, openSuggestionsProblem } from '../../../shared/review';
import { UserError } from '../errors';
import { recordView, versionsByDigest } from './audit';
import type { Contacts } from './contacts';
import type { Profiles } from './profile';
import { told } from './refusals';

/** The record each step makes. */
const KIND_OF: Record<SignoffStep['action'], RecordKind> = {
  'change-roster': 'roster',
  'request-review': 'review-requested',
  withdraw: 'withdrawn',
  approve: 'approved',
  'request-changes': 'changes-requested',
  sign: 'signed',
  'start-revision': 'revision-started',
};

export class SignoffWorkflow {
  constructor(
    private readonly profiles: Profiles,
    private readonly contacts: Contacts,
  ) {}

  /** Where the message stands, from the records that verify, and what this person may do. */
  async status(doc: Y.Doc): Promise<SignoffStatus> {
    const key = (await this.profiles.profile())?.publicKey ?? null;
    const now = messageState(doc);
    const versions = versionsByDigest(doc);
    const keyOf = (c: CheckedRecord) => c.record!.signer;
    return {
      state: now.state,
      digest: now.digest,
      shortDigest: shortDigest(now.digest),
      roster: now.roster.map(({ publicKey, name, titles, organisation, email, roles }) => ({ publicKey, name, titles, organisation, email, roles })),
      requiredApprovers: now.requiredApprovers.map((m) => m.publicKey),
      ordered: now.ordered,
      signatory: now.signatory?.publicKey ?? null,
      dueDate: now.dueDate,
      approvedBy: now.approvals.map(keyOf),
      staleApprovedBy: now.staleApprovals.map(keyOf),
      textLocked: now.textLocked,
      openSuggestions: listSuggestions(doc).length,
      myRoles: now.roster.find((m) => m.publicKey === key)?.roles ?? [],
      actions: key ? allowedActions(now, key) : [],
      records: now.records.map((c) => recordView(c, versions)),
    };
  }

  /**
   * Takes a step as this person. The record and a 'workflow' version named after it ("Approved by
   * Ben Okafor") are written in one transaction, the record first: a step that is refused throws
   * before anything is written, so there is never a version of a step that was not taken, and the
   * version holds exactly the text the record is about.
   */
  async step(doc: Y.Doc, step: SignoffStep): Promise<void> {
    const { profile, signer } = await this.profiles.ready();
    if ((step.action === 'approve' || step.action === 'sign') && step.digest !== messageDigest(doc)) {
      const verb = step.action === 'approve' ? 'approve' : 'sign';
      throw new UserError('forbidden', `You cannot ${verb}: the text changed since you read it; read it again.`);
    }
    // Approvals are for the text as it stands: every proposal in it is decided first.
    const open = step.action === 'request-review' ? openSuggestionsProblem(doc) : null;
    if (open) throw new UserError('forbidden', `${open[0].toUpperCase()}${open.slice(1)}.`);
    const members = step.action === 'change-roster' ? await this.rosterFor(doc, step.members) : [];
    const kind = KIND_OF[step.action];
    const author: Person = personOf(profile);
    try {
      doc.transact(() => {
        switch (step.action) {
          case 'change-roster':
            changeRoster(doc, signer, members);
            break;
          case 'request-review':
            sendForReview(doc, signer, { approvers: step.approvers, ordered: step.ordered, signatory: step.signatory, due: step.due });
            break;
          case 'withdraw':
            withdrawReview(doc, signer);
            break;
          case 'approve':
            approve(doc, signer, { comment: step.comment });
            break;
          case 'request-changes':
            requestChanges(doc, signer, step.comment);
            break;
          case 'sign':
            signMessage(doc, signer, { comment: step.comment });
            break;
          case 'start-revision':
            startRevision(doc, signer);
            break;
        }
        recordVersion(doc, { kind: 'workflow', author, name: `${KIND_WORDS[kind]} by ${profile.name}`, source: stepSource(kind) });
      });
    } catch (error) {
      throw told(error);
    }
  }

  /** The members of a new roster from the cards this person has: their own, their contacts', the roster's now. */
  private async rosterFor(doc: Y.Doc, wanted: { publicKey: string; roles: RosterMember['roles'] }[]): Promise<RosterMember[]> {
    const known = new Map<string, Member>();
    for (const m of messageState(doc).roster) known.set(m.publicKey, m);
    for (const m of await this.contacts.list()) known.set(m.publicKey, m);
    const mine = await this.profiles.profile();
    if (mine) known.set(mine.publicKey, mine);
    return wanted.map(({ publicKey, roles }) => {
      const card = known.get(publicKey);
      if (!card) throw new UserError('not-found', `There is no member card for the key ${fingerprint(publicKey)}: import their card first.`);
      const { name, titles, organisation, email } = card;
      return { publicKey, name, titles, organisation, email, roles: [...roles] };
    });
  }

  /** Every event in the message's life, newest first. */
}
