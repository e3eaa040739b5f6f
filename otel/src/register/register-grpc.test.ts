import { diag, metrics, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttributeName as A } from '../attribute-names.js';
import { INSTRUMENTATION_SCOPE } from '../instrumentation-scope.js';
import { Metric } from '../metrics.js';
import { SpanName } from '../span-names.js';
import { GRPC_METRICS, GRPC_TRACES, type GrpcReceiver, startGrpcReceiver } from '../test-support/grpc-receiver.js';
import { type OtlpReceiver, startOtlpReceiver } from '../test-support/otlp-receiver.js';
import type { AuthlensTelemetry } from './authlens-telemetry.js';
import { loadGrpcExporters } from './grpc-exporters.js';
import { registerAuthlensTelemetry } from './register-authlens-telemetry.js';
import { registerAuthlensEdgeTelemetry } from './register-edge-telemetry.js';

// OTEL_EXPORTER_OTLP_PROTOCOL=grpc, as hosting platforms inject it: never a throw out of register().
const savedEnv = { ...process.env };
let closers: Array<() => Promise<void>> = [];
let registered: AuthlensTelemetry[] = [];

beforeEach(() => {
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('OTEL_') || name === 'AUTHLENS_DEVTOOLS_URL' || name === 'NEXT_RUNTIME')
      delete process.env[name];
  }
});

afterEach(async () => {
  await Promise.all(registered.map((telemetry) => telemetry.shutdown()));
  await Promise.all(closers.map((close) => close()));
  registered = [];
  closers = [];
  diag.disable();
  process.env = { ...savedEnv };
  vi.restoreAllMocks();
});

function keep(telemetry: AuthlensTelemetry): AuthlensTelemetry {
  registered.push(telemetry);
  return telemetry;
}

async function grpcCollector(): Promise<GrpcReceiver> {
  const started = await startGrpcReceiver();
  closers.push(() => started.close());
  return started;
}

async function httpCollector(): Promise<OtlpReceiver> {
  const started = await startOtlpReceiver();
  closers.push(() => started.close());
  return started;
}

function emitDecision(requestId: string): void {
  trace
    .getTracer(INSTRUMENTATION_SCOPE, '9.9.9')
    .startSpan(SpanName.middleware, { attributes: { [A.requestId]: requestId } })
    .end();
  metrics.getMeter(INSTRUMENTATION_SCOPE).createCounter(Metric.decisions.name).add(1);
}

describe('OTEL_EXPORTER_OTLP_PROTOCOL=grpc', () => {
  it('with the gRPC exporters installed: spans and metrics reach a real OTLP/gRPC collector', async () => {
    const collector = await grpcCollector();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'grpc-app',
    });
    const grpc = await loadGrpcExporters();
    expect(grpc).toBeDefined();
    const telemetry = keep(registerAuthlensTelemetry({}, { grpc }));
    expect(telemetry.targets.traces).toEqual([{ url: collector.url, protocol: 'grpc' }]);
    expect(telemetry.targets.metrics).toEqual([{ url: collector.url, protocol: 'grpc' }]);

    emitDecision('req_grpc');
    await telemetry.forceFlush();
    const spans = await collector.waitFor(GRPC_TRACES);
    // The request message is protobuf: the service name and the request id travel as UTF-8 inside it.
    expect(spans.body.includes('grpc-app')).toBe(true);
    expect(spans.body.includes('req_grpc')).toBe(true);
    expect((await collector.waitFor(GRPC_METRICS)).body.includes(Metric.decisions.name)).toBe(true);
  });

  it('the @authlens/otel/register entry loads the gRPC exporters when the environment asks for grpc', async () => {
    const collector = await grpcCollector();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.url,
      OTEL_METRICS_EXPORTER: 'none',
    });
    vi.resetModules();
    const entry = await import('./index.js');
    const telemetry = keep(entry.registerAuthlensTelemetry());
    expect(telemetry.targets.traces).toEqual([{ url: collector.url, protocol: 'grpc' }]);
    emitDecision('req_entry');
    await telemetry.forceFlush();
    expect((await collector.waitFor(GRPC_TRACES)).body.includes('req_entry')).toBe(true);
  });

  it('without them: one warning, then http/protobuf to the OTLP/HTTP endpoint; register() does not throw', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const collector = await httpCollector();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20sekret',
    });
    const telemetry = keep(registerAuthlensTelemetry({}, { grpc: undefined }));
    expect(telemetry.targets.traces).toEqual([{ url: `${collector.url}/v1/traces`, protocol: 'http/protobuf' }]);
    expect(telemetry.targets.metrics).toEqual([{ url: `${collector.url}/v1/metrics`, protocol: 'http/protobuf' }]);
    emitDecision('req_fallback');
    await telemetry.forceFlush();
    const received = await collector.waitFor((r) => r.path === '/v1/traces');
    expect(received.contentType).toBe('application/x-protobuf');
    expect(received.body.includes('req_fallback')).toBe(true);

    // A second registration (after a shutdown, as in a dev reload) does not say it again.
    await telemetry.shutdown();
    keep(registerAuthlensTelemetry({}, { grpc: undefined }));
    expect(warn).toHaveBeenCalledTimes(1);
    const [line] = warn.mock.calls[0] as [string];
    expect(line).toContain('OTEL_EXPORTER_OTLP_PROTOCOL is grpc');
    expect(line).toContain('@opentelemetry/exporter-trace-otlp-grpc');
    expect(line).toContain('http/protobuf');
    expect(line).not.toContain('sekret');
  });

  it('on the edge runtime: http/protobuf, said once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const collector = await httpCollector();
    Object.assign(process.env, {
      NODE_ENV: 'production',
      NEXT_RUNTIME: 'edge',
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    });
    const telemetry = keep(registerAuthlensEdgeTelemetry());
    expect(telemetry.targets.metrics).toEqual([{ url: `${collector.url}/v1/metrics`, protocol: 'http/protobuf' }]);
    emitDecision('req_edge_grpc');
    await telemetry.forceFlush();
    expect((await collector.waitFor((r) => r.path === '/v1/metrics')).contentType).toBe('application/x-protobuf');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain('OTEL_EXPORTER_OTLP_METRICS_PROTOCOL is grpc');
  });
});
