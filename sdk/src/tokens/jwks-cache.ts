import { TokenVerificationError } from '../token-verification-error.js';
import type { CryptoRuntime } from './crypto-runtime.js';
import type { KeySource } from './key-source.js';
import { createVerificationKey, type VerificationKey } from './verification-key.js';
import { VerifiedTokenCache } from './verified-token-cache.js';
import type { VerifiedJwt } from './verify-jwt.js';

export interface Jwks {
  keys: readonly JsonWebKey[];
}

export interface JwksCacheOptions {
  /** Fetches the key set, e.g. `GET {apiUrl}/v1/jwks` with the secret key. */
  loadJwks: () => Promise<Jwks>;
  /** How long a loaded key set is trusted before it is fetched again. Default 5 min (as Clerk). */
  maxAgeMs?: number;
  /**
   * Least time between two refetches triggered by an unknown `kid` (so a
   * flood of made-up kids costs at most one fetch per cooldown), and between
   * retries after a failed load. Default 5 s.
   */
  unknownKidCooldownMs?: number;
  runtime?: CryptoRuntime;
  maxCachedTokens?: number;
}

interface LoadedKeys {
  keys: Map<string, VerificationKey>;
  /** Why each RSA key the set holds but authlens will not use (too weak, wrong use…) was refused, by kid. */
  refused: Map<string, string>;
  loadedAt: number;
}

/**
 * JWKS-backed keys: loaded lazily, cached, refetched when stale or when a
 * token names a `kid` not in the set (at most once per cooldown), with one
 * load in flight at a time however many requests wait on it.
 */
export class JwksCache implements KeySource {
  readonly verifiedTokens: VerifiedTokenCache<VerifiedJwt>;
  readonly maxAgeMs: number;
  readonly unknownKidCooldownMs: number;
  readonly #loadJwks: () => Promise<Jwks>;
  readonly #runtime: CryptoRuntime | undefined;
  #loaded: LoadedKeys | null = null;
  #inFlight: Promise<LoadedKeys> | null = null;
  #lastUnknownKidRefetchAt = Number.NEGATIVE_INFINITY;
  #lastFailureAt = Number.NEGATIVE_INFINITY;
  #loadCount = 0;

  constructor(options: JwksCacheOptions) {
    if (typeof options?.loadJwks !== 'function') throw new TypeError('JwksCache needs a loadJwks function');
    this.#loadJwks = options.loadJwks;
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.unknownKidCooldownMs = options.unknownKidCooldownMs ?? 5_000;
    this.#runtime = options.runtime;
    this.verifiedTokens = new VerifiedTokenCache({ maxEntries: options.maxCachedTokens });
  }

  /** How many times the loader has been called (for tests and telemetry). */
  get loadCount(): number {
    return this.#loadCount;
  }

