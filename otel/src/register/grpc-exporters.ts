import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/** The official OTLP/gRPC exporters, when the app installed them (optional peers of `@authlens/otel`). */
export interface GrpcExporters {
  traceExporter(url: string): SpanExporter;
  metricExporter(url: string): PushMetricExporter;
}

export const GRPC_EXPORTER_PACKAGES = [
  '@opentelemetry/exporter-trace-otlp-grpc',
  '@opentelemetry/exporter-metrics-otlp-grpc',
] as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Whether the environment asks for OTLP over gRPC for any signal (what platforms inject). */
export function grpcRequested(env: Env): boolean {
  return ['', 'TRACES_', 'METRICS_'].some((signal) => env[`OTEL_EXPORTER_OTLP_${signal}PROTOCOL`]?.trim() === 'grpc');
}

/**
 * Loads the gRPC exporters; `undefined` when they (or `@grpc/grpc-js`) cannot be loaded, so the registration falls
 * back to `http/protobuf` instead of failing the app.
 */
export async function loadGrpcExporters(): Promise<GrpcExporters | undefined> {
  try {
    const [traces, metrics] = (await Promise.all(GRPC_EXPORTER_PACKAGES.map(importAtRuntime))) as [
      typeof import('@opentelemetry/exporter-trace-otlp-grpc'),
      typeof import('@opentelemetry/exporter-metrics-otlp-grpc'),
    ];
    return {
      traceExporter: (url) => new traces.OTLPTraceExporter({ url }),
      metricExporter: (url) => new metrics.OTLPMetricExporter({ url }),
    };
  } catch {
    return undefined;
  }
}

/**
 * A plain runtime `import()`, hidden from bundlers: Next would otherwise resolve the optional packages at build time
 * and fail the build of every app that did not install them.
 */
function importAtRuntime(specifier: string): Promise<unknown> {
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ specifier);
}
