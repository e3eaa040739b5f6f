import type { BackendCallClass, BudgetObservation } from '../backend-api/rate-limit-budget.js';
import { recordStoreTransition } from '../telemetry/store-transition.js';
import type { BudgetPolicy, BudgetTake, FleetStore, StoreScope } from './fleet-store.js';
import { MemoryFleetStore } from './memory-fleet-store.js';

/** A shared store slower than this is treated as down for the call: a request must not wait on Redis. */
export const DEFAULT_STORE_TIMEOUT_MS = 50;
/** While down, the shared store is asked (one PING) at most this often whether it answers again. */
export const DEFAULT_PROBE_INTERVAL_MS = 500;

export interface SharedStore extends FleetStore {
  ping(): Promise<void>;
}

export interface ResilientFleetStoreOptions {
  timeoutMs?: number;
  probeIntervalMs?: number;
  /** The in-process state used while the shared store does not answer. Default a new {@link MemoryFleetStore}. */
  local?: FleetStore;
  /** Epoch ms. Default `Date.now`. */
  now?: () => number;
}

const TIMED_OUT = Symbol('timed out');

/** The shared store did not answer within the time a request may spend on it. */
export class StoreTimeoutError extends Error {
  override name = 'StoreTimeoutError';
}

/**
 * A shared {@link FleetStore} that never fails a request: a call it does not answer within `timeoutMs` (down at
 * start, killed, paused) is served by the in-process store instead, within that same call; the switch is recorded
 * once (span event + metric). While down, nothing waits on it: one PING every `probeIntervalMs` finds out when it
 * answers again, and the next calls go back to it.
 */
export class ResilientFleetStore implements FleetStore {
  readonly #shared: Promise<SharedStore | null>;
  readonly #local: FleetStore;
  readonly #timeoutMs: number;
  readonly #probeIntervalMs: number;
  readonly #now: () => number;
  #resolved: SharedStore | null = null;
  /** Whether the shared store answers; null until the first call has found out. */
  #up: boolean | null = null;
  #firstCheck: Promise<void> | null = null;
  #probing = false;
  #lastProbe = 0;

  /** `shared` may still be connecting; until it is there, the in-process store answers (not a fallback). */
  constructor(shared: SharedStore | Promise<SharedStore | null>, options: ResilientFleetStoreOptions = {}) {
    this.#shared = Promise.resolve(shared).then(
      (store) => {
        this.#resolved = store;
        return store;
      },
      () => null,
    );
    this.#local = options.local ?? new MemoryFleetStore({ now: options.now });
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
    this.#probeIntervalMs = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    this.#now = options.now ?? Date.now;
  }

  /** Resolves once the shared store is created (connected or not); for tests and startup. */
  async ready(): Promise<void> {
    await this.#shared;
  }

  get scope(): StoreScope {
    return this.#resolved && this.#up !== false ? 'fleet' : 'local';
  }

  takeBudget(callClass: BackendCallClass, policy: BudgetPolicy): Promise<BudgetTake> {
    return this.#run((store) => store.takeBudget(callClass, policy));
  }

  observeBudget(answer: BudgetObservation, policy: BudgetPolicy): Promise<void> {
    return this.#run((store) => store.observeBudget(answer, policy));
  }

  get(key: string): Promise<string | null> {
    return this.#run((store) => store.get(key));
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    return this.#run((store) => store.set(key, value, ttlMs));
  }

  delete(key: string): Promise<void> {
    // Dropped from both: an entry cached locally during an outage must not outlive the change either.
    return this.#run(async (store) => {
      await store.delete(key);
      if (store !== this.#local) await this.#local.delete(key);
    });
  }

  claim(key: string, ttlMs: number): Promise<boolean> {
    return this.#run((store) => store.claim(key, ttlMs));
  }

  async #run<T>(op: (store: FleetStore) => Promise<T>): Promise<T> {
    const shared = this.#resolved;
    // The first call waits (at most the timeout) for the connection, so a server starts on the fleet's state.
    if (shared && this.#up === null) {
      this.#firstCheck ??= this.#withinTimeout(shared.ping()).then(
        () => {
          this.#up = true;
        },
        (error: unknown) => {
          this.#up = true;
          this.#down(error);
        },
      );
      await this.#firstCheck;
    }
    if (shared && this.#up) {
      try {
        return await this.#withinTimeout(op(shared));
      } catch (error) {
        this.#down(error);
      }
    } else if (shared) {
      this.#probe(shared);
    }
    return op(this.#local);
  }

  #down(error: unknown): void {
    if (!this.#up) return;
    this.#up = false;
    this.#lastProbe = this.#now();
    recordStoreTransition('local', error);
  }

  #probe(shared: SharedStore): void {
    if (this.#probing || this.#now() - this.#lastProbe < this.#probeIntervalMs) return;
    this.#probing = true;
    this.#lastProbe = this.#now();
    this.#withinTimeout(shared.ping()).then(
      () => {
        this.#probing = false;
        if (this.#up) return;
        this.#up = true;
        recordStoreTransition('fleet');
      },
      () => {
        this.#probing = false;
      },
    );
  }

  #withinTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.#timeoutMs);
    });
    // A late answer (or failure) of a call already given up on must not surface as an unhandled rejection.
    promise.catch(() => {});
    return Promise.race([promise, timeout]).then(
      (value) => {
        clearTimeout(timer);
        if (value === TIMED_OUT)
          throw new StoreTimeoutError(`the shared store did not answer within ${this.#timeoutMs} ms`);
        return value as T;
      },
      (error: unknown) => {
        clearTimeout(timer);
        throw error;
      },
    );
  }
}
