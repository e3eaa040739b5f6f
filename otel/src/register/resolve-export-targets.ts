import { metricExportTimeoutMillis } from './otlp-timeouts.js';
import { positiveNumber } from './positive-number.js';
import type { ProvidersScope } from './providers-scope.js';
import { TelemetryConfigError } from './telemetry-config-error.js';

export const OtlpProtocol = { httpJson: 'http/json', httpProtobuf: 'http/protobuf', grpc: 'grpc' } as const;
export type OtlpProtocol = (typeof OtlpProtocol)[keyof typeof OtlpProtocol];
/** The OTLP/HTTP encodings, which every runtime (Node and edge) sends. */
export type OtlpHttpProtocol = typeof OtlpProtocol.httpJson | typeof OtlpProtocol.httpProtobuf;

/** Where the local devtools listen unless `AUTHLENS_DEVTOOLS_URL` or the `devtools` option say otherwise. */
export const DEFAULT_DEVTOOLS_URL = 'http://localhost:4318';
/** The OTLP/HTTP default endpoint of the OpenTelemetry specification. */
const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';
/** The OTLP/gRPC default endpoint of the OpenTelemetry specification. */
const DEFAULT_OTLP_GRPC_ENDPOINT = 'http://localhost:4317';

export interface OtlpOptions {
  /** Base URL; `/v1/traces` and `/v1/metrics` are appended. Overrides `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly endpoint?: string;
  /** Full traces URL. Overrides `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`. */
  readonly tracesEndpoint?: string;
  /** Full metrics URL. Overrides `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`. */
  readonly metricsEndpoint?: string;
  /** Overrides `OTEL_EXPORTER_OTLP_PROTOCOL` (whose `grpc` the Node registration also supports). */
  readonly protocol?: OtlpHttpProtocol;
}

export interface RegisterAuthlensTelemetryOptions {
  /** The `service.name` resource attribute. Default: `OTEL_SERVICE_NAME`, else OpenTelemetry's default. */
  readonly serviceName?: string;
  /**
   * The local devtools base URL, or `false` for none. Only used in development (`NODE_ENV !== 'production'`).
   * Default: `AUTHLENS_DEVTOOLS_URL` (`false` disables), else `http://localhost:4318`.
   */
  readonly devtools?: string | false;
  /**
   * The OTLP collector, or `false` for none. Default: the standard `OTEL_EXPORTER_OTLP_*` variables; in production
   * without any, OpenTelemetry's default `http://localhost:4318`.
   */
  readonly otlp?: OtlpOptions | false;
  /** How often metrics are exported. Default: `OTEL_METRIC_EXPORT_INTERVAL`, else 60 s (10 s in development). */
  readonly metricExportIntervalMillis?: number;
  /**
   * Whose telemetry the providers carry. `'global'` (default): they are registered as the process's OpenTelemetry
   * providers, so Next.js traces its own handling of every request into the same exporters, with authlens's spans
   * inside its spans. `'authlens'`: they are kept for authlens's spans and metrics alone; Next.js finds no provider and
   * does not trace itself, which saves its tracing's CPU on every request, and the middleware span continues a sampled
   * `traceparent` a request arrives with. Providers the app registered first are used either way. Default:
   * `AUTHLENS_TELEMETRY_PROVIDERS`, else `'global'`.
   */
  readonly providers?: ProvidersScope;
}

export interface SignalTarget {
  readonly url: string;
  readonly protocol: OtlpProtocol;
}

/** Where spans and metrics go; each list holds one target per destination (collector, devtools), never a duplicate. */
export interface ExportTargets {
  readonly traces: readonly SignalTarget[];
  readonly metrics: readonly SignalTarget[];
  readonly serviceName: string | undefined;
  readonly metricExportIntervalMillis: number;
  /** How long the periodic metric reader waits for one export (`OTEL_METRIC_EXPORT_TIMEOUT`, at most the interval). */
  readonly metricExportTimeoutMillis: number;
  /** The devtools base URL when the devtools are a target. */
  readonly devtools: string | null;
}

type Env = Readonly<Record<string, string | undefined>>;

/** What the runtime can send besides OTLP/HTTP. */
export interface ExportSupport {
  /** The OTLP/gRPC exporters are loaded (Node, when installed). Default false. */
  readonly grpc?: boolean;
  /** Told the setting that asked for `grpc` when gRPC is not supported and `http/protobuf` is used instead. */
  readonly onGrpcFallback?: (setting: string) => void;
}

/**
 * Decides every export destination from the options and the environment, before anything starts, so a bad value is
 * a `TelemetryConfigError` naming its setting rather than silently lost telemetry. A `grpc` protocol is kept when
 * `support.grpc` says the gRPC exporters are there (its endpoint used as-is, default `http://localhost:4317`), else
 * the signal goes `http/protobuf` to its OTLP/HTTP URL.
 */
