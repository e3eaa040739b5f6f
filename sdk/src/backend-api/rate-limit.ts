/**
 * The rate-limit budget the Backend API reported on its latest answer (`RateLimit-Limit`, `RateLimit-Remaining`,
 * `RateLimit-Reset`, the IETF draft's headers, `Reset` being seconds until the window resets).
 */
export interface RateLimitSnapshot {
  /** Requests allowed per window, or null when the header was absent. */
  limit: number | null;
  /** Requests left in the current window, or null when the header was absent. */
  remaining: number | null;
  /** Seconds until the window resets, as sent. */
  resetSeconds: number | null;
  /** When the window resets (epoch ms), computed from `resetSeconds` and `observedAt`. */
  resetAt: number | null;
  /** When the answer carrying these headers arrived (epoch ms). */
  observedAt: number;
}

/** Reads the rate-limit headers; null when the answer carries none of them (e.g. JWKS, not limited). */
export function readRateLimit(headers: Headers, now: number = Date.now()): RateLimitSnapshot | null {
  const limit = readCount(headers.get('ratelimit-limit'));
  const remaining = readCount(headers.get('ratelimit-remaining'));
  const resetSeconds = readCount(headers.get('ratelimit-reset'));
  if (limit === null && remaining === null && resetSeconds === null) return null;
  return {
    limit,
    remaining,
    resetSeconds,
    resetAt: resetSeconds === null ? null : now + resetSeconds * 1000,
    observedAt: now,
  };
}

/**
 * `Retry-After` in seconds: delta-seconds, or an HTTP date converted against `now` (never negative). Null when absent
 * or unreadable.
 */
export function readRetryAfter(headers: Headers, now: number = Date.now()): number | null {
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  // An HTTP date always has a weekday/month name; this keeps `-3` and other numbers from parsing as years.
  if (!/[A-Za-z]/.test(value)) return null;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

// The draft allows a list (`100, 100;w=10`); the first item is the one that applies now.
function readCount(value: string | null): number | null {
  if (value === null) return null;
  const first = value.split(',')[0]?.split(';')[0]?.trim() ?? '';
  if (!/^\d+$/.test(first)) return null;
  return Number(first);
}
