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
    entry = { until: now + REQUEST_TTL_MS, values: new Map() };
    requests.set(requestId, entry);
  }
  const existing = entry.values.get(key) as Promise<T> | undefined;
  if (existing) return { value: existing, hit: true };
  const value = load();
  const values = entry.values;
  values.set(key, value);
  value.catch(() => {
    if (values.get(key) === value) values.delete(key);
  });
  return { value, hit: false };
}

/** For tests: how many requests hold entries. */
export function requestCacheSize(): number {
  return requests.size;
}
