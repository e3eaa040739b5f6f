import { describe, expect, it } from 'vitest';
import { TokenVerificationError } from '../token-verification-error.js';
import { nowSeconds, sessionClaims, signRs, testKeyPair } from './test-support/mint.js';
import { sameBytesRewrites, signWithSpareBits } from './test-support/rewrite-token.js';
import { JWT_CATEGORY_M2M_TOKEN } from './token-category.js';
import { verifyRequestToken } from './verify-request-token.js';
import { verifyToken, verifyTokenResult } from './verify-token.js';

const pair = testKeyPair();

async function reasonOf(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(TokenVerificationError);
    return (error as TokenVerificationError).reason;
  }
}

describe('verifyToken (as exported by @clerk/backend)', () => {
  it('resolves with the payload of a valid token', async () => {
    const claims = sessionClaims();
    expect(await verifyToken(signRs(claims, pair), { jwtKey: pair.pem })).toEqual(claims);
  });

  it('returns a payload the caller may change without affecting later verifications', async () => {
    const token = signRs(sessionClaims(), pair);
    const first = await verifyToken(token, { jwtKey: pair.pem });
    first.sub = 'user_tampered';
    expect((await verifyToken(token, { jwtKey: pair.pem })).sub).toBe('user_2alice');
  });

  it('accepts a JWT-template token (no sid), as @clerk/backend does', async () => {
    const payload = await verifyToken(signRs({ sub: 'user_1', exp: nowSeconds() + 60, aud: 'supabase' }, pair), {
      jwtKey: pair.pem,
      audience: 'supabase',
    });
    expect(payload.sub).toBe('user_1');
  });

  it('rejects with a typed TokenVerificationError', async () => {
    expect(
      await reasonOf(verifyToken(signRs(sessionClaims({ exp: nowSeconds() - 60 }), pair), { jwtKey: pair.pem })),
    ).toBe('expired');
    expect(await reasonOf(verifyToken('garbage', { jwtKey: pair.pem }))).toBe('malformed');
    expect(await reasonOf(verifyToken(signRs(sessionClaims(), pair), {}))).toBe('key_unavailable');
    expect(await reasonOf(verifyToken(signRs(sessionClaims(), pair), { jwtKey: 'nonsense' }))).toBe('invalid_key');
    expect(await reasonOf(verifyToken(undefined as unknown as string, { jwtKey: pair.pem }))).toBe('malformed');
  });

  it('refuses an M2M-category JWT, as @clerk/backend does', async () => {
    const token = signRs(sessionClaims(), pair, { cat: JWT_CATEGORY_M2M_TOKEN });
    expect(await reasonOf(verifyToken(token, { jwtKey: pair.pem }))).toBe('wrong_token_type');
  });

  it('refuses a token rewritten into another string of the same bytes (Hardening finding 9)', async () => {
    const token = signWithSpareBits(pair);
    for (const [how, rewritten] of sameBytesRewrites(token)) {
      expect(await reasonOf(verifyToken(rewritten, { jwtKey: pair.pem })), how).toBe('malformed');
    }
    // Refused before and after the original is verified (and cached) alike.
    expect((await verifyToken(token, { jwtKey: pair.pem })).sub).toBe('user_2alice');
    for (const [how, rewritten] of sameBytesRewrites(token)) {
      expect(await reasonOf(verifyToken(rewritten, { jwtKey: pair.pem })), how).toBe('malformed');
    }
  });

  // Hardening finding 2: machine JWTs, classified as @clerk/backend classifies them (isM2MJwt, isOAuthJwt).
  const machineJwts: [string, string, string[] | undefined][] = [
    [
      'an M2M JWT (sub mch_…, no category)',
      signRs(sessionClaims({ sub: 'mch_2worker', sid: undefined }), pair),
      undefined,
    ],
    [
      'an M2M JWT with a session category',
      signRs(sessionClaims({ sub: 'mch_2worker' }), pair, { cat: 'cl_B7d4PD111AAA' }),
      undefined,
    ],
    ['an OAuth JWT (typ at+jwt) headerType lets through', signRs(sessionClaims(), pair, { typ: 'at+jwt' }), ['at+jwt']],
    [
      'an OAuth JWT (typ application/at+jwt) headerType lets through',
      signRs(sessionClaims(), pair, { typ: 'application/at+jwt' }),
      ['JWT', 'application/at+jwt'],
    ],
  ];

  it.each(machineJwts)('refuses %s as a session token (Hardening finding 2)', async (_name, token, headerType) => {
    const options = { jwtKey: pair.pem, ...(headerType ? { headerType } : {}) };
    expect(await reasonOf(verifyToken(token, options))).toBe('wrong_token_type');
    expect((await verifyTokenResult(token, options)).errors?.[0]).toMatchObject({ code: 'ERR_TOKEN_TYPE_MISMATCH' });
  });

  it('refuses a machine JWT even once it is cached as verified (Hardening finding 2)', async () => {
    const token = signRs(sessionClaims({ sub: 'mch_2cached', sid: undefined }), pair);
    // The middleware verifies M2M JWTs with the same (memoised) PEM key source, which caches them as verified.
    const state = await verifyRequestToken(token, { jwtKey: pair.pem });
    expect(state.tokenType).toBe('m2m_token');
    expect(await reasonOf(verifyToken(token, { jwtKey: pair.pem }))).toBe('wrong_token_type');
  });

  it('applies authorizedParties and clockSkewInMs', async () => {
    const token = signRs(sessionClaims({ exp: nowSeconds() - 20 }), pair);
    expect(await reasonOf(verifyToken(token, { jwtKey: pair.pem }))).toBe('expired');
    expect((await verifyToken(token, { jwtKey: pair.pem, clockSkewInMs: 60_000 })).sub).toBe('user_2alice');
    const other = verifyToken(signRs(sessionClaims(), pair), { jwtKey: pair.pem, authorizedParties: ['https://x'] });
    expect(await reasonOf(other)).toBe('wrong_azp');
  });
});

