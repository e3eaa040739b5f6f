/**
 * Request-scoped memoisation, keyed by the signed request id the middleware
 * issued — so it works wherever auth() works (Server Components, Route
 * Handlers, Server Actions), unlike React's `cache()`. Holds in-flight
 * promises (concurrent callers in one request share one call); a failure is
 * not kept. Bounded: entries of a request live for a short while after it
 * started, and the oldest requests go first when full.
 */
import { observeCacheSize } from '../telemetry/cache-sizes.js';

const MAX_REQUESTS = 1000;
const REQUEST_TTL_MS = 60_000;

interface RequestEntries {
  until: number;
  values: Map<string, Promise<unknown>>;
  /** The values still loading: a caller finding one of these waits for another call's result. */
  loading: Set<Promise<unknown>>;
}

const requests = new Map<string, RequestEntries>();
const requestsCache = {
  get size() {
    return requests.size;
  },
  maxEntries: MAX_REQUESTS,
};
observeCacheSize('request_memo', requestsCache);

function sweep(now: number): void {
  for (const [id, entry] of requests) {
    if (entry.until > now && requests.size < MAX_REQUESTS) break;
    requests.delete(id);
  }
}

export interface Deduped<T> {
  value: Promise<T>;
  /** True when this request already had (or was making) the call. */
  hit: boolean;
  /** True when this request was still making the call: this caller waits for that call's result. */
  joined: boolean;
}

export function dedupeInRequest<T>(
  requestId: string,
  key: string,
  load: () => Promise<T>,
  now: number = Date.now(),
): Deduped<T> {
  let entry = requests.get(requestId);
  if (entry && entry.until <= now) {
    requests.delete(requestId);
    entry = undefined;
  }
  if (!entry) {
    sweep(now);
    entry = { until: now + REQUEST_TTL_MS, values: new Map(), loading: new Set() };
    requests.set(requestId, entry);
  }
  const existing = entry.values.get(key) as Promise<T> | undefined;
  if (existing) return { value: existing, hit: true, joined: entry.loading.has(existing) };
  const value = load();
  const { values, loading } = entry;
  values.set(key, value);
  loading.add(value);
  value.then(
    () => loading.delete(value),
    () => {
      loading.delete(value);
      if (values.get(key) === value) values.delete(key);
    },
  );
  return { value, hit: false, joined: false };
}

/** For tests: how many requests hold entries. */
export function requestCacheSize(): number {
  return requests.size;
}
