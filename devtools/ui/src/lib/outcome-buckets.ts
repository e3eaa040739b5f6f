import type { DecisionRecord } from '@authlens/otel';
import { OUTCOME_TONES, type OutcomeTone, outcomeTone } from './outcome-tone.js';

export interface OutcomeBucket {
  startMs: number;
  counts: Record<OutcomeTone, number>;
  total: number;
}

export interface OutcomeHistogram {
  startMs: number;
  endMs: number;
  bucketMs: number;
  buckets: OutcomeBucket[];
  /** The largest bucket total (the chart's y scale). */
  max: number;
}

/** Decisions counted by outcome in `bucketCount` equal time buckets from the first to the last request. */
export function outcomeBuckets(decisions: readonly DecisionRecord[], bucketCount: number): OutcomeHistogram | null {
  if (decisions.length === 0 || bucketCount < 1) return null;
  let startMs = Number.POSITIVE_INFINITY;
  let endMs = Number.NEGATIVE_INFINITY;
  for (const d of decisions) {
    if (d.startTimeMs < startMs) startMs = d.startTimeMs;
    if (d.startTimeMs > endMs) endMs = d.startTimeMs;
  }
  // At least a second per bucket, so a burst of requests is one bar, not a smear.
  const bucketMs = Math.max(1000, Math.ceil((endMs - startMs + 1) / bucketCount));
  const buckets: OutcomeBucket[] = Array.from({ length: bucketCount }, (_, i) => ({
    startMs: startMs + i * bucketMs,
    counts: Object.fromEntries(OUTCOME_TONES.map((tone) => [tone, 0])) as Record<OutcomeTone, number>,
    total: 0,
  }));
  for (const d of decisions) {
    const bucket = buckets[Math.min(bucketCount - 1, Math.floor((d.startTimeMs - startMs) / bucketMs))]!;
    bucket.counts[outcomeTone(d.outcome)]++;
    bucket.total++;
  }
  const max = buckets.reduce((m, b) => Math.max(m, b.total), 0);
  return { startMs, endMs: startMs + bucketCount * bucketMs, bucketMs, buckets, max };
}
