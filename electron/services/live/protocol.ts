// What a Signet live server and its clients agree on beyond Hocuspocus's own protocol: how a refused
// change is told (a stateless message, then the document's connection closed with the same reason,
// both Hocuspocus's own means), and where in a Hocuspocus message a Yjs update sits. The client
// imports this file too, so it needs no server package.
import * as decoding from 'lib0/decoding';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';

/** Hocuspocus's message types (its types.ts): the two that carry Yjs sync messages, and a broadcast. */
const SYNC_TYPES = new Set([0, 4]);
const AWARENESS = 1;
const BROADCAST_STATELESS = 6;

/**
 * Where a client says who it is in its awareness state: `{ user: { name, color } }`, the name being
 * the person's name on the roster (the server refuses any other, so "who is here" cannot be forged).
 */
export const AWARENESS_USER = 'user';

/** Where a client says where its person's caret is: shared/live's `Caret`, checked by every receiver. */
export const AWARENESS_CARET = 'caret';

/** One client's entry in an awareness update: its state, or null when it leaves. */
export interface Presence {
  clientID: number;
  state: Record<string, unknown> | null;
}

/** The default port of `signet serve`, where the app's address check (shared/live) also needs it. */
export { DEFAULT_PORT } from '../../../shared/live/address';

/** The close code a refused change ends its document's connection with (4000-4999: the application's). */
export const REFUSED_CODE = 4403;

interface Refusal {
  signet: 'refused';
  reason: string;
}

/** The stateless message that tells a connection its change was refused, and why. */
export const refusalMessage = (reason: string): string => JSON.stringify({ signet: 'refused', reason } satisfies Refusal);

/** The reason of a refusal message, or undefined for any other stateless message. */
export function refusalReason(payload: string): string | undefined {
  try {
    const parsed = JSON.parse(payload) as Partial<Refusal>;
    return parsed?.signet === 'refused' && typeof parsed.reason === 'string' ? parsed.reason : undefined;
  } catch {
    return undefined;
  }
}

/** What one Hocuspocus message a client sends carries, as far as the server's checks care. */
export type Carried = { kind: 'update'; update: Uint8Array } | { kind: 'awareness'; presences: Presence[] } | { kind: 'broadcast' } | { kind: 'other' };

/** The entries of an awareness update, as y-protocols encodes them. */
function presencesIn(update: Uint8Array): Presence[] {
  const decoder = decoding.createDecoder(update);
  return Array.from({ length: decoding.readVarUint(decoder) }, () => {
    const clientID = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    return { clientID, state: JSON.parse(decoding.readVarString(decoder)) as Record<string, unknown> | null };
  });
}

/**
 * Whether one Hocuspocus message carries a Yjs update (a sync step 2 or an update), awareness (who
 * is here, and where), a stateless message for everyone, or anything else (a sync step 1, a
 * stateless message for the server). Throws on a message that cannot be read.
 */
export function carriedBy(message: Uint8Array): Carried {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type === BROADCAST_STATELESS) return { kind: 'broadcast' };
  if (type === AWARENESS) return { kind: 'awareness', presences: presencesIn(decoding.readVarUint8Array(decoder)) };
  if (!SYNC_TYPES.has(type)) return { kind: 'other' };
  const step = decoding.readVarUint(decoder);
  return step === messageYjsSyncStep2 || step === messageYjsUpdate ? { kind: 'update', update: decoding.readVarUint8Array(decoder) } : { kind: 'other' };
}
