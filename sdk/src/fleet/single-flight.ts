import type { FleetStore } from './fleet-store.js';

export interface SingleFlightOptions<T> {
  /** The value if some server already stored it. */
  read: () => Promise<T | null>;
  /** Asks the Backend API. */
  fetch: () => Promise<T>;
  /** Stores what `fetch` got, for the servers waiting and those that come later. */
  write: (value: T) => Promise<void>;
  /** How long the other servers wait for the one fetching, at most, before they fetch themselves. */
  waitMs: number;
  /** How often a waiting server looks for the value. */
  pollMs: number;
}

export type SingleFlightSource = 'stored' | 'fetched' | 'waited';

/**
 * One server fetches, the others wait: the first to claim `key` in the shared store calls `fetch` and writes the
 * value; the others poll `read` for up to `waitMs`, then fetch themselves (a claimant that died or failed delays
 * them by that much, never more). On a local store there is nothing to coordinate: the caller fetches (the
 * Backend API client already joins identical GETs in flight in this process).
 */
export async function singleFlight<T>(
  store: FleetStore,
  key: string,
  options: SingleFlightOptions<T>,
): Promise<{ value: T; source: SingleFlightSource }> {
  const stored = await options.read();
  if (stored !== null) return { value: stored, source: 'stored' };
  const claimKey = `flight:${key}`;
  if (store.scope === 'fleet' && !(await store.claim(claimKey, options.waitMs))) {
    const deadline = Date.now() + options.waitMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs));
      const value = await options.read();
      if (value !== null) return { value, source: 'waited' };
    }
    const value = await options.fetch();
    await options.write(value);
    return { value, source: 'fetched' };
  }
  try {
    const value = await options.fetch();
    await options.write(value);
    return { value, source: 'fetched' };
  } finally {
    if (store.scope === 'fleet') await store.delete(claimKey);
  }
}
