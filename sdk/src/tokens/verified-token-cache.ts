/**
 * A bounded LRU of tokens whose signature has already been verified, so a
 * token is verified once and then only re-checked (expiry, policy) until it
 * expires. A hit needs the whole token to be equal: a forged token that shares
 * any part with a verified one never hits. The map is keyed by a small integer
 * read from the token's last characters (its signature's, random) because
 * every request parses its token into a new string, and hashing or slicing
 * the whole token on each lookup would cost a hit more than the lookup itself
 * (docs/performance.md). Two tokens with the same key take turns in a slot.
 */
export interface VerifiedTokenCacheOptions {
  /** Most entries kept; the least recently used is dropped first. Default 2048. */
  maxEntries?: number;
}

export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 2048;

/**
 * Characters that key the map besides the last: the last six of an RS256 signature's base64url carry 32 random
 * bits (the very last only 2), enough for a 30-bit key; each character read costs (see keyOf).
 */
const KEY_CHARS = 5;

/** A 30-bit key (a small integer: no allocation, cheap to hash) mixed from the token's last six characters. */
function keyOf(token: string): number {
  const end = token.length - 1;
  let key = 0;
  for (let i = Math.max(0, end - KEY_CHARS); i <= end; i++) key = (Math.imul(key, 31) + token.charCodeAt(i)) | 0;
  return key & 0x3fffffff;
}

interface Entry<V> {
  /** The whole token: a hit must equal it, not just its key. */
  token: string;
  value: V;
  /** Epoch ms at which the entry stops being served (the token's `exp`). */
  expiresAt: number;
  /** Used since it was (re)queued: spared once by eviction (second-chance LRU). */
  used: boolean;
}

export class VerifiedTokenCache<V> {
  readonly maxEntries: number;
  readonly #entries = new Map<number, Entry<V>>();
  /** Where eviction resumes (see #oldest). */
  #cursor: MapIterator<[number, Entry<V>]> | undefined;

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
    const key = keyOf(token);
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.token !== token) return undefined;
    if (entry.expiresAt <= (now ?? Date.now())) {
      this.#entries.delete(key);
      return undefined;
    }
    // A flag, not a re-insertion: hits stay O(1) and cheap; eviction does the reordering.
    entry.used = true;
    return entry.value;
  }

  /** Stores a value until `expiresAt` (epoch ms); already-expired values are not stored. */
  set(token: string, value: V, expiresAt: number, now: number = Date.now()): void {
    if (this.maxEntries === 0 || !(expiresAt > now)) return;
    const key = keyOf(token);
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) this.#evictOne(now);
    this.#entries.set(key, { token, value, expiresAt, used: false });
  }

  /**
   * Drops the oldest entry not used since it was queued (or expired); used
   * ones are re-queued once, so a hot token survives a stream of new ones.
   * Bounded: after one full pass the oldest goes regardless.
   */
  #evictOne(now: number): void {
    const entries = this.#entries;
    for (let steps = entries.size; steps > 0; steps--) {
      const [key, entry] = this.#oldest();
      entries.delete(key);
      if (!entry.used || entry.expiresAt <= now) return;
      entry.used = false;
      entries.set(key, entry);
    }
    entries.delete(this.#oldest()[0]);
  }

  /**
   * The oldest entry (the map is not empty). A Map iterator is live and every
   * entry it has passed has been deleted, so its next entry is the oldest. It
   * is kept between evictions: a fresh iterator would first step over every
   * deleted slot the map has not compacted yet (up to its size, per eviction).
   */
  #oldest(): [number, Entry<V>] {
    let next = this.#cursor?.next();
    if (next === undefined || next.done) {
      this.#cursor = this.#entries.entries();
      next = this.#cursor.next();
    }
    return next.value as [number, Entry<V>];
  }

  delete(token: string): boolean {
    const key = keyOf(token);
    return this.#entries.get(key)?.token === token && this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#cursor = undefined;
  }
}
