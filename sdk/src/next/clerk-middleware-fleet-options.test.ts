// `redisUrl` / `userCacheTtlSeconds` given to clerkMiddleware(), also when the options are computed per request:
// they are process-wide, so they apply once, and the process's Backend API client then keeps its state in that Redis.
import type { NextFetchEvent } from 'next/server';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningRedisServer, startRedisServer } from '../../../test-support/redis-server.mjs';
import { getSharedBackendApiClient, sharedStoreOf } from '../backend-api/shared-client.js';
import { closeFleetStores } from '../fleet/fleet-for.js';
import { fleetSettings, resetFleetOptions } from '../fleet/fleet-settings.js';
import { testKeyPair } from '../tokens/test-support/mint.js';
import { clerkMiddleware } from './clerk-middleware.js';

const secretKey = 'sk_test_middleware_fleet_options';
const base = { secretKey, jwtKey: testKeyPair('middleware-fleet').pem, signInUrl: 'http://backend.test/sign-in' };
const event = {} as NextFetchEvent;
// Options as a function come second, after the handler (as in @clerk/nextjs).
const noHandler = () => {};
const request = (path: string) => new NextRequest(`http://localhost:3000${path}`, { headers: { host: 'localhost' } });

let redis: RunningRedisServer;
beforeAll(async () => {
  vi.stubEnv('CLERK_SECRET_KEY', '');
  vi.stubEnv('AUTHLENS_REDIS_URL', '');
  vi.stubEnv('AUTHLENS_USER_CACHE_TTL', '');
  redis = await startRedisServer();
});
afterEach(() => {
  resetFleetOptions();
  vi.restoreAllMocks();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await closeFleetStores();
  await redis?.stop();
});

describe('clerkMiddleware() fleet options', () => {
  it('options computed per request: the first request’s values apply to the process', async () => {
    const seen: string[] = [];
    const mw = clerkMiddleware(noHandler, (req) => {
      seen.push(req.nextUrl.pathname);
      return { ...base, redisUrl: redis.url, userCacheTtlSeconds: 7 };
    });
    // Nothing is known before a request has computed them.
    expect(fleetSettings()).toEqual({ redisUrl: null, userCacheTtlMs: 0 });
    const res = await mw(request('/first'), event);
    expect(res?.headers.get('x-middleware-next')).toBe('1');
    expect(seen).toEqual(['/first']);
    expect(fleetSettings()).toEqual({ redisUrl: redis.url, userCacheTtlMs: 7000 });
    // The process's Backend API client for an instance created from now on keeps its state in that Redis.
    const client = getSharedBackendApiClient({ secretKey, apiUrl: 'http://127.0.0.1:9/fleet-options-callback' });
    expect(sharedStoreOf(client)).not.toBeNull();
  });

  it('a later request returning other values changes nothing, and says so once (no URL in the message)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let ttl = 5;
    const mw = clerkMiddleware(noHandler, () => ({ ...base, redisUrl: redis.url, userCacheTtlSeconds: ttl }));
    await mw(request('/a'), event);
    ttl = 60;
    await mw(request('/b'), event);
    await mw(request('/c'), event);
    expect(fleetSettings().userCacheTtlMs).toBe(5000);
    const said = warn.mock.calls.map((call) => String(call[0])).filter((m) => m.includes('userCacheTtlSeconds'));
    expect(said).toHaveLength(1);
    expect(said[0]).not.toContain(redis.url);
  });

  it('the same values on every request: applied, nothing said', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const mw = clerkMiddleware(noHandler, async () => ({ ...base, userCacheTtlSeconds: 3 }));
    for (const path of ['/a', '/b', '/c']) await mw(request(path), event);
    expect(fleetSettings()).toEqual({ redisUrl: null, userCacheTtlMs: 3000 });
    expect(warn).not.toHaveBeenCalled();
  });

  it('an unusable value from the function fails that request with ERR_INVALID_CONFIG naming the option', async () => {
    const mw = clerkMiddleware(noHandler, () => ({ ...base, redisUrl: 'http://:hunter2@cache.internal:6379' }));
    const failure = mw(request('/'), event);
    await expect(failure).rejects.toMatchObject({ code: 'ERR_INVALID_CONFIG' });
    await expect(failure).rejects.toThrow(/redisUrl/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
    expect(fleetSettings().redisUrl).toBeNull();
  });

  it('static options apply when the middleware is created', () => {
    clerkMiddleware({ ...base, userCacheTtlSeconds: 9 });
    expect(fleetSettings().userCacheTtlMs).toBe(9000);
  });
});
