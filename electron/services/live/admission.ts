// Who a live server lets into a message: a connection whose token proves a key (live/auth.ts), made
// for this server's address, whose key is on the message's roster in force. A message the server
// does not hold yet admits any proven key: only its owner can bring its first copy (live/gate.ts),
// and a key that is not on that copy's roster is put out before the copy is applied.
import type { onAuthenticatePayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { newMessageDoc, readMeta } from '../../../shared/document';
import { fingerprint } from '../../../shared/signoff';
import { TokenChecker, TokenRefused } from './auth';
import { isEmptyMessage, LiveGate, LiveRefusal } from './gate';
import type { LiveStore } from './store';

/** What the server knows of a connection once it is admitted (Hocuspocus's context). */
export interface Who {
  publicKey: string;
  /** The person's name and roles as the roster has them, or their key's fingerprint on a new message. */
  name: string;
  roles: string;
  /** The message's title, '' for a message the server does not hold yet. */
  title: string;
  /** The awareness client this connection speaks for: the first it named. */
  awarenessClient?: number;
  /** Set once a change of theirs is refused: the rest of what they sent on that connection is too. */
  refused?: string;
}

/** The roles said of a key let in to a message the server does not hold yet. */
export const NEW_MESSAGE = 'new message';

export class Admission {
  private readonly tokens = new TokenChecker();

  constructor(
    private readonly gate: LiveGate,
    private readonly store: LiveStore,
    /** The `host:port`s (lower case) this server answers to. */
    private readonly addresses: () => ReadonlySet<string>,
  ) {}

  /** The person a connection is, or throws (a LiveRefusal or TokenRefused) with the reason the client is told. */
  async admit({ token, documentName, requestHeaders, instance }: onAuthenticatePayload): Promise<Who> {
    const host = (requestHeaders.host ?? '').toLowerCase();
    if (!this.addresses().has(host)) throw new TokenRefused(`the connection was made to ${host || 'no address'}, which is not this server's address`);
    const publicKey = this.tokens.check(token, documentName, host);
    const loaded = instance.documents.get(documentName);
    const doc = loaded ?? (await this.stored(documentName));
    try {
      if (isEmptyMessage(doc)) return { publicKey, name: `key ${fingerprint(publicKey)}`, roles: NEW_MESSAGE, title: '' };
      const member = this.gate.member(doc, publicKey);
      const { title } = readMeta(doc);
      if (!member) throw new LiveRefusal(`The key ${fingerprint(publicKey)} is not on the roster of "${title}"; ask its owner to add you.`);
      return { publicKey, name: member.name, roles: member.roles.join(', '), title };
    } finally {
      if (!loaded) doc.destroy();
    }
  }

  private async stored(name: string): Promise<Y.Doc> {
    const doc = newMessageDoc();
    const state = await this.store.fetch(name);
    if (state) Y.applyUpdate(doc, state);
    return doc;
  }
}
