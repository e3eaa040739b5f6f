import type { DecisionRecord } from '@authlens/otel';
import { useMemo } from 'react';
import { formatClock } from '../lib/format.js';
import { outcomeBuckets } from '../lib/outcome-buckets.js';
import { OUTCOME_TONES, TONE_LABELS } from '../lib/outcome-tone.js';

const WIDTH = 960;
const HEIGHT = 120;
const BUCKETS = 48;
const AXIS = 16;
/** A band above the bars for the scale label: no bar reaches into it, so the label never covers one. */
const LABEL_BAND = 14;

/** Stacked bars of the shown requests by outcome over time (plain SVG). */
export function OutcomeChart({ decisions }: { decisions: readonly DecisionRecord[] }) {
  const histogram = useMemo(() => outcomeBuckets(decisions, BUCKETS), [decisions]);
  const barWidth = WIDTH / BUCKETS;
  const plotHeight = HEIGHT - AXIS;
  return (
    <figure className="chart">
      <figcaption>
        Outcomes over time
        <span className="legend">
          {OUTCOME_TONES.map((tone) => (
            <span key={tone} className={`key tone-${tone}`}>
              {TONE_LABELS[tone]}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Outcomes over time" data-chart="outcomes">
        {histogram?.buckets.map((bucket, i) => {
          let y = plotHeight;
          return (
            <g key={bucket.startMs}>
              <title>{`${formatClock(bucket.startMs)}: ${bucket.total} requests`}</title>
              {OUTCOME_TONES.map((tone) => {
                const count = bucket.counts[tone];
                if (count === 0) return null;
                const h = (count / histogram.max) * (plotHeight - LABEL_BAND);
                y -= h;
                return (
                  <rect
                    key={tone}
                    className={`bar tone-${tone}`}
                    x={i * barWidth + 0.5}
                    y={y}
                    width={Math.max(1, barWidth - 1)}
                    height={h}
                  />
                );
              })}
            </g>
          );
        })}
        <line className="axis" x1={0} x2={WIDTH} y1={plotHeight} y2={plotHeight} />
        {histogram && (
          <>
            <text className="tick" x={0} y={HEIGHT - 3}>
              {formatClock(histogram.startMs)}
            </text>
            <text className="tick" x={WIDTH} y={HEIGHT - 3} textAnchor="end">
              {formatClock(histogram.endMs)}
            </text>
            <text className="tick" x={WIDTH} y={10} textAnchor="end">
              {`max ${histogram.max} per ${Math.round(histogram.bucketMs / 1000)} s`}
            </text>
          </>
        )}
        {!histogram && (
          <text className="tick" x={WIDTH / 2} y={plotHeight / 2} textAnchor="middle">
            no requests
          </text>
        )}
      </svg>
    </figure>
  );
}
