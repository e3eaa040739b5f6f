import { AsyncLocalStorage } from 'node:async_hooks';
import { context, createNoopMeter, metrics, propagation, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttributeName as A } from '../attribute-names.js';
import { INSTRUMENTATION_SCOPE } from '../instrumentation-scope.js';
import { Metric } from '../metrics.js';
import { SpanName } from '../span-names.js';
import { type OtlpReceiver, type ReceivedExport, startOtlpReceiver } from '../test-support/otlp-receiver.js';
import type { AuthlensTelemetry } from './authlens-telemetry.js';
import { registerAuthlensTelemetry as registerFromEdgeEntry } from './edge.js';
import { registerAuthlensTelemetry } from './register-authlens-telemetry.js';
import { TelemetryConfigError } from './telemetry-config-error.js';

const savedEnv = { ...process.env };
const holder = globalThis as { AsyncLocalStorage?: unknown };
let receivers: OtlpReceiver[] = [];
let registered: AuthlensTelemetry[] = [];

beforeEach(() => {
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('OTEL_') || name === 'AUTHLENS_DEVTOOLS_URL') delete process.env[name];
  }
  // What Next's edge runtime provides: the runtime name, and AsyncLocalStorage as a global.
  process.env.NEXT_RUNTIME = 'edge';
  holder.AsyncLocalStorage = AsyncLocalStorage;
});

afterEach(async () => {
  await Promise.all(registered.map((telemetry) => telemetry.shutdown()));
  await Promise.all(receivers.map((receiver) => receiver.close()));
  registered = [];
  receivers = [];
  process.env = { ...savedEnv };
  delete holder.AsyncLocalStorage;
  vi.restoreAllMocks();
});

async function receiver(): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver();
  receivers.push(started);
  return started;
}

/** A collector on 127.0.0.1, named by `OTEL_EXPORTER_OTLP_ENDPOINT` in production, with `env` set over that. */
async function productionCollector(env: Record<string, string> = {}): Promise<OtlpReceiver> {
  const collector = await receiver();
  Object.assign(process.env, { NODE_ENV: 'production', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, ...env });
  return collector;
}

function keep(telemetry: AuthlensTelemetry): AuthlensTelemetry {
  registered.push(telemetry);
  return telemetry;
}

interface JsonSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Array<{ key: string; value: { stringValue?: string } }>;
}

/** One received OTLP/JSON body's first resource: its `service.name` and every span or metric of its scopes. */
function exportedIn<T>(received: ReceivedExport, signal: 'Spans' | 'Metrics'): { serviceName?: string; items: T[] } {
  const [first] = JSON.parse(received.body.toString('utf8'))[`resource${signal}`];
  const name = first.resource.attributes.find((kv: { key: string }) => kv.key === 'service.name');
  const items = first[`scope${signal}`].flatMap((s: Record<string, T[]>) => s[signal.toLowerCase()]);
  return { serviceName: name?.value.stringValue, items };
}

const spansOf = (received: ReceivedExport) => {
  const { serviceName, items } = exportedIn<JsonSpan>(received, 'Spans');
  return { serviceName, spans: items };
};

/** What the SDK's middleware does: an active middleware span with a verification span started inside it, across await. */
async function middlewareWithVerification(requestId: string): Promise<void> {
  const tracer = trace.getTracer(INSTRUMENTATION_SCOPE, '9.9.9');
  await tracer.startActiveSpan(SpanName.middleware, { attributes: { [A.requestId]: requestId } }, async (span) => {
    await new Promise((r) => setTimeout(r, 5));
    await tracer.startActiveSpan(SpanName.tokenVerify, async (verify) => {
      await Promise.resolve();
      verify.end();
    });
    span.end();
  });
}

const isTraces = (r: ReceivedExport) => r.path === '/v1/traces';
const isMetrics = (r: ReceivedExport) => r.path === '/v1/metrics';

/** What the SDK's middleware counts: one `authlens.decisions` data point, through the global meter provider. */
function countSignedOutDecision(): void {
  metrics
    .getMeter(INSTRUMENTATION_SCOPE, '9.9.9')
    .createCounter(Metric.decisions.name, { unit: Metric.decisions.unit })
    .add(1, { [A.outcome]: 'signed_out', [A.reason]: 'missing_token', [A.requestKind]: 'document' });
}

