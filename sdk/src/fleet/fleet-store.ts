/**
 * The state several servers of one app must share to behave as one client of the Clerk instance: the Backend API
 * budget, the short-lived user cache, the machine-token verdict cache and single-flight claims. In memory per
 * process by default ({@link MemoryFleetStore}); through Redis when `AUTHLENS_REDIS_URL` is set. Keys are logical
 * (`budget`, `user:user_…`); a shared implementation namespaces them by instance.
 */
import type { BackendCallClass, BudgetObservation } from '../backend-api/rate-limit-budget.js';

/** `fleet`: the figure or entry is shared by every server through the store; `local`: it is this process's own. */
export type StoreScope = 'fleet' | 'local';

/** How the budget is kept: the policy of the `WindowBudget` it stands for. */
export interface BudgetPolicy {
  /** Share of the window (0–1) machine-token verifications may not use. */
  reservedShare: number;
  /** The limit assumed until an answer reports one. */
  assumedLimit: number;
  /** Epoch ms. */
  now: number;
}

/** The budget after a take: whether the call may be sent, and the estimate it was judged on. */
export interface BudgetTake {
  allowed: boolean;
  remaining: number;
  limit: number;
}

export interface FleetStore {
  /** Whether what this store answers right now is shared by the fleet or local to this process. */
  readonly scope: StoreScope;
  /**
   * Atomically judges and counts one call against the window: machine-token verifications may not use the reserved
   * share; no call at all is allowed once the window is spent (while the API reports a limit).
   */
  takeBudget(callClass: BackendCallClass, policy: BudgetPolicy): Promise<BudgetTake>;
  /** Atomically folds what an answer said (`RateLimit-*`, `Retry-After`, a 429) into the window. */
  observeBudget(answer: BudgetObservation, policy: BudgetPolicy): Promise<void>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Sets `key` only when absent, for `ttlMs`: true when this caller got it (a single-flight claim). */
  claim(key: string, ttlMs: number): Promise<boolean>;
}
