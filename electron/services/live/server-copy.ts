// What "Open from server…" accepts of a server's copy of a message the person has no file of. The
// server is not trusted, so its copy must stand by itself, as a file from a stranger must: whole,
// the message asked for, no deeper than Signet reads, every sign-off record verifying, every roster
// signed by a key the person has a member card of (or their own), and the person on the roster in
// force. A copy that fails any of these becomes no file; the refusal says which.
import type * as Y from 'yjs';
import { readMeta } from '../../../shared/document';
import { fingerprint, messageState, type Member } from '../../../shared/signoff';
import { UserError } from '../errors';
import { deepestNesting, MAX_NESTING } from '../files/nesting';

const refused = (why: string) => new UserError('forbidden', `${why} Nothing was written.`);

/** Throws a UserError saying why, unless `copy` may become the person's file of message `id`. */
export function checkServerCopy(copy: Y.Doc, id: string, ownKey: string, cards: readonly Member[]): void {
  if (copy.store.clients.size === 0) throw new UserError('not-found', `The server has no message "${id}": check the id, or ask its owner to work on it live first.`);
  if (copy.store.pendingStructs || copy.store.pendingDs) throw refused("The server's copy is not whole: it depends on changes it did not send.");
  const meta = readMeta(copy);
  if (meta.id !== id) throw refused(`The server sent another message (${meta.id ? `"${meta.id}"` : 'not a message'}) for "${id}".`);
  const depth = deepestNesting(copy).depth;
  if (depth > MAX_NESTING) throw refused(`The server's copy is nested ${depth} levels deep, more than the ${MAX_NESTING} Signet reads.`);
  const now = messageState(copy);
  const invalid = now.records.find((r) => r.status === 'invalid');
  if (invalid) throw refused(`The server's copy of "${meta.title}" carries a sign-off record that does not verify (${invalid.reason}).`);
  if (now.roster.length === 0) throw refused(`The server's copy of "${meta.title}" has no roster, so no owner vouches for it.`);
  const known = new Set([ownKey, ...cards.map((c) => c.publicKey)]);
  for (const { record, signerName } of now.records) {
    if (record?.kind !== 'roster' || known.has(record.signer)) continue;
    throw refused(
      `The roster of "${meta.title}" was signed by key ${fingerprint(record.signer)} ("${signerName}"), whose member card you have not imported: ` +
        'ask that owner for their card and import it (Settings, Import a member card…), then try again.',
    );
  }
  if (!now.roster.some((m) => m.publicKey === ownKey)) throw refused(`Your key ${fingerprint(ownKey)} is not on the roster of "${meta.title}"; ask its owner to add you.`);
}
