import { describe, expect, it } from 'vitest';
import { JwksCache } from './jwks-cache.js';
import { PemKeySource } from './key-source.js';
import { parseCompactJws } from './parse-compact-jws.js';
import { sessionClaims, signRs, testKeyPair } from './test-support/mint.js';
import { sameBytesRewrites, signWithSpareBits } from './test-support/rewrite-token.js';
import { type VerifiedJwt, verifyJwt } from './verify-jwt.js';

const pair = testKeyPair();

function reasonOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return (error as { reason: string }).reason;
  }
}

describe('verifyJwt', () => {
  it('is synchronous on Node with a PEM key, and serves a second call from the cache', () => {
    const source = new PemKeySource(pair.pem);
    const token = signRs(sessionClaims(), pair);
    const first = verifyJwt(token, source, {});
    expect('then' in first).toBe(false);
    expect(verifyJwt(token, source, {})).toBe(first);
  });

  it('accepts only the header types asked for, on the first call and on cache hits', () => {
    const source = new PemKeySource(pair.pem);
    const oauth = signRs(sessionClaims(), pair, { typ: 'at+jwt' });
    expect(reasonOf(() => verifyJwt(oauth, source, {}))).toBe('wrong_token_type');
    verifyJwt(oauth, source, {}, ['at+jwt']);
    expect(reasonOf(() => verifyJwt(oauth, source, {}))).toBe('wrong_token_type');
  });

  it('refuses a token whose alg differs from the alg its JWK names', async () => {
    const jwks = new JwksCache({ loadJwks: async () => ({ keys: [{ ...pair.jwk, alg: 'RS256' }] }) });
    const token = signRs(sessionClaims(), pair, { alg: 'RS512' });
    await expect(Promise.resolve().then(() => verifyJwt(token, jwks, {}))).rejects.toMatchObject({
      reason: 'unsupported_alg',
    });
  });

  it('refuses rewritten tokens with a Web Crypto key too (Hardening finding 9)', async () => {
    const source = new PemKeySource(pair.pem, { runtime: 'web' });
    const token = signWithSpareBits(pair);
    for (const [how, rewritten] of sameBytesRewrites(token)) {
      await expect(
        Promise.resolve().then(() => verifyJwt(rewritten, source, {})),
        how,
      ).rejects.toMatchObject({
        reason: 'malformed',
      });
    }
    await expect(verifyJwt(token, source, {})).resolves.toMatchObject({ payload: { sub: 'user_2alice' } });
  });

  it('reuses a decode it is given instead of decoding again', () => {
    const source = new PemKeySource(pair.pem);
    const token = signRs(sessionClaims({ sub: 'user_from_parse' }), pair);
    const parsed = parseCompactJws(token);
    const verified = verifyJwt(token, source, {}, undefined, parsed) as VerifiedJwt;
    // The very payload object of the given decode: a second decode would have made a new one.
    expect(verified.payload).toBe(parsed.payload);
    expect(verified.payload.sub).toBe('user_from_parse');
  });
});
