/**
 * The budget policy: how much of the Backend API's rate-limit window each class of call may use. Calls for
 * signed-in users (`currentUser()`, `getToken({ template })`, `clerkClient()` calls) may always be sent; verifying a
 * machine token the SDK does not already know may not take the last {@link DEFAULT_RESERVED_SHARE} of the window, so
 * a flood of made-up machine tokens cannot spend the calls signed-in users need.
 *
 * The window is estimated from the `RateLimit-*` headers of the answers, and counted down locally for calls sent
 * since (many are in flight before the first answer comes back). Before any answer it assumes Clerk's smallest
 * limit, 100 requests per 10 s (development instances).
 */
import type { RateLimitSnapshot } from './rate-limit.js';

/** `standard`: any call made for a signed-in user or by the app; `machine_token_verification`: the verify endpoints. */
export type BackendCallClass = 'standard' | 'machine_token_verification';

/** What one answer said about the window. */
export interface BudgetObservation {
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
}

export const DEFAULT_RESERVED_SHARE = 0.2;
/** Clerk's development-instance limit, assumed until an answer says otherwise. */
export const ASSUMED_LIMIT = 100;
export const ASSUMED_WINDOW_MS = 10_000;
/** `RateLimit-Reset` is whole seconds, so two answers of one window may name reset times up to a second apart. */
const RESET_JITTER_MS = 1_000;

export interface WindowBudgetOptions {
  /** Share of each window (0–1) machine-token verifications may not use. Default 0.2; 0 turns the reserve off. */
  reservedShare?: number;
  /** Epoch ms. Default `Date.now`. */
  now?: () => number;
}

/** The in-memory {@link RateLimitBudget} of one process. */
export class WindowBudget implements RateLimitBudget {
  readonly reservedShare: number;
  readonly #now: () => number;
  #limit = ASSUMED_LIMIT;
  #remaining = ASSUMED_LIMIT;
  #resetAt = 0;

  constructor(options: WindowBudgetOptions = {}) {
    const share = options.reservedShare ?? DEFAULT_RESERVED_SHARE;
    if (!(share >= 0 && share < 1)) throw new RangeError('reservedShare must be at least 0 and below 1');
    this.reservedShare = share;
    this.#now = options.now ?? Date.now;
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
    this.#roll(this.#now());
    if (callClass === 'machine_token_verification' && this.#remaining <= this.reserved) return false;
    this.#remaining = Math.max(0, this.#remaining - 1);
    return true;
  }

  observe(answer: BudgetObservation): void {
    const now = this.#now();
    this.#roll(now);
    const rl = answer.rateLimit;
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
      if (answer.retryAfter !== null) this.#resetAt = Math.max(this.#resetAt, now + answer.retryAfter * 1000);
    }
  }

  #roll(now: number): void {
    if (now < this.#resetAt) return;
    this.#remaining = this.#limit;
    this.#resetAt = now + ASSUMED_WINDOW_MS;
  }
}
