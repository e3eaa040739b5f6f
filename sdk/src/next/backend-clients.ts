/**
 * The Backend API client and JWKS cache of an instance configuration, shared
 * by every request of the process: the rate-limit budget, in-flight
 * coalescing and cached keys only help when they are shared.
 */
import { type BackendApiClient, getSharedBackendApiClient } from '../backend-api/index.js';
import { JwksCache } from '../tokens/index.js';

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
  }
  return jwks;
}
