import { percentDecode, splitKeyValueList } from './key-value-list.js';
import { TelemetryConfigError } from './telemetry-config-error.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The extra request headers for the collector's traces endpoint: `OTEL_EXPORTER_OTLP_HEADERS`, then
 * `OTEL_EXPORTER_OTLP_TRACES_HEADERS` over it, each a comma-separated list of `key=value` with URL-encoded values
 * (the OpenTelemetry specification's format). A malformed entry is a `TelemetryConfigError` naming the variable;
 * its value is never echoed (headers usually carry credentials).
 */
export function otlpTraceHeaders(env: Env): Record<string, string> {
  return { ...parse(env, 'OTEL_EXPORTER_OTLP_HEADERS'), ...parse(env, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS') };
}

/** The same for the metrics endpoint: `OTEL_EXPORTER_OTLP_HEADERS`, then `OTEL_EXPORTER_OTLP_METRICS_HEADERS`. */
export function otlpMetricHeaders(env: Env): Record<string, string> {
  return { ...parse(env, 'OTEL_EXPORTER_OTLP_HEADERS'), ...parse(env, 'OTEL_EXPORTER_OTLP_METRICS_HEADERS') };
}

function parse(env: Env, variable: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, value: encoded } of splitKeyValueList(env[variable] ?? '')) {
    // Header values may hold a raw `=` (base64 padding): only the first one separates.
    const value = encoded === null ? '' : (percentDecode(encoded) ?? '');
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key) || value === '') {
      throw new TelemetryConfigError(
        'ERR_AUTHLENS_OTLP_HEADERS',
        variable,
        `${variable} must be a comma-separated list of key=value pairs (URL-encoded values).`,
      );
    }
    headers[key.toLowerCase()] = value;
  }
  return headers;
}
