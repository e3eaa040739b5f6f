import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDevtools, startDevtools } from '../src/index.js';
import { otlpBody } from '../src/server/test-support/otlp-arbitraries.js';
import { middlewareExport, newTraceId } from './support/otlp-json.js';

// Fuzzing the receiver over real HTTP: random and mutated OTLP bodies (truncated, flipped, wrong JSON types, huge
// numbers, deep nesting, broken gzip) are answered 200 or refused whole with a typed 400/413 — never a 500, never
// a crash, and a refused request changes nothing that was stored.

const MAX_BODY = 256 * 1024;
let devtools: RunningDevtools;
beforeAll(async () => {
  devtools = await startDevtools({ port: 0, maxBodyBytes: MAX_BODY });
});
afterAll(async () => {
  await devtools.close();
});

const CONTENT_TYPE = { json: 'application/json', protobuf: 'application/x-protobuf' } as const;

describe('the OTLP receiver under fuzzing', () => {
  it('answers every body with 200 or a typed 400/413, and a refused body stores nothing', async () => {
    let refused = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(otlpBody(), async ({ signal, encoding, gzip, body }) => {
        const before = devtools.stats();
        const beforeMetrics = JSON.stringify(devtools.app.metrics.series());
        const response = await fetch(`${devtools.url}/v1/${signal}`, {
          method: 'POST',
          headers: { 'content-type': CONTENT_TYPE[encoding], ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
          body: new Uint8Array(body),
        });
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (response.status === 200) {
          accepted++;
          return;
        }
        refused++;
        expect([400, 413]).toContain(response.status);
        if (encoding === 'json') {
          const error = JSON.parse(new TextDecoder().decode(bytes)) as { error: string; message: string };
          expect(['ERR_MALFORMED_PAYLOAD', 'ERR_BODY_TOO_LARGE']).toContain(error.error);
          expect(error.message.length).toBeGreaterThan(10);
        } else {
          expect(response.headers.get('content-type')).toBe('application/x-protobuf');
        }
        // Refused whole: nothing of it reached the store, the metrics or the counters.
        const after = devtools.stats();
        expect(after.store).toEqual(before.store);
        expect(after.received).toEqual(before.received);
        expect(JSON.stringify(devtools.app.metrics.series())).toBe(beforeMetrics);
      }),
      { numRuns: 300 },
    );
    // Both sides were exercised, and the server still takes good input.
    expect(refused).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThan(50);
    const good = await fetch(`${devtools.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(middlewareExport('req_after_fuzz', newTraceId())),
    });
    expect(good.status).toBe(200);
    expect((await fetch(`${devtools.url}/api/requests/req_after_fuzz`)).status).toBe(200);
  }, 120_000);
});
