// What a live server lets into a message: each change a connection sends is checked against the
// server's copy before it is applied, with the checks the app applies to the editor and to a merged
// copy (no second copy of them here). Who may connect, and the first copy of a new message, are
// decided here too. A refusal is a LiveRefusal whose reason the sender is told.
import * as Y from 'yjs';
import { newMessageDoc, readMeta, updateEffect } from '../../../shared/document';
import { describeKeptChanges, keptChanges } from '../../../shared/review';
import { fingerprint, messageState, RECORDS, verifyRecords, type RosterMember } from '../../../shared/signoff';
import { UserError } from '../errors';
import { TextLock } from '../signoff/text-lock';

export class LiveRefusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'LiveRefusal';
  }
}

/** Whether the server's copy is still empty: nobody has brought the message yet. */
export const isEmptyMessage = (doc: Y.Doc): boolean => doc.store.clients.size === 0;

/** An update that adds nothing and deletes nothing (a client with nothing the server lacks). */
const isEmptyUpdate = (update: Uint8Array): boolean => {
  const meta = Y.parseUpdateMeta(update);
  return meta.to.size === 0 && Y.decodeUpdate(update).ds.clients.size === 0;
};

const invalidCount = (doc: Y.Doc): number => verifyRecords(doc).filter((r) => r.status === 'invalid').length;

export class LiveGate {
  private readonly textLock: TextLock;

  /** `checked` tells the origins of changes that went through this gate (the server's connections). */
  constructor(checked: (origin: unknown) => boolean) {
    this.textLock = new TextLock(checked);
  }

  /** The member a key is on the roster of `doc` as, or undefined. */
  member(doc: Y.Doc, publicKey: string): RosterMember | undefined {
    return this.textLock.member(doc, publicKey);
  }

  /**
   * Throws LiveRefusal unless `publicKey` may send `update` into the message `doc` named `name`.
   * An empty message takes only a first copy that is this message, whole: see checkFirstCopy.
   */
  check(name: string, doc: Y.Doc, update: Uint8Array, publicKey: string): void {
    if (isEmptyUpdate(update)) return;
    if (isEmptyMessage(doc)) return checkFirstCopy(name, update, publicKey);
    const kept = keptChanges(doc, update);
    if (kept) throw new LiveRefusal(`This change ${describeKeptChanges(kept)}; it was not applied.`);
    try {
      this.textLock.guardMemberUpdate(doc, update, publicKey);
    } catch (error) {
      if (error instanceof UserError) throw new LiveRefusal(error.message);
      throw error;
    }
    if (updateEffect(doc, update).added.some((a) => a.place?.root === RECORDS)) checkRecords(doc, update);
  }
}

/** Refuses an update that adds a sign-off record that does not verify (or makes one stop verifying). */
export function checkRecords(doc: Y.Doc, update: Uint8Array): void {
  const probe = newMessageDoc();
  try {
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(probe, update);
    if (invalidCount(probe) > invalidCount(doc)) {
      const bad = verifyRecords(probe).filter((r) => r.status === 'invalid').at(-1);
      throw new LiveRefusal(`This change carries a sign-off record that does not verify (${bad?.reason ?? 'invalid'}); it was not applied.`);
    }
  } finally {
    probe.destroy();
  }
}

/**
 * The first copy of a message on this server, which every later check stands on, so it must be
 * trustworthy by itself: it is a whole message whose id is the document's name, its roster and
 * every record verify (the first roster is signed by its owner, as the app makes it), and it is
 * brought by an owner on that roster. A key that is not the owner's cannot start a message under
 * someone else's roster, since it cannot sign one; an owner can only bring what they could send
 * as a file anyway.
 */
export function checkFirstCopy(name: string, update: Uint8Array, publicKey: string): void {
  const probe = newMessageDoc();
  try {
    Y.applyUpdate(probe, update);
    if (probe.store.pendingStructs || probe.store.pendingDs) throw new LiveRefusal('The first copy of a message must be whole; this one depends on changes the server does not have.');
    const id = readMeta(probe).id;
    if (id !== name) throw new LiveRefusal(`The first copy of "${name}" must be that message; this one is ${id ? `"${id}"` : 'not a message'}.`);
    const now = messageState(probe);
    const invalid = now.records.find((r) => r.status === 'invalid');
    if (invalid) throw new LiveRefusal(`The first copy of this message carries a sign-off record that does not verify (${invalid.reason}); nothing was applied.`);
    const owner = now.roster.find((m) => m.publicKey === publicKey);
    if (!owner?.roles.includes('owner')) {
      const whose = owner ? `${owner.name} is not its owner` : `the key ${fingerprint(publicKey)} is not on its roster`;
      throw new LiveRefusal(`Only the message's owner brings it to the server first (with a roster); ${whose}.`);
    }
  } finally {
    probe.destroy();
  }
}
