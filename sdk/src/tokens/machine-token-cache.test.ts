import { describe, expect, it } from 'vitest';
import type { MachineAuthState } from '../auth-state.js';
import { DEFAULT_NEGATIVE_TTL_MS, DEFAULT_POSITIVE_TTL_MS, MachineTokenCache } from './machine-token-cache.js';
import { MemoryVerdictStore, type VerdictStore } from './verdict-store.js';

const TOKEN = 'mt_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6';

function state(expiration: number | null): MachineAuthState {
  return {
    tokenType: 'm2m_token',
    id: 'm2m_1',
    subject: 'mch_worker',
    name: null,
    scopes: [],
    claims: null,
    userId: null,
    orgId: null,
    clientId: null,
    expiration,
  };
}

/** A store that records what it was given, to check what the cache keeps. */
function recordingStore<V>(now: () => number) {
  const inner = new MemoryVerdictStore<V>({ maxEntries: 10, now });
  const sets: Array<{ key: string; value: V; ttlMs: number }> = [];
  const store: VerdictStore<V> = {
    get: (key) => inner.get(key),
    set: (key, value, ttlMs) => {
      sets.push({ key, value, ttlMs });
      inner.set(key, value, ttlMs);
    },
  };
  return { store, sets };
}

// Hardening finding 1: verdicts are remembered briefly, keyed by a hash, never by the token.
describe('MachineTokenCache', () => {
  it('remembers a verified token for at most 10 s, keyed by its SHA-256, never the token', async () => {
    let now = 1_000_000;
    const positive = recordingStore<MachineAuthState>(() => now);
    const cache = new MachineTokenCache({ positiveStore: positive.store, now: () => now });
    const first = await cache.lookup(TOKEN);
    expect(first.kind).toBe('unknown');
    if (first.kind !== 'unknown') return;
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.key).not.toContain(TOKEN.slice(3));
    await cache.rememberVerified(first.key, state(null));
    expect(positive.sets).toEqual([{ key: first.key, value: state(null), ttlMs: DEFAULT_POSITIVE_TTL_MS }]);
    expect(await cache.lookup(TOKEN)).toEqual({ kind: 'verified', state: state(null) });
    now += DEFAULT_POSITIVE_TTL_MS;
    expect((await cache.lookup(TOKEN)).kind).toBe('unknown');
  });

  it('never serves a token past its own expiration', async () => {
    let now = 1_000_000;
    const positive = recordingStore<MachineAuthState>(() => now);
    const cache = new MachineTokenCache({ positiveStore: positive.store, now: () => now });
    const { key } = (await cache.lookup(TOKEN)) as { key: string };
    await cache.rememberVerified(key, state(now + 3_000));
    expect(positive.sets[0]!.ttlMs).toBe(3_000);
    now += 3_000;
    expect((await cache.lookup(TOKEN)).kind).toBe('unknown');
    // Already expired: not stored at all.
    await cache.rememberVerified(key, state(now - 1));
    expect(positive.sets).toHaveLength(1);
  });

  it('with the positive cache off, remembers only refusals', async () => {
    let now = 1_000_000;
    const cache = new MachineTokenCache({ positive: false, now: () => now });
    const { key } = (await cache.lookup(TOKEN)) as { key: string };
    await cache.rememberVerified(key, state(null));
    expect((await cache.lookup(TOKEN)).kind).toBe('unknown');
    await cache.rememberRefused(key);
    expect((await cache.lookup(TOKEN)).kind).toBe('refused');
    now += DEFAULT_NEGATIVE_TTL_MS;
    expect((await cache.lookup(TOKEN)).kind).toBe('unknown');
  });

  it('a refusal wins over an earlier verdict, and other tokens are not affected', async () => {
    const cache = new MachineTokenCache();
    const { key } = (await cache.lookup(TOKEN)) as { key: string };
    await cache.rememberVerified(key, state(null));
    await cache.rememberRefused(key);
    expect((await cache.lookup(TOKEN)).kind).toBe('refused');
    expect((await cache.lookup(`${TOKEN}x`)).kind).toBe('unknown');
  });

  it('refuses a negative TTL', () => {
    expect(() => new MachineTokenCache({ positiveTtlMs: -1 })).toThrow(RangeError);
  });
});
