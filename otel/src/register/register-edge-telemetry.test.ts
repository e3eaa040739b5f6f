import { AsyncLocalStorage } from 'node:async_hooks';
import { context, createNoopMeter, diag, metrics, propagation, type TracerProvider, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttributeName as A } from '../attribute-names.js';
import { authlensProviders } from '../authlens-providers.js';
import { INSTRUMENTATION_SCOPE } from '../instrumentation-scope.js';
import { Metric } from '../metrics.js';
import { SpanName } from '../span-names.js';
import { captureDiag } from '../test-support/capture-diag.js';
import { type OtlpReceiver, type ReceivedExport, startOtlpReceiver } from '../test-support/otlp-receiver.js';
import { type SilentCollector, startSilentCollector } from '../test-support/silent-collector.js';
import type { AuthlensTelemetry } from './authlens-telemetry.js';
import { registerAuthlensTelemetry as registerFromEdgeEntry } from './edge.js';
import { registerAuthlensTelemetry } from './register-authlens-telemetry.js';
import { TelemetryConfigError } from './telemetry-config-error.js';

const savedEnv = { ...process.env };
const holder = globalThis as { AsyncLocalStorage?: unknown };
let receivers: OtlpReceiver[] = [];
let registered: AuthlensTelemetry[] = [];
let closers: Array<() => Promise<void>> = [];

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
  await Promise.all(closers.map((close) => close()));
  registered = [];
  receivers = [];
  closers = [];
  diag.disable();
  process.env = { ...savedEnv };
  delete holder.AsyncLocalStorage;
  vi.restoreAllMocks();
});

async function receiver(): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver();
  receivers.push(started);
  return started;
}

/**
 * A collector on 127.0.0.1, named by `OTEL_EXPORTER_OTLP_ENDPOINT` in production, receiving `http/json` (readable in
 * a test), with `env` set over that.
 */
