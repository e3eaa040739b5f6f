import { describe, expect, it } from 'vitest';
import { FaultInjector } from './faults.js';

describe('FaultInjector', () => {
  it('does nothing without faults', () => {
    expect(new FaultInjector().decide('GET /v1/users')).toEqual({ latencyMs: 0, failWith: undefined });
  });

  it('prefers the route fault over "*", failing the configured share', () => {
    const draws = [0.1, 0.9];
    const faults = new FaultInjector(() => draws.shift() ?? 0);
    faults.set({ route: '*', latencyMs: 5 });
    faults.set({ route: 'GET /v1/users', errorRate: 0.5, status: 502 });
    expect(faults.decide('GET /v1/users')).toEqual({ latencyMs: 0, failWith: 502 });
    expect(faults.decide('GET /v1/users')).toEqual({ latencyMs: 0, failWith: undefined });
    expect(faults.decide('GET /v1/jwks')).toEqual({ latencyMs: 5, failWith: undefined });
  });

  it('defaults the failing status to 500 and clears', () => {
    const faults = new FaultInjector(() => 0);
    faults.set({ route: '*', errorRate: 1 });
    expect(faults.decide('POST /v1/sessions').failWith).toBe(500);
    faults.clear();
    expect(faults.list()).toEqual([]);
  });
});
