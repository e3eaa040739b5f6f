import type { VerdictStore } from '../tokens/verdict-store.js';
import type { FleetStore } from './fleet-store.js';

/** A machine-token {@link VerdictStore} on the fleet store: values as JSON under `prefix` + the token's hash. */
export class StoreVerdictStore<V> implements VerdictStore<V> {
  readonly #store: FleetStore;
  readonly #prefix: string;

  constructor(store: FleetStore, prefix: string) {
    this.#store = store;
    this.#prefix = prefix;
  }

  async get(key: string): Promise<V | undefined> {
    const json = await this.#store.get(this.#prefix + key);
    return json === null ? undefined : (JSON.parse(json) as V);
  }

  async set(key: string, value: V, ttlMs: number): Promise<void> {
    await this.#store.set(this.#prefix + key, JSON.stringify(value), ttlMs);
  }
}
