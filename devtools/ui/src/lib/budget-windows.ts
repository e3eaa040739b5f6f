import type { RateLimitResponse } from '../api/devtools-api.js';

export interface BudgetPoint {
  timeMs: number;
  value: number;
}

/** One rate-limit window: the budget seen in it, its lowest point and the calls refused with 429. */
export interface BudgetWindow {
  startMs: number;
  /** When the API said the window ends; null when it did not say. */
  endMs: number | null;
  points: BudgetPoint[];
  lowest: BudgetPoint;
  rateLimitedAt: number[];
}

/**
 * One limit's budget over time (a limit of 8 per 10 s and one of 100 per 10 s are two series). When some calls were
 * judged against the fleet's shared budget (Redis), theirs is a series of its own, apart from calls of processes on
 * their own.
 */
export interface BudgetSeries {
  limit: number | null;
  /** `fleet`: the figure every server shares; `local`: processes' own, beside a fleet series; null: no fleet data. */
  scope: 'fleet' | 'local' | null;
  windows: BudgetWindow[];
  /** The budget left now: the limit again once the last window ended, else its last value. */
  now: number;
}

export interface BudgetChartData {
  series: BudgetSeries[];
  startMs: number;
  endMs: number;
  /** The y scale: the largest limit, else the largest value seen. */
  max: number;
  source: 'spans' | 'metric';
}

interface Observation {
  timeMs: number;
  remaining: number;
  limit: number | null;
  resetAtMs: number | null;
  rateLimited: boolean;
  fleet: boolean;
}

/**
 * Splits one limit's observations into windows: a new window starts once the last one's end (from `RateLimit-Reset`)
 * has passed or, when the end is not known, when the budget went up (only a new window gives budget back).
 */
function windowsOf(observations: Observation[]): BudgetWindow[] {
  const windows: BudgetWindow[] = [];
  let current: BudgetWindow | null = null;
  for (const o of observations) {
    const last: BudgetPoint | undefined = current?.points.at(-1);
    const ended =
      current !== null &&
      (current.endMs !== null ? o.timeMs >= current.endMs : last !== undefined && o.remaining > last.value);
    if (current === null || ended) {
      current = {
        startMs: o.timeMs,
        endMs: o.resetAtMs,
        points: [],
        lowest: { timeMs: o.timeMs, value: o.remaining },
        rateLimitedAt: [],
      };
      windows.push(current);
    }
    const point = { timeMs: o.timeMs, value: o.remaining };
    current.points.push(point);
    if (point.value < current.lowest.value) current.lowest = point;
    if (o.rateLimited) current.rateLimitedAt.push(o.timeMs);
    if (current.endMs === null && o.resetAtMs !== null) current.endMs = o.resetAtMs;
  }
  return windows;
}

/** The budget chart's data: from Backend API spans when there are any (every call), else from the gauge. */
export function budgetWindows(data: RateLimitResponse | null, nowMs: number): BudgetChartData | null {
  if (!data) return null;
  let observations: Observation[];
  let source: BudgetChartData['source'];
  if (data.fromSpans.length > 0) {
    observations = data.fromSpans.map((o) => ({
      timeMs: o.timeMs,
      remaining: o.remaining,
      limit: o.limit,
      resetAtMs: o.resetAtMs ?? null,
      rateLimited: o.rateLimited ?? false,
      fleet: o.scope === 'fleet',
    }));
    source = 'spans';
  } else {
    // The gauge repeats its last value at every export: only its changes are budget seen.
    observations = data.series.flatMap((series) => {
      const limit = series.attributes['authlens.rate_limit.limit'];
      const changes = series.points.filter((p, i) => i === 0 || p.value !== series.points[i - 1]!.value);
      return changes.map((p) => ({
        timeMs: p.timeMs,
        remaining: p.value,
        limit: typeof limit === 'number' ? limit : null,
        resetAtMs: null,
        rateLimited: false,
        fleet: false,
      }));
    });
    source = 'metric';
  }
  if (observations.length === 0) return null;
  const anyFleet = observations.some((o) => o.fleet);
  const groups = new Map<string, { limit: number | null; scope: BudgetSeries['scope']; list: Observation[] }>();
  for (const o of [...observations].sort((a, b) => a.timeMs - b.timeMs)) {
    const scope = anyFleet ? (o.fleet ? 'fleet' : 'local') : null;
    const key = `${o.limit}\u0000${scope}`;
    const group = groups.get(key);
    if (group) group.list.push(o);
    else groups.set(key, { limit: o.limit, scope, list: [o] });
  }
  // The fleet's figure first: it is the one every server judges its calls against.
  const ordered = [...groups.values()].sort((a, b) => Number(b.scope === 'fleet') - Number(a.scope === 'fleet'));
  const series: BudgetSeries[] = ordered.map(({ limit, scope, list }) => {
    const windows = windowsOf(list);
    const last = windows.at(-1)!;
    const ended = last.endMs !== null && nowMs >= last.endMs;
    return { limit, scope, windows, now: ended && limit !== null ? limit : last.points.at(-1)!.value };
  });
  const times = observations.map((o) => o.timeMs);
  const startMs = Math.min(...times);
  const lastEnds = series.map((s) => s.windows.at(-1)!.endMs ?? 0);
  const endMs = Math.max(...times, Math.min(nowMs, Math.max(...lastEnds)));
  const max = Math.max(1, ...series.map((s) => s.limit ?? 0), ...observations.map((o) => o.remaining));
  return { series, startMs, endMs, max, source };
}
