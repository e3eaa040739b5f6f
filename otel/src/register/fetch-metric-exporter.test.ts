import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPMetricExporter as OfficialProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import {
  AggregationTemporality,
  InstrumentType,
  MeterProvider,
  MetricReader,
  PeriodicExportingMetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { type ReceivedExport, startOtlpReceiver } from '../test-support/otlp-receiver.js';
import { FetchMetricExporter } from './fetch-metric-exporter.js';

// Headers, error statuses, timeouts and shutdown are the sender's: otlp-http-sender.test.ts.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A meter provider exporting through `exporter` only when flushed (the interval is far longer than a test). */
function meterProvider(exporter: FetchMetricExporter): MeterProvider {
  const provider = new MeterProvider({
    readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })],
  });
  cleanups.push(() => provider.shutdown());
  return provider;
}

interface JsonDataPoint {
  attributes: Array<{ key: string; value: { stringValue?: string } }>;
  asDouble?: number;
}

/** The `name` sum's data points in one received OTLP/JSON body. */
function sumOf(
  received: ReceivedExport,
  name: string,
): { aggregationTemporality: number; dataPoints: JsonDataPoint[] } {
  const body = JSON.parse(received.body.toString('utf8'));
  const metric = body.resourceMetrics[0].scopeMetrics
    .flatMap((s: { metrics: Array<{ name: string }> }) => s.metrics)
    .find((m: { name: string }) => m.name === name);
  return metric.sum;
}

describe('FetchMetricExporter', () => {
  it('POSTs OTLP/JSON metrics to the URL, cumulative: a later export carries the running total', async () => {
    const collector = await startOtlpReceiver();
    cleanups.push(() => collector.close());
    const provider = meterProvider(
      new FetchMetricExporter({ protocol: 'http/json', url: `${collector.url}/v1/metrics` }),
    );
    const decisions = provider.getMeter('authlens').createCounter('authlens.decisions');
    const signedOut = { 'authlens.outcome': 'signed_out' };

    decisions.add(1, signedOut);
    await provider.forceFlush();
    decisions.add(2, signedOut);
    await provider.forceFlush();

    const bodies = collector.received.filter((r) => r.path === '/v1/metrics');
    expect(bodies).toHaveLength(2);
    expect(bodies.every((r) => r.contentType === 'application/json')).toBe(true);
    const [first, second] = bodies.map((r) => sumOf(r, 'authlens.decisions'));
    expect(first).toMatchObject({ aggregationTemporality: 2, dataPoints: [{ asDouble: 1 }] });
    expect(second).toMatchObject({ aggregationTemporality: 2, dataPoints: [{ asDouble: 3 }] });
    expect(second!.dataPoints[0]!.attributes).toEqual([
      { key: 'authlens.outcome', value: { stringValue: 'signed_out' } },
    ]);
  });

  it('http/protobuf (the default): POSTs the bytes the official OTLP/HTTP protobuf exporter sends', async () => {
    const collector = await startOtlpReceiver();
    cleanups.push(() => collector.close());
    class OnDemand extends MetricReader {
      protected override async onForceFlush(): Promise<void> {}
      protected override async onShutdown(): Promise<void> {}
    }
    const reader = new OnDemand();
    const provider = new MeterProvider({ readers: [reader] });
    cleanups.push(() => provider.shutdown());
    provider.getMeter('authlens').createCounter('authlens.decisions').add(2, { 'authlens.outcome': 'signed_out' });
    const { resourceMetrics } = await reader.collect();

    const exporter = new FetchMetricExporter({ url: `${collector.url}/v1/metrics` });
    const official = new OfficialProtoMetricExporter({ url: `${collector.url}/v1/official` });
    for (const sender of [exporter, official]) {
      const result = await new Promise<ExportResult>((resolve) => sender.export(resourceMetrics, resolve));
      expect(result.code).toBe(ExportResultCode.SUCCESS);
    }
    await official.shutdown();
    const ours = await collector.waitFor((r) => r.path === '/v1/metrics');
    const theirs = await collector.waitFor((r) => r.path === '/v1/official');
    expect(ours.contentType).toBe('application/x-protobuf');
    expect(ours.contentType).toBe(theirs.contentType);
    expect(ours.body.includes('authlens.decisions')).toBe(true);
    expect(ours.body.equals(theirs.body)).toBe(true);
  });

  it('asks for cumulative temporality for every instrument', () => {
    const exporter = new FetchMetricExporter({ url: 'http://127.0.0.1:1/v1/metrics' });
    for (const type of Object.values(InstrumentType)) {
      expect(exporter.selectAggregationTemporality(), type).toBe(AggregationTemporality.CUMULATIVE);
    }
  });

  it('a broken endpoint never throws into the app: recording and flushing go on, the export fails', async () => {
    const gone = await startOtlpReceiver();
    await gone.close();
    const exporter = new FetchMetricExporter({ url: `${gone.url}/v1/metrics` });
    const provider = meterProvider(exporter);
    const decisions = provider.getMeter('authlens').createCounter('authlens.decisions');
    expect(() => decisions.add(1)).not.toThrow();
    await expect(provider.forceFlush()).resolves.toBeUndefined();

    // The same exporter, called directly, reports the failure as a result.
    class OnDemand extends MetricReader {
      protected override async onForceFlush(): Promise<void> {}
      protected override async onShutdown(): Promise<void> {}
    }
    const reader = new OnDemand();
    const own = new MeterProvider({ readers: [reader] });
    cleanups.push(() => own.shutdown());
    own.getMeter('authlens').createCounter('authlens.decisions').add(1);
    const { resourceMetrics } = await reader.collect();
    const result = await new Promise<ExportResult>((resolve) =>
      exporter.export(resourceMetrics satisfies ResourceMetrics, resolve),
    );
    expect(result.code).toBe(ExportResultCode.FAILED);
  });
});
