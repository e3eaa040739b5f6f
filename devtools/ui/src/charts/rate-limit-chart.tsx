import type { RateLimitResponse } from '../api/devtools-api.js';
import { budgetPoints } from '../lib/budget-points.js';
import { formatClock } from '../lib/format.js';

const WIDTH = 960;
const HEIGHT = 120;
const AXIS = 16;

/**
 * The Backend API rate-limit budget left over time: from the `authlens.backend.rate_limit.remaining` gauge when
 * metrics are exported, else from what each Backend API span reported.
 */
export function RateLimitChart({ data }: { data: RateLimitResponse | null }) {
  const budget = budgetPoints(data);
  const plotHeight = HEIGHT - AXIS;
  let path = '';
  if (budget) {
    const span = Math.max(1, budget.endMs - budget.startMs);
    path = budget.points
      .map((point, i) => {
        const x = ((point.timeMs - budget.startMs) / span) * WIDTH;
        const y = plotHeight - (point.value / budget.max) * (plotHeight - 4);
        return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
      })
      .join(' ');
  }
  const latest = budget?.points.at(-1);
  return (
    <figure className="chart">
      <figcaption>
        Backend API budget left
        {latest && (
          <span className="legend">
            {`now ${latest.value}${budget?.limit ? ` of ${budget.limit}` : ''} (${budget?.source})`}
          </span>
        )}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label="Rate-limit budget over time"
        data-chart="rate-limit"
      >
        {budget && <path className="budget" d={path} fill="none" />}
        {budget?.points.length === 1 && (
          <circle
            className="budget-dot"
            cx={WIDTH / 2}
            cy={plotHeight - (budget.points[0]!.value / budget.max) * (plotHeight - 4)}
            r={3}
          />
        )}
        <line className="axis" x1={0} x2={WIDTH} y1={plotHeight} y2={plotHeight} />
        {budget ? (
          <>
            <text className="tick" x={0} y={HEIGHT - 3}>
              {formatClock(budget.startMs)}
            </text>
            <text className="tick" x={WIDTH} y={HEIGHT - 3} textAnchor="end">
              {formatClock(budget.endMs)}
            </text>
            <text className="tick" x={2} y={10}>
              {String(budget.max)}
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
