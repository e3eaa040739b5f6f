import { closeSync, createReadStream, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
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
 *
 * Appends are synchronous: one write of one line per accepted OTLP request into the page cache, which keeps the
 * bound exact and the order certain at the cost of microseconds. A disk error turns persistence off (reported
 * once through `onError`); the in-memory store goes on.
 */
export class SpanLog {
  readonly #dir: string;
  readonly #segmentBytes: number;
  readonly #onError: (error: Error) => void;
  #fd: number | undefined;
  #currentBytes = 0;

  constructor(options: SpanLogOptions & { onError?: (error: Error) => void }) {
    this.#dir = options.dir;
    this.#segmentBytes = Math.max(1024, Math.floor((options.maxBytes ?? 256 * 1024 * 1024) / 2));
    this.#onError = options.onError ?? (() => {});
  }

  /** Reads the log into `apply`, then opens it for appending. */
  async open(apply: (record: SpanLogRecord) => void): Promise<ReplayResult> {
    await mkdir(this.#dir, { recursive: true });
    const result: ReplayResult = { records: 0, skippedLines: 0 };
    for (const name of [PREVIOUS, CURRENT]) await this.#replayFile(join(this.#dir, name), apply, result);
    this.#fd = openSync(join(this.#dir, CURRENT), 'a');
    this.#currentBytes = fstatSync(this.#fd).size;
    return result;
  }

  /** Appends one record (one line). */
  append(record: SpanLogRecord): void {
    if (this.#fd === undefined) return;
    const line = Buffer.from(`${JSON.stringify(record)}\n`);
    try {
      if (this.#currentBytes > 0 && this.#currentBytes + line.byteLength > this.#segmentBytes) this.#rotate();
      writeSync(this.#fd, line);
      this.#currentBytes += line.byteLength;
    } catch (error) {
      this.#fail(error as Error);
    }
  }

  async close(): Promise<void> {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }

  #rotate(): void {
    closeSync(this.#fd!);
    this.#fd = undefined;
    rmSync(join(this.#dir, PREVIOUS), { force: true });
    renameSync(join(this.#dir, CURRENT), join(this.#dir, PREVIOUS));
    this.#fd = openSync(join(this.#dir, CURRENT), 'a');
    this.#currentBytes = 0;
  }

  #fail(error: Error): void {
    if (this.#fd !== undefined) {
      try {
        closeSync(this.#fd);
      } catch {
        // already unusable
      }
    }
    this.#fd = undefined;
    this.#onError(error);
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
