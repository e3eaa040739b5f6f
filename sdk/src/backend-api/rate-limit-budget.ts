/**
 * The budget policy: how much of the Backend API's rate-limit window each class of call may use. Calls for
 * signed-in users (`currentUser()`, `getToken({ template })`, `clerkClient()` calls) may always be sent; verifying a
 * machine token the SDK does not already know may not take the last {@link DEFAULT_RESERVED_SHARE} of the window, so
 * a flood of made-up machine tokens cannot spend the calls signed-in users need.
 *
 * The window is estimated from the `RateLimit-*` headers of the answers, and counted down locally for calls sent
 * since (many are in flight before the first answer comes back). Before any answer it assumes Clerk's published
 * limit for the instance: 1000 requests per 10 s for a production key (`sk_live_`), 100 otherwise. When the verify
 * endpoints answer without those headers, the API is not reporting a limit (the local backend with limits off): the
 * reserve then stands aside, and only a 429 holds machine-token verifications back, until its `Retry-After`.
 */
import type { RateLimitSnapshot } from './rate-limit.js';

/** `standard`: any call made for a signed-in user or by the app; `machine_token_verification`: the verify endpoints. */
export type BackendCallClass = 'standard' | 'machine_token_verification';

/** What one answer said about the window. */
export interface BudgetObservation {
  callClass: BackendCallClass;
  status: number;
  rateLimit: RateLimitSnapshot | null;
  /** `Retry-After` (seconds) of a 429 / 503, else null. */
  retryAfter: number | null;
}

/**
 * Decides whether a call may be sent, and learns from the answers. Per Backend API instance (secret key); its
 * methods may return promises so that a budget shared across servers can implement it.
 */
export interface RateLimitBudget {
  /** true: the call may be sent, and is counted; false: it would dip into the share reserved for other calls. */
  take(callClass: BackendCallClass): boolean | Promise<boolean>;
  observe(answer: BudgetObservation): void | Promise<void>;
  /** `fleet`: the window is shared by every server (and it answered this time); `local`: this process's own. */
  readonly scope?: 'fleet' | 'local';
}

export const DEFAULT_RESERVED_SHARE = 0.2;
/** Clerk's development-instance limit, assumed until an answer says otherwise. */
export const ASSUMED_LIMIT = 100;
/** Clerk's production-instance limit, assumed for `sk_live_` keys. */
export const ASSUMED_PRODUCTION_LIMIT = 1000;
export const ASSUMED_WINDOW_MS = 10_000;
/** `RateLimit-Reset` is whole seconds, so two answers of one window may name reset times up to a second apart. */
const RESET_JITTER_MS = 1_000;

export interface WindowBudgetOptions {
  /** Share of each window (0–1) machine-token verifications may not use. Default 0.2; 0 turns the reserve off. */
  reservedShare?: number;
  /** The limit assumed until an answer reports one. Default {@link ASSUMED_LIMIT}. */
  assumedLimit?: number;
  /**
   * true: once the window is spent (as far as the API reports a limit), standard calls are refused too, rather than
   * sent to get a 429. The shared fleet budget sets it; the per-process default sends them. Default false.
   */
  refuseWhenSpent?: boolean;
  /** Epoch ms. Default `Date.now`. */
  now?: () => number;
}

/** The limit Clerk publishes for the instance a secret key belongs to. */
export function assumedLimitFor(secretKey: string | undefined): number {
  return secretKey?.startsWith('sk_live_') ? ASSUMED_PRODUCTION_LIMIT : ASSUMED_LIMIT;
}

/** The in-memory {@link RateLimitBudget} of one process. */
export class WindowBudget implements RateLimitBudget {
  readonly scope = 'local' as const;
  readonly reservedShare: number;
  readonly refuseWhenSpent: boolean;
  readonly #now: () => number;
  #limit: number;
  #remaining: number;
  #resetAt = 0;
  /** The verify endpoints answered without rate-limit headers: no limit is reported to keep a reserve of. */
  #unreported = false;
  /** Until when a 429 holds machine-token verifications back (epoch ms). */
  #blockedUntil = 0;

  constructor(options: WindowBudgetOptions = {}) {
    const share = options.reservedShare ?? DEFAULT_RESERVED_SHARE;
    if (!(share >= 0 && share < 1)) throw new RangeError('reservedShare must be at least 0 and below 1');
    this.reservedShare = share;
    this.refuseWhenSpent = options.refuseWhenSpent ?? false;
    this.#now = options.now ?? Date.now;
    const limit = options.assumedLimit ?? ASSUMED_LIMIT;
    if (!(Number.isInteger(limit) && limit > 0)) throw new RangeError('assumedLimit must be a positive integer');
    this.#limit = limit;
    this.#remaining = limit;
  }

  /** Calls of the window the reserve keeps for standard calls. */
  get reserved(): number {
    return this.reservedShare === 0 ? 0 : Math.max(1, Math.ceil(this.#limit * this.reservedShare));
  }

  /** The estimate: calls left in the current window, the limit, when the window resets (epoch ms). */
  get estimate(): { remaining: number; limit: number; resetAt: number } {
    this.#roll(this.#now());
    return { remaining: this.#remaining, limit: this.#limit, resetAt: this.#resetAt };
  }

  take(callClass: BackendCallClass): boolean {
    const now = this.#now();
    this.#roll(now);
    if (callClass === 'machine_token_verification') {
      if (now < this.#blockedUntil) return false;
      if (!this.#unreported && this.#remaining <= this.reserved) return false;
    } else if (this.refuseWhenSpent && !this.#unreported && this.#remaining <= 0) {
      return false;
    }
    this.#remaining = Math.max(0, this.#remaining - 1);
    return true;
  }

  observe(answer: BudgetObservation): void {
    const now = this.#now();
    this.#roll(now);
    const rl = answer.rateLimit;
    if (rl) this.#unreported = false;
    else if (answer.callClass === 'machine_token_verification' && answer.status !== 429) this.#unreported = true;
    if (rl?.limit != null && rl.limit > 0 && rl.limit !== this.#limit) {
      // The limit was assumed (or changed): the calls counted so far still count, against a window of the new size.
      this.#remaining = Math.max(0, this.#remaining + rl.limit - this.#limit);
      this.#limit = rl.limit;
    }
    if (rl?.remaining != null) {
      const serverResetAt = rl.resetAt;
      if (serverResetAt === null) {
        this.#remaining = Math.min(this.#remaining, rl.remaining);
      } else if (serverResetAt + RESET_JITTER_MS < this.#resetAt) {
        // An answer from a window that has already ended: it says nothing about this one.
      } else {
        if (serverResetAt > this.#resetAt + RESET_JITTER_MS) {
          // The API is in a window this estimate has not reached: start from what it says.
          this.#remaining = rl.remaining;
        } else {
          this.#remaining = Math.min(this.#remaining, rl.remaining);
        }
        this.#resetAt = serverResetAt;
      }
    }
    if (answer.status === 429) {
      this.#remaining = 0;
      const until = now + (answer.retryAfter ?? 1) * 1000;
      this.#blockedUntil = Math.max(this.#blockedUntil, until);
      if (answer.retryAfter !== null) this.#resetAt = Math.max(this.#resetAt, until);
    }
  }

  #roll(now: number): void {
    if (now < this.#resetAt) return;
    this.#remaining = this.#limit;
    this.#resetAt = now + ASSUMED_WINDOW_MS;
  }
}
