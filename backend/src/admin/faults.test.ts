import { describe, expect, it } from 'vitest';
import { FaultInjector } from './faults.js';

const none = { latencyMs: 0, failWith: undefined, retryAfterSeconds: undefined };

describe('FaultInjector', () => {
  it('does nothing without faults', () => {
    expect(new FaultInjector().decide('GET /v1/users')).toEqual(none);
  });

  it('prefers the route fault over "*", failing the configured share', () => {
    const draws = [0.1, 0.9];
    const faults = new FaultInjector(() => draws.shift() ?? 0);
    faults.set({ route: '*', latencyMs: 5 });
    faults.set({ route: 'GET /v1/users', errorRate: 0.5, status: 502 });
    expect(faults.decide('GET /v1/users')).toEqual({ ...none, failWith: 502 });
    expect(faults.decide('GET /v1/users')).toEqual(none);
    expect(faults.decide('GET /v1/jwks')).toEqual({ ...none, latencyMs: 5 });
  });

  it('fails every request when only a status is given, defaulting to 500 with errorRate alone', () => {
    const faults = new FaultInjector(() => 0.99);
    faults.set({ route: 'a', status: 503 });
    expect(faults.decide('a').failWith).toBe(503);
    faults.set({ route: '*', errorRate: 1 });
    expect(faults.decide('b').failWith).toBe(500);
    faults.clear();
    expect(faults.list()).toEqual([]);
  });

  it('applies to the next `times` requests only, then removes itself', () => {
    const faults = new FaultInjector();
    faults.set({ route: 'GET /v1/users', status: 429, times: 2, retryAfterSeconds: 30 });
    expect(faults.decide('GET /v1/users')).toEqual({ latencyMs: 0, failWith: 429, retryAfterSeconds: 30 });
    expect(faults.list()).toEqual([{ route: 'GET /v1/users', status: 429, times: 1, retryAfterSeconds: 30 }]);
    expect(faults.decide('GET /v1/users').failWith).toBe(429);
    expect(faults.decide('GET /v1/users')).toEqual(none);
    expect(faults.list()).toEqual([]);
  });

  it('gives 429s a Retry-After of 1 s by default', () => {
    const faults = new FaultInjector();
    faults.set({ route: '*', status: 429 });
    expect(faults.decide('x').retryAfterSeconds).toBe(1);
  });
});