interface JsonMetric {
  name: string;
  unit: string;
  sum?: { aggregationTemporality: number; isMonotonic: boolean; dataPoints: Array<{ asDouble?: number }> };
}

const metricsOf = (received: ReceivedExport) => {
  const { serviceName, items } = exportedIn<JsonMetric>(received, 'Metrics');
  return { serviceName, metrics: items };
};

describe('registerAuthlensTelemetry on the edge runtime', () => {
  it('exports spans as OTLP/JSON over fetch, parented across await, soon after they end (no flush needed)', async () => {
    const collector = await productionCollector({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'edge-test',
    });
    const telemetry = keep(registerFromEdgeEntry());
    expect(telemetry.targets.traces).toEqual([{ url: `${collector.url}/v1/traces`, protocol: 'http/json' }]);
    expect(telemetry.targets.metrics).toEqual([{ url: `${collector.url}/v1/metrics`, protocol: 'http/json' }]);

    await middlewareWithVerification('req_edge');
    const received = await collector.waitFor(isTraces, 3000);
    expect(received.contentType).toBe('application/json');
    const { serviceName, spans } = spansOf(received);
    expect(serviceName).toBe('edge-test');
    const middleware = spans.find((s) => s.name === SpanName.middleware);
    const verify = spans.find((s) => s.name === SpanName.tokenVerify);
    expect(middleware?.attributes).toContainEqual({ key: A.requestId, value: { stringValue: 'req_edge' } });
    expect(verify?.parentSpanId).toBe(middleware?.spanId);
  });

  it('exports metrics as OTLP/JSON over fetch, every OTEL_METRIC_EXPORT_INTERVAL, cumulative', async () => {
    const collector = await productionCollector({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_SERVICE_NAME: 'edge-test',
      OTEL_METRIC_EXPORT_INTERVAL: '100',
    });
    const telemetry = keep(registerFromEdgeEntry());
    expect(telemetry.targets.metrics).toEqual([{ url: `${collector.url}/v1/metrics`, protocol: 'http/json' }]);
    expect(telemetry.targets.metricExportIntervalMillis).toBe(100);

    countSignedOutDecision();
    // No flush: the periodic reader exports on its own.
    const received = await collector.waitFor(isMetrics, 3000);
    expect(received.contentType).toBe('application/json');
    const { serviceName, metrics: exported } = metricsOf(received);
    expect(serviceName).toBe('edge-test');
    const decisions = exported.find((m) => m.name === Metric.decisions.name);
    expect(decisions).toMatchObject({
      unit: Metric.decisions.unit,
      sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ asDouble: 1 }] },
    });
  });

  it('forceFlush exports the metrics now; shutdown releases the global meter provider', async () => {
    const collector = await productionCollector();
    const telemetry = keep(registerFromEdgeEntry());
    expect(telemetry.targets.metricExportIntervalMillis).toBe(60_000);
    countSignedOutDecision();
    await telemetry.forceFlush();
    expect(collector.received.filter(isMetrics)).toHaveLength(1);

    // Shutdown exports what is left; afterwards the API's meter is the no-op one (as before any registration).
    await telemetry.shutdown();
    const exportedByShutdown = collector.received.filter(isMetrics).length;
    expect(metrics.getMeter(INSTRUMENTATION_SCOPE)).toBeInstanceOf(createNoopMeter().constructor);
    countSignedOutDecision();
    await new Promise((r) => setTimeout(r, 50));
    expect(collector.received.filter(isMetrics)).toHaveLength(exportedByShutdown);
  });

  it('OTEL_METRICS_EXPORTER=none: spans only, no meter provider target', async () => {
    const collector = await productionCollector({ OTEL_METRICS_EXPORTER: 'none' });
    const telemetry = keep(registerFromEdgeEntry());
    expect(telemetry.targets.metrics).toEqual([]);
    countSignedOutDecision();
    await middlewareWithVerification('req_no_metrics');
    await telemetry.forceFlush();
    await collector.waitFor(isTraces);
    expect(collector.received.filter(isMetrics)).toEqual([]);
  });

  it('the Node entry hands over to the edge registration; http/protobuf is sent as http/json', async () => {
    const collector = await productionCollector({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' });
    const telemetry = keep(registerAuthlensTelemetry());
    expect(registerFromEdgeEntry()).toBe(telemetry);
    expect(telemetry.targets.traces).toEqual([{ url: `${collector.url}/v1/traces`, protocol: 'http/json' }]);
    await middlewareWithVerification('req_handover');
    await telemetry.forceFlush();
    expect((await collector.waitFor(isTraces)).contentType).toBe('application/json');
  });

  it('injects W3C trace context into outgoing headers', async () => {
    Object.assign(process.env, { NODE_ENV: 'production', OTEL_TRACES_EXPORTER: 'none' });
    keep(registerFromEdgeEntry());
    const headers = new Headers();
    const span = trace.getTracer(INSTRUMENTATION_SCOPE).startSpan('outgoing');
    context.with(trace.setSpan(context.active(), span), () =>
      propagation.inject(context.active(), headers, { set: (h, k, v) => h.set(k, v) }),
    );
    span.end();
    expect(headers.get('traceparent')).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
  });

  it('in development: collector headers (per signal) go to the collector only, the devtools get plain JSON', async () => {
    const seenAuthorization: Array<string | undefined> = [];
    const collector = await receiver();
    const devtools = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'development',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20collector-key',
      OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'authorization=Bearer%20metrics-key',
      AUTHLENS_DEVTOOLS_URL: devtools.url,
    });
    // Record the header each destination received, through fetch itself (the receiver keeps only bodies).
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      seenAuthorization.push(`${String(input)} ${new Headers(init?.headers).get('authorization') ?? '-'}`);
      return realFetch(input, init);
    });
    const telemetry = keep(registerFromEdgeEntry());
    for (const signal of ['traces', 'metrics'] as const) {
      expect(telemetry.targets[signal].map((t) => t.url)).toEqual([
        `${collector.url}/v1/${signal}`,
        `${devtools.url}/v1/${signal}`,
      ]);
    }
    await middlewareWithVerification('req_both');
    countSignedOutDecision();
    await telemetry.forceFlush();
    for (const destination of [collector, devtools]) {
      await destination.waitFor(isTraces);
      const names = metricsOf(await destination.waitFor(isMetrics)).metrics.map((m) => m.name);
      expect(names).toContain(Metric.decisions.name);
    }
    expect(seenAuthorization.sort()).toEqual(
      [
        `${collector.url}/v1/traces Bearer collector-key`,
        `${devtools.url}/v1/traces -`,
        `${collector.url}/v1/metrics Bearer metrics-key`,
        `${devtools.url}/v1/metrics -`,
      ].sort(),
    );
  });

  it('an unreachable collector never throws into the app', async () => {
    const gone = await startOtlpReceiver();
    await gone.close();
    Object.assign(process.env, { NODE_ENV: 'production', OTEL_EXPORTER_OTLP_ENDPOINT: gone.url });
    const telemetry = keep(registerFromEdgeEntry());
    await expect(middlewareWithVerification('req_lost')).resolves.toBeUndefined();
    expect(() => countSignedOutDecision()).not.toThrow();
    await expect(telemetry.forceFlush()).resolves.toBeUndefined();
  });

  it('OTEL_SDK_DISABLED=true starts nothing', async () => {
    const collector = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_SDK_DISABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    });
    const telemetry = keep(registerFromEdgeEntry());
    expect(telemetry.targets.traces).toEqual([]);
    expect(telemetry.targets.metrics).toEqual([]);
    countSignedOutDecision();
    const span = trace.getTracer(INSTRUMENTATION_SCOPE).startSpan(SpanName.middleware);
    expect(span.isRecording()).toBe(false);
    span.end();
    await telemetry.forceFlush();
    expect(collector.received).toEqual([]);
  });

  it('a bad setting is the same typed error as on Node, before anything starts', () => {
    Object.assign(process.env, { NODE_ENV: 'production', OTEL_EXPORTER_OTLP_HEADERS: 'not a header list' });
    expect(() => registerFromEdgeEntry()).toThrow(TelemetryConfigError);
    expect(trace.getTracer(INSTRUMENTATION_SCOPE).startSpan('x').isRecording()).toBe(false);
  });

  it('without a global AsyncLocalStorage it still exports, each span on its own', async () => {
    delete holder.AsyncLocalStorage;
    const collector = await productionCollector();
    const telemetry = keep(registerFromEdgeEntry());
    await middlewareWithVerification('req_flat');
    await telemetry.forceFlush();
    const names = spansOf(await collector.waitFor(isTraces)).spans.map((s) => s.name);
    expect(names.sort()).toEqual([SpanName.middleware, SpanName.tokenVerify].sort());
  });
});
