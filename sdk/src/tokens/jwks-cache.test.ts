import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Jwks, JwksCache } from './jwks-cache.js';
import { parseCompactJws } from './parse-compact-jws.js';
import { sessionClaims, signRs, testKeyPair } from './test-support/mint.js';

function loaderOf(...sets: Jwks[]) {
  let calls = 0;
  const load = async (): Promise<Jwks> => {
    const set = sets[Math.min(calls, sets.length - 1)]!;
    calls++;
    return set;
  };
  return { load, calls: () => calls };
}

async function verifies(cache: JwksCache, token: string): Promise<boolean> {
  const { header, signingInput, signature } = parseCompactJws(token);
  const key = await cache.resolveKey(header.kid);
  return key.verify('RS256', signingInput, signature);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('JwksCache', () => {
  it('loads lazily, once, and serves later lookups from memory', async () => {
    const a = testKeyPair('a');
    const { load, calls } = loaderOf({ keys: [a.jwk] });
    const cache = new JwksCache({ loadJwks: load });
    expect(calls()).toBe(0);
    expect(await verifies(cache, signRs(sessionClaims(), a))).toBe(true);
    expect(await verifies(cache, signRs(sessionClaims({ sub: 'user_2' }), a))).toBe(true);
    expect(calls()).toBe(1);
    // Served synchronously once loaded: no await on the hot path.
    expect('verify' in (cache.resolveKey(a.kid) as object)).toBe(true);
  });

  it('shares one load among concurrent lookups (single flight)', async () => {
    const a = testKeyPair('a');
    let release!: () => void;
    let calls = 0;
    const cache = new JwksCache({
      loadJwks: () => {
        calls++;
        return new Promise<Jwks>((resolve) => {
          release = () => resolve({ keys: [a.jwk] });
        });
      },
    });
    const lookups = Array.from({ length: 20 }, () => cache.resolveKey(a.kid));
    release();
    const keys = await Promise.all(lookups);
    expect(calls).toBe(1);
    expect(new Set(keys).size).toBe(1);
  });

  it('refetches on an unknown kid (key rotation) right away, then at most once per cooldown', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    const a = testKeyPair('a');
    const b = testKeyPair('b');
    const { load, calls } = loaderOf({ keys: [a.jwk] }, { keys: [a.jwk, b.jwk] });
    const cache = new JwksCache({ loadJwks: load, unknownKidCooldownMs: 5_000 });
    await cache.resolveKey(a.kid);
    // Moments after the first load, a new kid (the key was rotated) is fetched at once.
    vi.setSystemTime(1_000_100);
    expect(await verifies(cache, signRs(sessionClaims(), b))).toBe(true);
    expect(calls()).toBe(2);
    // That refetch starts the cooldown: a flood of made-up kids is refused without fetching.
    for (let i = 0; i < 50; i++) {
      expect(() => cache.resolveKey(`made-up-${i}`)).toThrow(
        expect.objectContaining({ code: 'ERR_TOKEN_KID_UNKNOWN' }),
      );
    }
    expect(calls()).toBe(2);
    // After the cooldown, one more refetch, and the cooldown starts again.
    vi.setSystemTime(1_000_100 + 5_001);
    await expect(Promise.resolve().then(() => cache.resolveKey('made-up-again'))).rejects.toMatchObject({
      reason: 'unknown_kid',
    });
    expect(() => cache.resolveKey('made-up-once-more')).toThrow(/kid/);
    expect(calls()).toBe(3);
    // Known keys are served from memory throughout.
    expect(await verifies(cache, signRs(sessionClaims(), a))).toBe(true);
    expect(calls()).toBe(3);
  });

  it('refetches a stale set after maxAgeMs, and keeps serving known keys if that fails', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    const a = testKeyPair('a');
    let fail = false;
    let calls = 0;
    const cache = new JwksCache({
      maxAgeMs: 60_000,
      loadJwks: async () => {
        calls++;
        if (fail) throw new Error('backend down');
        return { keys: [a.jwk] };
      },
    });
    const first = await cache.resolveKey(a.kid);
    vi.setSystemTime(1_000_000 + 60_000);
    fail = true;
    expect(await cache.resolveKey(a.kid)).toBe(first);
    expect(calls).toBe(2);
  });

  it('reports an unreachable JWKS as key_unavailable, then waits for the cooldown before retrying', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    let calls = 0;
    const cache = new JwksCache({
      loadJwks: async () => {
        calls++;
        throw new Error('ECONNREFUSED');
      },
    });
    await expect(Promise.resolve().then(() => cache.resolveKey('k'))).rejects.toMatchObject({
      reason: 'key_unavailable',
    });
    expect(() => cache.resolveKey('k')).toThrow(expect.objectContaining({ reason: 'key_unavailable' }));
    expect(calls).toBe(1);
  });

  it('forgets verified tokens when a key leaves the set', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    const a = testKeyPair('a');
    const b = testKeyPair('b');
    const { load } = loaderOf({ keys: [a.jwk] }, { keys: [b.jwk] });
    const cache = new JwksCache({ loadJwks: load, unknownKidCooldownMs: 0 });
    await cache.resolveKey(a.kid);
    cache.verifiedTokens.set(
      'some-token',
      { header: { alg: 'RS256' }, payload: { sub: 'u', exp: 0 } },
      Date.now() + 60_000,
    );
    await cache.resolveKey(b.kid);
    expect(cache.verifiedTokens.size).toBe(0);
  });

  it('skips keys it cannot use and refuses a set with none', async () => {
    const a = testKeyPair('a');
    const cache = new JwksCache({
      loadJwks: async () => ({
        keys: [{ kty: 'EC', kid: 'ec' } as JsonWebKey, { ...a.jwk, kid: undefined } as JsonWebKey, a.jwk],
      }),
    });
    expect(await verifies(cache, signRs(sessionClaims(), a))).toBe(true);
    const empty = new JwksCache({ loadJwks: async () => ({ keys: [{ kty: 'oct', kid: 'x' } as JsonWebKey] }) });
    await expect(Promise.resolve().then(() => empty.resolveKey('x'))).rejects.toMatchObject({
      reason: 'key_unavailable',
    });
  });

  it('refuses a token whose kid names a weak key with invalid_key, and keeps serving the rest (Hardening finding 10)', async () => {
    const good = testKeyPair('jwks-good');
    const smallExponent = testKeyPair('jwks-e3', 2048, 3);
    const short = testKeyPair('jwks-short', 1024);
    const cache = new JwksCache({ loadJwks: async () => ({ keys: [smallExponent.jwk, short.jwk, good.jwk] }) });
    for (const [weak, why] of [
      [smallExponent, /exponent is below 65537/],
      [short, /shorter than 2048 bits/],
    ] as const) {
      await expect(verifies(cache, signRs(sessionClaims(), weak))).rejects.toMatchObject({
        reason: 'invalid_key',
        code: 'ERR_TOKEN_KEY_INVALID',
        message: expect.stringMatching(why),
      });
    }
    expect(await verifies(cache, signRs(sessionClaims(), good))).toBe(true);
    expect(cache.loadCount).toBe(1);
    // A set holding only weak keys loads; its tokens are refused for their key, not for the set.
    const onlyWeak = new JwksCache({ loadJwks: async () => ({ keys: [smallExponent.jwk] }) });
    await expect(verifies(onlyWeak, signRs(sessionClaims(), smallExponent))).rejects.toMatchObject({
      reason: 'invalid_key',
    });
  });
});
