import { diag } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';

/** The two OTLP/HTTP encodings the edge exporters send, by their media types. */
export const OtlpContentType = { json: 'application/json', protobuf: 'application/x-protobuf' } as const;
export type OtlpContentType = (typeof OtlpContentType)[keyof typeof OtlpContentType];

export interface OtlpHttpSenderOptions {
  /** The full signal URL, like `http://localhost:4318/v1/traces`. */
  readonly url: string;
  /** `application/json` or `application/x-protobuf`: how the bodies given to `send` are encoded. */
  readonly contentType: OtlpContentType;
  /** Extra request headers (collector credentials); never logged. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Give up on one POST after this long. Default 10 s (the OTLP exporters' default). */
  readonly timeoutMillis?: number;
}

/**
 * POSTs OTLP/HTTP bodies with `fetch` alone, for the edge exporters of every signal. A failed or unreachable endpoint
 * (or a body that cannot be serialized) fails that export, reported through `diag` without the headers, and never
 * throws into the app.
 */
export class OtlpHttpSender {
  readonly #url: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMillis: number;
  readonly #pending = new Set<Promise<void>>();
  #stopped = false;

  constructor(options: OtlpHttpSenderOptions) {
    this.#url = options.url;
    this.#headers = { ...options.headers, 'content-type': options.contentType };
    this.#timeoutMillis = options.timeoutMillis ?? 10_000;
  }

  /** Sends what `serialize` returns and reports the result; serializing happens here so its failure is a result too. */
  send(serialize: () => Uint8Array | undefined, resultCallback: (result: ExportResult) => void): void {
    if (this.#stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('the exporter is shut down') });
      return;
    }
    const sent = this.#post(serialize).then(resultCallback, (error: unknown) => {
      diag.warn(`[authlens] OTLP export to ${this.#url} failed: ${describe(error)}`);
      resultCallback({
        code: ExportResultCode.FAILED,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    });
    this.#pending.add(sent);
    void sent.finally(() => this.#pending.delete(sent));
  }

  async #post(serialize: () => Uint8Array | undefined): Promise<ExportResult> {
    const body = serialize();
    // The OpenTelemetry serializers return undefined when they cannot encode the request.
    if (body === undefined) throw new Error('the OTLP serializer could not encode the request');
    const response = await fetch(this.#url, {
      method: 'POST',
      headers: this.#headers,
      // The serializers allocate plain ArrayBuffers; TypeScript's Uint8Array type also admits shared ones.
      body: body as Uint8Array<ArrayBuffer>,
      signal: AbortSignal.timeout(this.#timeoutMillis),
    });
    // The body is not needed; reading it lets the connection be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { code: ExportResultCode.SUCCESS };
  }

  /** Waits for the exports in flight. */
  async forceFlush(): Promise<void> {
    await Promise.all(this.#pending);
  }

  /** Waits for the exports in flight; later sends fail at once. */
  async shutdown(): Promise<void> {
    this.#stopped = true;
    await this.forceFlush();
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch wraps the network cause ("ECONNREFUSED", "TimeoutError") one level down.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name === 'TimeoutError' ? 'timed out' : error.message}${cause}`;
}
