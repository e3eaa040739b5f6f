import { describe, expect, it } from 'vitest';
import { nowSeconds, sessionClaims, signRs, tamperSignature, testKeyPair } from './test-support/mint.js';
import { JWT_CATEGORY_M2M_TOKEN, JWT_CATEGORY_SESSION_TOKEN } from './token-category.js';
import { verifyMachineJwt } from './verify-machine-jwt.js';
import { verifySessionToken } from './verify-session-token.js';

const pair = testKeyPair();
const options = { jwtKey: pair.pem };

async function reasonOf(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    return (error as { reason: string }).reason;
  }
}

const m2mClaims = (extra: Record<string, unknown> = {}) => ({
  sub: 'mch_worker',
  jti: 'mt_jwt_1',
  iat: nowSeconds(),
  exp: nowSeconds() + 300,
  scopes: 'mch_a mch_b',
  team: 'ops',
  ...extra,
});

describe('verifyMachineJwt', () => {
  it('reads an M2M JWT into the machine auth state (custom claims kept, scopes split)', async () => {
    const state = await verifyMachineJwt(
      signRs(m2mClaims(), pair, { cat: JWT_CATEGORY_M2M_TOKEN }),
      'm2m_token',
      options,
    );
    expect(state).toEqual({
      tokenType: 'm2m_token',
      id: 'mt_jwt_1',
      subject: 'mch_worker',
      name: null,
      scopes: ['mch_a', 'mch_b'],
      claims: { scopes: 'mch_a mch_b', team: 'ops' },
      userId: null,
      orgId: null,
      clientId: null,
      expiration: m2mClaims().exp * 1000,
    });
  });

  it('refuses an M2M JWT of another category, a non-machine subject, a bad signature or an expired one', async () => {
    expect(
      await reasonOf(
        verifyMachineJwt(signRs(m2mClaims(), pair, { cat: JWT_CATEGORY_SESSION_TOKEN }), 'm2m_token', options),
      ),
    ).toBe('wrong_token_type');
    expect(await reasonOf(verifyMachineJwt(signRs(m2mClaims({ sub: 'user_1' }), pair), 'm2m_token', options))).toBe(
      'wrong_token_type',
    );
    expect(await reasonOf(verifyMachineJwt(tamperSignature(signRs(m2mClaims(), pair)), 'm2m_token', options))).toBe(
      'bad_signature',
    );
    expect(
      await reasonOf(verifyMachineJwt(signRs(m2mClaims({ exp: nowSeconds() - 60 }), pair), 'm2m_token', options)),
    ).toBe('expired');
  });

  it('reads an OAuth access token JWT (typ at+jwt)', async () => {
    const token = signRs(
      {
        sub: 'user_1',
        jti: 'oat_1',
        client_id: 'client_1',
        scp: ['read', 'write'],
        aud: 'https://api',
        iat: nowSeconds(),
        exp: nowSeconds() + 60,
      },
      pair,
      { typ: 'at+jwt' },
    );
    const state = await verifyMachineJwt(token, 'oauth_token', { ...options, audience: 'https://api' });
    expect(state).toMatchObject({
      tokenType: 'oauth_token',
      id: 'oat_1',
      userId: 'user_1',
      clientId: 'client_1',
      scopes: ['read', 'write'],
    });
    expect(await reasonOf(verifyMachineJwt(token, 'oauth_token', { ...options, audience: 'https://other' }))).toBe(
      'wrong_audience',
    );
  });

  it('never lets an OAuth JWT verified once pass later as a session token (cache keeps the type check)', async () => {
    const token = signRs({ ...sessionClaims(), client_id: 'c' }, pair, { typ: 'at+jwt' });
    await verifyMachineJwt(token, 'oauth_token', options);
    expect(await reasonOf(verifySessionToken(token, options))).toBe('wrong_token_type');
  });
});
