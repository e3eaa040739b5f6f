import { Outcome } from '@authlens/otel';
import { describe, expect, it } from 'vitest';
import { outcomeBuckets } from './outcome-buckets.js';
import { testRecord } from './test-record.js';

describe('outcomeBuckets', () => {
  it('counts decisions by outcome tone in equal time buckets from the first to the last', () => {
    const t0 = 1_700_000_000_000;
    const histogram = outcomeBuckets(
      [
        testRecord({ startTimeMs: t0, outcome: Outcome.allowed }),
        testRecord({ startTimeMs: t0 + 500, outcome: Outcome.not_found }),
        testRecord({ startTimeMs: t0 + 9_999, outcome: Outcome.redirect_sign_in }),
        testRecord({ startTimeMs: t0 + 9_999, outcome: Outcome.signed_in }),
        testRecord({ startTimeMs: t0 + 5_000, outcome: null }),
      ],
      10,
    )!;
    expect(histogram.bucketMs).toBe(1000);
    expect(histogram.buckets[0]!.counts).toMatchObject({ allowed: 1, denied: 1 });
    expect(histogram.buckets[5]!.counts.none).toBe(1);
    expect(histogram.buckets[9]!.counts).toMatchObject({ redirect: 1, allowed: 1 });
    expect(histogram.buckets.reduce((sum, b) => sum + b.total, 0)).toBe(5);
    expect(histogram.max).toBe(2);
  });

  it('is null without decisions', () => {
    expect(outcomeBuckets([], 10)).toBeNull();
  });
});
