// "Open from server…": a colleague takes a live message they have no file of. The server's copy is
// fetched into a scratch Doc on a connection of its own (never into an open message's Doc, so the
// live client's rule that a server copy does not fill an empty message stands), checked as a
// stranger's file is (server-copy.ts), and only then written as a new file in the library: temp
// file, flush, link, never over an existing one. A message already in the library is not fetched:
// that file is the one to open and join.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { newMessageDoc, readMeta } from '../../../shared/document';
import type { MessageSummary } from '../../../shared/ipc';
import type { Member, Signer } from '../../../shared/signoff';
import { UserError } from '../errors';
import { createMessageFile } from '../files/message-store';
import { freeFileName } from '../library/library';
import { connectionToken } from './auth';
import { checkServerCopy } from './server-copy';

/** How long the server has to let this person in and send its copy. */
const FETCH_MS = 15_000;

/**
 * The server's whole copy of message `name`, in a scratch Doc, once the server has sent it (its
 * first sync); rejects with the server's reason when it refuses the key, or when it cannot be
 * reached or does not answer in time. The connection is closed either way.
 */
export function fetchServerCopy(url: string, name: string, signer: Signer, ms = FETCH_MS): Promise<Y.Doc> {
  const host = new URL(url).host;
  const copy = newMessageDoc();
  // One attempt, dialled here, so that a server that is not there is said to be so (not retried for ever).
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket, maxAttempts: 1, autoConnect: false });
  let provider: HocuspocusProvider | undefined;
  let ended = false;
  const unreachable = () => new UserError('io', `The live server at ${host} could not be reached, or closed the connection before it sent the message.`);
  return new Promise<Y.Doc>((resolve, reject) => {
    const end = (settle: () => void) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      // Not from inside the provider's own handler.
      setTimeout(() => {
        provider?.destroy();
        socket.destroy();
      }, 0);
      settle();
    };
    const timer = setTimeout(() => end(() => reject(new UserError('io', `The live server at ${host} did not send the message within ${ms / 1000} s.`))), ms);
    provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: copy,
      token: () => connectionToken(signer, name, host),
      onAuthenticationFailed: ({ reason }) => end(() => reject(new UserError('forbidden', `The live server at ${host} refused: ${reason}`))),
      onSynced: () => end(() => resolve(copy)),
      onClose: () => end(() => reject(unreachable())),
    });
    provider.attach();
    socket.connect().catch(() => end(() => reject(unreachable())));
  }).catch((error: unknown) => {
    copy.destroy();
    throw error;
  });
}

/** Writes `doc` as a new message file in `folder`, named after its title, never over a file there. */
export async function writeNewMessage(folder: string, doc: Y.Doc): Promise<string> {
  for (;;) {
    const path = await freeFileName(folder, readMeta(doc).title);
    try {
      await createMessageFile(path, doc);
      return path;
    } catch (error) {
      // Taken since it was found free: the next name.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

export interface TakeOptions {
  url: string;
  id: string;
  signer: Signer;
  ownKey: string;
  /** The member cards the person has imported. */
  cards: readonly Member[];
  folder: string;
  /** The messages in the library now. */
  library: () => Promise<MessageSummary[]>;
}

/** The library file of message `id`: the one already there (`existing`), or a new one made of the server's copy. */
export async function takeFromServer(options: TakeOptions): Promise<{ path: string; existing: boolean }> {
  const have = (await options.library()).find((m) => m.id === options.id);
  if (have) return { path: have.path, existing: true };
  const copy = await fetchServerCopy(options.url, options.id, options.signer);
  try {
    checkServerCopy(copy, options.id, options.ownKey, options.cards);
    return { path: await writeNewMessage(options.folder, copy), existing: false };
  } finally {
    copy.destroy();
  }
}
