import { diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureDiag } from '../test-support/capture-diag.js';
import { metricExportTimeoutMillis, otlpExportTimeoutMillis } from './otlp-timeouts.js';

let logged: string[] = [];

beforeEach(() => {
  logged = captureDiag();
});
afterEach(() => diag.disable());

describe('otlpExportTimeoutMillis', () => {
  it('defaults to 10 s', () => {
    expect(otlpExportTimeoutMillis({}, 'TRACES')).toBe(10_000);
    expect(otlpExportTimeoutMillis({ OTEL_EXPORTER_OTLP_TIMEOUT: '  ' }, 'METRICS')).toBe(10_000);
    expect(logged).toEqual([]);
  });

  it('the signal-specific variable wins over OTEL_EXPORTER_OTLP_TIMEOUT, for its own signal only', () => {
    const env = { OTEL_EXPORTER_OTLP_TIMEOUT: '2500', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '300' };
    expect(otlpExportTimeoutMillis(env, 'TRACES')).toBe(300);
    expect(otlpExportTimeoutMillis(env, 'METRICS')).toBe(2500);
    expect(otlpExportTimeoutMillis({ ...env, OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: ' 700 ' }, 'METRICS')).toBe(700);
  });

  it('an invalid value is reported, without the value, and the next setting applies', () => {
    for (const bad of ['0', '-5', 'soon-sekret', 'Infinity']) {
      logged.length = 0;
      const env = { OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: bad, OTEL_EXPORTER_OTLP_TIMEOUT: '1234' };
      expect(otlpExportTimeoutMillis(env, 'TRACES'), bad).toBe(1234);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/^warn /);
      expect(logged[0]).toContain('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT');
      expect(logged[0]).not.toMatch(/sekret|-5|Infinity/);
    }
    expect(otlpExportTimeoutMillis({ OTEL_EXPORTER_OTLP_TIMEOUT: 'x' }, 'METRICS')).toBe(10_000);
  });

  it('caps a timeout longer than a timer can wait (it would otherwise fire at once)', () => {
    expect(otlpExportTimeoutMillis({ OTEL_EXPORTER_OTLP_TIMEOUT: '5000000000' }, 'TRACES')).toBe(2_147_483_647);
  });
});

describe('metricExportTimeoutMillis', () => {
  it('OTEL_METRIC_EXPORT_TIMEOUT, else 30 s, when within the interval', () => {
    expect(metricExportTimeoutMillis({}, { millis: 60_000, setByUser: false })).toBe(30_000);
    expect(metricExportTimeoutMillis({ OTEL_METRIC_EXPORT_TIMEOUT: '5000' }, { millis: 60_000, setByUser: true })).toBe(
      5000,
    );
    expect(logged).toEqual([]);
  });

  it('is clamped to the interval: a warning when both were set, informational otherwise', () => {
    expect(metricExportTimeoutMillis({ OTEL_METRIC_EXPORT_TIMEOUT: '9000' }, { millis: 1000, setByUser: true })).toBe(
      1000,
    );
    expect(logged.map((line) => line.split(' ')[0])).toEqual(['warn']);
    logged.length = 0;
    // The development default interval (10 s) is shorter than the default timeout: normal, not a warning.
    expect(metricExportTimeoutMillis({}, { millis: 10_000, setByUser: false })).toBe(10_000);
    expect(
      metricExportTimeoutMillis({ OTEL_METRIC_EXPORT_TIMEOUT: '20000' }, { millis: 10_000, setByUser: false }),
    ).toBe(10_000);
    expect(logged.map((line) => line.split(' ')[0])).toEqual(['info', 'info']);
  });

  it('an invalid value is reported and the default applies', () => {
    expect(
      metricExportTimeoutMillis({ OTEL_METRIC_EXPORT_TIMEOUT: 'never' }, { millis: 60_000, setByUser: true }),
    ).toBe(30_000);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('OTEL_METRIC_EXPORT_TIMEOUT');
    expect(logged[0]).not.toContain('never');
  });
});
