// The app's side of live co-editing, in the main process (the renderer's CSP keeps connect-src
// 'none'). The open message's own Doc, the one its .signet file is written from, is never handed to
// the provider: the provider syncs a wire copy, and changes cross between the two here. Local
// changes reach the file first and the wire after; what arrives from the server is checked as a
// merged copy is (nothing kept deleted, no record that does not verify) before it reaches the Doc,
// and so the file.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { newMessageDoc } from '../../../shared/document';
import type { Caret, LivePerson, LiveStatus } from '../../../shared/live';
import type { Signer } from '../../../shared/signoff';
import { checkKept } from '../review/merge';
import { connectionToken } from './auth';
import { checkRecords } from './gate';
import { presentIn } from './presence';
import { AWARENESS_CARET, AWARENESS_USER, refusalReason } from './protocol';

export type { LiveStatus };

export const OFFLINE = 'Live: offline — your changes are kept and will be sent';

export interface LiveClientOptions {
  /** The server's address, ws://host:port. */
  url: string;
  /** The message's id, its document name on the server. */
  name: string;
  /** The open message's Doc, the one its file is written from. */
  doc: Y.Doc;
  signer: Signer;
  /** The person's name on the roster and their caret colour, for "who is here". */
  user?: { name: string; color: string };
  onStatus?: (status: LiveStatus) => void;
  /** Someone came, went or moved their caret, or the text their caret is in arrived. */
  onPresence?: () => void;
}

/** The origin of changes that came from the server, so they are not sent back to it. */
export const FROM_LIVE = Symbol('from-live');
const FROM_LOCAL = Symbol('from-local');

export class LiveClient {
  private wire!: Y.Doc;
  private provider!: HocuspocusProvider;
  private socket!: HocuspocusProviderWebsocket;
  private destroyed = false;
  private current: LiveStatus = { state: 'connecting' };
  /** The server's reason while this client resyncs after a refusal; said once more when connected again. */
  private resyncing: string | undefined;
  private caret: Caret | null = null;
  private readonly onLocal = (update: Uint8Array, origin: unknown) => {
    if (origin !== FROM_LIVE) Y.applyUpdate(this.wire, update, FROM_LOCAL);
  };

  constructor(private readonly options: LiveClientOptions) {
    options.doc.on('update', this.onLocal);
    this.attach(Y.encodeStateAsUpdate(options.doc));
  }

  get status(): LiveStatus {
    return this.current;
  }

  /** Everyone connected to this message, this person included, and the others' carets (presence.ts checks them). */
  present(): LivePerson[] {
    const awareness = this.provider.awareness;
    return awareness ? presentIn(awareness.getStates(), awareness.clientID, this.options.doc) : [];
  }

  /** Tells the others where this person's caret is (null: not in the text). */
  setCaret(caret: Caret | null): void {
    this.caret = caret;
    this.provider.setAwarenessField(AWARENESS_CARET, caret);
  }

  /** Whether every local change has reached the server and been acknowledged. */
  get settled(): boolean {
    return this.provider.isSynced && !this.provider.hasUnsyncedChanges;
  }

  destroy(): void {
    this.destroyed = true;
    this.options.doc.off('update', this.onLocal);
    this.detach();
  }

  /** A wire copy seeded with `seed`, and a connection of its own for it. */
  private attach(seed: Uint8Array | null): void {
    this.socket = new HocuspocusProviderWebsocket({ url: this.options.url, WebSocketPolyfill: WebSocket, delay: 200, minDelay: 200, maxDelay: 2_000 });
    this.wire = newMessageDoc();
    if (seed) Y.applyUpdate(this.wire, seed, FROM_LOCAL);
    this.wire.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_LOCAL) this.receive(update);
    });
    const host = new URL(this.options.url).host;
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: this.options.name,
      document: this.wire,
      token: () => connectionToken(this.options.signer, this.options.name, host),
      onAuthenticationFailed: ({ reason }) => this.setStatus({ state: 'refused', reason }),
      onStateless: ({ payload }) => {
        const reason = refusalReason(payload);
        if (reason !== undefined) this.refused(reason);
      },
      onSynced: () => this.synced(),
      onDisconnect: () => this.current.state !== 'refused' && this.setStatus({ state: 'offline', detail: OFFLINE }),
      onAwarenessChange: () => this.options.onPresence?.(),
    });
    if (this.options.user) this.provider.setAwarenessField(AWARENESS_USER, this.options.user);
    if (this.caret) this.provider.setAwarenessField(AWARENESS_CARET, this.caret);
    this.provider.attach();
  }

  private detach(): void {
    this.provider.destroy();
    this.socket.destroy();
    this.wire.destroy();
  }

  /** A change from the server reaches the Doc (and the file) only if a merged copy's could. */
  private receive(update: Uint8Array): void {
    try {
      checkKept(this.options.doc, update);
      checkRecords(this.options.doc, update);
    } catch (error) {
      return this.setStatus({ state: 'refused', reason: `The server sent a change this copy will not take: ${(error as Error).message}` });
    }
    Y.applyUpdate(this.options.doc, update, FROM_LIVE);
    // A caret that came before the words it is in can be shown now.
    this.options.onPresence?.();
  }

  /**
   * The server refused a change: say so, and start again from the server's copy, so this client is
   * not left out of step. What was refused stays in the local file; only later changes are sent.
   */
  private refused(reason: string): void {
    // Told once: the server says it again as it closes, and the old connection may still be going.
    if (this.resyncing !== undefined) return;
    this.resyncing = reason;
    this.setStatus({ state: 'refused', reason });
    // Not from inside the provider's own handler.
    setTimeout(() => {
      if (this.destroyed) return;
      this.detach();
      this.attach(null);
    }, 0);
  }

  /**
   * In step with the server: connected, and after a resync, once, what it had refused. A refusal
   * with no resync (a key not let in, a change from the server this copy will not take) stands.
   */
  private synced(): void {
    const refused = this.resyncing;
    if (refused === undefined && this.current.state === 'refused') return;
    this.resyncing = undefined;
    this.setStatus(refused === undefined ? { state: 'connected' } : { state: 'connected', refused });
  }

  private setStatus(status: LiveStatus): void {
    this.current = status;
    this.options.onStatus?.(status);
  }
}
