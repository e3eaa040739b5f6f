import type { BackendCallClass, BudgetObservation } from '../backend-api/rate-limit-budget.js';
import { recordStoreTransition } from '../telemetry/store-transition.js';
import type { BudgetPolicy, BudgetTake, FleetStore, StoreScope } from './fleet-store.js';
import { MemoryFleetStore } from './memory-fleet-store.js';

/** A shared store slower than this is treated as down for the call: a request must not wait on Redis. */
export const DEFAULT_STORE_TIMEOUT_MS = 50;
/** The first call waits this long at most for the connection (loading the client, connecting) before falling back. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 500;
/** While down, the shared store is asked (one PING) at most this often whether it answers again. */
export const DEFAULT_PROBE_INTERVAL_MS = 500;

export interface SharedStore extends FleetStore {
  ping(): Promise<void>;
}

export interface ResilientFleetStoreOptions {
  timeoutMs?: number;
  connectTimeoutMs?: number;
  probeIntervalMs?: number;
  /** The in-process state used while the shared store does not answer. Default a new {@link MemoryFleetStore}. */
  local?: FleetStore;
  /** Epoch ms. Default `Date.now`. */
  now?: () => number;
}

/** The shared store did not answer within the time a request may spend on it. */
export class StoreTimeoutError extends Error {
  override name = 'StoreTimeoutError';
}

/**
 * A shared {@link FleetStore} that never fails a request: a call it does not answer within `timeoutMs` (down at
 * start, killed, paused) is served by the in-process store instead, within that same call; the switch is recorded
 * once (span event + metric). While down, nothing waits on it: one PING every `probeIntervalMs` finds out when it
 * answers again, and the next calls go back to it; the first of them records the switch back, in its own span.
 */
export class ResilientFleetStore implements FleetStore {
  readonly #shared: Promise<SharedStore | null>;
  readonly #local: FleetStore;
  readonly #timeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #probeIntervalMs: number;
  readonly #now: () => number;
  #resolved: SharedStore | null = null;
  /** Whether the shared store answers; null until the first call has found out. */
  #up: boolean | null = null;
  #firstCheck: Promise<void> | null = null;
  #probing = false;
  #lastProbe = 0;
  /** A PING answered again; the switch back is recorded by the next call, inside its request's span. */
  #recoveryUnrecorded = false;

  /** `shared` may still be loading; the first call waits for it (at most `connectTimeoutMs`). */
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
    this.#connectTimeoutMs = Math.max(this.#timeoutMs, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
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
    // The first call waits (at most the connect timeout) for the client to load and connect, so that a server starts
    // on the fleet's state rather than on an empty one of its own.
    if (this.#up === null) {
      this.#firstCheck ??= this.#withinTimeout(
        this.#shared.then((store) => {
          if (!store) throw new StoreTimeoutError('the shared store could not be created');
          return store.ping();
        }),
        this.#connectTimeoutMs,
      ).then(
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
    const shared = this.#resolved;
    if (shared && this.#up) {
      if (this.#recoveryUnrecorded) {
        this.#recoveryUnrecorded = false;
        recordStoreTransition('fleet');
      }
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
        // Not recorded here: the request that started the probe has usually ended, and its span with it.
        this.#recoveryUnrecorded = true;
      },
      () => {
        this.#probing = false;
      },
    );
  }

  #withinTimeout<T>(promise: Promise<T>, ms: number = this.#timeoutMs): Promise<T> {
    // A late answer (or failure) of a call already given up on must not surface as an unhandled rejection.
    promise.catch(() => {});
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        // Timers run before the I/O of the same loop turn: when this process was busy past the timeout, an answer
        // that has arrived meanwhile is read first (a second timer runs after that I/O), so a blocked event loop is
        // not mistaken for a slow Redis. (Not setImmediate: this module is in Edge bundles too, where it is unused.)
        setTimeout(() => {
          if (settled) return;
          settled = true;
          reject(new StoreTimeoutError(`the shared store did not answer within ${ms} ms`));
        }, 0);
      }, ms);
      promise.then(
        (value) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
