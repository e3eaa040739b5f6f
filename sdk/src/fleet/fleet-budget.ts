import {
  type BackendCallClass,
  type BudgetObservation,
  DEFAULT_RESERVED_SHARE,
  type RateLimitBudget,
} from '../backend-api/rate-limit-budget.js';
import type { BudgetPolicy, FleetStore, StoreScope } from './fleet-store.js';

/**
 * The Backend API budget of the whole fleet: every server takes from and reports to one window in the store, so
 * together they stay under the instance's limit. Machine-token verifications keep off the reserved share; once the
 * window is spent, calls are refused (`ERR_BACKEND_API_BUDGET_SPENT`) rather than sent to get a 429.
 */
export class FleetBudget implements RateLimitBudget {
  readonly #store: FleetStore;
  readonly #reservedShare: number;
  readonly #assumedLimit: number;
  readonly #now: () => number;
  /** The fleet's estimate after the latest take (null before any). */
  latest: { remaining: number; limit: number } | null = null;

  constructor(store: FleetStore, options: { assumedLimit: number; reservedShare?: number; now?: () => number }) {
    this.#store = store;
    this.#reservedShare = options.reservedShare ?? DEFAULT_RESERVED_SHARE;
    this.#assumedLimit = options.assumedLimit;
    this.#now = options.now ?? Date.now;
  }

  get scope(): StoreScope {
    return this.#store.scope;
  }

  async take(callClass: BackendCallClass): Promise<boolean> {
    const taken = await this.#store.takeBudget(callClass, this.#policy());
    this.latest = { remaining: taken.remaining, limit: taken.limit };
    return taken.allowed;
  }

  observe(answer: BudgetObservation): Promise<void> {
    return this.#store.observeBudget(answer, this.#policy());
  }

  #policy(): BudgetPolicy {
    return { reservedShare: this.#reservedShare, assumedLimit: this.#assumedLimit, now: this.#now() };
  }
}
