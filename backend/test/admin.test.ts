import { createClerkClient, verifyToken } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { api, startTestBackend } from './support/backend.js';

let backend: RunningBackend;
let clock = Date.now();
beforeAll(async () => {
  backend = await startTestBackend({ seed: 'demo', now: () => clock });
});
afterAll(() => backend.close());

async function counts(): Promise<Record<string, number>> {
  return ((await (await api(backend, '/__admin/counters')).json()) as { counts: Record<string, number> }).counts;
}

describe('request counters', () => {
  it('count per method and route template, /v1 or not, and reset', async () => {
    await api(backend, '/__admin/counters/reset', { method: 'POST' });
    await api(backend, '/v1/users/user_a');
    await api(backend, '/users/user_b');
    await api(backend, '/v1/users?limit=1');
    await fetch(`${backend.url}/v1/jwks`);
    expect(await counts()).toEqual({ 'GET /v1/users/{user_id}': 2, 'GET /v1/users': 1, 'GET /v1/jwks': 1 });
    await api(backend, '/__admin/counters/reset', { method: 'POST' });
    expect(await counts()).toEqual({});
  });
});

describe('fault injection', () => {
  it('fails a route with the configured status and leaves the others alone', async () => {
    const put = await api(backend, '/__admin/faults', {
      method: 'PUT',
      json: { route: 'GET /v1/users/{user_id}', errorRate: 1, status: 503 },
    });
    expect(put.status).toBe(200);
    const failed = await api(backend, '/v1/users/user_x');
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('injected_fault');
    expect((await api(backend, '/v1/users')).status).toBe(200);
    await api(backend, '/__admin/faults', { method: 'DELETE' });
    expect((await api(backend, '/v1/users/user_x')).status).toBe(404);
  });

  it('adds latency to every route with "*", accepting the template without /v1', async () => {
    await api(backend, '/__admin/faults', { method: 'PUT', json: { route: '*', latencyMs: 150 } });
    const started = performance.now();
    expect((await api(backend, '/v1/users')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await api(backend, '/__admin/faults', { method: 'DELETE' });

    await api(backend, '/__admin/faults', { method: 'PUT', json: { route: 'GET /users', errorRate: 1, status: 429 } });
    const limited = await api(backend, '/v1/users');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    await api(backend, '/__admin/faults', { method: 'DELETE' });
  });

  it('fails only the next `times` requests, with the given Retry-After', async () => {
    await api(backend, '/__admin/faults', {
      method: 'PUT',
      json: { route: 'GET /v1/users', status: 429, times: 2, retryAfterSeconds: 30 },
    });
    const first = await api(backend, '/v1/users');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('30');
    expect((await api(backend, '/v1/users')).status).toBe(429);
    expect((await api(backend, '/v1/users')).status).toBe(200);
    expect(((await (await api(backend, '/__admin/faults')).json()) as { faults: unknown[] }).faults).toEqual([]);
  });

  it('refuses a malformed fault, naming the field', async () => {
    const res = await api(backend, '/__admin/faults', { method: 'PUT', json: { route: '*', errorRate: 2 } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { meta: { param_name: string } }[] }).errors[0]?.meta.param_name).toBe(
      'errorRate',
    );
  });

  it('requires the secret key', async () => {
    const res = await fetch(`${backend.url}/__admin/faults`, { method: 'DELETE' });
    expect(res.status).toBe(401);
  });
});

describe('key rotation', () => {
  it('keeps the old key in the JWKS for the overlap window, so tokens it signed still verify', async () => {
    const clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
    const { data } = await clerk.users.getUserList({ username: ['alice'] });
    const session = await clerk.sessions.createSession({ userId: data[0]!.id });
    const oldToken = (await clerk.sessions.getToken(session.id)).jwt;
    const oldPem = backend.jwtKey;

    const rotated = (await (
      await api(backend, '/__admin/keys/rotate', { method: 'POST', json: { overlapSeconds: 600 } })
    ).json()) as {
      kid: string;
      retired_kid: string;
    };
    expect(backend.jwtKey).not.toBe(oldPem);
    const jwks = (await (await fetch(`${backend.url}/v1/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([rotated.kid, rotated.retired_kid]);

    const newToken = (await clerk.sessions.getToken(session.id)).jwt;
    const header = JSON.parse(Buffer.from(newToken.split('.')[0]!, 'base64url').toString()) as { kid: string };
    expect(header.kid).toBe(rotated.kid);
    const options = { secretKey: backend.secretKey, apiUrl: backend.url, skipJwksCache: true, clockSkewInMs: 10 ** 9 };
    expect((await verifyToken(oldToken, options)).sid).toBe(session.id);
    expect((await verifyToken(newToken, options)).sid).toBe(session.id);

    // Past the overlap window the old key is gone from the JWKS.
    clock += 601_000;
    const later = (await (await fetch(`${backend.url}/v1/jwks`)).json()) as { keys: { kid: string }[] };
    expect(later.keys.map((k) => k.kid)).toEqual([rotated.kid]);
    // The printed jwtKey is the new key only: it accepts new tokens and refuses old ones.
    expect((await verifyToken(newToken, { jwtKey: backend.jwtKey, clockSkewInMs: 10 ** 9 })).sid).toBe(session.id);
    await expect(verifyToken(oldToken, { jwtKey: backend.jwtKey, clockSkewInMs: 10 ** 9 })).rejects.toThrow();
  });
});
