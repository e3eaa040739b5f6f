import { diag } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';

export interface OtlpJsonSenderOptions {
  /** The full signal URL, like `http://localhost:4318/v1/traces`. */
  readonly url: string;
  /** Extra request headers (collector credentials); never logged. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Give up on one POST after this long. Default 10 s (the OTLP exporters' default). */
  readonly timeoutMillis?: number;
}

/**
 * POSTs OTLP/JSON bodies with `fetch` alone, for the edge exporters of every signal. A failed or unreachable endpoint
 * (or a body that cannot be serialized) fails that export, reported through `diag` without the headers, and never
 * throws into the app.
 */
export class OtlpJsonSender {
  readonly #url: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMillis: number;
  readonly #pending = new Set<Promise<void>>();
  #stopped = false;

  constructor(options: OtlpJsonSenderOptions) {
    this.#url = options.url;
    this.#headers = { ...options.headers, 'content-type': 'application/json' };
    this.#timeoutMillis = options.timeoutMillis ?? 10_000;
  }

  /** Sends what `serialize` returns and reports the result; serializing happens here so its failure is a result too. */
  send(serialize: () => string, resultCallback: (result: ExportResult) => void): void {
    if (this.#stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('the exporter is shut down') });
      return;
    }
    const sent = this.#post(serialize).then(resultCallback, (error: unknown) => {
      diag.warn(`[authlens] OTLP/JSON export to ${this.#url} failed: ${describe(error)}`);
      resultCallback({
        code: ExportResultCode.FAILED,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    });
    this.#pending.add(sent);
    void sent.finally(() => this.#pending.delete(sent));
  }

  async #post(serialize: () => string): Promise<ExportResult> {
    const response = await fetch(this.#url, {
      method: 'POST',
      headers: this.#headers,
      body: serialize(),
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
