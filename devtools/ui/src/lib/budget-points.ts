import type { RateLimitResponse } from '../api/devtools-api.js';

export interface BudgetPoints {
  points: { timeMs: number; value: number }[];
  startMs: number;
  endMs: number;
  /** The y scale: the published limit when known, else the largest value seen. */
  max: number;
  limit: number | null;
  source: 'metric' | 'spans';
}

/**
 * One line for the budget chart: the gauge's series when metrics arrived (the series with the most points, when
 * several services report), else the remaining budget each Backend API span saw.
 */
export function budgetPoints(data: RateLimitResponse | null): BudgetPoints | null {
  if (!data) return null;
  const series = [...data.series].sort((a, b) => b.points.length - a.points.length)[0];
  let points: { timeMs: number; value: number }[];
  let limit: number | null = null;
  let source: BudgetPoints['source'];
  if (series && series.points.length > 0) {
    points = series.points;
    source = 'metric';
  } else if (data.fromSpans.length > 0) {
    points = data.fromSpans.map((o) => ({ timeMs: o.timeMs, value: o.remaining }));
    limit = data.fromSpans.findLast((o) => o.limit !== null)?.limit ?? null;
    source = 'spans';
  } else {
    return null;
  }
  const max = Math.max(1, limit ?? 0, ...points.map((p) => p.value));
  return { points, startMs: points[0]!.timeMs, endMs: points.at(-1)!.timeMs, max, limit, source };
}
