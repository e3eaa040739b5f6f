import {
  context,
  createNoopMeter,
  diag,
  type MeterProvider,
  metrics,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assembleDecisions } from '../assemble-decisions.js';
import { AttributeName as A } from '../attribute-names.js';
import { authlensProviders } from '../authlens-providers.js';
import type { DecisionSpan } from '../decision-span.js';
import { INSTRUMENTATION_SCOPE } from '../instrumentation-scope.js';
import { Metric } from '../metrics.js';
import { SpanName } from '../span-names.js';
import { captureDiag } from '../test-support/capture-diag.js';
import { type OtlpReceiver, type ReceivedExport, startOtlpReceiver } from '../test-support/otlp-receiver.js';
import { type SilentCollector, startSilentCollector } from '../test-support/silent-collector.js';
import { Outcome } from '../values/outcome.js';
import { Reason } from '../values/reason.js';
import { type AuthlensTelemetry, registerAuthlensTelemetry } from './register-authlens-telemetry.js';
import { TelemetryConfigError } from './telemetry-config-error.js';

const savedEnv = { ...process.env };
let receivers: OtlpReceiver[] = [];
let registered: AuthlensTelemetry[] = [];
let silent: SilentCollector[] = [];

beforeEach(() => {
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('OTEL_') || name === 'AUTHLENS_DEVTOOLS_URL' || name === 'NEXT_RUNTIME')
      delete process.env[name];
  }
});

afterEach(async () => {
  await Promise.all(registered.map((telemetry) => telemetry.shutdown()));
  await Promise.all([...receivers, ...silent].map((server) => server.close()));
  registered = [];
  receivers = [];
  silent = [];
  diag.disable();
  process.env = { ...savedEnv };
  vi.restoreAllMocks();
});

async function receiver(): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver();
  receivers.push(started);
  return started;
}

function register(...args: Parameters<typeof registerAuthlensTelemetry>): AuthlensTelemetry {
  const telemetry = registerAuthlensTelemetry(...args);
  registered.push(telemetry);
  return telemetry;
}

/** What the SDK will do for one request: a middleware span and a decision counted (by default, through the globals). */
function emitDecision(
  requestId: string,
  tracers: Pick<TracerProvider, 'getTracer'> = trace,
  meters: Pick<MeterProvider, 'getMeter'> = metrics,
): void {
  const span = tracers.getTracer(INSTRUMENTATION_SCOPE, '9.9.9').startSpan(SpanName.middleware, {
    attributes: {
      [A.requestId]: requestId,
      [A.urlPath]: '/dashboard',
      [A.outcome]: Outcome.signed_out,
      [A.reason]: Reason.missing_token,
    },
  });
  span.end();
  meters
    .getMeter(INSTRUMENTATION_SCOPE)
    .createCounter(Metric.decisions.name, { unit: Metric.decisions.unit, description: Metric.decisions.description })
    .add(1, { [A.outcome]: Outcome.signed_out, [A.reason]: Reason.missing_token });
}

const isTraces = (r: ReceivedExport) => r.path === '/v1/traces';
const isMetrics = (r: ReceivedExport) => r.path === '/v1/metrics';

interface OtlpJsonKeyValue {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}

/** Enough of OTLP/JSON to read spans back as the contract's DecisionSpan (the devtools own the full decoder). */
function decisionSpansFromOtlpJson(body: Buffer): {
  serviceName: string | undefined;
  scope: string;
  spans: DecisionSpan[];
} {
  const payload = JSON.parse(body.toString('utf8'));
  const resourceSpans = payload.resourceSpans[0];
  const serviceName = resourceSpans.resource.attributes.find((kv: OtlpJsonKeyValue) => kv.key === 'service.name')?.value
    .stringValue;
  const scopeSpans = resourceSpans.scopeSpans[0];
  const spans = scopeSpans.spans.map(
    (span: {
      name: string;
      traceId: string;
      spanId: string;
      startTimeUnixNano: string;
      endTimeUnixNano: string;
      attributes: OtlpJsonKeyValue[];
    }) => ({
      name: span.name,
      traceId: span.traceId,
      spanId: span.spanId,
      startTimeMs: Number(BigInt(span.startTimeUnixNano) / 1000n) / 1000,
      endTimeMs: Number(BigInt(span.endTimeUnixNano) / 1000n) / 1000,
      attributes: Object.fromEntries(
        span.attributes.map((kv) => [kv.key, kv.value.stringValue ?? kv.value.boolValue ?? Number(kv.value.intValue)]),
      ),
    }),
  );
  return { serviceName, scope: scopeSpans.scope.name, spans };
}

