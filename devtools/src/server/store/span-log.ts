import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ReceivedMetricPoint, ReceivedSpan } from '../otlp/received-span.js';

/** One line of the log: a batch of spans or of metric points, as received. */
export type SpanLogRecord = { spans: ReceivedSpan[] } | { points: ReceivedMetricPoint[] };

export interface SpanLogOptions {
  /** The folder holding the log (created if missing). */
  dir: string;
  /** Bytes kept on disk at most, across the two segments. Default 256 MiB. */
  maxBytes?: number;
}

export interface ReplayResult {
  records: number;
  /** Lines that could not be read (say, the last line of a crashed run); skipped. */
  skippedLines: number;
}

const CURRENT = 'telemetry.current.jsonl';
const PREVIOUS = 'telemetry.previous.jsonl';

/**
 * Append-only persistence of everything received, as JSON lines, in two segments: when the current one reaches
 * half of `maxBytes` it becomes the previous one (the older previous is deleted), so the disk use stays bounded
 * and the newest half is always kept. Replay reads previous then current and feeds every record back.
 */
export class SpanLog {
  readonly #dir: string;
  readonly #segmentBytes: number;
  #stream: WriteStream | undefined;
  #currentBytes = 0;
  #rotating: Promise<void> | undefined;
  /** Lines that arrive while the segments are being renamed; written to the new segment. */
  #pending: string[] | undefined;

  constructor(options: SpanLogOptions) {
    this.#dir = options.dir;
    this.#segmentBytes = Math.max(1024, Math.floor((options.maxBytes ?? 256 * 1024 * 1024) / 2));
  }

  /** Reads the log into `apply`, then opens it for appending. */
  async open(apply: (record: SpanLogRecord) => void): Promise<ReplayResult> {
    await mkdir(this.#dir, { recursive: true });
    const result: ReplayResult = { records: 0, skippedLines: 0 };
    for (const name of [PREVIOUS, CURRENT]) await this.#replayFile(join(this.#dir, name), apply, result);
    this.#currentBytes = await stat(join(this.#dir, CURRENT)).then(
      (s) => s.size,
      () => 0,
    );
    this.#stream = this.#openStream();
    return result;
  }

  /** Appends one record; never waits for the disk. */
  append(record: SpanLogRecord): void {
    const line = `${JSON.stringify(record)}\n`;
    if (this.#pending) {
      this.#pending.push(line);
      return;
    }
    if (!this.#stream) return;
    this.#stream.write(line);
    this.#currentBytes += Buffer.byteLength(line);
    if (this.#currentBytes >= this.#segmentBytes && !this.#rotating) {
      this.#rotating = this.#rotate().finally(() => {
        this.#rotating = undefined;
      });
    }
  }

  async close(): Promise<void> {
    await this.#rotating;
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream) await new Promise<void>((resolve) => stream.end(resolve));
  }

  async #rotate(): Promise<void> {
    const old = this.#stream!;
    this.#stream = undefined;
    const pending: string[] = [];
    this.#pending = pending;
    try {
      await new Promise<void>((resolve) => old.end(resolve));
      await rm(join(this.#dir, PREVIOUS), { force: true });
      await rename(join(this.#dir, CURRENT), join(this.#dir, PREVIOUS));
    } finally {
      const fresh = this.#openStream();
      this.#currentBytes = 0;
      for (const line of pending) {
        fresh.write(line);
        this.#currentBytes += Buffer.byteLength(line);
      }
      this.#pending = undefined;
      this.#stream = fresh;
    }
  }

  #openStream(): WriteStream {
    const stream = createWriteStream(join(this.#dir, CURRENT), { flags: 'a' });
    stream.on('error', () => {
      // A full or vanished disk must not take the server down; the in-memory store goes on.
      this.#stream = undefined;
    });
    return stream;
  }

  async #replayFile(path: string, apply: (record: SpanLogRecord) => void, result: ReplayResult): Promise<void> {
    const exists = await stat(path).then(
      () => true,
      () => false,
    );
    if (!exists) return;
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (line === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        result.skippedLines++;
        continue;
      }
      if (isRecord(record)) {
        apply(record);
        result.records++;
      } else {
        result.skippedLines++;
      }
    }
  }
}

function isRecord(value: unknown): value is SpanLogRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Array.isArray(record.spans) || Array.isArray(record.points);
}
