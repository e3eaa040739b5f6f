import { afterEach, describe, expect, it, vi } from 'vitest';
import { JwksCache } from './jwks-cache.js';
import { type KeySource, PemKeySource } from './key-source.js';
import {
  nowSeconds,
  sessionClaims,
  signHs256WithPublicKey,
  signRs,
  tamperSignature,
  testKeyPair,
  unsignedToken,
} from './test-support/mint.js';
import { JWT_CATEGORY_JWT_TEMPLATE, JWT_CATEGORY_SESSION_TOKEN } from './token-category.js';
import { type VerifiedJwt, verifyJwt } from './verify-jwt.js';
import { sessionStateOf, verifySessionToken } from './verify-session-token.js';

const pair = testKeyPair();

async function reasonOf(token: string, options: Parameters<typeof verifySessionToken>[1] = { jwtKey: pair.pem }) {
  try {
    await verifySessionToken(token, options);
    return null;
  } catch (error) {
    const e = error as { reason: string; code: string; message: string };
    // Whatever the failure, the message never carries the token.
    expect(e.message).not.toContain(token.slice(-24));
    return e.reason;
  }
}

/** A real key source that counts signature checks. */
function countingSource(inner: KeySource) {
  let verifications = 0;
  const source: KeySource = {
    verifiedTokens: inner.verifiedTokens,
    resolveKey(kid) {
      const key = inner.resolveKey(kid) as Awaited<ReturnType<KeySource['resolveKey']>>;
      return {
        runtime: key.runtime,
        alg: key.alg,
        verify(alg, input, signature) {
          verifications++;
          return key.verify(alg, input, signature);
        },
        joseKey: (alg) => key.joseKey(alg),
      };
    },
  };
  return { source, count: () => verifications };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('verifySessionToken', () => {
  describe.each(['node', 'web'] as const)('with a PEM key on %s crypto', (runtime) => {
    it('accepts a valid v1 session token and returns the auth state', async () => {
      const jwks = new PemKeySource(pair.pem, { runtime });
      const token = signRs(sessionClaims({ org_id: 'org_1', org_role: 'org:admin', org_slug: 'acme' }), pair);
      const state = await verifySessionToken(token, { jwks });
      expect(state).toMatchObject({
        userId: 'user_2alice',
        sessionId: 'sess_2abc',
        orgId: 'org_1',
        orgRole: 'org:admin',
      });
    });

    it('accepts RS384 and RS512', async () => {
      const jwks = new PemKeySource(pair.pem, { runtime });
      for (const alg of ['RS384', 'RS512']) {
        await expect(verifySessionToken(signRs(sessionClaims(), pair, { alg }), { jwks })).resolves.toMatchObject({
          userId: 'user_2alice',
        });
      }
    });

    it('rejects a flipped signature bit', async () => {
      expect(
        await reasonOf(tamperSignature(signRs(sessionClaims(), pair)), {
          jwks: new PemKeySource(pair.pem, { runtime }),
        }),
      ).toBe('bad_signature');
    });
  });

  it('accepts a v2 token with organization and feature permissions', async () => {
    const token = signRs(
      sessionClaims({
        v: 2,
        fea: 'o:team,u:x',
        o: { id: 'org_1', rol: 'admin', slg: 'acme', per: 'read,manage', fpm: '3' },
      }),
      pair,
    );
    const state = await verifySessionToken(token, { jwtKey: pair.pem });
    expect(state.orgRole).toBe('org:admin');
    expect(state.orgPermissions).toEqual(['org:team:read', 'org:team:manage']);
  });

  it('accepts a token with no typ header, and one with a session-token category', async () => {
    expect(await reasonOf(signRs(sessionClaims(), pair, { typ: undefined }))).toBeNull();
    expect(await reasonOf(signRs(sessionClaims(), pair, { cat: JWT_CATEGORY_SESSION_TOKEN }))).toBeNull();
  });

  it.each([
    ['garbage', () => 'not-a-token', 'malformed'],
    ['a JWE-shaped string', () => 'a.b.c.d.e', 'malformed'],
    ['alg none', () => unsignedToken(sessionClaims()), 'malformed'],
    ['alg none with a junk signature', () => unsignedToken(sessionClaims(), 'c2ln'), 'unsupported_alg'],
    ['HS256 keyed with the public key', () => signHs256WithPublicKey(sessionClaims(), pair), 'unsupported_alg'],
    ['PS256 in the header', () => signRs(sessionClaims(), pair, { alg: 'PS256' }), 'unsupported_alg'],
    ['a token signed by another key', () => signRs(sessionClaims(), testKeyPair('other')), 'bad_signature'],
    ['an expired token', () => signRs(sessionClaims({ exp: nowSeconds() - 6 }), pair), 'expired'],
    ['nbf in the future', () => signRs(sessionClaims({ nbf: nowSeconds() + 60 }), pair), 'not_yet_valid'],
    ['iat in the future', () => signRs(sessionClaims({ iat: nowSeconds() + 60 }), pair), 'issued_in_future'],
    ['typ other than JWT', () => signRs(sessionClaims(), pair, { typ: 'at+jwt' }), 'wrong_token_type'],
    ['no sid (JWT template)', () => signRs(sessionClaims({ sid: undefined }), pair), 'wrong_token_type'],
    [
      'a JWT-template category',
      () => signRs(sessionClaims(), pair, { cat: JWT_CATEGORY_JWT_TEMPLATE }),
      'wrong_token_type',
    ],
    ['a machine subject', () => signRs(sessionClaims({ sub: 'mch_worker' }), pair), 'wrong_token_type'],
    ['no sub', () => signRs(sessionClaims({ sub: undefined }), pair), 'invalid_claims'],
  ])('rejects %s', async (_name, mint, reason) => {
    expect(await reasonOf(mint())).toBe(reason);
  });

  it('checks azp against authorizedParties: missing or unlisted is wrong_azp', async () => {
    const options = { jwtKey: pair.pem, authorizedParties: ['http://localhost:3000'] };
    expect(await reasonOf(signRs(sessionClaims(), pair), options)).toBeNull();
    expect(await reasonOf(signRs(sessionClaims({ azp: 'https://evil.example' }), pair), options)).toBe('wrong_azp');
    expect(await reasonOf(signRs(sessionClaims({ azp: undefined }), pair), options)).toBe('wrong_azp');
  });

  it('looks the kid up in a JWKS, and refuses an unknown kid', async () => {
    const jwks = new JwksCache({ loadJwks: async () => ({ keys: [pair.jwk] }) });
    expect(await reasonOf(signRs(sessionClaims(), pair), { jwks })).toBeNull();
    expect(await reasonOf(signRs(sessionClaims(), pair, { kid: 'ins_unknown' }), { jwks })).toBe('unknown_kid');
  });

  it('needs a key', async () => {
    expect(await reasonOf(signRs(sessionClaims(), pair), {})).toBe('key_unavailable');
  });

  describe('verified-token cache', () => {
    it('verifies a token once, then serves it from the cache', async () => {
      const { source, count } = countingSource(new PemKeySource(pair.pem));
      const token = signRs(sessionClaims(), pair);
      const first = await verifySessionToken(token, { jwks: source });
      const second = await verifySessionToken(token, { jwks: source });
      expect(second).toBe(first);
      expect(count()).toBe(1);
    });

    it('never lets a forged token that shares the header and payload hit the cache', async () => {
      const { source, count } = countingSource(new PemKeySource(pair.pem));
      const token = signRs(sessionClaims(), pair);
      await verifySessionToken(token, { jwks: source });
      expect(await reasonOf(tamperSignature(token), { jwks: source })).toBe('bad_signature');
      expect(count()).toBe(2);
    });

    it('re-checks expiry on a hit', async () => {
      vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
      const source = new PemKeySource(pair.pem);
      const token = signRs(sessionClaims({ exp: nowSeconds() + 30 }), pair);
      await verifySessionToken(token, { jwks: source });
      vi.setSystemTime(Date.now() + 36_000);
      expect(await reasonOf(token, { jwks: source })).toBe('expired');
    });

    it('re-checks the policy on a hit (a token cached without azp rules is still held to them)', async () => {
      const source = new PemKeySource(pair.pem);
      const token = signRs(sessionClaims({ azp: 'https://evil.example' }), pair);
      await verifySessionToken(token, { jwks: source });
      expect(await reasonOf(token, { jwks: source, authorizedParties: ['http://localhost:3000'] })).toBe('wrong_azp');
    });

    it('still refuses a cached non-session token every time', async () => {
      const { source, count } = countingSource(new PemKeySource(pair.pem));
      const token = signRs(sessionClaims({ sid: undefined }), pair);
      expect(await reasonOf(token, { jwks: source })).toBe('wrong_token_type');
      expect(await reasonOf(token, { jwks: source })).toBe('wrong_token_type');
      expect(count()).toBe(1);
    });
  });
});

describe('sessionStateOf (Hardening finding 2)', () => {
  it('derives no session from an OAuth JWT, even one verified as such and carrying a sid', () => {
    const source = new PemKeySource(pair.pem);
    for (const typ of ['at+jwt', 'application/at+jwt']) {
      const verified = verifyJwt(signRs(sessionClaims(), pair, { typ }), source, {}, [typ]) as VerifiedJwt;
      expect(() => sessionStateOf(verified), typ).toThrow(expect.objectContaining({ reason: 'wrong_token_type' }));
    }
  });
});
