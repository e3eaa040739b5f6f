import { AttributeName, Metric, SpanName } from '@authlens/otel';
import type { Attributes, ReceivedMetricPoint, ReceivedSpan } from '../otlp/received-span.js';

export interface MetricPoint {
  timeMs: number;
  value: number;
}

/**
 * One time series: a metric name with one set of attribute values, from one producer (its `service.name` and
 * `service.instance.id`: two processes or edge isolates of a service keep cumulative counts of their own, so merging
 * them would read as resets).
 */
export interface MetricSeries {
  name: string;
  unit: string;
  type: ReceivedMetricPoint['type'];
  service: string | null;
  /** The producer's `service.instance.id`, when its resource has one. */
  instance: string | null;
  attributes: Attributes;
  latest: MetricPoint;
  points: MetricPoint[];
}

/** The Backend API rate-limit budget as each `authlens.backend.request` span reported it. */
export interface RateLimitObservation {
  timeMs: number;
  remaining: number;
  limit: number | null;
  /** When the API said the window ends (Unix epoch ms, from `RateLimit-Reset`), when it said. */
  resetAtMs: number | null;
  /** The call was refused with 429 (finally, or before a `Retry-After` retry). */
  rateLimited: boolean;
  /**
   * `fleet`: the call was judged against the budget every server shares (Redis); `local`: against its process's own;
   * null when the span does not say (an older SDK).
   */
  scope: 'fleet' | 'local' | null;
  traceId: string;
  spanId: string;
  service: string | null;
}

export interface MetricStoreOptions {
  /** Points kept per series. Default 1000. */
  maxPointsPerSeries?: number;
  /** Series kept at most (the least recently updated go first). Default 500. */
  maxSeries?: number;
  /** Rate-limit observations from spans kept at most. Default 5000. */
  maxSpanObservations?: number;
}

const SERVICE_NAME = 'service.name';
const SERVICE_INSTANCE_ID = 'service.instance.id';

/**
 * Metrics as received: the latest value and a bounded time series per metric and attribute set. The rate-limit
 * budget is also read from Backend API spans, so the chart has data even when only traces are exported.
 */
export class MetricStore {
  readonly #series = new Map<string, MetricSeries>();
  readonly #fromSpans: RateLimitObservation[] = [];
  readonly #maxPoints: number;
  readonly #maxSeries: number;
  readonly #maxObservations: number;

  constructor(options: MetricStoreOptions = {}) {
    this.#maxPoints = options.maxPointsPerSeries ?? 1000;
    this.#maxSeries = options.maxSeries ?? 500;
    this.#maxObservations = options.maxSpanObservations ?? 5000;
  }

  recordPoints(points: readonly ReceivedMetricPoint[]): void {
    for (const point of points) {
      const service = stringOrNull(point.resource[SERVICE_NAME]);
      const instance = stringOrNull(point.resource[SERVICE_INSTANCE_ID]);
      const key = `${point.name}\u0000${service}\u0000${instance}\u0000${stableJson(point.attributes)}`;
      const sample = { timeMs: point.timeMs, value: point.value };
      let series = this.#series.get(key);
      if (series) this.#series.delete(key);
      else
        series = {
          name: point.name,
          unit: point.unit,
          type: point.type,
          service,
          instance,
          attributes: point.attributes,
          latest: sample,
          points: [],
        };
      this.#series.set(key, series); // re-inserted: the map stays ordered by last update
      series.points.push(sample);
      if (series.points.length > this.#maxPoints) series.points.splice(0, series.points.length - this.#maxPoints);
      if (sample.timeMs >= series.latest.timeMs) series.latest = sample;
    }
    for (const key of this.#series.keys()) {
      if (this.#series.size <= this.#maxSeries) break;
      this.#series.delete(key);
    }
  }

  recordSpans(spans: readonly ReceivedSpan[]): void {
    for (const span of spans) {
      if (span.name !== SpanName.backendRequest) continue;
      const remaining = span.attributes[AttributeName.rateLimitRemaining];
      if (typeof remaining !== 'number') continue;
      const limit = span.attributes[AttributeName.rateLimitLimit];
      const reset = span.attributes[AttributeName.rateLimitReset];
      const status = span.attributes[AttributeName.httpResponseStatusCode];
      const scope = span.attributes[AttributeName.storeScope];
      this.#fromSpans.push({
        timeMs: span.endTimeMs,
        remaining,
        limit: typeof limit === 'number' ? limit : null,
        resetAtMs: typeof reset === 'number' ? span.endTimeMs + reset * 1000 : null,
        // A Retry-After is only ever honoured after a 429: a retried call was refused on the way.
        rateLimited: status === 429 || typeof span.attributes[AttributeName.retryAfter] === 'number',
        scope: scope === 'fleet' || scope === 'local' ? scope : null,
        traceId: span.traceId,
        spanId: span.spanId,
        service: stringOrNull(span.resource[SERVICE_NAME]),
      });
    }
    if (this.#fromSpans.length > this.#maxObservations) {
      this.#fromSpans.splice(0, this.#fromSpans.length - this.#maxObservations);
    }
  }

  /** Every series (latest values first). */
  series(name?: string): MetricSeries[] {
    const all = [...this.#series.values()].reverse();
    return name === undefined ? all : all.filter((series) => series.name === name);
  }

  /** The rate-limit budget over time: the gauge's series, and the observations from spans in time order. */
  rateLimit(): { metric: string; unit: string; series: MetricSeries[]; fromSpans: RateLimitObservation[] } {
    return {
      metric: Metric.rateLimitRemaining.name,
      unit: Metric.rateLimitRemaining.unit,
      series: this.series(Metric.rateLimitRemaining.name).map((series) => ({
        ...series,
        points: [...series.points].sort((a, b) => a.timeMs - b.timeMs),
      })),
      fromSpans: [...this.#fromSpans].sort((a, b) => a.timeMs - b.timeMs),
    };
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function stableJson(attributes: Attributes): string {
  return JSON.stringify(
    Object.keys(attributes)
      .sort()
      .map((key) => [key, attributes[key]]),
  );
}
