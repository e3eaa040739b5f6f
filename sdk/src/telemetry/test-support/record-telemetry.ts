/**
 * A real OpenTelemetry SDK registered as the global provider for a test file:
 * BasicTracerProvider → SimpleSpanProcessor → InMemorySpanExporter, an
 * AsyncLocalStorage context manager (so spans nest across awaits, as under
 * Next's NodeSDK), the W3C propagator, and a MeterProvider read on demand.
 */
import { type Attributes, context, metrics, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface MetricPoint {
  name: string;
  attributes: Attributes;
  /** Sum / gauge value, or the histogram's count. */
  value: number;
}

export interface RecordedTelemetry {
  /** Finished spans so far, oldest first. */
  spans(): ReadableSpan[];
  spansNamed(name: string): ReadableSpan[];
  /** The current cumulative metric points. */
  metricPoints(): Promise<MetricPoint[]>;
  reset(): void;
  stop(): Promise<void>;
}

export function recordTelemetry(): RecordedTelemetry {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new OnDemandReader();
  let meterProvider = new MeterProvider({ readers: [reader] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  let activeReader = reader;

  return {
    spans: () => exporter.getFinishedSpans(),
    spansNamed: (name) => exporter.getFinishedSpans().filter((s) => s.name === name),
    async metricPoints() {
      const { resourceMetrics } = await activeReader.collect();
      const points: MetricPoint[] = [];
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          for (const point of metric.dataPoints) {
            const v = point.value as number | { count: number };
            points.push({
              name: metric.descriptor.name,
              attributes: point.attributes,
              value: typeof v === 'number' ? v : v.count,
            });
          }
        }
      }
      return points;
    },
    reset() {
      exporter.reset();
      // A fresh meter provider: the SDK's instruments follow it (metrics have no proxy provider).
      metrics.disable();
      activeReader = new OnDemandReader();
      meterProvider = new MeterProvider({ readers: [activeReader] });
      metrics.setGlobalMeterProvider(meterProvider);
    },
    async stop() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
    },
  };
}
