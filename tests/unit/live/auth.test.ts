// The live server's proof of whose a connection is: a signed, derived challenge, accepted once.
import { describe, expect, it } from 'vitest';
import { connectionToken, TokenChecker, TokenRefused } from '../../../electron/services/live/auth';
import { AMINA, BEN } from '../../helpers/signed';

const HOST = '127.0.0.1:4321';

describe('connection tokens', () => {
  it('admits the key that signed, once', () => {
    const checker = new TokenChecker();
    const token = connectionToken(AMINA.signer, 'msg-1', HOST);
    expect(checker.check(token, 'msg-1', HOST)).toBe(AMINA.signer.publicKey);
    expect(() => checker.check(token, 'msg-1', HOST)).toThrow(/used before/);
  });

  it('refuses a token for another message, another server, an old time or a borrowed key', () => {
    const checker = new TokenChecker();
    expect(() => checker.check(connectionToken(AMINA.signer, 'msg-1', HOST), 'msg-2', HOST)).toThrow(TokenRefused);
    expect(() => checker.check(connectionToken(AMINA.signer, 'msg-1', HOST), 'msg-1', 'evil.example:4321')).toThrow(/does not verify/);
    const old = connectionToken(AMINA.signer, 'msg-1', HOST, new Date(Date.now() - 5 * 60_000));
    expect(() => checker.check(old, 'msg-1', HOST)).toThrow(/away from the server's time/);
    const borrowed = { ...JSON.parse(connectionToken(AMINA.signer, 'msg-1', HOST)), key: BEN.signer.publicKey };
    expect(() => checker.check(JSON.stringify(borrowed), 'msg-1', HOST)).toThrow(/does not verify/);
    expect(() => checker.check('password123', 'msg-1', HOST)).toThrow(/not a Signet token/);
  });
});
