import { afterEach, describe, expect, it } from 'vitest';
import { configureFleet, fleetSettings, resetFleetOptions } from './fleet-settings.js';

afterEach(() => resetFleetOptions());

describe('fleet settings', () => {
  it('are off by default: no Redis, no user cache', () => {
    expect(fleetSettings({})).toEqual({ redisUrl: null, userCacheTtlMs: 0 });
  });

  it('read AUTHLENS_REDIS_URL and AUTHLENS_USER_CACHE_TTL (seconds)', () => {
    const env = { AUTHLENS_REDIS_URL: 'redis://127.0.0.1:6379', AUTHLENS_USER_CACHE_TTL: '10' };
    expect(fleetSettings(env)).toEqual({ redisUrl: 'redis://127.0.0.1:6379', userCacheTtlMs: 10_000 });
  });

  it('options (clerkMiddleware) win over the environment', () => {
    configureFleet({ userCacheTtlSeconds: 5 });
    expect(fleetSettings({ AUTHLENS_USER_CACHE_TTL: '10' }).userCacheTtlMs).toBe(5000);
  });

  it('an unusable value is ERR_INVALID_CONFIG naming the variable, never its value', () => {
    const secretish = 'redis://:hunter2@db.internal:6379'.replace('redis', 'http');
    for (const env of [
      { AUTHLENS_REDIS_URL: secretish },
      { AUTHLENS_USER_CACHE_TTL: 'ten' },
      { AUTHLENS_USER_CACHE_TTL: '-1' },
      { AUTHLENS_USER_CACHE_TTL: '3600' },
    ]) {
      let caught: unknown;
      try {
        fleetSettings(env);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: 'ERR_INVALID_CONFIG' });
      const message = (caught as Error).message;
      expect(message).toMatch(/AUTHLENS_(REDIS_URL|USER_CACHE_TTL)/);
      expect(message).not.toContain('hunter2');
    }
    expect(() => configureFleet({ userCacheTtlSeconds: Number.NaN })).toThrow(/userCacheTtlSeconds/);
  });
});
