import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VerifiedTokenCache } from './verified-token-cache.js';

describe('VerifiedTokenCache', () => {
  it('serves an entry until its expiry, then drops it', () => {
    const cache = new VerifiedTokenCache<string>();
    cache.set('tok', 'state', 2_000, 1_000);
    expect(cache.get('tok', 1_999)).toBe('state');
    expect(cache.get('tok', 2_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not store what has already expired', () => {
    const cache = new VerifiedTokenCache<string>();
    cache.set('tok', 'state', 1_000, 1_000);
    expect(cache.size).toBe(0);
  });

  it('is keyed by the whole token: a shared prefix or a suffix never hits', () => {
    const cache = new VerifiedTokenCache<string>();
    const token = 'aaaa.bbbb.cccc';
    cache.set(token, 'state', Number.MAX_SAFE_INTEGER);
    expect(cache.get('aaaa.bbbb.cccd')).toBeUndefined();
    expect(cache.get('aaaa.bbbb.ccc')).toBeUndefined();
    expect(cache.get(`${token}x`)).toBeUndefined();
    expect(cache.get(token)).toBe('state');
  });

  it('a token that shares the cached one’s tail (its signature) but not the rest never hits', () => {
    const cache = new VerifiedTokenCache<string>();
    const signature = 's'.repeat(342);
    const token = `header.payload.${signature}`;
    cache.set(token, 'state', Number.MAX_SAFE_INTEGER);
    expect(cache.get(`header.forged.${signature}`)).toBeUndefined();
    expect(cache.get(`x${token}`)).toBeUndefined();
    expect(cache.delete(`header.forged.${signature}`)).toBe(false);
    // A copy of the same token (a new string, as each request makes) hits.
    expect(cache.get(Buffer.from(token).toString())).toBe('state');
  });

  it('keeps a full cache of distinct signatures apart (their keys do not collide)', () => {
    const cache = new VerifiedTokenCache<number>();
    // Deterministic signature-like tails (base64url of a digest), so the result does not depend on chance.
    const tokens = Array.from(
      { length: cache.maxEntries },
      (_, i) => `h.p${i % 7}.${createHash('sha512').update(String(i)).digest('base64url')}`,
    );
    for (const [i, token] of tokens.entries()) cache.set(token, i, Number.MAX_SAFE_INTEGER);
    expect(cache.size).toBe(cache.maxEntries);
    expect(tokens.every((token, i) => cache.get(token) === i)).toBe(true);
  });

  it('two verified tokens with the same tail take turns in one slot', () => {
    const cache = new VerifiedTokenCache<string>();
    const tail = 't'.repeat(64);
    cache.set(`one.${tail}`, 'one', Number.MAX_SAFE_INTEGER);
    cache.set(`two.${tail}`, 'two', Number.MAX_SAFE_INTEGER);
    expect(cache.get(`one.${tail}`)).toBeUndefined();
    expect(cache.get(`two.${tail}`)).toBe('two');
    expect(cache.size).toBe(1);
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new VerifiedTokenCache<number>({ maxEntries: 2 });
    const far = Number.MAX_SAFE_INTEGER;
    cache.set('a', 1, far);
    cache.set('b', 2, far);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3, far);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('stores nothing when maxEntries is 0 and rejects invalid sizes', () => {
    const cache = new VerifiedTokenCache<number>({ maxEntries: 0 });
    cache.set('a', 1, Number.MAX_SAFE_INTEGER);
    expect(cache.get('a')).toBeUndefined();
    expect(() => new VerifiedTokenCache({ maxEntries: -1 })).toThrow(RangeError);
  });
});

describe('VerifiedTokenCache eviction', () => {
  it('keeps a hot token while a stream of new tokens passes through, and stays bounded', () => {
    const cache = new VerifiedTokenCache<number>({ maxEntries: 3 });
    const far = Number.MAX_SAFE_INTEGER;
    cache.set('hot', 0, far);
    for (let i = 0; i < 50; i++) {
      expect(cache.get('hot')).toBe(0);
      cache.set(`cold-${i}`, i, far);
      expect(cache.size).toBeLessThanOrEqual(3);
    }
    expect(cache.get('cold-0')).toBeUndefined();
  });

  it('stays bounded when every entry has been used', () => {
    const cache = new VerifiedTokenCache<number>({ maxEntries: 2 });
    const far = Number.MAX_SAFE_INTEGER;
    cache.set('a', 1, far);
    cache.set('b', 2, far);
    cache.get('a');
    cache.get('b');
    cache.set('c', 3, far);
    expect(cache.size).toBe(2);
    expect(cache.get('c')).toBe(3);
  });

  it('evicts in order through a long churn mixed with re-sets, deletes, expiries and a clear', () => {
    const max = 8;
    const cache = new VerifiedTokenCache<number>({ maxEntries: max });
    const far = Number.MAX_SAFE_INTEGER;
    // Reference: an insertion-ordered list with the same second-chance rule, kept naively.
    let model: { token: string; used: boolean; expiresAt: number }[] = [];
    const evictOne = (now: number) => {
      for (let steps = model.length; steps > 0; steps--) {
        const oldest = model.shift()!;
        if (!oldest.used || oldest.expiresAt <= now) return;
        model.push({ ...oldest, used: false });
      }
      model.shift();
    };
    for (let i = 0; i < 400; i++) {
      const now = 1_000;
      const token = `t${i % 37}`;
      const expiresAt = i % 11 === 0 ? now + 1 : far;
      cache.set(token, i, expiresAt, now);
      model = model.filter((e) => e.token !== token);
      if (model.length >= max) evictOne(now);
      model.push({ token, used: false, expiresAt });
      if (i % 3 === 0) {
        const hit = `t${(i * 7) % 37}`;
        const entry = model.find((e) => e.token === hit);
        expect(cache.get(hit, now) !== undefined).toBe(entry !== undefined);
        if (entry) entry.used = true;
      }
      if (i % 13 === 0) {
        const gone = `t${(i * 5) % 37}`;
        expect(cache.delete(gone)).toBe(model.some((e) => e.token === gone));
        model = model.filter((e) => e.token !== gone);
      }
      if (i === 200) {
        cache.clear();
        model = [];
      }
      expect(cache.size).toBe(model.length);
    }
    for (const { token } of model) expect(cache.get(token, 1_000)).toBeDefined();
  });
});
