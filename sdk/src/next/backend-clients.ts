/**
 * The Backend API client and JWKS cache of an instance configuration, shared
 * by every request of the process: the rate-limit budget, in-flight
 * coalescing and cached keys only help when they are shared.
 */
import { type BackendApiClient, getSharedBackendApiClient } from '../backend-api/index.js';
import { observeCacheSize } from '../telemetry/cache-sizes.js';
import { JwksCache, pemKeySource } from '../tokens/index.js';

const jwksCaches = new WeakMap<BackendApiClient, JwksCache>();

export function backendClientFor(secretKey: string, apiUrl: string): BackendApiClient {
  return getSharedBackendApiClient({ secretKey, apiUrl });
}

export function jwksFor(secretKey: string, apiUrl: string): JwksCache {
  const client = backendClientFor(secretKey, apiUrl);
  let jwks = jwksCaches.get(client);
  if (!jwks) {
    jwks = new JwksCache({ loadJwks: () => client.loadJwks() });
    jwksCaches.set(client, jwks);
    observeCacheSize('verified_tokens', jwks.verifiedTokens);
  }
  return jwks;
}

let observedJwtKey: string | undefined;

/** Puts the verified-token cache of `jwtKey`'s key source (tokens/ keeps one per PEM) on the cache-size gauge. */
export function observeJwtKeySource(jwtKey: string): void {
  if (jwtKey === observedJwtKey) return;
  observedJwtKey = jwtKey;
  observeCacheSize('verified_tokens', pemKeySource(jwtKey).verifiedTokens);
}
