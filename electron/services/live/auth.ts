// How a connection to a live server proves whose it is, with no password: the client signs, with the
// person's Ed25519 signing key, a challenge both sides derive (the message, the server's address as
// the client dialled it, the time and a fresh nonce). The server checks the signature, that the time
// is within a minute of its own, that the address is its own (so a token given to a hostile server
// is no good at another), and that the nonce was not used before (so a token overheard is no good
// twice). Which keys may connect is the message's roster's business (live/gate.ts), not this file's.
import { randomBytes } from 'node:crypto';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { HEX_KEY, publicKeyProblem, verifyEd25519, type Signer } from '../../../shared/signoff';

/** How far a token's time may be from the server's clock. */
export const TOKEN_WINDOW_MS = 60_000;

interface Token {
  v: 1;
  key: string;
  at: string;
  nonce: string;
  signature: string;
}

/** The bytes a token signs: nothing else could be mistaken for them (a record's bytes start differently). */
export function challengeBytes(documentName: string, host: string, at: string, nonce: string): Uint8Array {
  return new TextEncoder().encode(`signet live connection v1\n${documentName}\n${host.toLowerCase()}\n${at}\n${nonce}`);
}

/** A fresh token for connecting to `documentName` at `host` (host:port as in the server's address). */
export function connectionToken(signer: Signer, documentName: string, host: string, now = new Date()): string {
  const at = now.toISOString();
  const nonce = bytesToHex(randomBytes(16));
  const signature = bytesToHex(signer.sign(challengeBytes(documentName, host, at, nonce)));
  return JSON.stringify({ v: 1, key: signer.publicKey, at, nonce, signature } satisfies Token);
}

export class TokenRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenRefused';
  }
}

function parseToken(text: string): Token {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new TokenRefused('the connection did not say whose it is (not a Signet token)');
  }
  const t = raw as Partial<Token>;
  if (typeof raw !== 'object' || raw === null || t.v !== 1) throw new TokenRefused('the connection did not say whose it is (not a Signet token)');
  const problem = publicKeyProblem(t.key);
  if (problem) throw new TokenRefused(problem);
  if (typeof t.at !== 'string' || Number.isNaN(Date.parse(t.at))) throw new TokenRefused('the token has no time');
  if (typeof t.nonce !== 'string' || !/^[0-9a-f]{32}$/.test(t.nonce)) throw new TokenRefused('the token has no nonce');
  if (typeof t.signature !== 'string' || !/^[0-9a-f]{128}$/.test(t.signature)) throw new TokenRefused('the token has no signature');
  return t as Token;
}

/** Remembers the nonces of the last two windows, so a token is accepted once. */
export class TokenChecker {
  private readonly seen = new Map<string, number>();

  /** The key that signed `text` for this document at this host, or throws TokenRefused saying why. */
  check(text: string, documentName: string, host: string | undefined, now = Date.now()): string {
    const token = parseToken(text);
    if (!host) throw new TokenRefused('the connection did not name the server it was made to');
    const skew = Math.abs(now - Date.parse(token.at));
    if (skew > TOKEN_WINDOW_MS) throw new TokenRefused(`the token was made ${Math.round(skew / 1000)} s away from the server's time (check both clocks)`);
    if (!HEX_KEY.test(token.key) || !verifyEd25519(hexToBytes(token.signature), challengeBytes(documentName, host, token.at, token.nonce), token.key)) {
      throw new TokenRefused('the signature does not verify with the key it names');
    }
    this.forgetOld(now);
    if (this.seen.has(token.nonce)) throw new TokenRefused('this token was used before');
    this.seen.set(token.nonce, now);
    return token.key;
  }

  private forgetOld(now: number): void {
    for (const [nonce, at] of this.seen) {
      if (now - at <= 2 * TOKEN_WINDOW_MS) break;
      this.seen.delete(nonce);
    }
  }
}
