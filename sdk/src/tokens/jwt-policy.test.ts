import { describe, expect, it } from 'vitest';
import { assertJwtPolicy, type JwtPolicy } from './jwt-policy.js';

const NOW = 1_700_000_000_000;
const S = NOW / 1000;

function reasonOf(payload: Record<string, unknown>, policy: JwtPolicy = {}): string | null {
  try {
    assertJwtPolicy({ sub: 'user_1', exp: S + 60, ...payload }, policy, NOW);
    return null;
  } catch (error) {
    return (error as { reason: string }).reason;
  }
}

describe('assertJwtPolicy', () => {
  it('accepts a current token', () => {
    expect(reasonOf({ iat: S, nbf: S - 5 })).toBeNull();
  });

  it('applies a 5 s clock skew to exp, nbf and iat by default', () => {
    expect(reasonOf({ exp: S - 4 })).toBeNull();
    expect(reasonOf({ exp: S - 5 })).toBe('expired');
    expect(reasonOf({ nbf: S + 5 })).toBeNull();
    expect(reasonOf({ nbf: S + 6 })).toBe('not_yet_valid');
    expect(reasonOf({ iat: S + 5 })).toBeNull();
    expect(reasonOf({ iat: S + 6 })).toBe('issued_in_future');
  });

  it('honours clockSkewInMs', () => {
    expect(reasonOf({ exp: S - 4 }, { clockSkewInMs: 0 })).toBe('expired');
    expect(reasonOf({ nbf: S + 50 }, { clockSkewInMs: 60_000 })).toBeNull();
  });

  it('requires sub and a numeric exp', () => {
    expect(reasonOf({ sub: undefined })).toBe('invalid_claims');
    expect(reasonOf({ sub: '' })).toBe('invalid_claims');
    expect(reasonOf({ exp: undefined })).toBe('invalid_claims');
    expect(reasonOf({ exp: '9999999999' })).toBe('invalid_claims');
    expect(reasonOf({ nbf: 'soon' })).toBe('invalid_claims');
  });

  it('checks azp against authorized parties: missing or unlisted is wrong_azp', () => {
    const policy = { authorizedParties: ['http://localhost:3000'] };
    expect(reasonOf({ azp: 'http://localhost:3000' }, policy)).toBeNull();
    expect(reasonOf({ azp: 'https://evil.example' }, policy)).toBe('wrong_azp');
    expect(reasonOf({}, policy)).toBe('wrong_azp');
    expect(reasonOf({ azp: 'https://evil.example' }, { authorizedParties: [] })).toBeNull();
  });

  it('checks aud only when both sides have one (as @clerk/backend)', () => {
    expect(reasonOf({ aud: 'api' }, { audience: 'api' })).toBeNull();
    expect(reasonOf({ aud: ['x', 'api'] }, { audience: ['api'] })).toBeNull();
    expect(reasonOf({ aud: 'other' }, { audience: 'api' })).toBe('wrong_audience');
    expect(reasonOf({}, { audience: 'api' })).toBeNull();
  });

  it('checks iss when issuers are configured', () => {
    expect(reasonOf({ iss: 'https://a' }, { issuer: 'https://a' })).toBeNull();
    expect(reasonOf({ iss: 'https://b' }, { issuer: ['https://a'] })).toBe('wrong_issuer');
    expect(reasonOf({}, { issuer: 'https://a' })).toBe('wrong_issuer');
  });

  it('reports the first failure in Clerk order (azp before exp)', () => {
    expect(reasonOf({ azp: 'https://evil.example', exp: S - 600 }, { authorizedParties: ['http://ok'] })).toBe(
      'wrong_azp',
    );
  });
});
