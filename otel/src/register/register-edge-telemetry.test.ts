import { AsyncLocalStorage } from 'node:async_hooks';
import { context, propagation, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttributeName as A } from '../attribute-names.js';
import { INSTRUMENTATION_SCOPE } from '../instrumentation-scope.js';
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

function spansOf(received: ReceivedExport): { serviceName: string | undefined; spans: JsonSpan[] } {
  const [resourceSpans] = JSON.parse(received.body.toString('utf8')).resourceSpans;
  return {
    serviceName: resourceSpans.resource.attributes.find((kv: { key: string }) => kv.key === 'service.name')?.value
      .stringValue,
    spans: resourceSpans.scopeSpans.flatMap((s: { spans: JsonSpan[] }) => s.spans),
  };
}

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

describe('registerAuthlensTelemetry on the edge runtime', () => {
  it('exports spans as OTLP/JSON over fetch, parented across await, soon after they end (no flush needed)', async () => {
    const collector = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'edge-test',
    });
    const telemetry = keep(registerFromEdgeEntry());
    expect(telemetry.targets.traces).toEqual([{ url: `${collector.url}/v1/traces`, protocol: 'http/json' }]);
    expect(telemetry.targets.metrics).toEqual([]);

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

  it('the Node entry hands over to the edge registration; http/protobuf is sent as http/json', async () => {
    const collector = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    });
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

  it('in development: collector headers go to the collector only, the devtools get plain JSON', async () => {
    const seenAuthorization: Array<string | undefined> = [];
    const collector = await receiver();
    const devtools = await receiver();
    Object.assign(process.env, {
      NODE_ENV: 'development',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20collector-key',
      AUTHLENS_DEVTOOLS_URL: devtools.url,
    });
    // Record the header each destination received, through fetch itself (the receiver keeps only bodies).
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      seenAuthorization.push(`${String(input)} ${new Headers(init?.headers).get('authorization') ?? '-'}`);
      return realFetch(input, init);
    });
    const telemetry = keep(registerFromEdgeEntry());
    expect(telemetry.targets.traces.map((t) => t.url)).toEqual([
      `${collector.url}/v1/traces`,
      `${devtools.url}/v1/traces`,
    ]);
    await middlewareWithVerification('req_both');
    await telemetry.forceFlush();
    await collector.waitFor(isTraces);
    await devtools.waitFor(isTraces);
    expect(seenAuthorization.sort()).toEqual(
      [`${collector.url}/v1/traces Bearer collector-key`, `${devtools.url}/v1/traces -`].sort(),
    );
  });

  it('an unreachable collector never throws into the app', async () => {
    const gone = await startOtlpReceiver();
    await gone.close();
    Object.assign(process.env, { NODE_ENV: 'production', OTEL_EXPORTER_OTLP_ENDPOINT: gone.url });
    const telemetry = keep(registerFromEdgeEntry());
    await expect(middlewareWithVerification('req_lost')).resolves.toBeUndefined();
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
    const collector = await receiver();
    Object.assign(process.env, { NODE_ENV: 'production', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
    const telemetry = keep(registerFromEdgeEntry());
    await middlewareWithVerification('req_flat');
    await telemetry.forceFlush();
    const names = spansOf(await collector.waitFor(isTraces)).spans.map((s) => s.name);
    expect(names.sort()).toEqual([SpanName.middleware, SpanName.tokenVerify].sort());
  });
});
