import type { ExportResult } from '@opentelemetry/core';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OtlpContentType, OtlpHttpSender, type OtlpHttpSenderOptions } from './otlp-http-sender.js';
import { type OtlpHttpProtocol, OtlpProtocol } from './resolve-export-targets.js';

export interface FetchSpanExporterOptions extends Omit<OtlpHttpSenderOptions, 'contentType'> {
  /** `http/protobuf` or `http/json`; default `http/protobuf`, the specification's default. */
  readonly protocol?: OtlpHttpProtocol;
}

/**
 * An OTLP/HTTP span exporter built on `fetch` alone, so it runs where the OpenTelemetry Node exporters cannot (Next's
 * edge runtime). Bodies are encoded by OpenTelemetry's own serializers (`@opentelemetry/otlp-transformer`, plain
 * JavaScript, no Node built-ins), as JSON or protobuf. A failed or unreachable endpoint fails that export (reported
 * through `diag`, without the headers) and never throws into the app.
 */
export class FetchSpanExporter implements SpanExporter {
  readonly #sender: OtlpHttpSender;
  readonly #serializer: typeof JsonTraceSerializer;

  constructor({ protocol = OtlpProtocol.httpProtobuf, ...options }: FetchSpanExporterOptions) {
    const json = protocol === OtlpProtocol.httpJson;
    this.#serializer = json ? JsonTraceSerializer : ProtobufTraceSerializer;
    this.#sender = new OtlpHttpSender({
      ...options,
      contentType: json ? OtlpContentType.json : OtlpContentType.protobuf,
    });
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.#sender.send(() => this.#serializer.serializeRequest(spans), resultCallback);
  }

  /** Waits for the exports in flight. */
  forceFlush(): Promise<void> {
    return this.#sender.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.#sender.shutdown();
  }
}
