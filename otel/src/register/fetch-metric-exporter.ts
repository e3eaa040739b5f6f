import type { ExportResult } from '@opentelemetry/core';
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { AggregationTemporality, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { OtlpContentType, OtlpHttpSender, type OtlpHttpSenderOptions } from './otlp-http-sender.js';
import { type OtlpHttpProtocol, OtlpProtocol } from './resolve-export-targets.js';

export interface FetchMetricExporterOptions extends Omit<OtlpHttpSenderOptions, 'contentType'> {
  /** `http/protobuf` or `http/json`; default `http/protobuf`, the specification's default. */
  readonly protocol?: OtlpHttpProtocol;
}

/**
 * An OTLP/HTTP metric exporter built on `fetch` alone, for Next's edge runtime, encoding with OpenTelemetry's own
 * serializers (JSON or protobuf). Cumulative temporality for every instrument, as the Node path's OTLP exporters use
 * by default. A failed or unreachable endpoint fails that export (reported through `diag`, without the headers) and
 * never throws into the app.
 */
export class FetchMetricExporter implements PushMetricExporter {
  readonly #sender: OtlpHttpSender;
  readonly #serializer: typeof JsonMetricsSerializer;

  constructor({ protocol = OtlpProtocol.httpProtobuf, ...options }: FetchMetricExporterOptions) {
    const json = protocol === OtlpProtocol.httpJson;
    this.#serializer = json ? JsonMetricsSerializer : ProtobufMetricsSerializer;
    this.#sender = new OtlpHttpSender({
      ...options,
      contentType: json ? OtlpContentType.json : OtlpContentType.protobuf,
    });
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    this.#sender.send(() => this.#serializer.serializeRequest(metrics), resultCallback);
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
