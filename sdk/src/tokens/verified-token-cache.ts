/**
 * A bounded LRU of tokens whose signature has already been verified, so a
 * token is verified once and then only re-checked (expiry, policy) until it
 * expires. Keyed by the full token string: a forged token that shares any
 * prefix with a verified one is a different key and can never hit.
 */
export interface VerifiedTokenCacheOptions {
  /** Most entries kept; the least recently used is dropped first. Default 2048. */
  maxEntries?: number;
}

export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 2048;

interface Entry<V> {
  value: V;
  /** Epoch ms at which the entry stops being served (the token's `exp`). */
  expiresAt: number;
  /** Used since it was (re)queued: spared once by eviction (second-chance LRU). */
  used: boolean;
}

export class VerifiedTokenCache<V> {
  readonly maxEntries: number;
  readonly #entries = new Map<string, Entry<V>>();
  /** Where eviction resumes (see #oldest). */
  #cursor: MapIterator<[string, Entry<V>]> | undefined;

  constructor(options: VerifiedTokenCacheOptions = {}) {
    const max = options.maxEntries ?? DEFAULT_VERIFIED_TOKEN_CACHE_SIZE;
    if (!Number.isInteger(max) || max < 0) throw new RangeError('maxEntries must be a non-negative integer');
    this.maxEntries = max;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached value, or undefined when absent or expired (an expired entry is dropped). */
  get(token: string, now?: number): V | undefined {
    const entry = this.#entries.get(token);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= (now ?? Date.now())) {
      this.#entries.delete(token);
      return undefined;
    }
    // A flag, not a re-insertion: hits stay O(1) and cheap; eviction does the reordering.
    entry.used = true;
    return entry.value;
  }

  /** Stores a value until `expiresAt` (epoch ms); already-expired values are not stored. */
  set(token: string, value: V, expiresAt: number, now: number = Date.now()): void {
    if (this.maxEntries === 0 || !(expiresAt > now)) return;
    this.#entries.delete(token);
    if (this.#entries.size >= this.maxEntries) this.#evictOne(now);
    this.#entries.set(token, { value, expiresAt, used: false });
  }

  /**
   * Drops the oldest entry not used since it was queued (or expired); used
   * ones are re-queued once, so a hot token survives a stream of new ones.
   * Bounded: after one full pass the oldest goes regardless.
   */
  #evictOne(now: number): void {
    const entries = this.#entries;
    for (let steps = entries.size; steps > 0; steps--) {
      const [token, entry] = this.#oldest();
      entries.delete(token);
      if (!entry.used || entry.expiresAt <= now) return;
      entry.used = false;
      entries.set(token, entry);
    }
    entries.delete(this.#oldest()[0]);
  }

  /**
   * The oldest entry (the map is not empty). A Map iterator is live and every
   * entry it has passed has been deleted, so its next entry is the oldest. It
   * is kept between evictions: a fresh iterator would first step over every
   * deleted slot the map has not compacted yet (up to its size, per eviction).
   */
  #oldest(): [string, Entry<V>] {
    let next = this.#cursor?.next();
    if (next === undefined || next.done) {
      this.#cursor = this.#entries.entries();
      next = this.#cursor.next();
    }
    return next.value as [string, Entry<V>];
  }

  delete(token: string): boolean {
    return this.#entries.delete(token);
  }

  clear(): void {
    this.#entries.clear();
    this.#cursor = undefined;
  }
}
