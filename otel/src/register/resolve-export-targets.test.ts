import { describe, expect, it } from 'vitest';
import { resolveExportTargets } from './resolve-export-targets.js';
import { TelemetryConfigError } from './telemetry-config-error.js';

const production = { NODE_ENV: 'production' };
const development = { NODE_ENV: 'development' };

describe('resolveExportTargets', () => {
  it('in production without OTEL_* sends to the specification default over http/protobuf, and never to the devtools', () => {
    const targets = resolveExportTargets({}, { ...production, AUTHLENS_DEVTOOLS_URL: 'http://localhost:9999' });
    expect(targets.traces).toEqual([{ url: 'http://localhost:4318/v1/traces', protocol: 'http/protobuf' }]);
    expect(targets.metrics).toEqual([{ url: 'http://localhost:4318/v1/metrics', protocol: 'http/protobuf' }]);
    expect(targets.devtools).toBeNull();
    expect(targets.metricExportIntervalMillis).toBe(60_000);
  });

  it('in development without OTEL_* sends only to the local devtools, over http/json', () => {
    const targets = resolveExportTargets({}, development);
    expect(targets.traces).toEqual([{ url: 'http://localhost:4318/v1/traces', protocol: 'http/json' }]);
    expect(targets.metrics).toEqual([{ url: 'http://localhost:4318/v1/metrics', protocol: 'http/json' }]);
    expect(targets.devtools).toBe('http://localhost:4318');
  });

  it('treats a missing NODE_ENV as development', () => {
    expect(resolveExportTargets({}, {}).devtools).toBe('http://localhost:4318');
  });

  it('in development with a collector configured sends to both', () => {
    const targets = resolveExportTargets(
      {},
      {
        ...development,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.example/otlp/',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        AUTHLENS_DEVTOOLS_URL: 'http://127.0.0.1:5000/',
      },
    );
    expect(targets.traces).toEqual([
      { url: 'https://collector.example/otlp/v1/traces', protocol: 'http/json' },
      { url: 'http://127.0.0.1:5000/v1/traces', protocol: 'http/json' },
    ]);
    expect(targets.devtools).toBe('http://127.0.0.1:5000');
  });

  it('uses signal-specific endpoints and protocols as-is, ahead of the general ones', () => {
    const targets = resolveExportTargets(
      {},
      {
        ...production,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://general:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9000/custom',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'http/protobuf',
      },
    );
    expect(targets.traces).toEqual([{ url: 'http://traces:9000/custom', protocol: 'http/json' }]);
    expect(targets.metrics).toEqual([{ url: 'http://general:4318/v1/metrics', protocol: 'http/protobuf' }]);
  });

  it('in development a traces-only endpoint exports only traces to the collector', () => {
    const targets = resolveExportTargets(
      { devtools: false },
      { ...development, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:1/v1/traces' },
    );
    expect(targets.traces).toEqual([{ url: 'http://t:1/v1/traces', protocol: 'http/protobuf' }]);
    expect(targets.metrics).toEqual([]);
  });

  it('sends once when the devtools and the collector are the same endpoint', () => {
    const targets = resolveExportTargets(
      {},
      {
        ...development,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      },
    );
    expect(targets.traces).toHaveLength(1);
    expect(targets.metrics).toHaveLength(1);
  });

  it('lets options override the environment, and disable either destination', () => {
    const env = {
      ...development,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env:4318',
      AUTHLENS_DEVTOOLS_URL: 'http://env-devtools:1',
    };
    expect(
      resolveExportTargets(
        {
          otlp: { endpoint: 'http://option:4318', protocol: 'http/json' },
          devtools: 'http://opt-devtools:2',
          serviceName: 'shop',
        },
        env,
      ),
    ).toMatchObject({
      traces: [
        { url: 'http://option:4318/v1/traces', protocol: 'http/json' },
        { url: 'http://opt-devtools:2/v1/traces', protocol: 'http/json' },
      ],
      serviceName: 'shop',
    });
    expect(resolveExportTargets({ otlp: false }, env).traces).toEqual([
      { url: 'http://env-devtools:1/v1/traces', protocol: 'http/json' },
    ]);
    expect(resolveExportTargets({ devtools: false }, env).traces).toEqual([
      { url: 'http://env:4318/v1/traces', protocol: 'http/protobuf' },
    ]);
  });

  it('AUTHLENS_DEVTOOLS_URL=false disables the devtools', () => {
    const targets = resolveExportTargets({}, { ...development, AUTHLENS_DEVTOOLS_URL: 'false' });
    expect(targets).toMatchObject({ traces: [], metrics: [], devtools: null });
  });

  it('honours OTEL_TRACES_EXPORTER / OTEL_METRICS_EXPORTER = none for the collector', () => {
    const targets = resolveExportTargets(
      {},
      { ...production, OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'otlp' },
    );
    expect(targets.traces).toEqual([]);
    expect(targets.metrics).toHaveLength(1);
  });

  it('reads the metric interval from the option, then OTEL_METRIC_EXPORT_INTERVAL', () => {
    expect(resolveExportTargets({ metricExportIntervalMillis: 250 }, production).metricExportIntervalMillis).toBe(250);
    expect(
      resolveExportTargets({}, { ...production, OTEL_METRIC_EXPORT_INTERVAL: '5000' }).metricExportIntervalMillis,
    ).toBe(5000);
    expect(resolveExportTargets({}, development).metricExportIntervalMillis).toBe(10_000);
  });

  it('reads the metric export timeout from OTEL_METRIC_EXPORT_TIMEOUT, 30 s by default, never above the interval', () => {
    expect(resolveExportTargets({}, production).metricExportTimeoutMillis).toBe(30_000);
    expect(
      resolveExportTargets({}, { ...production, OTEL_METRIC_EXPORT_TIMEOUT: '4000' }).metricExportTimeoutMillis,
    ).toBe(4000);
    expect(resolveExportTargets({}, development).metricExportTimeoutMillis).toBe(10_000);
    expect(resolveExportTargets({ metricExportIntervalMillis: 250 }, production).metricExportTimeoutMillis).toBe(250);
  });

  it('grpc with the gRPC exporters: the endpoint as-is (no signal path), default localhost:4317', () => {
    const grpc = { ...production, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' };
    const fallbacks: string[] = [];
    const support = { grpc: true, onGrpcFallback: (setting: string) => fallbacks.push(setting) };
    expect(resolveExportTargets({}, grpc, support).traces).toEqual([
      { url: 'http://localhost:4317', protocol: 'grpc' },
    ]);
    const targets = resolveExportTargets(
      {},
      {
        ...grpc,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317',
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://metrics:4317',
      },
      support,
    );
    expect(targets.traces).toEqual([{ url: 'http://collector:4317', protocol: 'grpc' }]);
    expect(targets.metrics).toEqual([{ url: 'http://metrics:4317', protocol: 'grpc' }]);
    expect(fallbacks).toEqual([]);
  });

  it('grpc without the gRPC exporters: http/protobuf to the OTLP/HTTP URLs, and the setting is reported', () => {
    const fallbacks: string[] = [];
    const targets = resolveExportTargets(
      {},
      { ...production, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' },
      { onGrpcFallback: (setting) => fallbacks.push(setting) },
    );
    expect(targets.traces).toEqual([{ url: 'http://localhost:4318/v1/traces', protocol: 'http/protobuf' }]);
    expect(targets.metrics).toEqual([{ url: 'http://localhost:4318/v1/metrics', protocol: 'http/json' }]);
    expect(fallbacks).toEqual(['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL']);
    // Without a listener it still never throws.
    expect(resolveExportTargets({}, { ...production, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).traces).toEqual([
      { url: 'http://localhost:4318/v1/traces', protocol: 'http/protobuf' },
    ]);
  });

  it('rejects unknown protocols with a typed error naming the variable', () => {
    const attempt = () => resolveExportTargets({}, { ...production, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc/web' });
    expect(attempt).toThrow(TelemetryConfigError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'ERR_AUTHLENS_OTLP_PROTOCOL', setting: 'OTEL_EXPORTER_OTLP_PROTOCOL' }),
    );
    expect(() => resolveExportTargets({ otlp: { protocol: 'http/xml' as never } }, production)).toThrow(
      expect.objectContaining({ code: 'ERR_AUTHLENS_OTLP_PROTOCOL', setting: 'otlp.protocol' }),
    );
  });

  it('rejects endpoints that are not http(s) URLs, without echoing the value', () => {
    expect(() =>
      resolveExportTargets({}, { ...production, OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url secret-ish' }),
    ).toThrow(
      expect.objectContaining({
        code: 'ERR_AUTHLENS_OTLP_ENDPOINT',
        message: 'OTEL_EXPORTER_OTLP_ENDPOINT is not a URL.',
      }),
    );
    expect(() => resolveExportTargets({}, { ...development, AUTHLENS_DEVTOOLS_URL: 'ftp://devtools' })).toThrow(
      expect.objectContaining({ code: 'ERR_AUTHLENS_OTLP_ENDPOINT', setting: 'AUTHLENS_DEVTOOLS_URL' }),
    );
  });
});
