// What the app shows of a message's live session: the server, how the connection stands, who is
// here and where their carets are. The main process (electron/services/live/sessions.ts) makes it;
// the editor draws it.
import type { Caret } from './caret';

/** How a live connection stands, as the app's client reports it (electron/services/live/client.ts). */
export type LiveStatus =
  | { state: 'connecting' }
  /** `refused`: on the first connection after a resync only, what the server refused before it. */
  | { state: 'connected'; refused?: string }
  | { state: 'offline'; detail: string }
  | { state: 'refused'; reason: string };

/** Someone connected to the message, under their roster name, with their caret colour. */
export interface LivePerson {
  /** Their connection's awareness client, which tells two connections of one person apart. */
  client: number;
  name: string;
  color: string;
  /** Where their caret and selection are in the text; null for this person, or when it is nowhere in it. */
  caret: Caret | null;
}

export interface LiveSession {
  /** The message's id, its name on the server: what a colleague types to open it from there. */
  id: string;
  /** The server's host and port, as the person may read it back. */
  server: string;
  status: LiveStatus;
  /** Everyone connected to this message, this person included. */
  present: LivePerson[];
}
