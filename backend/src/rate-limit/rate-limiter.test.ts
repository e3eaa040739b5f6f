import { describe, expect, it } from 'vitest';
import { parseRateLimit, RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows the limit per window and per key, then refuses until the window resets', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowSeconds: 10 }, () => now);
    expect(limiter.take('a')).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 10 });
    expect(limiter.take('a')?.remaining).toBe(0);
    now = 2_500;
    expect(limiter.take('a')).toEqual({ allowed: false, limit: 2, remaining: 0, resetSeconds: 8 });
    expect(limiter.take('b')?.allowed).toBe(true);
    now = 10_000;
    expect(limiter.take('a')).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('reports at least one second until reset', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, windowSeconds: 1 }, () => now);
    limiter.take('a');
    now = 999;
    expect(limiter.take('a')?.resetSeconds).toBe(1);
  });

  it('answers undefined when off, and can be reconfigured', () => {
    const limiter = new RateLimiter('off', () => 0);
    expect(limiter.take('a')).toBeUndefined();
    limiter.configure({ limit: 1, windowSeconds: 1 });
    expect(limiter.take('a')?.allowed).toBe(true);
  });
});

describe('parseRateLimit', () => {
  it('reads N/Ws, N/W and off', () => {
    expect(parseRateLimit('100/10s')).toEqual({ limit: 100, windowSeconds: 10 });
    expect(parseRateLimit('5/1')).toEqual({ limit: 5, windowSeconds: 1 });
    expect(parseRateLimit('off')).toBe('off');
  });

  it('refuses anything else', () => {
    for (const bad of ['', '10', '0/10s', '10/0s', 'ten/10s', '10/10m'])
      expect(() => parseRateLimit(bad)).toThrow(TypeError);
  });
});
