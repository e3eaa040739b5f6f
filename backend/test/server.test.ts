import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { api, startTestBackend } from './support/backend.js';

let backend: RunningBackend;
beforeAll(async () => {
  backend = await startTestBackend({ maxBodyBytes: 1024 });
});
afterAll(() => backend.close());

describe('the server', () => {
  it('serves the JWKS without credentials, under /v1 and bare', async () => {
    for (const path of ['/v1/jwks', '/jwks']) {
      const res = await fetch(`${backend.url}${path}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { keys: { kid: string; alg: string; kty: string }[] };
      expect(body.keys).toHaveLength(1);
      expect(body.keys[0]).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig' });
    }
  });

  it('answers 401 in Clerk error shape without the secret key', async () => {
    const res = await api(backend, '/__admin/counters', { headers: { authorization: 'Bearer sk_test_wrong' } });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { code: string }[]; clerk_trace_id: string };
    expect(body.errors[0]?.code).toBe('authentication_invalid');
    expect(body.clerk_trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers 413 for an oversized body', async () => {
    const res = await api(backend, '/__admin/faults', { method: 'PUT', json: { route: '*', pad: 'x'.repeat(5000) } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('request_body_too_large');
  });

  it('answers 400 naming the problem for malformed JSON', async () => {
    const res = await api(backend, '/__admin/faults', {
      method: 'PUT',
      body: '{"route":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('malformed_request');
  });

  it('answers 404 in Clerk error shape for an unknown endpoint', async () => {
    const res = await api(backend, '/v1/nothing_here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('resource_not_found');
  });

  it('publishes a Clerk-format publishable key that names its host', () => {
    expect(backend.publishableKey).toMatch(/^pk_test_/);
    const decoded = Buffer.from(backend.publishableKey.slice('pk_test_'.length), 'base64').toString();
    expect(decoded).toBe(`${new URL(backend.url).host}$`);
    expect(backend.jwtKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });
});
