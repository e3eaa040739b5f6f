import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBackend, startBackend } from '../src/index.js';
import { api, startTestBackend } from './support/backend.js';

let backend: RunningBackend;
beforeAll(async () => {
  backend = await startTestBackend({ rateLimit: { limit: 3, windowSeconds: 30 } });
});
afterAll(() => backend.close());

describe('rate limits', () => {
  it('reports the budget on every limited response and answers 429 with Retry-After past it', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api(backend, '/v1/users');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('3');
      const reset = Number(res.headers.get('ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(30);
      remaining.push(res.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await api(backend, '/v1/users');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    const body = (await limited.json()) as { errors: { code: string }[] };
    expect(body.errors[0]?.code).toBe('too_many_requests');
  });

  it('surfaces in @clerk/backend as status 429 with a positive retryAfter', async () => {
    const clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
    const error = await clerk.users.getUser('user_x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429 });
    expect((error as { retryAfter?: number }).retryAfter).toBeGreaterThan(0);
  });

  it('does not limit the JWKS or the admin endpoints, and can be switched at run time', async () => {
    expect((await fetch(`${backend.url}/v1/jwks`)).status).toBe(200);
    expect((await fetch(`${backend.url}/v1/jwks`)).headers.get('ratelimit-limit')).toBeNull();
    expect((await api(backend, '/__admin/counters')).status).toBe(200);

    const off = await api(backend, '/__admin/rate-limit', { method: 'PUT', json: { off: true } });
    expect(off.status).toBe(200);
    const res = await api(backend, '/v1/users');
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBeNull();

    await api(backend, '/__admin/rate-limit', { method: 'PUT', json: { limit: 1, windowSeconds: 5 } });
    expect((await api(backend, '/v1/users')).status).toBe(200);
    expect((await api(backend, '/v1/users')).status).toBe(429);
  });

  it('keeps separate budgets per credential', async () => {
    await api(backend, '/__admin/rate-limit', { method: 'PUT', json: { off: true } });
    const created = await api(backend, '/v1/machines', { method: 'POST', json: { name: 'own-budget' } });
    const machineKey = ((await created.json()) as { secret_key: string }).secret_key;
    await api(backend, '/__admin/rate-limit', { method: 'PUT', json: { limit: 1, windowSeconds: 30 } });
    expect((await api(backend, '/v1/users')).status).toBe(200);
    expect((await api(backend, '/v1/users')).status).toBe(429);
    // The instance key's budget is spent; a machine's secret key has a budget of its own.
    const byMachine = await api(backend, '/m2m_tokens', {
      method: 'POST',
      json: {},
      headers: { authorization: `Bearer ${machineKey}` },
    });
    expect(byMachine.status).toBe(200);
    expect(byMachine.headers.get('ratelimit-remaining')).toBe('0');
    // A wrong key is refused before it can spend (or exhaust) anyone's budget.
    const wrong = await api(backend, '/v1/users', { headers: { authorization: 'Bearer sk_test_other' } });
    expect(wrong.status).toBe(401);
  });

  it("defaults to Clerk's published development-instance limit: 100 requests per 10 s", async () => {
    const defaults = await startBackend({ inMemory: true, port: 0 });
    try {
      const res = await api(defaults, '/v1/users');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('100');
      expect(res.headers.get('ratelimit-remaining')).toBe('99');
      expect(Number(res.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(10);
    } finally {
      await defaults.close();
    }
  });
});
