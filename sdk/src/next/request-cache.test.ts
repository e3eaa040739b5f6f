import { describe, expect, it } from 'vitest';
import { dedupeInRequest } from './request-cache.js';

describe('dedupeInRequest', () => {
  it('shares one call per request and key, including while in flight', async () => {
    let calls = 0;
    const load = () => new Promise<number>((r) => setTimeout(() => r(++calls), 5));
    const a = dedupeInRequest('req-a', 'user:1', load);
    const b = dedupeInRequest('req-a', 'user:1', load);
    expect(a.hit).toBe(false);
    expect(b.hit).toBe(true);
    expect(b.value).toBe(a.value);
    // b came while a's call was loading: it joined it (and a did not).
    expect([a.joined, b.joined]).toEqual([false, true]);
    expect(await a.value).toBe(1);
    const later = dedupeInRequest('req-a', 'user:1', load);
    // Once the result is there, a later caller is served from it: a hit, not a join.
    expect([later.hit, later.joined]).toEqual([true, false]);
    expect(await later.value).toBe(1);
    expect(calls).toBe(1);
  });

  it('never shares between requests or keys', async () => {
    let calls = 0;
    const load = async () => ++calls;
    await dedupeInRequest('req-b', 'k', load).value;
    await dedupeInRequest('req-c', 'k', load).value;
    await dedupeInRequest('req-b', 'other', load).value;
    expect(calls).toBe(3);
  });

  it('does not keep a failure, so a later call in the request can succeed', async () => {
    let calls = 0;
    const failing = dedupeInRequest('req-d', 'k', async () => {
      calls++;
      throw new Error('boom');
    });
    await expect(failing.value).rejects.toThrow('boom');
    const again = dedupeInRequest('req-d', 'k', async () => ++calls);
    expect(again.hit).toBe(false);
    expect(await again.value).toBe(2);
  });

  it('forgets a request after its time', async () => {
    let calls = 0;
    const load = async () => ++calls;
    await dedupeInRequest('req-e', 'k', load, 0).value;
    const later = dedupeInRequest('req-e', 'k', load, 10 * 60_000);
    expect(later.hit).toBe(false);
    expect(await later.value).toBe(2);
  });
});
