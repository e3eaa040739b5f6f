import { AttributeName as A, Metric, SpanName } from '@authlens/otel';
import { describe, expect, it } from 'vitest';
import type { ReceivedMetricPoint } from '../otlp/received-span.js';
import { span, traceId } from '../test-support/received-spans.js';
import { MetricStore } from './metric-store.js';

const point = (timeMs: number, value: number, limit = 100): ReceivedMetricPoint => ({
  name: Metric.rateLimitRemaining.name,
  unit: Metric.rateLimitRemaining.unit,
  type: 'gauge',
  timeMs,
  value,
  attributes: { [A.rateLimitLimit]: limit },
  resource: { 'service.name': 'app' },
});

describe('MetricStore', () => {
  it('keeps a bounded time series per metric and attribute set, with the latest value', () => {
    const store = new MetricStore({ maxPointsPerSeries: 3 });
    store.recordPoints([point(1, 99), point(2, 98), point(1, 1000, 1000), point(4, 96), point(3, 97)]);
    const { series } = store.rateLimit();
    expect(series).toHaveLength(2);
    const small = series.find((s) => s.attributes[A.rateLimitLimit] === 100)!;
    expect(small.latest).toEqual({ timeMs: 4, value: 96 });
    expect(small.points).toEqual([
      { timeMs: 2, value: 98 },
      { timeMs: 3, value: 97 },
      { timeMs: 4, value: 96 },
    ]);
    expect(small.service).toBe('app');
  });

  it('keeps the series of each producer apart (service.instance.id): two processes never merge into one count', () => {
    const store = new MetricStore();
    const counted = (instance: string | undefined, timeMs: number, value: number): ReceivedMetricPoint => ({
      name: Metric.decisions.name,
      unit: Metric.decisions.unit,
      type: 'sum',
      timeMs,
      value,
      attributes: {},
      resource: { 'service.name': 'app', ...(instance ? { 'service.instance.id': instance } : {}) },
    });
    store.recordPoints([
      counted('edge-1', 1, 5),
      counted('edge-2', 2, 1),
      counted('edge-1', 3, 6),
      counted(undefined, 4, 9),
    ]);
    const byInstance = Object.fromEntries(
      store.series(Metric.decisions.name).map((s) => [String(s.instance), s.points.map((p) => p.value)]),
    );
    expect(byInstance).toEqual({ 'edge-1': [5, 6], 'edge-2': [1], null: [9] });
  });

  it('reads the budget from Backend API spans too, in time order', () => {
    const store = new MetricStore();
    const trace = traceId();
    store.recordSpans([
      span(
        { traceId: trace, name: SpanName.backendRequest, startTimeMs: 20, endTimeMs: 30 },
        { [A.rateLimitRemaining]: 7, [A.rateLimitLimit]: 10 },
      ),
      span(
        { traceId: trace, name: SpanName.backendRequest, startTimeMs: 0, endTimeMs: 10 },
        { [A.rateLimitRemaining]: 8 },
      ),
      span({ traceId: trace, name: SpanName.currentUser }, { [A.rateLimitRemaining]: 1 }),
    ]);
    expect(store.rateLimit().fromSpans.map((o) => [o.timeMs, o.remaining, o.limit])).toEqual([
      [10, 8, null],
      [30, 7, 10],
    ]);
  });

  it('keeps whether each call was judged against the fleet’s shared budget or its process’s own', () => {
    const store = new MetricStore();
    const trace = traceId();
    const call = (endTimeMs: number, scope?: string) =>
      span(
        { traceId: trace, name: SpanName.backendRequest, startTimeMs: endTimeMs - 5, endTimeMs },
        { [A.rateLimitRemaining]: 50, ...(scope ? { [A.storeScope]: scope } : {}) },
      );
    store.recordSpans([call(10, 'fleet'), call(20, 'local'), call(30), call(40, 'elsewhere')]);
    expect(store.rateLimit().fromSpans.map((o) => o.scope)).toEqual(['fleet', 'local', null, null]);
  });

  it('tells from each span when its window ends and whether it was rate limited (429 or retried after one)', () => {
    const store = new MetricStore();
    const trace = traceId();
    store.recordSpans([
      span(
        { traceId: trace, name: SpanName.backendRequest, startTimeMs: 0, endTimeMs: 1000 },
        { [A.rateLimitRemaining]: 0, [A.rateLimitLimit]: 8, [A.rateLimitReset]: 4, [A.httpResponseStatusCode]: 429 },
      ),
      span(
        { traceId: trace, name: SpanName.backendRequest, startTimeMs: 0, endTimeMs: 6000 },
        { [A.rateLimitRemaining]: 7, [A.rateLimitLimit]: 8, [A.httpResponseStatusCode]: 200, [A.retryAfter]: 5 },
      ),
      span(
        { traceId: trace, name: SpanName.backendRequest, startTimeMs: 6000, endTimeMs: 7000 },
        { [A.rateLimitRemaining]: 6, [A.rateLimitLimit]: 8, [A.httpResponseStatusCode]: 200 },
      ),
    ]);
    expect(store.rateLimit().fromSpans.map((o) => [o.remaining, o.resetAtMs, o.rateLimited])).toEqual([
      [0, 5000, true],
      [7, null, true],
      [6, null, false],
    ]);
  });

  it('keeps at most maxSeries series, dropping the least recently updated', () => {
    const store = new MetricStore({ maxSeries: 2 });
    store.recordPoints([point(1, 1, 1), point(1, 2, 2), point(1, 3, 3)]);
    expect(store.series().map((s) => s.attributes[A.rateLimitLimit])).toEqual([3, 2]);
  });
});
