import type { RateLimitResponse } from '../api/devtools-api.js';
import { type BudgetSeries, budgetWindows } from '../lib/budget-windows.js';
import { formatClock } from '../lib/format.js';

const WIDTH = 960;
const HEIGHT = 120;
const AXIS = 16;
/** The band above the plot that holds the labels: no line or 429 mark reaches into it, so no label covers one. */
const TOP = 16;
const LABEL_Y = 11;
/** Room a label needs beside another, px (labels are a few digits of 10 px text). */
const LABEL_GAP = 24;

/**
 * The Backend API rate-limit budget left over time, one line per limit: each window drawn from what the calls in it
 * saw, back up to the limit when the window ended, its lowest point marked, and every 429 marked. Calls judged against
 * the fleet's shared budget (Redis) are the fleet's line, apart from those of processes on their own.
 */
export function RateLimitChart({ data, nowMs = Date.now() }: { data: RateLimitResponse | null; nowMs?: number }) {
  const chart = budgetWindows(data, nowMs);
  const plotHeight = HEIGHT - AXIS;
  const span = chart ? Math.max(1, chart.endMs - chart.startMs) : 1;
  const x = (timeMs: number) => (chart ? ((Math.min(timeMs, chart.endMs) - chart.startMs) / span) * WIDTH : 0);
  const y = (value: number) => (chart ? plotHeight - (value / chart.max) * (plotHeight - TOP) : 0);
  const pathOf = (series: BudgetSeries) =>
    series.windows
      .map((window) => {
        const steps = window.points.map(
          (p, i) => `${i === 0 ? 'M' : 'H'}${x(p.timeMs).toFixed(1)} V${y(p.value).toFixed(1)}`,
        );
        // The window ended: the budget is back to the limit (not the last value, repeated forever).
        if (window.endMs !== null && series.limit !== null && window.endMs <= chart!.endMs) {
          steps.push(`H${x(window.endMs).toFixed(1)} V${y(series.limit).toFixed(1)}`);
        }
        return steps.join(' ');
      })
      .join(' ');
  // Each window's lowest value sits in the label band above its lowest point, left out where it would run into the
  // scale label or the label before it (the caption says every series' lowest anyway).
  const lowestLabels = new Map<BudgetSeries['windows'][number], number>();
  let lastLabelX = LABEL_GAP; // the scale label's room at the left edge
  const candidates = (chart?.series ?? [])
    .flatMap((series) => series.windows)
    .map((window) => ({ window, at: Math.min(WIDTH - LABEL_GAP / 2, x(window.lowest.timeMs)) }))
    .sort((a, b) => a.at - b.at);
  for (const { window, at } of candidates) {
    if (at - lastLabelX < LABEL_GAP) continue;
    lowestLabels.set(window, at);
    lastLabelX = at;
  }
  return (
    <figure className="chart">
      <figcaption>
        Backend API budget left
        {chart?.series.map((series) => (
          <span
            key={`${series.limit}-${series.scope}`}
            className="legend"
            data-limit={series.limit ?? ''}
            data-scope={series.scope ?? ''}
          >
            {`${series.scope ? `${series.scope === 'fleet' ? 'fleet' : 'per process'}: ` : ''}now ${series.now}${series.limit !== null ? ` of ${series.limit}` : ''}, lowest ${Math.min(...series.windows.map((w) => w.lowest.value))} (${chart.source})`}
          </span>
        ))}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label="Rate-limit budget over time"
        data-chart="rate-limit"
      >
        {chart?.series.map((series) => (
          <g key={`${series.limit}-${series.scope}`} data-limit={series.limit ?? ''} data-scope={series.scope ?? ''}>
            <path className="budget" d={pathOf(series)} fill="none" />
            {series.windows.map((window) => (
              <g key={window.startMs} className="budget-window">
                <circle
                  className="budget-lowest"
                  data-lowest={window.lowest.value}
                  cx={x(window.lowest.timeMs)}
                  cy={y(window.lowest.value)}
                  r={3}
                />
                {lowestLabels.get(window) !== undefined && (
                  <text
                    className="tick budget-lowest-label"
                    x={lowestLabels.get(window)}
                    y={LABEL_Y}
                    textAnchor="middle"
                  >
                    {String(window.lowest.value)}
                  </text>
                )}
                {window.rateLimitedAt.map((timeMs, i) => (
                  <line
                    // biome-ignore lint/suspicious/noArrayIndexKey: two 429s may share a millisecond
                    key={i}
                    className="budget-429"
                    data-rate-limited=""
                    x1={x(timeMs)}
                    x2={x(timeMs)}
                    y1={TOP}
                    y2={plotHeight}
                  >
                    <title>429 at {formatClock(timeMs)}</title>
                  </line>
                ))}
              </g>
            ))}
          </g>
        ))}
        <line className="axis" x1={0} x2={WIDTH} y1={plotHeight} y2={plotHeight} />
        {chart ? (
          <>
            <text className="tick" x={0} y={HEIGHT - 3}>
              {formatClock(chart.startMs)}
            </text>
            <text className="tick" x={WIDTH} y={HEIGHT - 3} textAnchor="end">
              {formatClock(chart.endMs)}
            </text>
            <text className="tick" x={2} y={LABEL_Y}>
              {String(chart.max)}
            </text>
          </>
        ) : (
          <text className="tick" x={WIDTH / 2} y={plotHeight / 2} textAnchor="middle">
            no Backend API calls yet
          </text>
        )}
      </svg>
    </figure>
  );
}
