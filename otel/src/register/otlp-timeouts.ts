import { diag } from '@opentelemetry/api';
import { positiveNumber } from './positive-number.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The OTLP exporters' default per-request timeout (OpenTelemetry specification). */
export const DEFAULT_OTLP_TIMEOUT_MILLIS = 10_000;
/** The periodic metric reader's default export timeout (OpenTelemetry specification). */
export const DEFAULT_METRIC_EXPORT_TIMEOUT_MILLIS = 30_000;
/** Timers fire at once past this many milliseconds (a 32-bit signed delay), so longer settings are capped here. */
const LONGEST_TIMER_MILLIS = 2_147_483_647;

/**
 * How long one OTLP POST of `signal` may take: `OTEL_EXPORTER_OTLP_TRACES_TIMEOUT` / `..._METRICS_TIMEOUT`, else
 * `OTEL_EXPORTER_OTLP_TIMEOUT`, else 10 s; milliseconds. As in the OpenTelemetry JS exporters, a value that is not a
 * number above 0 is reported through `diag` (without the value) and the next setting in that order applies.
 */
export function otlpExportTimeoutMillis(env: Env, signal: 'TRACES' | 'METRICS'): number {
  return (
    positiveMillis(env, `OTEL_EXPORTER_OTLP_${signal}_TIMEOUT`) ??
    positiveMillis(env, 'OTEL_EXPORTER_OTLP_TIMEOUT') ??
    DEFAULT_OTLP_TIMEOUT_MILLIS
  );
}

/**
 * How long the periodic metric reader waits for one export: `OTEL_METRIC_EXPORT_TIMEOUT`, else 30 s, never more than
 * the export interval (the SDK's reader refuses a timeout above its interval). As the Node SDK does, the clamp is a
 * warning when both were set on purpose, and informational when either is a default.
 */
export function metricExportTimeoutMillis(
  env: Env,
  interval: { readonly millis: number; readonly setByUser: boolean },
): number {
  const fromEnv = positiveMillis(env, 'OTEL_METRIC_EXPORT_TIMEOUT');
  const timeout = fromEnv ?? DEFAULT_METRIC_EXPORT_TIMEOUT_MILLIS;
  if (timeout <= interval.millis) return timeout;
  const message =
    `[authlens] the metric export timeout (${fromEnv === undefined ? 'default ' : ''}${timeout} ms) exceeds the ` +
    `export interval (${interval.millis} ms); the metric reader uses the interval.`;
  if (fromEnv !== undefined && interval.setByUser) diag.warn(message);
  else diag.info(message);
  return interval.millis;
}

/** A positive number of milliseconds from `variable`, `undefined` when unset or blank, reported when invalid. */
function positiveMillis(env: Env, variable: string): number | undefined {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return undefined;
  const millis = positiveNumber(raw);
  if (millis !== undefined) return Math.min(millis, LONGEST_TIMER_MILLIS);
  diag.warn(`[authlens] ${variable} is ignored: expected a number of milliseconds greater than 0.`);
  return undefined;
}
