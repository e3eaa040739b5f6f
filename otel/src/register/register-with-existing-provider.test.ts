import { context, diag, metrics, propagation, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { registerOTel } from '@vercel/otel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttributeName as A } from '../attribute-names.js';
import { INSTRUMENTATION_SCOPE } from '../instrumentation-scope.js';
import { Metric } from '../metrics.js';
import { SpanName } from '../span-names.js';
import { type OtlpReceiver, startOtlpReceiver } from '../test-support/otlp-receiver.js';
import type { AuthlensTelemetry } from './authlens-telemetry.js';
import { registerAuthlensTelemetry } from './register-authlens-telemetry.js';
import { registerAuthlensEdgeTelemetry } from './register-edge-telemetry.js';

// An app that registered OpenTelemetry itself first: authlens uses that provider rather than registering its own.
const savedEnv = { ...process.env };
let collector: OtlpReceiver;
let registered: AuthlensTelemetry[] = [];

beforeEach(async () => {
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('OTEL_') || name === 'AUTHLENS_DEVTOOLS_URL' || name === 'NEXT_RUNTIME')
      delete process.env[name];
  }
  collector = await startOtlpReceiver();
  Object.assign(process.env, {
    NODE_ENV: 'production',
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  });
});

afterEach(async () => {
  await Promise.all(registered.map((telemetry) => telemetry.shutdown()));
  registered = [];
  await collector.close();
  // The app's own registration, released as the app would at exit.
  trace.disable();
  metrics.disable();
  propagation.disable();
  context.disable();
  diag.disable();
  process.env = { ...savedEnv };
  vi.restoreAllMocks();
});

function keep(telemetry: AuthlensTelemetry): AuthlensTelemetry {
  registered.push(telemetry);
  return telemetry;
}

function emitDecision(requestId: string): void {
  trace
    .getTracer(INSTRUMENTATION_SCOPE, '9.9.9')
    .startSpan(SpanName.middleware, { attributes: { [A.requestId]: requestId } })
    .end();
  metrics.getMeter(INSTRUMENTATION_SCOPE).createCounter(Metric.decisions.name).add(1);
}

describe('registerAuthlensTelemetry() after the app registered a tracer provider', () => {
  it('@vercel/otel: its provider gets the spans, no second one is registered, one log line says so', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const vercelSpans = new InMemorySpanExporter();
    registerOTel({ serviceName: 'vercel-app', spanProcessors: [new SimpleSpanProcessor(vercelSpans)] });
    const vercelProvider = trace.getTracerProvider();

    const telemetry = keep(registerAuthlensTelemetry());
    expect(telemetry.usesExisting).toEqual({ tracerProvider: true, meterProvider: false });
    expect(telemetry.targets.traces).toEqual([]);
    expect(trace.getTracerProvider()).toBe(vercelProvider);

    emitDecision('req_vercel');
    await telemetry.forceFlush();
    const spans = vercelSpans.getFinishedSpans();
    expect(spans.map((span) => span.name)).toEqual([SpanName.middleware]);
    expect(spans[0]?.attributes[A.requestId]).toBe('req_vercel');
    // authlens exported no span of its own; its metrics (no meter provider was registered) still go out.
    expect(collector.received.filter((r) => r.path === '/v1/traces')).toEqual([]);
    expect(collector.received.filter((r) => r.path === '/v1/metrics')).toHaveLength(1);

    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]?.[0]).toMatch(/tracer provider is already registered .*no second one/);

    // Shutting authlens down leaves the app's provider in place.
    await telemetry.shutdown();
    expect(trace.getTracerProvider()).toBe(vercelProvider);
    emitDecision('req_after');
    expect(vercelSpans.getFinishedSpans()).toHaveLength(2);
  });

  it("a tracer and a meter provider of the app's own registered first: both used, nothing registered or exported", async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const own = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(own)] }));
    const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
    metrics.setGlobalMeterProvider(new MeterProvider());

    const telemetry = keep(registerAuthlensTelemetry());
    expect(telemetry.usesExisting).toEqual({ tracerProvider: true, meterProvider: true });
    expect(telemetry.targets.traces).toEqual([]);
    expect(telemetry.targets.metrics).toEqual([]);
    emitDecision('req_node');
    await telemetry.forceFlush();
    expect(own.getFinishedSpans().map((span) => span.attributes[A.requestId])).toEqual(['req_node']);
    expect(collector.received).toEqual([]);
  });

  it('on the edge runtime too: the app’s provider gets the spans', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    process.env.NEXT_RUNTIME = 'edge';
    const own = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(own)] }));
    const telemetry = keep(registerAuthlensEdgeTelemetry());
    expect(telemetry.usesExisting.tracerProvider).toBe(true);
    expect(telemetry.targets.traces).toEqual([]);
    emitDecision('req_edge');
    await telemetry.forceFlush();
    expect(own.getFinishedSpans()).toHaveLength(1);
    expect(collector.received.filter((r) => r.path === '/v1/traces')).toEqual([]);
  });

  it('with no provider registered first, it registers its own (and says nothing)', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const telemetry = keep(registerAuthlensTelemetry());
    expect(telemetry.usesExisting).toEqual({ tracerProvider: false, meterProvider: false });
    emitDecision('req_own');
    await telemetry.forceFlush();
    expect((await collector.waitFor((r) => r.path === '/v1/traces')).body.toString('utf8')).toContain('req_own');
    expect(info).not.toHaveBeenCalled();
  });
});