describe("registerAuthlensTelemetry({ providers: 'authlens' })", () => {
  it('exports authlens’s spans and metrics while the globals stay empty for Next.js and everyone else', async () => {
    const collector = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    });
    const telemetry = register({ providers: 'authlens' });
    const kept = authlensProviders();
    expect(kept?.tracerProvider).toBeDefined();
    expect(kept?.meterProvider).toBeDefined();
    // What Next.js asks for: no provider, so it does not trace itself.
    expect(trace.getTracer('next.js').startSpan('GET /dashboard').isRecording()).toBe(false);
    expect(metrics.getMeter('other')).toBeInstanceOf(createNoopMeter().constructor);
    // The context manager is registered: authlens's spans still nest.
    const outer = kept!.tracerProvider!.getTracer(INSTRUMENTATION_SCOPE, '9.9.9').startSpan('outer');
    expect(context.with(trace.setSpan(context.active(), outer), () => trace.getActiveSpan())).toBe(outer);
    outer.end();

    emitDecision('req_kept', kept!.tracerProvider, kept!.meterProvider);
    await telemetry.forceFlush();
    const { spans } = decisionSpansFromOtlpJson((await collector.waitFor(isTraces)).body);
    expect(assembleDecisions(spans)).toEqual([
      expect.objectContaining({ requestId: 'req_kept', outcome: 'signed_out' }),
    ]);
    const metric = JSON.parse((await collector.waitFor(isMetrics)).body.toString('utf8')).resourceMetrics[0]
      .scopeMetrics[0].metrics[0];
    expect(metric).toMatchObject({ name: Metric.decisions.name });

    await telemetry.shutdown();
    expect(authlensProviders()).toBeUndefined();
    // Released: a later registration starts afresh, globally by default.
    register();
    expect(authlensProviders()).toBeUndefined();
    expect(trace.getTracer('next.js').startSpan('GET /').isRecording()).toBe(true);
  });

  it('refuses a value it does not know, before starting anything', () => {
    expect(() => register({ providers: 'nextjs' as never })).toThrow(
      expect.objectContaining({ name: TelemetryConfigError.name, code: 'ERR_AUTHLENS_TELEMETRY_PROVIDERS' }),
    );
    expect(authlensProviders()).toBeUndefined();
    expect(trace.getTracer('next.js').startSpan('GET /').isRecording()).toBe(false);
  });
});