describe('verifyToken refuses unsafe settings (Hardening finding 10)', () => {
  it('rejects a clockSkewInMs above 5 minutes with ERR_INVALID_CONFIG, before looking at the token', async () => {
    const expired = signRs(sessionClaims({ exp: nowSeconds() - 240 }), pair);
    expect((await verifyToken(expired, { jwtKey: pair.pem, clockSkewInMs: 300_000 })).sub).toBe('user_2alice');
    for (const clockSkewInMs of [300_001, 24 * 3600_000, -1, Number.NaN]) {
      await expect(verifyToken(expired, { jwtKey: pair.pem, clockSkewInMs })).rejects.toMatchObject({
        code: 'ERR_INVALID_CONFIG',
        option: 'clockSkewInMs',
      });
      await expect(verifyTokenResult(expired, { jwtKey: pair.pem, clockSkewInMs })).rejects.toMatchObject({
        code: 'ERR_INVALID_CONFIG',
      });
    }
  });

  it('refuses a jwtKey with a public exponent below 65537 (ERR_TOKEN_KEY_INVALID)', async () => {
    const weak = testKeyPair('verify-token-e3', 2048, 3);
    const result = await verifyTokenResult(signRs(sessionClaims(), weak), { jwtKey: weak.pem });
    expect(result.errors?.[0]).toMatchObject({ reason: 'invalid_key', code: 'ERR_TOKEN_KEY_INVALID' });
  });
});

describe('verifyTokenResult ({ data } | { errors }, never throws)', () => {
  it('wraps the payload in data', async () => {
    const claims = sessionClaims();
    const result = await verifyTokenResult(signRs(claims, pair), { jwtKey: pair.pem });
    expect(result).toEqual({ data: claims });
  });

  it('wraps the error in errors', async () => {
    const result = await verifyTokenResult('garbage', { jwtKey: pair.pem });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]).toBeInstanceOf(TokenVerificationError);
    expect(result.errors?.[0]).toMatchObject({ reason: 'malformed', code: 'ERR_TOKEN_MALFORMED' });
  });
});
