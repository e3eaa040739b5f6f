/**
 * The machine-token verdict cache of an instance, shared by every request of the process (a cache that is not
 * shared remembers nothing). `AUTHLENS_MACHINE_TOKEN_CACHE=off` turns its positive half off, so that a revoked
 * machine token is refused on the very next request; refusals are still remembered. With `AUTHLENS_REDIS_URL`, the
 * verdicts are the fleet's: a token one server verified costs the others no call.
 */

import type { MachineAuthState } from '../auth-state.js';
import type { BackendApiClient } from '../backend-api/index.js';
import { sharedStoreOf } from '../backend-api/shared-client.js';
import { type Env, readEnv } from '../config.js';
import { StoreVerdictStore } from '../fleet/store-verdict-store.js';
import { MachineTokenCache } from '../tokens/index.js';
import type { MachineTokenCacheOptions } from '../tokens/machine-token-cache.js';
import { backendClientFor } from './backend-clients.js';

export const MACHINE_TOKEN_CACHE_ENV = 'AUTHLENS_MACHINE_TOKEN_CACHE';

const caches = new WeakMap<BackendApiClient, { on?: MachineTokenCache; off?: MachineTokenCache }>();

/** Whether the environment lets verified machine tokens be cached: anything but `off` / `false` / `0` does. */
export function positiveMachineTokenCacheEnabled(env: Env = readEnv()): boolean {
  const value = env[MACHINE_TOKEN_CACHE_ENV]?.trim().toLowerCase();
  return !(value === 'off' || value === 'false' || value === '0');
}

export function machineTokenCacheFor(secretKey: string, apiUrl: string, env: Env = readEnv()): MachineTokenCache {
  const client = backendClientFor(secretKey, apiUrl);
  let pair = caches.get(client);
  if (!pair) {
    pair = {};
    caches.set(client, pair);
  }
  if (positiveMachineTokenCacheEnabled(env)) {
    pair.on ??= new MachineTokenCache(sharedOptions(client));
    return pair.on;
  }
  pair.off ??= new MachineTokenCache({ ...sharedOptions(client), positive: false });
  return pair.off;
}

/** With a Redis store (AUTHLENS_REDIS_URL), verdicts and single-flight claims are the fleet's. */
function sharedOptions(client: BackendApiClient): MachineTokenCacheOptions {
  const store = sharedStoreOf(client);
  if (!store) return {};
  return {
    positiveStore: new StoreVerdictStore<MachineAuthState>(store, 'mt:ok:'),
    negativeStore: new StoreVerdictStore<true>(store, 'mt:no:'),
    flight: { claim: (key, ttlMs) => store.claim(key, ttlMs), release: (key) => store.delete(key), waitMs: 250 },
  };
}
