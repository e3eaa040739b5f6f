import { describe, expect, it } from 'vitest';
import { otlpMetricHeaders, otlpTraceHeaders } from './otlp-headers.js';
import { TelemetryConfigError } from './telemetry-config-error.js';

describe('otlpTraceHeaders', () => {
  it('reads key=value lists with URL-encoded values; the traces variable wins per key', () => {
    expect(
      otlpTraceHeaders({
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic%20abc, x-team = core ',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-team=edge',
      }),
    ).toEqual({ authorization: 'Basic abc', 'x-team': 'edge' });
  });

  it('the metrics variable wins per key for the metrics endpoint, and is not used for traces', () => {
    const env = {
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Basic%20abc,x-team=core',
      OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x-team=metrics',
    };
    expect(otlpMetricHeaders(env)).toEqual({ authorization: 'Basic abc', 'x-team': 'metrics' });
    expect(otlpTraceHeaders(env)).toEqual({ authorization: 'Basic abc', 'x-team': 'core' });
    expect(() => otlpMetricHeaders({ OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'sekret' })).toThrow(TelemetryConfigError);
  });

  it('nothing set: no headers', () => {
    expect(otlpTraceHeaders({})).toEqual({});
    expect(otlpTraceHeaders({ OTEL_EXPORTER_OTLP_HEADERS: ' ' })).toEqual({});
  });

  it('a malformed entry is a typed error naming the variable, never echoing the value', () => {
    for (const bad of ['sekret-no-equals', '=sekret-value', 'bad key=sekret', 'k=sekret%E0%A4%A']) {
      let caught: unknown;
      try {
        otlpTraceHeaders({ OTEL_EXPORTER_OTLP_TRACES_HEADERS: bad });
      } catch (error) {
        caught = error;
      }
      expect(caught, bad).toBeInstanceOf(TelemetryConfigError);
      expect(caught).toMatchObject({ code: 'ERR_AUTHLENS_OTLP_HEADERS', setting: 'OTEL_EXPORTER_OTLP_TRACES_HEADERS' });
      expect((caught as Error).message).not.toContain('sekret');
    }
  });
});
