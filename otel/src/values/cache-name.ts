import { valuesOf } from './define-values.js';

/** The SDK's bounded in-memory caches, as the cache-size gauge names them. */
export const CACHE_NAME_DESCRIPTIONS = {
  verified_tokens:
    'Tokens whose signature was verified, served until they expire (one cache per key source: `CLERK_JWT_KEY` or a JWKS).',
  backend_api_clients: 'Backend API clients shared by the process, one per instance (API URL and secret key).',
  request_memo: 'Per-request memoised Backend API calls (`currentUser()`), keyed by the request id.',
} as const;

export const CacheName = valuesOf(CACHE_NAME_DESCRIPTIONS);
export type CacheName = keyof typeof CACHE_NAME_DESCRIPTIONS;
