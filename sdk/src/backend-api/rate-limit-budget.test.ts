import { describe, expect, it } from 'vitest';
import type { RateLimitSnapshot } from './rate-limit.js';
import { ASSUMED_LIMIT, ASSUMED_WINDOW_MS, assumedLimitFor, WindowBudget } from './rate-limit-budget.js';

function snapshot(now: number, limit: number, remaining: number, resetSeconds: number): RateLimitSnapshot {
  return { limit, remaining, resetSeconds, resetAt: now + resetSeconds * 1000, observedAt: now };
}

function takeAll(budget: WindowBudget, callClass: 'standard' | 'machine_token_verification'): number {
  let taken = 0;
  while (budget.take(callClass) && taken < 10_000) taken++;
  return taken;
}

// Hardening finding 1: machine-token verifications can never take the share of the window signed-in users need.
describe('WindowBudget', () => {
  it('before any answer, assumes 100 / 10 s and keeps the last 20 from machine-token verifications', () => {
    const now = 5_000;
    const budget = new WindowBudget({ now: () => now });
    expect(budget.reserved).toBe(20);
    expect(takeAll(budget, 'machine_token_verification')).toBe(ASSUMED_LIMIT - 20);
    // Standard calls still go; the estimate only says how many the API is likely to accept.
    for (let i = 0; i < 20; i++) expect(budget.take('standard')).toBe(true);
    expect(budget.estimate.remaining).toBe(0);
    expect(budget.take('standard')).toBe(true);
    expect(budget.take('machine_token_verification')).toBe(false);
  });

  it('a new window gives machine-token verifications their share again', () => {
    let now = 5_000;
    const budget = new WindowBudget({ now: () => now });
    takeAll(budget, 'machine_token_verification');
    now += ASSUMED_WINDOW_MS;
    expect(budget.take('machine_token_verification')).toBe(true);
  });

  it('follows the API: its limit, and a lower remaining count than the local estimate', () => {
    const now = 5_000;
    const budget = new WindowBudget({ now: () => now });
    budget.take('standard');
    // A production instance: 1000 / 10 s. The call already counted still counts.
    budget.observe({ callClass: 'standard', status: 200, rateLimit: snapshot(now, 1000, 990, 10), retryAfter: null });
    expect(budget.reserved).toBe(200);
    expect(budget.estimate).toEqual({ remaining: 990, limit: 1000, resetAt: now + 10_000 });
    // Another server spent most of the window: the API's count wins.
    budget.observe({ callClass: 'standard', status: 200, rateLimit: snapshot(now, 1000, 300, 10), retryAfter: null });
    expect(takeAll(budget, 'machine_token_verification')).toBe(100);
    // A higher count than the local estimate does not raise it: answers to calls still in flight are yet to come.
    budget.observe({ callClass: 'standard', status: 200, rateLimit: snapshot(now, 1000, 900, 10), retryAfter: null });
    expect(budget.estimate.remaining).toBe(200);
  });

  it('starts from the API’s count when the API is in a later window, and ignores answers of an ended one', () => {
    let now = 5_000;
    const budget = new WindowBudget({ now: () => now });
    takeAll(budget, 'machine_token_verification');
    now += 4_000;
    // The API's window reset earlier than assumed: a fresh count, due to reset in 10 s.
    budget.observe({ callClass: 'standard', status: 200, rateLimit: snapshot(now, 100, 95, 10), retryAfter: null });
    expect(budget.estimate).toEqual({ remaining: 95, limit: 100, resetAt: now + 10_000 });
    // A late answer from the window before says nothing about this one.
    budget.observe({
      callClass: 'standard',
      status: 200,
      rateLimit: { ...snapshot(now, 100, 2, 1), resetAt: now - 5_000 },
      retryAfter: null,
    });
    expect(budget.estimate.remaining).toBe(95);
  });

  it('a 429 empties the window until its Retry-After', () => {
    let now = 5_000;
    const budget = new WindowBudget({ now: () => now });
    budget.observe({ callClass: 'standard', status: 429, rateLimit: null, retryAfter: 30 });
    expect(budget.take('machine_token_verification')).toBe(false);
    now += 29_000;
    expect(budget.take('machine_token_verification')).toBe(false);
    now += 1_000;
    expect(budget.take('machine_token_verification')).toBe(true);
  });

  it('reservedShare 0 turns the reserve off; a share outside [0, 1) is refused', () => {
    const budget = new WindowBudget({ reservedShare: 0, now: () => 0 });
    expect(takeAll(budget, 'machine_token_verification')).toBe(ASSUMED_LIMIT);
    expect(() => new WindowBudget({ reservedShare: 1 })).toThrow(RangeError);
    expect(() => new WindowBudget({ reservedShare: -0.1 })).toThrow(RangeError);
  });

  it('assumes Clerk’s production limit for an sk_live_ key, the development one otherwise', () => {
    expect(assumedLimitFor('sk_live_abc')).toBe(1000);
    expect(assumedLimitFor('sk_test_abc')).toBe(100);
    expect(assumedLimitFor(undefined)).toBe(100);
    const budget = new WindowBudget({ assumedLimit: 1000, now: () => 0 });
    expect(takeAll(budget, 'machine_token_verification')).toBe(800);
  });

  it('verify answers without rate-limit headers (no limit reported): no reserve, but a 429 still holds back', () => {
    let now = 0;
    const budget = new WindowBudget({ now: () => now });
    // A standard answer without headers (e.g. the JWKS, never limited) says nothing.
    budget.observe({ callClass: 'standard', status: 200, rateLimit: null, retryAfter: null });
    expect(takeAll(budget, 'machine_token_verification')).toBe(80);
    budget.observe({ callClass: 'machine_token_verification', status: 404, rateLimit: null, retryAfter: null });
    expect(takeAll(budget, 'machine_token_verification')).toBe(10_000);
    budget.observe({ callClass: 'machine_token_verification', status: 429, rateLimit: null, retryAfter: 2 });
    expect(budget.take('machine_token_verification')).toBe(false);
    now += 2_000;
    expect(budget.take('machine_token_verification')).toBe(true);
    // Headers again: the reserve is back.
    budget.observe({
      callClass: 'machine_token_verification',
      status: 200,
      rateLimit: snapshot(now, 100, 20, 5),
      retryAfter: null,
    });
    expect(budget.take('machine_token_verification')).toBe(false);
  });
});
