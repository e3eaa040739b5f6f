/**
 * The `authlens.cache.entries` gauge: how full each of the SDK's bounded in-memory caches is, read at every metric
 * export, so that an operator (or a soak) sees from outside the process that they stay within their capacity.
 *
 * The registry lives on `globalThis`: Next bundles the SDK once for the middleware and again for the render, and
 * both copies' caches belong on one gauge. Caches are held weakly, so one that its owner dropped is not kept alive
 * here.
 */
import { AttributeName, type CacheName, Metric } from '@authlens/otel';
import type { Meter } from '@opentelemetry/api';

/** What the gauge reads of a cache. */
export interface SizedCache {
  readonly size: number;
  readonly maxEntries: number;
}

interface Registry {
  caches: Array<{ name: CacheName; ref: WeakRef<SizedCache> }>;
  known: WeakSet<SizedCache>;
  meters: WeakSet<Meter>;
}

const REGISTRY = Symbol.for('authlens.cache-sizes');

function registry(): Registry {
  const global = globalThis as { [REGISTRY]?: Registry };
  global[REGISTRY] ??= { caches: [], known: new WeakSet(), meters: new WeakSet() };
  return global[REGISTRY];
}

/** Reports `cache` on the gauge under `name` (caches of one name are summed); registering twice is a no-op. */
export function observeCacheSize(name: CacheName, cache: SizedCache): void {
  const { caches, known } = registry();
  if (known.has(cache)) return;
  known.add(cache);
  caches.push({ name, ref: new WeakRef(cache) });
}

/** Creates the gauge on `meter` (once per meter: the instruments call this whenever the meter provider changes). */
export function createCacheSizeGauge(meter: Meter): void {
  const { meters } = registry();
  if (meters.has(meter)) return;
  meters.add(meter);
  const spec = Metric.cacheEntries;
  meter.createObservableGauge(spec.name, { unit: spec.unit, description: spec.description }).addCallback((result) => {
    const state = registry();
    const totals = new Map<CacheName, { entries: number; capacity: number }>();
    state.caches = state.caches.filter(({ name, ref }) => {
      const cache = ref.deref();
      if (!cache) return false;
      const total = totals.get(name) ?? { entries: 0, capacity: 0 };
      total.entries += cache.size;
      total.capacity += cache.maxEntries;
      totals.set(name, total);
      return true;
    });
    for (const [name, { entries, capacity }] of totals) {
      result.observe(entries, { [AttributeName.cacheName]: name, [AttributeName.cacheCapacity]: capacity });
    }
  });
}
