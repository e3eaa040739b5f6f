import { type BackendOptions, type RunningBackend, startBackend } from '../../src/index.js';

/** Starts an in-memory backend on a free port (no rate limit unless asked) for one test file. */
export async function startTestBackend(options: BackendOptions = {}): Promise<RunningBackend> {
  return startBackend({ inMemory: true, port: 0, rateLimit: 'off', ...options });
}

/** `fetch` against the backend with its secret key. */
export function api(backend: RunningBackend, path: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', `Bearer ${backend.secretKey}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  return fetch(`${backend.url}${path}`, { ...init, headers, body: body ?? null });
}
