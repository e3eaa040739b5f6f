import { valuesOf } from './define-values.js';

/** Where the verification key came from. */
export const JWKS_CACHE_RESULT_DESCRIPTIONS = {
  hit: 'The key was in the cached JWKS.',
  miss: 'The JWKS was not cached yet and was fetched.',
  refetch: 'The `kid` was not in the cached JWKS, so the JWKS was fetched again.',
  jwt_key: 'Networkless: verified with the PEM key from `CLERK_JWT_KEY`/`jwtKey`; no JWKS involved.',
} as const;

export const JwksCacheResult = valuesOf(JWKS_CACHE_RESULT_DESCRIPTIONS);
export type JwksCacheResult = keyof typeof JWKS_CACHE_RESULT_DESCRIPTIONS;
