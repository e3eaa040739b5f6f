import { afterEach, describe, expect, it } from 'vitest';
import { startCaptureServer, unusedUrl, waitFor } from '../../../test/support/capture-server.js';
import { Forwarder, type ForwardItem } from './forwarder.js';

const item = (n: number): ForwardItem => ({
  path: '/v1/traces',
  body: new TextEncoder().encode(`{"n":${n}}`),
  contentType: 'application/json',
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('Forwarder', () => {
  it('forwards in order, one at a time', async () => {
    const upstream = await startCaptureServer();
    cleanups.push(() => upstream.close());
    const forwarder = new Forwarder({ baseUrl: upstream.url });
    cleanups.push(() => forwarder.close());
    for (let n = 0; n < 5; n++) forwarder.enqueue(item(n));
    await waitFor(() => forwarder.stats().forwarded === 5);
    expect(upstream.requests.map((r) => r.body.toString())).toEqual([0, 1, 2, 3, 4].map((n) => `{"n":${n}}`));
  });

  it('drops the oldest queued item, and counts it, when the queue is full', async () => {
    const upstream = await startCaptureServer({ hold: true });
    cleanups.push(() => upstream.close());
    const forwarder = new Forwarder({ baseUrl: upstream.url, maxQueue: 3 });
    cleanups.push(() => forwarder.close(0));
    for (let n = 0; n < 6; n++) forwarder.enqueue(item(n));
    // 0 went out first and is held; of 1…5, the oldest two were dropped to keep 3, 4, 5.
    await waitFor(() => upstream.requests.length === 1);
    expect(forwarder.stats()).toMatchObject({ inFlight: 1, queued: 3, dropped: 2 });
    upstream.release();
    await waitFor(() => upstream.requests.length === 2);
    upstream.release();
    await waitFor(() => upstream.requests.length === 3);
    upstream.release();
    await waitFor(() => upstream.requests.length === 4);
    upstream.release();
    await waitFor(() => forwarder.stats().forwarded === 4);
    expect(forwarder.stats()).toMatchObject({ inFlight: 0, queued: 0, dropped: 2, failed: 0 });
    expect(upstream.requests.map((r) => r.body.toString())).toEqual(['{"n":0}', '{"n":3}', '{"n":4}', '{"n":5}']);
  });

  it('retries an unreachable upstream a bounded number of times with backoff, then gives up', async () => {
    const givenUp: string[] = [];
    const forwarder = new Forwarder({
      baseUrl: await unusedUrl(),
      maxAttempts: 3,
      initialBackoffMs: 10,
      onGiveUp: (_item, reason) => givenUp.push(reason),
    });
    cleanups.push(() => forwarder.close(0));
    forwarder.enqueue(item(1));
    await waitFor(() => forwarder.stats().failed === 1);
    expect(forwarder.stats()).toMatchObject({ retries: 2, forwarded: 0, queued: 0 });
    expect(givenUp).toEqual([expect.stringMatching(/^upstream unreachable: .* \(after 3 attempts\)$/)]);
  });

  it('does not retry a status that cannot succeed later (400), and does retry 503', async () => {
    const rejecting = await startCaptureServer({ status: 400 });
    const unavailable = await startCaptureServer({ status: 503 });
    cleanups.push(
      () => rejecting.close(),
      () => unavailable.close(),
    );
    const a = new Forwarder({ baseUrl: rejecting.url, initialBackoffMs: 1 });
    const b = new Forwarder({ baseUrl: unavailable.url, maxAttempts: 3, initialBackoffMs: 1 });
    cleanups.push(
      () => a.close(0),
      () => b.close(0),
    );
    a.enqueue(item(1));
    b.enqueue(item(1));
    await waitFor(() => a.stats().failed === 1 && b.stats().failed === 1);
    expect(rejecting.requests).toHaveLength(1);
    expect(unavailable.requests).toHaveLength(3);
  });

  it('close() aborts what is in flight after the grace period and drops the rest', async () => {
    const upstream = await startCaptureServer({ hold: true });
    cleanups.push(() => upstream.close());
    const forwarder = new Forwarder({ baseUrl: upstream.url });
    forwarder.enqueue(item(1));
    forwarder.enqueue(item(2));
    await waitFor(() => upstream.requests.length === 1);
    const started = performance.now();
    await forwarder.close(50);
    expect(performance.now() - started).toBeLessThan(1000);
    forwarder.enqueue(item(3)); // ignored once closed
    expect(forwarder.stats()).toMatchObject({ forwarded: 0, inFlight: 0, queued: 0, dropped: 2 });
  });

  it('never shows credentials of the upstream URL in its stats', async () => {
    const forwarder = new Forwarder({ baseUrl: 'https://user:s3cret@collector.example:4318/otlp/' });
    expect(forwarder.stats().upstream).toBe('https://collector.example:4318/otlp');
    await forwarder.close(0);
  });
});
