import { describe, expect, it } from 'vitest';
import type { RateLimitObservation, RateLimitResponse } from '../api/devtools-api.js';
import { budgetWindows } from './budget-windows.js';

const observation = (timeMs: number, remaining: number, extra: Partial<RateLimitObservation> = {}) =>
  ({
    timeMs,
    remaining,
    limit: 8,
    resetAtMs: 10_000,
    rateLimited: false,
    scope: null,
    traceId: 't',
    spanId: `s${timeMs}`,
    service: null,
    ...extra,
  }) satisfies RateLimitObservation;

const response = (fromSpans: RateLimitObservation[]): RateLimitResponse => ({
  metric: 'authlens.backend.rate_limit.remaining',
  unit: '{request}',
  series: [],
  fromSpans,
});

describe('budgetWindows', () => {
  // A burst that exhausts a limit of 8 shows the drop to 0.
  it('a burst that exhausts a limit of 8 has its lowest point at 0, with the 429s marked', () => {
    const burst = [7, 6, 5, 4, 3, 2, 1, 0].map((left, i) => observation(100 + i * 10, left));
    const refused = [observation(200, 0, { rateLimited: true }), observation(210, 0, { rateLimited: true })];
    const chart = budgetWindows(response([...burst, ...refused]), 1000)!;
    expect(chart.series).toHaveLength(1);
    const [window] = chart.series[0]!.windows;
    expect(window!.lowest.value).toBe(0);
    expect(window!.rateLimitedAt).toEqual([200, 210]);
    expect(chart.series[0]!.now).toBe(0);
  });

  it('"now" is the limit again once the window ended, and the next window starts afresh', () => {
    const chart = budgetWindows(
      response([observation(100, 0), observation(12_000, 7, { resetAtMs: 22_000 })]),
      30_000,
    )!;
    expect(chart.series[0]!.windows.map((w) => w.lowest.value)).toEqual([0, 7]);
    expect(chart.series[0]!.now).toBe(8);
  });

  it('one series per limit', () => {
    const chart = budgetWindows(response([observation(100, 5), observation(110, 90, { limit: 100 })]), 200)!;
    expect(chart.series.map((s) => s.limit)).toEqual([8, 100]);
    expect(chart.max).toBe(100);
  });

  it('calls judged against the fleet’s budget (Redis) are a series of their own, drawn first', () => {
    const chart = budgetWindows(
      response([
        observation(100, 90, { limit: 100, scope: 'local' }),
        observation(110, 60, { limit: 100, scope: 'fleet' }),
        observation(120, 58, { limit: 100, scope: 'fleet' }),
        observation(130, 89, { limit: 100, scope: null }),
      ]),
      200,
    )!;
    expect(chart.series.map((s) => [s.scope, s.windows.flatMap((w) => w.points.map((p) => p.value))])).toEqual([
      ['fleet', [60, 58]],
      ['local', [90, 89]],
    ]);
  });

  it('without fleet data the series say no scope (one per limit, as before)', () => {
    const chart = budgetWindows(response([observation(100, 5, { scope: 'local' }), observation(110, 4)]), 200)!;
    expect(chart.series.map((s) => s.scope)).toEqual([null]);
  });
});
