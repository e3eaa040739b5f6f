import { describe, expect, it } from 'vitest';
import { readRateLimit, readRetryAfter } from './rate-limit.js';

describe('readRateLimit', () => {
  it('reads limit, remaining and reset, and turns reset into an absolute time', () => {
    const headers = new Headers({ 'RateLimit-Limit': '100', 'RateLimit-Remaining': '97', 'RateLimit-Reset': '7' });
    expect(readRateLimit(headers, 1_000_000)).toEqual({
      limit: 100,
      remaining: 97,
      resetSeconds: 7,
      resetAt: 1_007_000,
      observedAt: 1_000_000,
    });
  });

  it('returns null when the answer carries no rate-limit header', () => {
    expect(readRateLimit(new Headers({ 'content-type': 'application/json' }))).toBeNull();
  });

  it('keeps the headers that are present and nulls the unreadable ones', () => {
    const snapshot = readRateLimit(new Headers({ 'RateLimit-Remaining': '0', 'RateLimit-Limit': 'lots' }), 5);
    expect(snapshot).toEqual({ limit: null, remaining: 0, resetSeconds: null, resetAt: null, observedAt: 5 });
  });

  it("takes the first item of the draft's list form", () => {
    const snapshot = readRateLimit(new Headers({ 'RateLimit-Limit': '100, 100;w=10, 1000;w=3600' }), 0);
    expect(snapshot?.limit).toBe(100);
  });
});

describe('readRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(readRetryAfter(new Headers({ 'Retry-After': '2' }))).toBe(2);
    expect(readRetryAfter(new Headers({ 'Retry-After': '0' }))).toBe(0);
  });

  it('reads an HTTP date relative to now, rounding up and never negative', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(readRetryAfter(new Headers({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toBe(30);
    expect(readRetryAfter(new Headers({ 'Retry-After': 'Wed, 31 Dec 2025 23:00:00 GMT' }), now)).toBe(0);
  });

  it('returns null when absent or unreadable', () => {
    expect(readRetryAfter(new Headers())).toBeNull();
    expect(readRetryAfter(new Headers({ 'Retry-After': '-3' }))).toBeNull();
    expect(readRetryAfter(new Headers({ 'Retry-After': 'soon' }))).toBeNull();
  });
});
