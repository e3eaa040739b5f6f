import { describe, expect, it } from 'vitest';
import { MemoryVerdictStore } from './verdict-store.js';

describe('MemoryVerdictStore', () => {
  it('serves an entry until its TTL, then forgets it', () => {
    let now = 1_000;
    const store = new MemoryVerdictStore<string>({ maxEntries: 4, now: () => now });
    store.set('a', 'A', 500);
    expect(store.get('a')).toBe('A');
    now += 499;
    expect(store.get('a')).toBe('A');
    now += 1;
    expect(store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('is bounded: the oldest entry goes first; re-setting a key makes it the newest', () => {
    const store = new MemoryVerdictStore<number>({ maxEntries: 3 });
    store.set('a', 1, 60_000);
    store.set('b', 2, 60_000);
    store.set('c', 3, 60_000);
    store.set('a', 10, 60_000);
    store.set('d', 4, 60_000);
    expect(store.size).toBe(3);
    expect(store.get('b')).toBeUndefined();
    expect([store.get('a'), store.get('c'), store.get('d')]).toEqual([10, 3, 4]);
  });

  it('stores nothing for a TTL of 0, and refuses a size below 1', () => {
    const store = new MemoryVerdictStore<number>({ maxEntries: 1 });
    store.set('a', 1, 0);
    expect(store.get('a')).toBeUndefined();
    expect(() => new MemoryVerdictStore({ maxEntries: 0 })).toThrow(RangeError);
  });
});
