import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metric } from '@authlens/otel';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DecisionDetailResponse,
  type DecisionListResponse,
  type RunningDevtools,
  startDevtools,
} from '../src/index.js';
import { allowedPlan, deniedPlan, emitRequest, signedOutPlan, tracing } from './support/authlens-requests.js';

let dataDir: string;
const running: RunningDevtools[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'authlens-devtools-'));
});
afterEach(async () => {
  for (const devtools of running.splice(0)) await devtools.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startDevtools>[0] = {}) {
  const devtools = await startDevtools({ port: 0, dataDir, ...options });
  running.push(devtools);
  return devtools;
}

async function get<T>(devtools: RunningDevtools, path: string): Promise<T> {
  return (await (await fetch(`${devtools.url}${path}`)).json()) as T;
}

function rateLimitGauge(remaining: number) {
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'example-app' } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: Metric.rateLimitRemaining.name,
                unit: Metric.rateLimitRemaining.unit,
                gauge: {
                  dataPoints: [
                    {
                      timeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                      asInt: String(remaining),
                      attributes: [{ key: 'authlens.rate_limit.limit', value: { intValue: '100' } }],
                    },
                  ],
                },
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('--data-dir', () => {
  it('replays what was received: the same decisions, spans and metrics after a restart', async () => {
    const first = await start();
    const { provider, tracer } = tracing(new OTLPProtoExporter({ url: `${first.url}/v1/traces` }));
    const traceId = emitRequest(tracer, allowedPlan('req_1'));
    emitRequest(tracer, deniedPlan('req_2'));
    emitRequest(tracer, signedOutPlan('req_3'));
    await provider.forceFlush();
    await provider.shutdown();
    const metrics = await fetch(`${first.url}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rateLimitGauge(42)),
    });
    expect(metrics.status).toBe(200);
    const before = await get<DecisionListResponse>(first, '/api/requests');
    const detailBefore = await get<DecisionDetailResponse>(first, `/api/requests/${traceId}`);
    // Something to replay: otherwise the comparisons below would hold for two empty stores.
    expect(before.items.map((item) => item.id).sort()).toEqual(['req_1', 'req_2', 'req_3']);
    expect(detailBefore.id).toBe('req_1');
    expect(detailBefore.spans.length).toBeGreaterThan(0);
    await first.close();

    const second = await start();
    expect(second.stats().replay).toMatchObject({ skippedLines: 0 });
    expect(second.stats().replay!.records).toBeGreaterThan(3);
    const after = await get<DecisionListResponse>(second, '/api/requests');
    expect(after.items.map((item) => [item.id, item.decision])).toEqual(
      before.items.map((item) => [item.id, item.decision]),
    );
    const detailAfter = await get<DecisionDetailResponse>(second, `/api/requests/${traceId}`);
    expect(detailAfter.spans).toEqual(detailBefore.spans);
    expect(detailAfter.explanation).toEqual(detailBefore.explanation);
    const budget = await get<{ series: { latest: { value: number } }[]; fromSpans: unknown[] }>(
      second,
      '/api/metrics/rate-limit',
    );
    expect(budget.series.map((series) => series.latest.value)).toEqual([42]);
    expect(budget.fromSpans).toHaveLength(1);
  });

  it('skips a torn last line (a crash mid-write) and keeps the rest; replay honours --max-requests', async () => {
    const first = await start();
    const { provider, tracer } = tracing(new OTLPProtoExporter({ url: `${first.url}/v1/traces` }), 'batch');
    for (let i = 0; i < 6; i++) emitRequest(tracer, allowedPlan(`req_${i}`), Date.now() - 10_000 + i);
    await provider.forceFlush();
    await provider.shutdown();
    await first.close();
    const [file] = (await readdir(dataDir)).filter((name) => name.endsWith('.jsonl'));
    await appendFile(join(dataDir, file!), '{"spans":[{"traceId":"abc');

    const second = await start({ maxRequests: 4 });
    expect(second.stats().replay).toMatchObject({ skippedLines: 1 });
    const page = await get<DecisionListResponse>(second, '/api/requests');
    expect(page.items.map((item) => item.id)).toEqual(['req_5', 'req_4', 'req_3', 'req_2']);
  });
});
