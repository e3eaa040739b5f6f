import { AttributeName, Metric } from '@authlens/otel';
import { afterAll, describe, expect, it } from 'vitest';
import { VerifiedTokenCache } from '../tokens/index.js';
import { observeCacheSize } from './cache-sizes.js';
import { instruments } from './instruments.js';
import { recordTelemetry } from './test-support/record-telemetry.js';

const telemetry = recordTelemetry();
afterAll(() => telemetry.stop());

async function cachePoints() {
  instruments(); // what every recorded decision does: creates the instruments (and the gauge) on the current meter
  return (await telemetry.metricPoints()).filter((p) => p.name === Metric.cacheEntries.name);
}

describe('authlens.cache.entries', () => {
  it('reports each cache name with its entries and capacity, summed over caches of that name', async () => {
    const first = new VerifiedTokenCache<string>({ maxEntries: 4 });
    const second = new VerifiedTokenCache<string>({ maxEntries: 8 });
    observeCacheSize('verified_tokens', first);
    observeCacheSize('verified_tokens', second);
    observeCacheSize('verified_tokens', first); // twice: counted once
    const exp = Date.now() + 60_000;
    for (const token of ['a.b.c1', 'a.b.c2', 'a.b.c3', 'a.b.c4', 'a.b.c5', 'a.b.c6']) first.set(token, token, exp);
    second.set('x.y.z', 'z', exp);

    const point = (await cachePoints()).find((p) => p.attributes[AttributeName.cacheName] === 'verified_tokens');
    // The first cache holds 4 of the 6 it was given (its bound), the second 1: 5 of a capacity of 12.
    expect(point?.value).toBe(5);
    expect(point?.attributes[AttributeName.cacheCapacity]).toBe(12);
  });

  it('reads the sizes anew at each collection', async () => {
    const cache = new VerifiedTokenCache<string>({ maxEntries: 2 });
    observeCacheSize('request_memo', cache);
    const before = (await cachePoints()).find((p) => p.attributes[AttributeName.cacheName] === 'request_memo');
    cache.set('t.o.k', 'v', Date.now() + 60_000);
    const after = (await cachePoints()).find((p) => p.attributes[AttributeName.cacheName] === 'request_memo');
    expect(after!.value - before!.value).toBe(1);
  });

  it('the SDK’s process-wide caches register themselves', async () => {
    await import('../backend-api/shared-client.js');
    const names = (await cachePoints()).map((p) => p.attributes[AttributeName.cacheName]);
    expect(names).toContain('backend_api_clients');
  });
});
