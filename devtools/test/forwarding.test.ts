import { gzipSync } from 'node:zlib';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { afterEach, describe, expect, it } from 'vitest';
import { type DecisionListResponse, type RunningDevtools, startDevtools } from '../src/index.js';
import { allowedPlan, deniedPlan, emitRequest, pendingPlan, tracing } from './support/authlens-requests.js';
import { startCaptureServer, unusedUrl, waitFor } from './support/capture-server.js';
import { middlewareExport, newTraceId } from './support/otlp-json.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Parameters<typeof startDevtools>[0]): Promise<RunningDevtools> {
  const devtools = await startDevtools({ port: 0, ...options });
  cleanups.push(() => devtools.close());
  return devtools;
}

async function list(devtools: RunningDevtools): Promise<DecisionListResponse> {
  return (await (await fetch(`${devtools.url}/api/requests`)).json()) as DecisionListResponse;
}

describe('--forward', () => {
  it('an upstream devtools receives the same spans and assembles the same decisions', async () => {
    const upstream = await start({});
    const local = await start({ forward: upstream.url });
    const { provider, tracer } = tracing(new OTLPProtoExporter({ url: `${local.url}/v1/traces` }));
    emitRequest(tracer, allowedPlan('req_1'));
    emitRequest(tracer, deniedPlan('req_2'));
    emitRequest(tracer, pendingPlan('req_3'));
    await provider.forceFlush();
    await provider.shutdown();

    await waitFor(() => upstream.stats().store.spans === local.stats().store.spans);
    expect(local.stats().store.spans).toBeGreaterThan(0);
    const [mine, theirs] = await Promise.all([list(local), list(upstream)]);
    const decisions = (page: DecisionListResponse) =>
      Object.fromEntries(page.items.map((item) => [item.id, item.decision]));
    expect(Object.keys(decisions(mine)).sort()).toEqual(['req_1', 'req_2', 'req_3']);
    expect(decisions(theirs)).toEqual(decisions(mine));
    expect(local.stats().forward).toMatchObject({
      forwarded: local.stats().received.traceRequests,
      dropped: 0,
      failed: 0,
    });
  });

  it('sends the same body bytes, content type and content encoding to <base>/v1/traces and /v1/metrics', async () => {
    const upstream = await startCaptureServer();
    cleanups.push(() => upstream.close());
    const local = await start({ forward: `${upstream.url}/collector/` });
    const body = gzipSync(JSON.stringify(middlewareExport('req_gz', newTraceId())));
    const response = await fetch(`${local.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' },
      body,
    });
    expect(response.status).toBe(200);
    const metrics = JSON.stringify({ resourceMetrics: [] });
    expect(
      (
        await fetch(`${local.url}/v1/metrics`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: metrics,
        })
      ).status,
    ).toBe(200);

    await waitFor(() => upstream.requests.length === 2);
    const [traces, metricsRequest] = upstream.requests;
    expect(traces).toMatchObject({ method: 'POST', path: '/collector/v1/traces' });
    expect(traces!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(traces!.headers['content-encoding']).toBe('gzip');
    expect(traces!.body.equals(body)).toBe(true);
    expect(metricsRequest).toMatchObject({ path: '/collector/v1/metrics' });
    expect(metricsRequest!.body.toString()).toBe(metrics);
  });

  it('with the upstream down, local ingestion goes on and answers at once', async () => {
    const local = await start({ forward: await unusedUrl() });
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const response = await fetch(`${local.url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(middlewareExport(`req_down_${i}`, newTraceId())),
      });
      expect(response.status).toBe(200);
      // Retries with backoff (0.2 + 0.4 + 0.8 + 1.6 s) are under way upstream; the exporter's request must not
      // wait for them (the bound leaves room for a busy machine).
      expect(performance.now() - started).toBeLessThan(1500);
    }
    const page = await list(local);
    expect(page.total).toBe(20);
    expect(page.items[0]!.id).toBe('req_down_19');
    const forward = local.stats().forward!;
    expect(forward.forwarded).toBe(0);
    expect(forward.inFlight + forward.queued + forward.failed + forward.dropped).toBe(20);
  });

  it('with a hanging upstream, local ingestion goes on too', async () => {
    const upstream = await startCaptureServer({ hold: true });
    cleanups.push(() => upstream.close());
    const local = await start({ forward: upstream.url });
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const response = await fetch(`${local.url}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(middlewareExport(`req_slow_${i}`, newTraceId())),
      });
      expect(response.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1500); // the upstream never answers
    }
    expect((await list(local)).total).toBe(5);
    await waitFor(() => upstream.requests.length === 1);
    // One in flight (held), the rest queued behind it; nothing lost.
    expect(local.stats().forward).toMatchObject({ forwarded: 0, inFlight: 1, queued: 4, dropped: 0 });
    upstream.release();
    await waitFor(() => local.stats().forward!.forwarded === 1);
  });
});
