import { type BudgetObservation, WindowBudget } from '../backend-api/rate-limit-budget.js';
import { MemoryVerdictStore } from '../tokens/verdict-store.js';
import type { BudgetPolicy, BudgetTake, FleetStore } from './fleet-store.js';

/** Entries kept at most (users, verdicts, claims together); the oldest go first. */
const MAX_ENTRIES = 10_000;

/**
 * The in-process {@link FleetStore}: what one server knows on its own. The default, and the fallback of a shared
 * store that does not answer.
 */
export class MemoryFleetStore implements FleetStore {
  readonly scope = 'local' as const;
  readonly #entries: MemoryVerdictStore<string>;
  #budget: WindowBudget | null = null;
  #policyNow = 0;

  constructor(options: { maxEntries?: number; now?: () => number } = {}) {
    this.#entries = new MemoryVerdictStore({ maxEntries: options.maxEntries ?? MAX_ENTRIES, now: options.now });
  }

  async takeBudget(callClass: BudgetObservation['callClass'], policy: BudgetPolicy): Promise<BudgetTake> {
    const budget = this.#budgetFor(policy);
    const allowed = budget.take(callClass);
    const { remaining, limit } = budget.estimate;
    return { allowed, remaining, limit };
  }

  async observeBudget(answer: BudgetObservation, policy: BudgetPolicy): Promise<void> {
    this.#budgetFor(policy).observe(answer);
  }

  async get(key: string): Promise<string | null> {
    return this.#entries.get(key) ?? null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#entries.set(key, value, ttlMs);
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.#entries.get(key) !== undefined) return false;
    this.#entries.set(key, '1', ttlMs);
    return true;
  }

  #budgetFor(policy: BudgetPolicy): WindowBudget {
    this.#policyNow = policy.now;
    this.#budget ??= new WindowBudget({
      reservedShare: policy.reservedShare,
      assumedLimit: policy.assumedLimit,
      refuseWhenSpent: true,
      now: () => this.#policyNow,
    });
    return this.#budget;
  }
}
