import type { ExportResult } from '@opentelemetry/core';
import { AggregationTemporality, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { serializeMetricsAsOtlpJson } from './otlp-json-metrics.js';
import { OtlpJsonSender, type OtlpJsonSenderOptions } from './otlp-json-sender.js';

/** `url` is the full metrics URL, like `http://localhost:4318/v1/metrics`. */
export type FetchMetricExporterOptions = OtlpJsonSenderOptions;

/**
 * An OTLP/HTTP JSON metric exporter built on `fetch` alone, for Next's edge runtime. Cumulative temporality for every
 * instrument, as the Node path's OTLP exporters use by default. A failed or unreachable endpoint fails that export
 * (reported through `diag`, without the headers) and never throws into the app.
 */
export class FetchMetricExporter implements PushMetricExporter {
  readonly #sender: OtlpJsonSender;

  constructor(options: FetchMetricExporterOptions) {
    this.#sender = new OtlpJsonSender(options);
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    this.#sender.send(() => serializeMetricsAsOtlpJson(metrics), resultCallback);
  }

  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }

  /** Waits for the exports in flight. */
  forceFlush(): Promise<void> {
    return this.#sender.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.#sender.shutdown();
  }
}
