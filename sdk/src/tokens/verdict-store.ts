/**
 * Where machine-token verdicts are kept between requests, by key (a hash of the token, never the token). In memory
 * per process by default; the interface is small so that a store shared across servers can take its place (its
 * methods may return promises).
 */
export interface VerdictStore<V> {
  /** The value stored under `key`, or undefined when absent or past its time to live. */
  get(key: string): V | undefined | Promise<V | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds. */
  set(key: string, value: V, ttlMs: number): void | Promise<void>;
}

export interface MemoryVerdictStoreOptions {
  /** Most entries kept; the oldest is dropped first. */
  maxEntries: number;
  /** Epoch ms; a parameter so tests can move time. Default `Date.now`. */
  now?: () => number;
}

/** A bounded in-memory {@link VerdictStore}: entries expire by their TTL, and the oldest go first when it is full. */
export class MemoryVerdictStore<V> implements VerdictStore<V> {
  readonly maxEntries: number;
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #now: () => number;

  constructor(options: MemoryVerdictStoreOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError('maxEntries must be a positive integer');
    }
    this.maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  set(key: string, value: V, ttlMs: number): void {
    if (!(ttlMs > 0)) return;
    // Re-inserting moves the key to the end, so the Map's order stays oldest-first.
    this.#entries.delete(key);
    while (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
  }
}
