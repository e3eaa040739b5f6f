import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { middlewareSpan, traceId } from '../test-support/received-spans.js';
import { SpanLog, type SpanLogRecord } from './span-log.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authlens-span-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function replay(maxBytes?: number) {
  const records: SpanLogRecord[] = [];
  const log = new SpanLog({ dir, maxBytes });
  const result = await log.open((record) => records.push(record));
  return { log, records, result };
}

describe('SpanLog', () => {
  it('replays appended records in order after a restart', async () => {
    const { log } = await replay();
    const batches = [0, 1, 2].map((i) => ({ spans: [middlewareSpan(traceId(), `req_${i}`)] }));
    for (const batch of batches) log.append(batch);
    log.append({ points: [] });
    await log.close();

    const again = await replay();
    expect(again.records).toEqual([...batches, { points: [] }]);
    expect(again.result).toEqual({ records: 4, skippedLines: 0 });
    await again.log.close();
  });

  it('keeps the disk use bounded by rotating two segments, and keeps the newest records', async () => {
    const maxBytes = 20_000;
    const { log } = await replay(maxBytes);
    const all = Array.from({ length: 200 }, (_, i) => ({ spans: [middlewareSpan(traceId(), `req_${i}`)] }));
    for (const record of all) log.append(record);
    await log.close();

    const files = await readdir(dir);
    const sizes = await Promise.all(files.map(async (name) => (await stat(join(dir, name))).size));
    expect(files.length).toBeLessThanOrEqual(2);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(maxBytes);

    const again = await replay(maxBytes);
    expect(again.records.length).toBeGreaterThan(10);
    expect(again.records.length).toBeLessThan(200);
    expect(again.records).toEqual(all.slice(all.length - again.records.length)); // the newest, in order
    await again.log.close();
  });
});
