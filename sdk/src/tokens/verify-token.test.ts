import { describe, expect, it } from 'vitest';
import { TokenVerificationError } from './errors.js';
import { nowSeconds, sessionClaims, signRs, testKeyPair } from './test-support/mint.js';
import { JWT_CATEGORY_M2M_TOKEN } from './token-category.js';
import { verifyToken } from './verify-token.js';

const pair = testKeyPair();

describe('verifyToken (Clerk-shaped)', () => {
  it('returns { data } with the payload for a valid token', async () => {
    const claims = sessionClaims();
    const result = await verifyToken(signRs(claims, pair), { jwtKey: pair.pem });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual(claims);
  });

  it('accepts a JWT-template token (no sid), as @clerk/backend does', async () => {
    const result = await verifyToken(signRs({ sub: 'user_1', exp: nowSeconds() + 60, aud: 'supabase' }, pair), {
      jwtKey: pair.pem,
      audience: 'supabase',
    });
    expect(result.data?.sub).toBe('user_1');
  });

  it('returns { errors: [TokenVerificationError] } and never throws', async () => {
    const expired = await verifyToken(signRs(sessionClaims({ exp: nowSeconds() - 60 }), pair), { jwtKey: pair.pem });
    expect(expired.data).toBeUndefined();
    expect(expired.errors?.[0]).toBeInstanceOf(TokenVerificationError);
    expect(expired.errors?.[0]).toMatchObject({ reason: 'expired', code: 'ERR_TOKEN_EXPIRED' });
    expect((await verifyToken('garbage', { jwtKey: pair.pem })).errors?.[0]?.reason).toBe('malformed');
    expect((await verifyToken(signRs(sessionClaims(), pair), {})).errors?.[0]?.reason).toBe('key_unavailable');
    expect((await verifyToken(signRs(sessionClaims(), pair), { jwtKey: 'nonsense' })).errors?.[0]?.reason).toBe(
      'invalid_key',
    );
    expect((await verifyToken(undefined as unknown as string, { jwtKey: pair.pem })).errors?.[0]?.reason).toBe(
      'malformed',
    );
  });

  it('refuses an M2M-category JWT, as @clerk/backend does', async () => {
    const result = await verifyToken(signRs(sessionClaims(), pair, { cat: JWT_CATEGORY_M2M_TOKEN }), {
      jwtKey: pair.pem,
    });
    expect(result.errors?.[0]?.reason).toBe('wrong_token_type');
  });

  it('applies authorizedParties and clockSkewInMs', async () => {
    const token = signRs(sessionClaims({ exp: nowSeconds() - 20 }), pair);
    expect((await verifyToken(token, { jwtKey: pair.pem })).errors?.[0]?.reason).toBe('expired');
    expect((await verifyToken(token, { jwtKey: pair.pem, clockSkewInMs: 60_000 })).data?.sub).toBe('user_2alice');
    const other = await verifyToken(signRs(sessionClaims(), pair), {
      jwtKey: pair.pem,
      authorizedParties: ['https://x'],
    });
    expect(other.errors?.[0]?.reason).toBe('wrong_azp');
  });
});
