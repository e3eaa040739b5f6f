import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OtlpJsonSender, type OtlpJsonSenderOptions } from './otlp-json-sender.js';
import { serializeSpansAsOtlpJson } from './otlp-json-spans.js';

/** `url` is the full traces URL, like `http://localhost:4318/v1/traces`. */
export type FetchSpanExporterOptions = OtlpJsonSenderOptions;

/**
 * An OTLP/HTTP JSON span exporter built on `fetch` alone, so it runs where the OpenTelemetry Node exporters cannot
 * (Next's edge runtime). A failed or unreachable endpoint fails that export (reported through `diag`, without the
 * headers) and never throws into the app.
 */
export class FetchSpanExporter implements SpanExporter {
  readonly #sender: OtlpJsonSender;

  constructor(options: FetchSpanExporterOptions) {
    this.#sender = new OtlpJsonSender(options);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.#sender.send(() => serializeSpansAsOtlpJson(spans), resultCallback);
  }

  /** Waits for the exports in flight. */
  forceFlush(): Promise<void> {
    return this.#sender.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.#sender.shutdown();
  }
}
