/**
 * Fixed-window request budgets per credential (Clerk limits per secret key). Each answer carries what the
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` headers report.
 */
export interface RateLimitSetting {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the window resets, at least 1. */
  resetSeconds: number;
}

/** Clerk's development-instance limit. */
export const DEFAULT_RATE_LIMIT: RateLimitSetting = { limit: 100, windowSeconds: 10 };

export class RateLimiter {
  #setting: RateLimitSetting | 'off';
  readonly #windows = new Map<string, { start: number; count: number }>();
  readonly #clock: () => number;

  constructor(setting: RateLimitSetting | 'off', clock: () => number) {
    this.#setting = setting;
    this.#clock = clock;
  }

  get setting(): RateLimitSetting | 'off' {
    return this.#setting;
  }

  /** Changes the limit at run time and starts fresh windows. */
  configure(setting: RateLimitSetting | 'off'): void {
    this.#setting = setting;
    this.#windows.clear();
  }

  /** Counts one request for `key`; `undefined` when limiting is off. */
  take(key: string): RateLimitDecision | undefined {
    const setting = this.#setting;
    if (setting === 'off') return undefined;
    const now = this.#clock();
    const windowMs = setting.windowSeconds * 1000;
    let window = this.#windows.get(key);
    if (!window || now >= window.start + windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
    if (window.count >= setting.limit) {
      return { allowed: false, limit: setting.limit, remaining: 0, resetSeconds };
    }
    window.count += 1;
    return { allowed: true, limit: setting.limit, remaining: setting.limit - window.count, resetSeconds };
  }
}

/** Parses `N/Ws` (e.g. `100/10s`, also `100/10`) or `off`. */
export function parseRateLimit(text: string): RateLimitSetting | 'off' {
  if (text === 'off') return 'off';
  const match = /^(\d+)\/(\d+)s?$/.exec(text.trim());
  if (!match) throw new TypeError(`Invalid rate limit "${text}": expected N/Ws (e.g. 100/10s) or off`);
  const limit = Number(match[1]);
  const windowSeconds = Number(match[2]);
  if (limit < 1 || windowSeconds < 1) throw new TypeError(`Invalid rate limit "${text}": both numbers must be >= 1`);
  return { limit, windowSeconds };
}
