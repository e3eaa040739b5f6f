import { describe, expect, it } from 'vitest';
import { detectTokenType } from './detect-token-type.js';
import { sessionClaims, signRs, testKeyPair } from './test-support/mint.js';

describe('detectTokenType', () => {
  const pair = testKeyPair();
  it('recognises opaque machine tokens by prefix', () => {
    expect(detectTokenType('mt_abc123')).toBe('m2m_token');
    expect(detectTokenType('oat_abc123')).toBe('oauth_token');
    expect(detectTokenType('ak_abc123')).toBe('api_key');
  });

  it('recognises machine JWTs by claims: sub mch_… is M2M, typ at+jwt is OAuth', () => {
    expect(detectTokenType(signRs({ sub: 'mch_worker', exp: 1 }, pair))).toBe('m2m_token');
    expect(detectTokenType(signRs({ sub: 'user_1', exp: 1 }, pair, { typ: 'at+jwt' }))).toBe('oauth_token');
    expect(detectTokenType(signRs({ sub: 'user_1', exp: 1 }, pair, { typ: 'application/at+jwt' }))).toBe('oauth_token');
    // M2M wins when both markers are present, as in @clerk/backend.
    expect(detectTokenType(signRs({ sub: 'mch_worker', exp: 1 }, pair, { typ: 'at+jwt' }))).toBe('m2m_token');
  });

  it('treats everything else as a session token (verification decides the rest)', () => {
    expect(detectTokenType(signRs(sessionClaims(), pair))).toBe('session_token');
    expect(detectTokenType('garbage')).toBe('session_token');
    expect(detectTokenType('')).toBe('session_token');
  });
});
