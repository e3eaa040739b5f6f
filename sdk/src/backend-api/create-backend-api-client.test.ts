import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClerkClient } from '@clerk/backend';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackendApiError } from './backend-api-error.js';
import { createBackendApiClient } from './create-backend-api-client.js';
import { startLocalBackend } from './test-support/local-backend.js';

const USER_ROUTE = 'GET /v1/users/{user_id}';
let backend: Awaited<ReturnType<typeof startLocalBackend>>;
let aliceId: string;

beforeAll(async () => {
  backend = await startLocalBackend();
  const [alice] = await backend.admin.call('GET', '/v1/users?username=alice');
  aliceId = alice.id;
});
afterAll(() => backend.close());
afterEach(async () => {
  await backend.admin.clearFaults();
  await backend.admin.rateLimit({ off: true });
  await backend.admin.resetCounters();
});

const client = (options: { timeoutMs?: number; maxRetryAfterSeconds?: number } = {}) =>
  createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url, ...options });

async function failure(promise: Promise<unknown>): Promise<BackendApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackendApiError);
  const typed = error as BackendApiError;
  expect(typed.message).not.toContain(backend.secretKey);
  return typed;
}

describe('createBackendApiClient against the local backend', () => {
  it('shares one Backend API call among concurrent getUser calls for one id', async () => {
    const api = client();
    await backend.admin.fault({ route: USER_ROUTE, latencyMs: 100 });
    const results = await Promise.all(Array.from({ length: 5 }, () => api.getUserResult(aliceId)));
    expect(results.map((r) => r.data.username)).toEqual(Array(5).fill('alice'));
    expect(results.filter((r) => r.meta.coalesced)).toHaveLength(4);
    expect((await backend.admin.counts())[USER_ROUTE]).toBe(1);
  });

  it('does not cache finished results: a later getUser is a new call', async () => {
    const api = client();
    await api.getUser(aliceId);
    await api.getUser(aliceId);
    expect((await backend.admin.counts())[USER_ROUTE]).toBe(2);
  });

  it('maps an unknown user to ERR_BACKEND_API_NOT_FOUND with status, Clerk error entries and trace id', async () => {
    const error = await failure(client().getUser('user_doesnotexist'));
    expect(error.code).toBe('ERR_BACKEND_API_NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.errors[0]?.code).toBe('resource_not_found');
    expect(error.clerkTraceId).toEqual(expect.any(String));
    expect(error.pathTemplate).toBe('/v1/users/{user_id}');
    expect(error.message).not.toContain('user_doesnotexist');
  });

  it('maps a wrong secret key to ERR_BACKEND_API_UNAUTHORIZED without echoing the key', async () => {
    const wrongKey = 'sk_test_definitelyNotTheKey';
    const api = createBackendApiClient({ secretKey: wrongKey, apiUrl: backend.url });
    const error = await failure(api.getUser(aliceId));
    expect(error.code).toBe('ERR_BACKEND_API_UNAUTHORIZED');
    expect(error.message).not.toContain(wrongKey);
  });

  it('retries a 429 once when Retry-After is within the bound, then succeeds', async () => {
    await backend.admin.rateLimit({ limit: 1, windowSeconds: 1 });
    const api = client({ maxRetryAfterSeconds: 2 });
    await api.getUser(aliceId); // uses the window's only request
    const started = Date.now();
    const result = await api.getUserResult(aliceId);
    expect(result.data.id).toBe(aliceId);
    expect(result.meta.retries).toBe(1);
    expect(result.meta.retryAfter).toBeGreaterThanOrEqual(1);
    expect(result.meta.retryAfter).toBeLessThanOrEqual(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // 1 + the limited attempt + its retry.
    expect((await backend.admin.counts())[USER_ROUTE]).toBe(3);
  });

  it('throws ERR_BACKEND_API_RATE_LIMITED with retryAfter when Retry-After is beyond the bound, without waiting', async () => {
    await backend.admin.rateLimit({ limit: 1, windowSeconds: 60 });
    const api = client();
    await api.getUser(aliceId);
    const started = Date.now();
    const error = await failure(api.getUser(aliceId));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.code).toBe('ERR_BACKEND_API_RATE_LIMITED');
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBeGreaterThan(2);
    expect(error.retries).toBe(0);
    expect(error.rateLimit?.remaining).toBe(0);
    expect(error.errors[0]?.code).toBe('too_many_requests');
  });

  it('tracks the rate-limit budget from the latest answer', async () => {
    await backend.admin.rateLimit({ limit: 50, windowSeconds: 10 });
    const api = client();
    expect(api.rateLimit).toBeNull();
    await api.getUser(aliceId);
    const first = api.rateLimit;
    expect(first).toMatchObject({ limit: 50, remaining: 49 });
    expect(first?.resetAt).toBeGreaterThan(Date.now());
    expect(first?.resetAt).toBeLessThanOrEqual(Date.now() + 10_000);
    await api.getUser(aliceId);
    expect(api.rateLimit).toMatchObject({ limit: 50, remaining: 48 });
  });

  it('reports a closed port as ERR_BACKEND_API_UNREACHABLE', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const api = createBackendApiClient({ secretKey: backend.secretKey, apiUrl: `http://127.0.0.1:${port}` });
    const error = await failure(api.getUser(aliceId));
    expect(error.code).toBe('ERR_BACKEND_API_UNREACHABLE');
    expect(error.status).toBeNull();
  });

  it('times a slow answer out with ERR_BACKEND_API_TIMEOUT', async () => {
    await backend.admin.fault({ route: USER_ROUTE, latencyMs: 2000 });
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 200 }).getUser(aliceId));
    expect(error.code).toBe('ERR_BACKEND_API_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('maps an injected 503 to ERR_BACKEND_API_SERVER_ERROR with its trace id', async () => {
    await backend.admin.fault({ route: USER_ROUTE, status: 503, errorRate: 1 });
    const error = await failure(client().getUser(aliceId));
    expect(error.code).toBe('ERR_BACKEND_API_SERVER_ERROR');
    expect(error.status).toBe(503);
    expect(error.clerkTraceId).toEqual(expect.any(String));
  });
});

describe('errors compared with @clerk/backend', () => {
  async function clerkError(promise: Promise<unknown>): Promise<any> {
    return promise.then(
      () => null,
      (e: unknown) => e,
    );
  }

  it('carries the same status, retryAfter and error entries as ClerkAPIResponseError for a 404 and a 429', async () => {
    const clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
    const theirs404 = await clerkError(clerk.users.getUser('user_nobody'));
    const ours404 = await failure(client().getUser('user_nobody'));
    expect(ours404.status).toBe(theirs404.status);
    expect(ours404.errors.map((e) => [e.code, e.message, e.longMessage])).toEqual(
      theirs404.errors.map((e: any) => [e.code, e.message, e.longMessage]),
    );
    expect(ours404.clerkTraceId).toEqual(expect.any(String));
    expect(theirs404.clerkTraceId).toEqual(expect.any(String));

    await backend.admin.rateLimit({ limit: 2, windowSeconds: 60 });
    await client().getUser(aliceId);
    await client().getUser(aliceId);
    const theirs429 = await clerkError(clerk.users.getUser(aliceId));
    const ours429 = await failure(client().getUser(aliceId));
    expect(theirs429.status).toBe(429);
    expect(ours429.status).toBe(429);
    // Both read Retry-After; the window ticks between the two calls, so allow one second.
    expect(Math.abs((ours429.retryAfter ?? 0) - theirs429.retryAfter)).toBeLessThanOrEqual(1);
    expect(ours429.errors[0]?.code).toBe(theirs429.errors[0].code);
  });
});
