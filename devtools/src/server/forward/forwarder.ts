/** One OTLP export exactly as received: the same bytes, content type and encoding are sent upstream. */
export interface ForwardItem {
  /** `/v1/traces` or `/v1/metrics`. */
  path: string;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  contentEncoding?: string;
}

export interface ForwarderOptions {
  /** The upstream collector's base URL; items go to `<base><path>`. */
  baseUrl: string;
  /** Items waiting at most; when full, the oldest is dropped and counted. Default 1000. */
  maxQueue?: number;
  /** Queued bytes at most (dropping oldest beyond). Default 64 MiB. */
  maxQueueBytes?: number;
  /** Attempts per item, first included. Default 5. */
  maxAttempts?: number;
  /** First retry delay, doubled each retry up to `maxBackoffMs`. Default 200 ms. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Per-attempt timeout. Default 10 s. */
  timeoutMs?: number;
  /** Called for each item that is given up on (never with body bytes). */
  onGiveUp?: (item: ForwardItem, reason: string) => void;
}

export interface ForwarderStats {
  upstream: string;
  /** Waiting to be sent. */
  queued: number;
  /** Being sent (or between retries of): 0 or 1. */
  inFlight: number;
  forwarded: number;
  /** Dropped because the queue was full (oldest first), or still unsent at `close()`. */
  dropped: number;
  /** Given up on after the last attempt, or refused by upstream with a non-retryable status. */
  failed: number;
  retries: number;
}

/**
 * Sends received OTLP exports to an upstream collector through a bounded queue, one at a time, with bounded
 * retries and exponential backoff. `enqueue` never waits, so a slow or down upstream cannot slow or block
 * local ingestion; when the queue is full the oldest item is dropped and counted instead.
 */
export class Forwarder {
  readonly #base: string;
  /** The base URL without credentials, for stats and logs. */
  readonly #shownBase: string;
  readonly #maxQueue: number;
  readonly #maxQueueBytes: number;
  readonly #maxAttempts: number;
  readonly #initialBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #timeoutMs: number;
  readonly #onGiveUp: ForwarderOptions['onGiveUp'];
  readonly #queue: ForwardItem[] = [];
  #queuedBytes = 0;
  #stats = { forwarded: 0, dropped: 0, failed: 0, retries: 0 };
  #running: Promise<void> | undefined;
  #inFlight = 0;
  #closed = false;
  readonly #abort = new AbortController();

  constructor(options: ForwarderOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    const shown = new URL(this.#base);
    shown.username = '';
    shown.password = '';
    this.#shownBase = shown.href.replace(/\/+$/, '');
    this.#maxQueue = options.maxQueue ?? 1000;
    this.#maxQueueBytes = options.maxQueueBytes ?? 64 * 1024 * 1024;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#initialBackoffMs = options.initialBackoffMs ?? 200;
    this.#maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#onGiveUp = options.onGiveUp;
  }

  /** Queues an item for upstream and returns at once. */
  enqueue(item: ForwardItem): void {
    if (this.#closed) return;
    this.#queue.push(item);
    this.#queuedBytes += item.body.byteLength;
    while (this.#queue.length > this.#maxQueue || (this.#queuedBytes > this.#maxQueueBytes && this.#queue.length > 1)) {
      const dropped = this.#queue.shift()!;
      this.#queuedBytes -= dropped.body.byteLength;
      this.#stats.dropped++;
    }
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  stats(): ForwarderStats {
    return { upstream: this.#shownBase, queued: this.#queue.length, inFlight: this.#inFlight, ...this.#stats };
  }

  /**
   * Stops forwarding: waits up to `graceMs` for the queue to drain, then aborts what is in flight and drops
   * the rest.
   */
  async close(graceMs = 1000): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const running = this.#running;
    if (running) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    this.#abort.abort();
    await this.#running;
    this.#stats.dropped += this.#queue.length;
    this.#queue.length = 0;
    this.#queuedBytes = 0;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0 && !this.#abort.signal.aborted) {
      const item = this.#queue.shift()!;
      this.#queuedBytes -= item.body.byteLength;
      this.#inFlight = 1;
      const outcome = await this.#send(item);
      this.#inFlight = 0;
      if (outcome === 'ok') this.#stats.forwarded++;
      else if (outcome === 'aborted') this.#stats.dropped++;
      else {
        this.#stats.failed++;
        this.#onGiveUp?.(item, outcome);
      }
    }
  }

  /** Sends one item with retries; returns 'ok', 'aborted' or why it was given up. */
  async #send(item: ForwardItem): Promise<string> {
    let reason = '';
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      if (attempt > 1) {
        this.#stats.retries++;
        const backoff = Math.min(this.#initialBackoffMs * 2 ** (attempt - 2), this.#maxBackoffMs);
        await this.#sleep(backoff);
      }
      if (this.#abort.signal.aborted) return 'aborted';
      const headers: Record<string, string> = { 'content-type': item.contentType };
      if (item.contentEncoding) headers['content-encoding'] = item.contentEncoding;
      try {
        const response = await fetch(`${this.#base}${item.path}`, {
          method: 'POST',
          headers,
          body: item.body,
          signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(this.#timeoutMs)]),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) return 'ok';
        reason = `upstream answered ${response.status}`;
        // OTLP/HTTP: only 429, 502, 503 and 504 are worth retrying; anything else will fail again.
        if (![429, 502, 503, 504].includes(response.status)) return reason;
      } catch (error) {
        if (this.#abort.signal.aborted) return 'aborted';
        reason = `upstream unreachable: ${(error as Error).message}`;
      }
    }
    return `${reason} (after ${this.#maxAttempts} attempts)`;
  }

  #sleep(ms: number): Promise<void> {
    const signal = this.#abort.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      signal.addEventListener('abort', finish, { once: true });
    });
  }
}