  resolveKey(kid: string | undefined): VerificationKey | Promise<VerificationKey> {
    const now = Date.now();
    const loaded = this.#loaded;
    const key = kid === undefined ? undefined : loaded?.keys.get(kid);
    const fresh = loaded !== null && now - loaded.loadedAt < this.maxAgeMs;
    if (key && fresh) return key;
    // A key the set holds but that is unusable: the token names it, so say so rather than "unknown kid".
    const refused = kid === undefined || !fresh ? undefined : loaded?.refused.get(kid);
    if (refused !== undefined) throw refusedKey(refused);
    if (this.#inFlight) return this.#resolveAfterLoad(kid);
    if (fresh) {
      // A kid the fresh set lacks (a rotation, or a made-up kid): refetch, at most once per cooldown.
      if (now - this.#lastUnknownKidRefetchAt < this.unknownKidCooldownMs) throw unknownKid();
      this.#lastUnknownKidRefetchAt = now;
      return this.#resolveAfterLoad(kid);
    }
    // Never loaded, or stale: load, unless a load failed moments ago (then answer from what we have).
    if (now - this.#lastFailureAt < this.unknownKidCooldownMs) {
      if (key) return key;
      if (loaded) throw unknownKid();
      throw new TokenVerificationError('key_unavailable', 'The JWKS could not be loaded; retrying after a cooldown.');
    }
    return this.#resolveAfterLoad(kid);
  }

  async #resolveAfterLoad(kid: string | undefined): Promise<VerificationKey> {
    const stale = this.#loaded;
    let loaded: LoadedKeys;
    try {
      loaded = await this.#load();
    } catch (cause) {
      // A stale set still knows the keys it knew: better than failing every request during an outage.
      const fallback = kid === undefined ? undefined : stale?.keys.get(kid);
      if (fallback) return fallback;
      throw cause;
    }
    const key = kid === undefined ? undefined : loaded.keys.get(kid);
    if (key) return key;
    const refused = kid === undefined ? undefined : loaded.refused.get(kid);
    throw refused === undefined ? unknownKid() : refusedKey(refused);
  }

  #load(): Promise<LoadedKeys> {
    if (this.#inFlight) return this.#inFlight;
    this.#loadCount++;
    const run = async (): Promise<LoadedKeys> => {
      let imported: Pick<LoadedKeys, 'keys' | 'refused'>;
      try {
        imported = this.#importAll(await this.#loadJwks());
      } catch (cause) {
        this.#lastFailureAt = Date.now();
        if (cause instanceof TokenVerificationError) throw cause;
        throw new TokenVerificationError('key_unavailable', 'The JWKS could not be loaded.', { cause });
      }
      const loaded: LoadedKeys = { ...imported, loadedAt: Date.now() };
      const previous = this.#loaded;
      this.#loaded = loaded;
      // A key that left the set may have been revoked: forget what it verified.
      if (previous && [...previous.keys.keys()].some((kid) => !loaded.keys.has(kid))) this.verifiedTokens.clear();
      return loaded;
    };
    const inFlight = run().finally(() => {
      this.#inFlight = null;
    });
    this.#inFlight = inFlight;
    return inFlight;
  }

  #importAll(jwks: Jwks): Pick<LoadedKeys, 'keys' | 'refused'> {
    if (!jwks || !Array.isArray(jwks.keys)) {
      throw new TokenVerificationError('key_unavailable', 'The JWKS response has no "keys" array.');
    }
    const keys = new Map<string, VerificationKey>();
    const refused = new Map<string, string>();
    const previous = this.#loaded?.keys;
    for (const jwk of jwks.keys) {
      const kid = (jwk as { kid?: unknown }).kid;
      if (typeof kid !== 'string' || kid.length === 0) continue;
      // Only RSA signing keys can verify a session token; skip the rest rather than fail the set.
      if (jwk.kty !== 'RSA') continue;
      const known = previous?.get(kid);
      if (known && sameKey(known, jwk)) {
        keys.set(kid, known);
        continue;
      }
      try {
        keys.set(kid, withMaterial(createVerificationKey({ jwk }, this.#runtime), jwk));
      } catch (cause) {
        // An unusable key (too short, a small exponent, wrong use) is left out; tokens naming it fail with its
        // reason, invalid_key (Hardening finding 10). The set's other keys still serve.
        refused.set(kid, cause instanceof TokenVerificationError ? cause.message : 'The key could not be imported.');
      }
    }
    if (keys.size === 0 && refused.size === 0) {
      throw new TokenVerificationError('key_unavailable', 'The JWKS holds no usable RSA key.');
    }
    return { keys, refused };
  }
}

const materialOf = new WeakMap<VerificationKey, string>();

function fingerprint(jwk: JsonWebKey): string {
  return `${jwk.n}|${jwk.e}|${jwk.alg ?? ''}|${jwk.use ?? ''}`;
}

function withMaterial(key: VerificationKey, jwk: JsonWebKey): VerificationKey {
  materialOf.set(key, fingerprint(jwk));
  return key;
}

function sameKey(key: VerificationKey, jwk: JsonWebKey): boolean {
  return materialOf.get(key) === fingerprint(jwk);
}

/** A token names a key the JWKS holds but authlens refused; the message says why (never the key). */
function refusedKey(why: string): TokenVerificationError {
  return new TokenVerificationError('invalid_key', `The JWKS key for the token's kid is unusable: ${why}`);
}

function unknownKid(): TokenVerificationError {
  return new TokenVerificationError('unknown_kid', "No key in the JWKS matches the token's kid.");
}