describe('registerAuthlensTelemetry exports over real OTLP/HTTP', () => {
  it('http/json: spans and metrics arrive as OTLP JSON with the service name, and assemble into the decision', async () => {
    const collector = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'authlens-json-test',
    });
    const telemetry = register();
    expect(telemetry.targets.traces).toEqual([{ url: `${collector.url}/v1/traces`, protocol: 'http/json' }]);

    emitDecision('req_json');
    await telemetry.forceFlush();

    const traces = await collector.waitFor(isTraces);
    expect(traces.contentType).toContain('application/json');
    const { serviceName, scope, spans } = decisionSpansFromOtlpJson(traces.body);
    expect(serviceName).toBe('authlens-json-test');
    expect(scope).toBe(INSTRUMENTATION_SCOPE);
    expect(assembleDecisions(spans)).toEqual([
      expect.objectContaining({
        requestId: 'req_json',
        path: '/dashboard',
        outcome: 'signed_out',
        reason: 'missing_token',
      }),
    ]);

    const exported = await collector.waitFor(isMetrics);
    expect(exported.contentType).toContain('application/json');
    const metric = JSON.parse(exported.body.toString('utf8')).resourceMetrics[0].scopeMetrics[0].metrics[0];
    expect(metric).toMatchObject({ name: Metric.decisions.name, unit: Metric.decisions.unit });
  });

  it('http/protobuf: spans and metrics arrive as non-empty protobuf bodies', async () => {
    const collector = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: `${collector.url}/`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_SERVICE_NAME: 'authlens-proto-test',
    });
    const telemetry = register();
    emitDecision('req_proto');
    await telemetry.forceFlush();

    const traces = await collector.waitFor(isTraces);
    expect(traces.contentType).toBe('application/x-protobuf');
    expect(traces.body.length).toBeGreaterThan(0);
    // Protobuf strings are length-prefixed UTF-8, so names are visible without decoding (that is the devtools' job).
    expect(traces.body.includes(SpanName.middleware)).toBe(true);
    expect(traces.body.includes('authlens-proto-test')).toBe(true);
    expect(traces.body.toString('utf8').trimStart().startsWith('{')).toBe(false);

    const exported = await collector.waitFor(isMetrics);
    expect(exported.contentType).toBe('application/x-protobuf');
    expect(exported.body.includes(Metric.decisions.name)).toBe(true);
  });

  it('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as-is', async () => {
    const collector = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.url}/custom/traces`,
      OTEL_METRICS_EXPORTER: 'none',
    });
    const telemetry = register();
    emitDecision('req_custom');
    await telemetry.forceFlush();
    expect((await collector.waitFor((r) => r.path === '/custom/traces')).body.includes(SpanName.middleware)).toBe(true);
    expect(collector.received.filter(isMetrics)).toEqual([]);
  });

  it('in development sends to the collector and to the local devtools: two span processors', async () => {
    const collector = await receiver();
    const devtools = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'development',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      AUTHLENS_DEVTOOLS_URL: devtools.url,
    });
    const telemetry = register();
    expect(telemetry.targets.traces).toHaveLength(2);
    emitDecision('req_both');
    await telemetry.forceFlush();

    expect((await collector.waitFor(isTraces)).contentType).toBe('application/x-protobuf');
    const local = await devtools.waitFor(isTraces);
    expect(local.contentType).toContain('application/json');
    expect(decisionSpansFromOtlpJson(local.body).spans.map((span) => span.attributes[A.requestId])).toEqual([
      'req_both',
    ]);
    await devtools.waitFor(isMetrics);
  });

  it('`devtools: false` leaves only the collector', async () => {
    const collector = await receiver();
    Object.assign(process.env, { NODE_ENV: 'development', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
    const telemetry = register({ devtools: false, serviceName: 'from-option' });
    expect(telemetry.targets.traces.map((target) => target.url)).toEqual([`${collector.url}/v1/traces`]);
    emitDecision('req_option');
    await telemetry.forceFlush();
    expect((await collector.waitFor(isTraces)).body.includes('from-option')).toBe(true);
  });
});

describe('registerAuthlensTelemetry lifecycle', () => {
  it('calling it twice returns the same instance and exports each span once', async () => {
    const collector = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    });
    const first = register();
    const second = register({ serviceName: 'ignored' });
    expect(second).toBe(first);

    emitDecision('req_once');
    await first.forceFlush();
    await collector.waitFor(isTraces);
    const spans = collector.received.filter(isTraces).flatMap((r) => decisionSpansFromOtlpJson(r.body).spans);
    expect(spans.map((span) => span.attributes[A.requestId])).toEqual(['req_once']);
  });

  it('after shutdown a new call starts afresh', async () => {
    const collector = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    });
    const first = register();
    await first.shutdown();
    const second = register();
    expect(second).not.toBe(first);
    emitDecision('req_after_restart');
    await second.forceFlush();
    const spans = decisionSpansFromOtlpJson((await collector.waitFor(isTraces)).body).spans;
    expect(spans.map((span) => span.attributes[A.requestId])).toEqual(['req_after_restart']);
  });
});

describe('the Node resource', () => {
  const resourceOf = (body: Buffer): Record<string, string | undefined> =>
    Object.fromEntries(
      JSON.parse(body.toString('utf8')).resourceSpans[0].resource.attributes.map((kv: OtlpJsonKeyValue) => [
        kv.key,
        kv.value.stringValue,
      ]),
    );

  it('carries a service.instance.id per process (a UUID) beside the process attributes; OTEL_RESOURCE_ATTRIBUTES wins', async () => {
    const collector = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    });
    const first = register();
    emitDecision('req_instance');
    await first.forceFlush();
    const detected = resourceOf((await collector.waitFor(isTraces)).body);
    expect(detected['service.instance.id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(detected['process.runtime.name']).toBe('nodejs');
    await first.shutdown();

    collector.received.length = 0;
    process.env.OTEL_RESOURCE_ATTRIBUTES = 'service.instance.id=web-1';
    const second = register();
    emitDecision('req_instance_set');
    await second.forceFlush();
    expect(resourceOf((await collector.waitFor(isTraces)).body)['service.instance.id']).toBe('web-1');
  });
});

describe('export timeouts', () => {
  it('OTEL_METRIC_EXPORT_TIMEOUT: the metric reader stops waiting for a silent collector, reported', async () => {
    const lines = captureDiag();
    const collector = await startSilentCollector();
    silent.push(collector);
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_METRIC_EXPORT_TIMEOUT: '200',
      // The POST itself may take longer; the reader's timeout is the one that ends the export.
      OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '600',
    });
    const telemetry = register();
    expect(telemetry.targets.metricExportTimeoutMillis).toBe(200);
    emitDecision('req_silent');
    await expect(telemetry.forceFlush()).resolves.toBeUndefined();
    expect(collector.requests).toContain('/v1/metrics');
    expect(lines).toContainEqual(expect.stringMatching(/^error .*metrics export timed out after 200ms/));
  });
});
