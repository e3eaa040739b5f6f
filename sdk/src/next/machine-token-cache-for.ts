/**
 * The machine-token verdict cache of an instance, shared by every request of the process (a cache that is not
 * shared remembers nothing). `AUTHLENS_MACHINE_TOKEN_CACHE=off` turns its positive half off, so that a revoked
 * machine token is refused on the very next request; refusals are still remembered.
 */
import type { BackendApiClient } from '../backend-api/index.js';
import { type Env, readEnv } from '../config.js';
import { MachineTokenCache } from '../tokens/index.js';
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
    pair.on ??= new MachineTokenCache();
    return pair.on;
  }
  pair.off ??= new MachineTokenCache({ positive: false });
  return pair.off;
}
