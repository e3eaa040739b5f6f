import { ValueType } from '@opentelemetry/api';
import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  AggregationType,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { serializeMetricsAsOtlpJson } from './otlp-json-metrics.js';

/** A reader that collects on demand, with the temporality asked for. */
class CollectingReader extends MetricReader {
  constructor(temporality: AggregationTemporality) {
    super({ aggregationTemporalitySelector: () => temporality });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** Real SDK metrics of every data point kind the serializer handles, recorded through the API as the SDK does. */
async function recordMetrics(temporality = AggregationTemporality.CUMULATIVE): Promise<ResourceMetrics> {
  const reader = new CollectingReader(temporality);
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'serializer-test', 'deployment.count': 3 }),
    readers: [reader],
    views: [{ instrumentName: 'exp.histogram', aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
  });
  const meter = provider.getMeter('authlens-test', '1.2.3');
  const decisions = meter.createCounter('authlens.decisions', { unit: '{decision}', description: 'Decisions.' });
  decisions.add(1, { 'authlens.outcome': 'signed_out', 'authlens.reason': 'missing_token' });
  decisions.add(2, { 'authlens.outcome': 'signed_in', 'authlens.reason': 'authorized' });
  meter.createCounter('double.counter').add(0.25);
  meter.createUpDownCounter('in.flight', { valueType: ValueType.INT }).add(-2, { 'a.bool': true });
  const duration = meter.createHistogram('authlens.token.verification.duration', { unit: 's' });
  for (const seconds of [0.002, 0.04, 1.5]) duration.record(seconds, { 'authlens.token.type': 'session_token' });
  meter.createGauge('authlens.backend.rate_limit.remaining', { valueType: ValueType.INT }).record(99, { limit: 100 });
  const exponential = meter.createHistogram('exp.histogram');
  for (const value of [0.5, 3, 3, 70]) exponential.record(value);
  meter.createObservableGauge('observed.ratio').addCallback((result) => result.observe(0.75, { 'a.ints': 1 }));
  provider.getMeter('other-scope').createCounter('other.count').add(5);

  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  await provider.shutdown();
  return resourceMetrics;
}

const reference = (metrics: ResourceMetrics) =>
  JSON.parse(new TextDecoder().decode(JsonMetricsSerializer.serializeRequest(metrics)));

describe('serializeMetricsAsOtlpJson', () => {
  it('writes what the OpenTelemetry JS OTLP/JSON serializer writes for the same metrics (cumulative)', async () => {
    const metrics = await recordMetrics();
    expect(metrics.scopeMetrics.flatMap((s) => s.metrics)).toHaveLength(8);
    expect(JSON.parse(serializeMetricsAsOtlpJson(metrics))).toEqual(reference(metrics));
  });

  it('and for delta temporality', async () => {
    const metrics = await recordMetrics(AggregationTemporality.DELTA);
    expect(JSON.parse(serializeMetricsAsOtlpJson(metrics))).toEqual(reference(metrics));
  });

  it('is OTLP/JSON: counters as monotonic sums with OTLP temporality, string nanosecond times, grouped by scope', async () => {
    const body = JSON.parse(serializeMetricsAsOtlpJson(await recordMetrics()));
    const [resourceMetrics] = body.resourceMetrics;
    expect(resourceMetrics.resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'serializer-test' },
    });
    const scopes = resourceMetrics.scopeMetrics.map((s: { scope: { name: string } }) => s.scope);
    expect(scopes).toHaveLength(2);
    expect(scopes).toEqual(
      expect.arrayContaining([
        { name: 'authlens-test', version: '1.2.3' },
        { name: 'other-scope', version: '' },
      ]),
    );
    const ours = resourceMetrics.scopeMetrics.find(
      (s: { scope: { name: string } }) => s.scope.name === 'authlens-test',
    );
    const byName = new Map(ours.metrics.map((m: { name: string }) => [m.name, m] as const)) as Map<
      string,
      Record<string, any>
    >;
    const decisions = byName.get('authlens.decisions')!;
    expect(decisions).toMatchObject({ unit: '{decision}', description: 'Decisions.' });
    // OTLP: AGGREGATION_TEMPORALITY_CUMULATIVE is 2.
    expect(decisions.sum).toMatchObject({ aggregationTemporality: 2, isMonotonic: true });
    expect(decisions.sum.dataPoints).toContainEqual(
      expect.objectContaining({
        // A counter's values are doubles unless the instrument says INT.
        asDouble: 1,
        attributes: [
          { key: 'authlens.outcome', value: { stringValue: 'signed_out' } },
          { key: 'authlens.reason', value: { stringValue: 'missing_token' } },
        ],
      }),
    );
    expect(decisions.sum.dataPoints[0].timeUnixNano).toMatch(/^\d{19}$/);
    expect(byName.get('double.counter')!.sum.dataPoints[0].asDouble).toBe(0.25);
    expect(byName.get('in.flight')!.sum).toMatchObject({ isMonotonic: false, dataPoints: [{ asInt: -2 }] });
    expect(byName.get('authlens.token.verification.duration')!.histogram.dataPoints[0]).toMatchObject({
      count: 3,
      min: 0.002,
      max: 1.5,
    });
    expect(byName.get('authlens.backend.rate_limit.remaining')!.gauge.dataPoints[0].asInt).toBe(99);
    expect(byName.get('exp.histogram')!.exponentialHistogram.dataPoints[0]).toMatchObject({ count: 4, zeroCount: 0 });
  });
});
