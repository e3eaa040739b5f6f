import { describe, expect, it } from 'vitest';
import { PemKeySource, pemKeySource } from './key-source.js';
import { parseCompactJws } from './parse-compact-jws.js';
import { sessionClaims, signRs, testKeyPair } from './test-support/mint.js';
import { verifyJwt } from './verify-jwt.js';

describe('PEM key sources', () => {
  it('import a PEM once per process: the same PEM gives the same source', () => {
    const pem = testKeyPair().pem;
    expect(pemKeySource(pem)).toBe(pemKeySource(pem));
    expect(pemKeySource(testKeyPair('other').pem)).not.toBe(pemKeySource(pem));
  });

  it('resolve every kid to the one key, as Clerk does with CLERK_JWT_KEY', async () => {
    const pair = testKeyPair();
    const source = new PemKeySource(pair.pem);
    const { signingInput, signature } = parseCompactJws(signRs(sessionClaims(), pair, { kid: 'anything' }));
    expect(source.resolveKey('anything')).toBe(source.resolveKey(undefined));
    expect(await source.resolveKey(undefined).verify('RS256', signingInput, signature)).toBe(true);
  });

  it('keep separate verified-token caches: a token verified under one key never counts under another', () => {
    const pair = testKeyPair();
    const mine = new PemKeySource(pair.pem);
    const theirs = new PemKeySource(testKeyPair('other').pem);
    const token = signRs(sessionClaims(), pair);
    verifyJwt(token, mine, {});
    expect(mine.verifiedTokens.size).toBe(1);
    expect(() => verifyJwt(token, theirs, {})).toThrow(expect.objectContaining({ reason: 'bad_signature' }));
    expect(theirs.verifiedTokens.size).toBe(0);
  });

  it('refuse a PEM that is not an RSA public key', () => {
    expect(() => new PemKeySource('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toThrow(
      expect.objectContaining({ code: 'ERR_TOKEN_KEY_INVALID' }),
    );
  });
});
