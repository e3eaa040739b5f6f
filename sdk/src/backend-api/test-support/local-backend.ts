import { type RunningBackend, startBackend } from '@authlens/backend';

/** The real local backend (demo seed, in memory, port 0) and its admin endpoints. */
export async function startLocalBackend(): Promise<RunningBackend & { admin: Admin }> {
  const backend = await startBackend({ port: 0, inMemory: true, seed: 'demo', rateLimit: 'off' });
  return { ...backend, close: () => backend.close(), admin: createAdmin(backend) };
}

export interface Admin {
  counts(): Promise<Record<string, number>>;
  resetCounters(): Promise<void>;
  fault(fault: { route: string; latencyMs?: number; errorRate?: number; status?: number }): Promise<void>;
  clearFaults(): Promise<void>;
  rateLimit(setting: { limit: number; windowSeconds: number } | { off: true }): Promise<void>;
  /** Any Backend API call with the instance secret key (test set-up that authlens itself does not offer). */
  call(method: string, path: string, body?: unknown, bearer?: string): Promise<any>;
}

function createAdmin(backend: RunningBackend): Admin {
  const call = async (method: string, path: string, body?: unknown, bearer = backend.secretKey) => {
    const response = await fetch(`${backend.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return text === '' ? null : JSON.parse(text);
  };
  return {
    counts: async () => (await call('GET', '/__admin/counters')).counts,
    resetCounters: async () => {
      await call('POST', '/__admin/counters/reset');
    },
    fault: async (fault) => {
      await call('PUT', '/__admin/faults', fault);
    },
    clearFaults: async () => {
      await call('DELETE', '/__admin/faults');
    },
    rateLimit: async (setting) => {
      await call('PUT', '/__admin/rate-limit', setting);
    },
    call,
  };
}
