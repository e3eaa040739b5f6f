import type { CryptoRuntime } from './crypto-runtime.js';
import { createVerificationKey, type VerificationKey } from './verification-key.js';
import { VerifiedTokenCache } from './verified-token-cache.js';
import type { VerifiedJwt } from './verify-jwt.js';

/**
 * Where verification keys come from: one PEM (networkless) or a JWKS. Each
 * source owns the cache of tokens verified with its keys, so a token verified
 * under one key can never count as verified under another.
 */
export interface KeySource {
  /** The key for a token's `kid`; may load (JWKS) or throw a TokenVerificationError. */
  resolveKey(kid: string | undefined): VerificationKey | Promise<VerificationKey>;
  readonly verifiedTokens: VerifiedTokenCache<VerifiedJwt>;
}

/** A single PEM public key (`CLERK_JWT_KEY`): every `kid` resolves to it, as with Clerk. */
export class PemKeySource implements KeySource {
  readonly verifiedTokens: VerifiedTokenCache<VerifiedJwt>;
  readonly #key: VerificationKey;

  constructor(pem: string, options: { runtime?: CryptoRuntime; maxCachedTokens?: number } = {}) {
    this.#key = createVerificationKey({ pem }, options.runtime);
    this.verifiedTokens = new VerifiedTokenCache({ maxEntries: options.maxCachedTokens });
  }

  resolveKey(_kid?: string): VerificationKey {
    return this.#key;
  }
}

// One source per distinct PEM, so the key is imported once per process, not per call.
const pemSources = new Map<string, PemKeySource>();
const MAX_PEM_SOURCES = 8;

/** The shared, memoised source for a PEM (import once, reuse the key object). */
export function pemKeySource(pem: string): PemKeySource {
  let source = pemSources.get(pem);
  if (!source) {
    source = new PemKeySource(pem);
    if (pemSources.size >= MAX_PEM_SOURCES) pemSources.delete(pemSources.keys().next().value as string);
    pemSources.set(pem, source);
  }
  return source;
}
