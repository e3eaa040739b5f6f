import { FleetBudget } from '../fleet/fleet-budget.js';
import { sharedFleetStore } from '../fleet/fleet-for.js';
import { fleetSettings } from '../fleet/fleet-settings.js';
import type { FleetStore } from '../fleet/fleet-store.js';
import { MemoryFleetStore } from '../fleet/memory-fleet-store.js';
import { UserCache } from '../fleet/user-cache.js';
import { observeCacheSize } from '../telemetry/cache-sizes.js';
import {
  type BackendApiClient,
  type BackendApiClientOptions,
  createBackendApiClient,
} from './create-backend-api-client.js';
import { assumedLimitFor } from './rate-limit-budget.js';
import { type BackendApiInstrument, DEFAULT_API_URL } from './request.js';

let instrument: BackendApiInstrument | null = null;
const clients = new Map<string, BackendApiClient>();
/** The store each shared client keeps its fleet state in (Redis-backed, or in process for the user cache alone). */
const fleetStores = new WeakMap<BackendApiClient, FleetStore>();
// A process talks to one or two instances; the bound only guards against a caller minting keys per request.
const MAX_CLIENTS = 16;
const clientsCache = {
  get size() {
    return clients.size;
  },
  maxEntries: MAX_CLIENTS,
};
observeCacheSize('backend_api_clients', clientsCache);

/** The fleet store shared by every server that `client` keeps its state in, or null (in-process state). */
export function sharedStoreOf(client: BackendApiClient): FleetStore | null {
  return fleetStores.get(client) ?? null;
}

/**
 * Instruments every shared client's calls from now on (telemetry sets this once at startup). Pass null to remove.
 */
export function setBackendApiInstrument(next: BackendApiInstrument | null): void {
  instrument = next;
}

/**
 * One client per (apiUrl, secretKey) for the whole process, so the rate-limit budget is tracked per instance and
 * concurrent identical GETs — e.g. `currentUser()` in simultaneous requests of one user — share one call. The key
 * lives only in memory, as the map key.
 */
export function getSharedBackendApiClient(options: { secretKey: string; apiUrl?: string }): BackendApiClient {
  const key = `${options.apiUrl ?? ''}\n${options.secretKey}`;
  const existing = clients.get(key);
  if (existing) return existing;
  const settings: BackendApiClientOptions = {
    secretKey: options.secretKey,
    instrument: (call, run) => (instrument ? instrument(call, run) : run()),
  };
  if (options.apiUrl !== undefined) settings.apiUrl = options.apiUrl;
  // Several servers: the budget, user cache and machine-token verdicts live in Redis (AUTHLENS_REDIS_URL).
  const fleet = fleetSettings();
  const shared = fleet.redisUrl
    ? sharedFleetStore(fleet.redisUrl, options.secretKey, options.apiUrl ?? DEFAULT_API_URL)
    : null;
  if (shared) settings.budget = new FleetBudget(shared, { assumedLimit: assumedLimitFor(options.secretKey) });
  const store = shared ?? (fleet.userCacheTtlMs > 0 ? new MemoryFleetStore() : null);
  if (store && fleet.userCacheTtlMs > 0) settings.userCache = new UserCache(store, { ttlMs: fleet.userCacheTtlMs });
  const client = createBackendApiClient(settings);
  if (shared) fleetStores.set(client, shared);
  if (clients.size >= MAX_CLIENTS) {
    const oldest = clients.keys().next().value;
    if (oldest !== undefined) clients.delete(oldest);
  }
  clients.set(key, client);
  return client;
}
