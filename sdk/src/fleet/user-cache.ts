import type { FleetStore, StoreScope } from './fleet-store.js';
import { type SingleFlightSource, singleFlight } from './single-flight.js';

export const DEFAULT_FLIGHT_WAIT_MS = 250;
const POLL_MS = 10;

export interface UserCacheRead {
  /** The user as the Backend API returned it (its JSON). */
  record: unknown;
  /** `stored`: from the cache; `waited`: another server fetched it meanwhile; `fetched`: this caller asked the API. */
  source: SingleFlightSource;
  scope: StoreScope;
}

/**
 * The short-lived user cache behind `currentUser()` (opt-in): the user's JSON as the Backend API returned it, for
 * `ttlMs`, shared by the fleet when the store is. Entries are dropped when the app updates or deletes the user
 * through the SDK's client; a change made elsewhere (the Dashboard, another app) shows after `ttlMs` at most.
 */
export class UserCache {
  readonly ttlMs: number;
  readonly #store: FleetStore;
  readonly #waitMs: number;

  constructor(store: FleetStore, options: { ttlMs: number; waitMs?: number }) {
    if (!(options.ttlMs > 0 && Number.isFinite(options.ttlMs))) throw new RangeError('ttlMs must be a positive number');
    this.#store = store;
    this.ttlMs = options.ttlMs;
    this.#waitMs = options.waitMs ?? DEFAULT_FLIGHT_WAIT_MS;
  }

  async read(userId: string, fetch: () => Promise<unknown>): Promise<UserCacheRead> {
    const key = `user:${userId}`;
    const { value, source } = await singleFlight<string>(this.#store, key, {
      read: () => this.#store.get(key),
      fetch: async () => JSON.stringify(await fetch()),
      write: (json) => this.#store.set(key, json, this.ttlMs),
      waitMs: this.#waitMs,
      pollMs: POLL_MS,
    });
    return { record: JSON.parse(value), source, scope: this.#store.scope };
  }

  /** Forgets the user everywhere the store reaches (after an update or delete through the SDK). */
  drop(userId: string): Promise<void> {
    return this.#store.delete(`user:${userId}`);
  }
}