export function resolveExportTargets(
  options: RegisterAuthlensTelemetryOptions,
  env: Env,
  support: ExportSupport = {},
): ExportTargets {
  const development = env.NODE_ENV !== 'production';
  const traces: SignalTarget[] = [];
  const metrics: SignalTarget[] = [];

  const otlp = options.otlp;
  if (otlp !== false) {
    const base = pick(otlp?.endpoint, 'otlp.endpoint', env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
    const tracesUrl = pick(otlp?.tracesEndpoint, 'otlp.tracesEndpoint', env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
    const metricsUrl = pick(otlp?.metricsEndpoint, 'otlp.metricsEndpoint', env, 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
    // In development an unconfigured collector would be OpenTelemetry's default, the devtools' own port: skip it.
    const configured = base !== null || tracesUrl !== null || metricsUrl !== null;
    if (configured || !development) {
      const fallbackBase = base ?? { value: DEFAULT_OTLP_ENDPOINT, setting: 'default endpoint' };
      const target = (signal: 'TRACES' | 'METRICS', specific: Setting | null, path: string): SignalTarget => {
        const chosen =
          pick(otlp?.protocol, 'otlp.protocol', env, `OTEL_EXPORTER_OTLP_${signal}_PROTOCOL`) ??
          pick(undefined, '', env, 'OTEL_EXPORTER_OTLP_PROTOCOL');
        const protocol = parseProtocol(chosen);
        if (protocol !== OtlpProtocol.grpc) return { url: signalUrl(specific, fallbackBase, path), protocol };
        if (support.grpc) {
          // gRPC endpoints name the server only: every signal goes to the same URL, without a path.
          const url = specific ?? base ?? { value: DEFAULT_OTLP_GRPC_ENDPOINT, setting: 'default endpoint' };
          return { url: httpUrl(url.value, url.setting), protocol };
        }
        support.onGrpcFallback?.(chosen?.setting ?? 'OTEL_EXPORTER_OTLP_PROTOCOL');
        return { url: signalUrl(specific, fallbackBase, path), protocol: OtlpProtocol.httpProtobuf };
      };
      if (!listsNone(env.OTEL_TRACES_EXPORTER) && (tracesUrl !== null || base !== null || !development)) {
        traces.push(target('TRACES', tracesUrl, 'v1/traces'));
      }
      if (!listsNone(env.OTEL_METRICS_EXPORTER) && (metricsUrl !== null || base !== null || !development)) {
        metrics.push(target('METRICS', metricsUrl, 'v1/metrics'));
      }
    }
  }

  let devtools: string | null = null;
  if (development && options.devtools !== false) {
    const fromEnv = env.AUTHLENS_DEVTOOLS_URL?.trim();
    const chosen =
      options.devtools !== undefined
        ? { value: options.devtools, setting: 'devtools' }
        : fromEnv
          ? { value: fromEnv, setting: 'AUTHLENS_DEVTOOLS_URL' }
          : { value: DEFAULT_DEVTOOLS_URL, setting: 'default devtools URL' };
    if (chosen.value.toLowerCase() !== 'false') {
      devtools = httpUrl(chosen.value, chosen.setting).replace(/\/+$/, '');
      // The devtools take http/json: readable on the wire, and what a browser exporter sends too.
      const addUnlessPresent = (list: SignalTarget[], path: string) => {
        const url = `${devtools}/${path}`;
        if (!list.some((target) => target.url === url)) list.push({ url, protocol: OtlpProtocol.httpJson });
      };
      addUnlessPresent(traces, 'v1/traces');
      addUnlessPresent(metrics, 'v1/metrics');
    }
  }

  const interval = metricInterval(options, env, development);
  return {
    traces,
    metrics,
    serviceName: options.serviceName,
    metricExportIntervalMillis: interval.millis,
    metricExportTimeoutMillis: metricExportTimeoutMillis(env, interval),
    devtools,
  };
}

interface Setting {
  readonly value: string;
  readonly setting: string;
}

function pick(option: string | undefined, optionName: string, env: Env, variable: string): Setting | null {
  if (option !== undefined) return { value: option, setting: optionName };
  const value = env[variable]?.trim();
  return value ? { value, setting: variable } : null;
}

function parseProtocol(chosen: Setting | null): OtlpProtocol {
  if (chosen === null) return OtlpProtocol.httpProtobuf; // the specification's default
  const value = chosen.value.trim();
  if (value === OtlpProtocol.httpJson || value === OtlpProtocol.httpProtobuf || value === OtlpProtocol.grpc) {
    return value;
  }
  throw new TelemetryConfigError(
    'ERR_AUTHLENS_OTLP_PROTOCOL',
    chosen.setting,
    `${chosen.setting} is "${value}"; OTLP protocols are "http/protobuf", "http/json" and "grpc".`,
  );
}

function signalUrl(specific: Setting | null, base: Setting, path: string): string {
  if (specific !== null) return httpUrl(specific.value, specific.setting); // used as-is, per the specification
  return `${httpUrl(base.value, base.setting).replace(/\/+$/, '')}/${path}`;
}

function httpUrl(value: string, setting: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TelemetryConfigError('ERR_AUTHLENS_OTLP_ENDPOINT', setting, `${setting} is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TelemetryConfigError(
      'ERR_AUTHLENS_OTLP_ENDPOINT',
      setting,
      `${setting} must be an http(s) URL, not ${url.protocol}.`,
    );
  }
  return value.trim();
}

function listsNone(value: string | undefined): boolean {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .includes('none');
}

function metricInterval(
  options: RegisterAuthlensTelemetryOptions,
  env: Env,
  development: boolean,
): { millis: number; setByUser: boolean } {
  if (options.metricExportIntervalMillis !== undefined) {
    return { millis: Math.max(1, options.metricExportIntervalMillis), setByUser: true };
  }
  const fromEnv = positiveNumber(env.OTEL_METRIC_EXPORT_INTERVAL);
  if (fromEnv !== undefined) return { millis: fromEnv, setByUser: true };
  return { millis: development ? 10_000 : 60_000, setByUser: false };
}