async function productionCollector(env: Record<string, string> = {}): Promise<OtlpReceiver> {
  const collector = await receiver();
  Object.assign(process.env, {
    NODE_ENV: 'production',
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    ...env,
  });
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
async function middlewareWithVerification(
  requestId: string,
  tracers: Pick<TracerProvider, 'getTracer'> = trace,
): Promise<void> {
  const tracer = tracers.getTracer(INSTRUMENTATION_SCOPE, '9.9.9');
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

  it("providers: 'authlens': spans nest and export, the globals stay empty, shutdown releases them", async () => {
    const collector = await productionCollector({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    const telemetry = keep(registerFromEdgeEntry({ providers: 'authlens' }));
    const kept = authlensProviders();
    expect(trace.getTracer('next.js').startSpan('middleware GET').isRecording()).toBe(false);
    expect(metrics.getMeter('other')).toBeInstanceOf(createNoopMeter().constructor);
    expect(kept?.meterProvider?.getMeter('other')).not.toBeInstanceOf(createNoopMeter().constructor);

    await middlewareWithVerification('req_edge_kept', kept!.tracerProvider);
    const { spans } = spansOf(await collector.waitFor(isTraces, 3000));
    const middleware = spans.find((s) => s.name === SpanName.middleware);
    expect(spans.find((s) => s.name === SpanName.tokenVerify)?.parentSpanId).toBe(middleware?.spanId);

    await telemetry.shutdown();
    expect(authlensProviders()).toBeUndefined();
  });

  it('exports metrics as OTLP/JSON over fetch, every OTEL_METRIC_EXPORT_INTERVAL, cumulative', async () => {
    const collector = await productionCollector({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/json',
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

  it('the Node entry hands over to the edge registration', async () => {
    const collector = await productionCollector({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' });
    const telemetry = keep(registerAuthlensTelemetry());
    expect(registerFromEdgeEntry()).toBe(telemetry);
    expect(telemetry.targets.traces).toEqual([{ url: `${collector.url}/v1/traces`, protocol: 'http/json' }]);
    await middlewareWithVerification('req_handover');
    await telemetry.forceFlush();
    expect((await collector.waitFor(isTraces)).contentType).toBe('application/json');
  });

  it('http/protobuf (OTEL_EXPORTER_OTLP_PROTOCOL, _TRACES_PROTOCOL): spans and metrics leave as protobuf', async () => {
    const collector = await productionCollector({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      OTEL_SERVICE_NAME: 'edge-proto',
    });
    const telemetry = keep(registerFromEdgeEntry());
    expect(telemetry.targets.traces).toEqual([{ url: `${collector.url}/v1/traces`, protocol: 'http/protobuf' }]);
    expect(telemetry.targets.metrics).toEqual([{ url: `${collector.url}/v1/metrics`, protocol: 'http/protobuf' }]);
    await middlewareWithVerification('req_proto');
    countSignedOutDecision();
    await telemetry.forceFlush();
    const traces = await collector.waitFor(isTraces);
    const exportedMetrics = await collector.waitFor(isMetrics);
    for (const received of [traces, exportedMetrics]) {
      expect(received.contentType).toBe('application/x-protobuf');
      expect(() => JSON.parse(received.body.toString('utf8'))).toThrow();
      // Strings travel as plain UTF-8 inside protobuf: the service name and what was recorded.
      expect(received.body.includes('edge-proto')).toBe(true);
    }
    expect(traces.body.includes('req_proto')).toBe(true);
    expect(exportedMetrics.body.includes(Metric.decisions.name)).toBe(true);
  });

  it('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL wins over OTEL_EXPORTER_OTLP_PROTOCOL for spans', async () => {
    const collector = await productionCollector({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
    });
    const telemetry = keep(registerFromEdgeEntry());
    expect(telemetry.targets.traces).toEqual([{ url: `${collector.url}/v1/traces`, protocol: 'http/protobuf' }]);
    expect(telemetry.targets.metrics).toEqual([{ url: `${collector.url}/v1/metrics`, protocol: 'http/json' }]);
    await middlewareWithVerification('req_mixed');
    await telemetry.forceFlush();
    expect((await collector.waitFor(isTraces)).contentType).toBe('application/x-protobuf');
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
    // The collector gets the specification's default protocol, http/protobuf; the devtools always get JSON.
    await collector.waitFor(isTraces);
    const toCollector = await collector.waitFor(isMetrics);
    expect(toCollector.contentType).toBe('application/x-protobuf');
    expect(toCollector.body.includes(Metric.decisions.name)).toBe(true);
    await devtools.waitFor(isTraces);
    const names = metricsOf(await devtools.waitFor(isMetrics)).metrics.map((m) => m.name);
    expect(names).toContain(Metric.decisions.name);
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The string attributes of one received OTLP/JSON body's first resource. */
function resourceOf(received: ReceivedExport, signal: 'Spans' | 'Metrics'): Record<string, string | undefined> {
  const [first] = JSON.parse(received.body.toString('utf8'))[`resource${signal}`];
  const entries = first.resource.attributes.map((kv: { key: string; value: { stringValue?: string } }) => [
    kv.key,
    kv.value.stringValue,
  ]);
  return Object.fromEntries(entries);
}

/** A collector that never answers, closed after the test. */
async function silentCollector(): Promise<SilentCollector> {
  const collector = await startSilentCollector();
  closers.push(() => collector.close());
  return collector;
}

describe('the edge resource', () => {
  it('carries OTEL_RESOURCE_ATTRIBUTES, telemetry.sdk.*, and a service.instance.id UUID per registration', async () => {
    const collector = await productionCollector({
      OTEL_SERVICE_NAME: 'edge-test',
      OTEL_RESOURCE_ATTRIBUTES: 'service.name=not-this, deployment.environment.name=staging,team=edge%20auth%2Cweb',
    });
    const first = keep(registerFromEdgeEntry());
    await middlewareWithVerification('req_resource');
    countSignedOutDecision();
    await first.forceFlush();
    const spansResource = resourceOf(await collector.waitFor(isTraces), 'Spans');
    const metricsResource = resourceOf(await collector.waitFor(isMetrics), 'Metrics');
    expect(spansResource).toMatchObject({
      'service.name': 'edge-test',
      'deployment.environment.name': 'staging',
      team: 'edge auth,web',
      'telemetry.sdk.name': 'opentelemetry',
    });
    expect(spansResource['service.instance.id']).toMatch(UUID);
    // One registration is one instance: its spans and metrics share the resource.
    expect(metricsResource).toEqual(spansResource);

    // The next registration (a new isolate) is another instance; the serviceName option wins over the environment.
    await first.shutdown();
    collector.received.length = 0;
    const second = keep(registerFromEdgeEntry({ serviceName: 'edge-option' }));
    countSignedOutDecision();
    await second.forceFlush();
    const next = resourceOf(await collector.waitFor(isMetrics), 'Metrics');
    expect(next['service.name']).toBe('edge-option');
    expect(next['deployment.environment.name']).toBe('staging');
    expect(next['service.instance.id']).toMatch(UUID);
    expect(next['service.instance.id']).not.toBe(spansResource['service.instance.id']);
  });

  it('a service.instance.id in OTEL_RESOURCE_ATTRIBUTES is kept', async () => {
    const collector = await productionCollector({ OTEL_RESOURCE_ATTRIBUTES: 'service.instance.id=edge-eu-1' });
    const telemetry = keep(registerFromEdgeEntry());
    await middlewareWithVerification('req_instance');
    await telemetry.forceFlush();
    const resource = resourceOf(await collector.waitFor(isTraces), 'Spans');
    expect(resource['service.instance.id']).toBe('edge-eu-1');
    expect(resource['service.name']).toBe('unknown_service');
  });

  it('a malformed OTEL_RESOURCE_ATTRIBUTES is ignored whole, reported through diag without its value', async () => {
    const lines = captureDiag();
    const collector = await productionCollector({
      OTEL_SERVICE_NAME: 'edge-test',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod,authorization=Bearer sekret=token',
    });
    const telemetry = keep(registerFromEdgeEntry());
    await middlewareWithVerification('req_malformed');
    await telemetry.forceFlush();
    const resource = resourceOf(await collector.waitFor(isTraces), 'Spans');
    expect(resource['service.name']).toBe('edge-test');
    expect(resource['service.instance.id']).toMatch(UUID);
    expect(resource['deployment.environment.name']).toBeUndefined();
    expect(resource.authorization).toBeUndefined();
    expect(lines.filter((line) => line.startsWith('error') && line.includes('OTEL_RESOURCE_ATTRIBUTES'))).toHaveLength(
      1,
    );
    expect(lines.join('\n')).not.toMatch(/sekret|Bearer/);
  });
});

describe('edge export timeouts', () => {
  it('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: a collector that never answers fails the span export, reported', async () => {
    const lines = captureDiag();
    const collector = await silentCollector();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '300',
      OTEL_METRICS_EXPORTER: 'none',
    });
    const telemetry = keep(registerFromEdgeEntry());
    await middlewareWithVerification('req_silent');
    // Without the setting this would wait 10 s (the default), beyond the test's own timeout.
    await expect(telemetry.forceFlush()).resolves.toBeUndefined();
    expect(collector.requests).toContain('/v1/traces');
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^warn .*export to ${collector.url}/v1/traces failed: timed out`)),
    );
  });

  it('OTEL_METRIC_EXPORT_TIMEOUT: the metric reader stops waiting for a silent collector, reported', async () => {
    const lines = captureDiag();
    const collector = await silentCollector();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_METRIC_EXPORT_TIMEOUT: '200',
      // The POST itself may take longer; the reader's timeout is the one that ends the export.
      OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '600',
    });
    const telemetry = keep(registerFromEdgeEntry());
    countSignedOutDecision();
    await expect(telemetry.forceFlush()).resolves.toBeUndefined();
    expect(collector.requests).toContain('/v1/metrics');
    expect(lines).toContainEqual(expect.stringMatching(/^error .*metrics export timed out after 200ms/));
    // The POST still ends on its own timeout, and that is reported too (the shutdown waits for it).
    await telemetry.shutdown();
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^warn .*export to ${collector.url}/v1/metrics failed: timed out`)),
    );
  });
});
