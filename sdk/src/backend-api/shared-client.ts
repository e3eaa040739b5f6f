import { observeCacheSize } from '../telemetry/cache-sizes.js';
import {
  type BackendApiClient,
  type BackendApiClientOptions,
  createBackendApiClient,
} from './create-backend-api-client.js';
import type { BackendApiInstrument } from './request.js';

let instrument: BackendApiInstrument | null = null;
const clients = new Map<string, BackendApiClient>();
// A process talks to one or two instances; the bound only guards against a caller minting keys per request.
const MAX_CLIENTS = 16;
const clientsCache = {
  get size() {
    return clients.size;
  },
  maxEntries: MAX_CLIENTS,
};
observeCacheSize('backend_api_clients', clientsCache);

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
  const client = createBackendApiClient(settings);
  if (clients.size >= MAX_CLIENTS) {
    const oldest = clients.keys().next().value;
    if (oldest !== undefined) clients.delete(oldest);
  }
  clients.set(key, client);
  return client;
}
