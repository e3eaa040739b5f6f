import { type ContextManager, metrics, ProxyTracerProvider, trace } from '@opentelemetry/api';
import { OTLPMetricExporter as OtlpJsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as OtlpProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { envDetector, hostDetector, processDetector, serviceInstanceIdDetector } from '@opentelemetry/resources';
import { type MetricReader, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { AuthlensProviders } from '../authlens-providers.js';
import {
  type AuthlensTelemetry,
  keepForAuthlens,
  recordRegistration,
  releaseRegistration,
  runningRegistration,
  sayOnce,
} from './authlens-telemetry.js';
import {
  existingProviders,
  existingProvidersNotice,
  meterProviderRegistered,
  tracerProviderRegistered,
} from './existing-providers.js';
import { GRPC_EXPORTER_PACKAGES, type GrpcExporters } from './grpc-exporters.js';
import { ProvidersScope, providersScope } from './providers-scope.js';
import { registerAuthlensEdgeTelemetry } from './register-edge-telemetry.js';
import {
  type ExportTargets,
  OtlpProtocol,
  type RegisterAuthlensTelemetryOptions,
  resolveExportTargets,
  type SignalTarget,
} from './resolve-export-targets.js';

export type { AuthlensTelemetry } from './authlens-telemetry.js';

/** What the Node registration runs with besides its options. */
export interface NodeRegistrationSupport {
  /** The official OTLP/gRPC exporters, when loaded: `grpc` settings use them, else `http/protobuf` (said once). */
  readonly grpc?: GrpcExporters | undefined;
}

/**
 * Starts the OpenTelemetry Node SDK for an app that uses authlens, from `instrumentation.ts`'s `register()`: OTLP
 * trace and metric export to the collector the standard `OTEL_*` variables name and, in development, to the local
 * devtools, each through its own batch span processor. A tracer or meter provider the app registered first
 * (`@vercel/otel`, Sentry) is used instead of a second one, and one log line says so. Calling it again returns the
 * running instance. On the edge runtime (`NEXT_RUNTIME=edge`) it starts the edge registration instead (see
 * `@authlens/otel/register/edge`, which an edge bundle should import so the Node SDK stays out of it).
 */
export function registerAuthlensTelemetry(
  options: RegisterAuthlensTelemetryOptions = {},
  support: NodeRegistrationSupport = {},
): AuthlensTelemetry {
  const running = runningRegistration();
  if (running) return running;

  const env = typeof process === 'undefined' ? undefined : process.env;
  if (env === undefined || env.NEXT_RUNTIME === 'edge') return registerAuthlensEdgeTelemetry(options);

  const { grpc } = support;
  const scope = providersScope(options.providers, env);
  const resolved = resolveExportTargets(options, env, {
    grpc: grpc !== undefined,
    onGrpcFallback: (setting) =>
      sayOnce(
        `[authlens] ${setting} is grpc, but the OpenTelemetry gRPC exporters (${GRPC_EXPORTER_PACKAGES.join(', ')}) ` +
          'are not installed: exporting http/protobuf to the OTLP/HTTP endpoint instead. Install them to export over gRPC.',
      ),
  });
  const usesExisting = existingProviders();
  const notice = existingProvidersNotice(usesExisting);
  if (notice !== undefined) sayOnce(notice, console.info);
  const targets: ExportTargets = {
    ...resolved,
    traces: usesExisting.tracerProvider ? [] : resolved.traces,
    metrics: usesExisting.meterProvider ? [] : resolved.metrics,
  };
  const spanProcessors: SpanProcessor[] = targets.traces.map(
    (target) => new BatchSpanProcessor(traceExporter(target, targets, grpc)),
  );
  const metricReaders: MetricReader[] = targets.metrics.map(
    (target) =>
      new PeriodicExportingMetricReader({
        exporter: metricExporter(target, targets, grpc),
        exportIntervalMillis: targets.metricExportIntervalMillis,
        exportTimeoutMillis: targets.metricExportTimeoutMillis,
      }),
  );
  const sdk = new NodeSDK({
    // The app's registration owns context and propagation when it registered a tracer provider. `null` tells the
    // NodeSDK not to register either (its setupContextManager reads it so; the option's type leaves null out).
    ...(usesExisting.tracerProvider
      ? { contextManager: null as unknown as ContextManager, textMapPropagator: null }
      : {}),
    ...(targets.serviceName !== undefined ? { serviceName: targets.serviceName } : {}),
    // The SDK's default detectors plus a `service.instance.id` (as on edge), so each process's cumulative metrics are
    // a series of their own; first, so an id set in OTEL_RESOURCE_ATTRIBUTES wins. OTEL_NODE_RESOURCE_DETECTORS, when
    // set, chooses instead.
    ...(env.OTEL_NODE_RESOURCE_DETECTORS
      ? {}
      : { resourceDetectors: [serviceInstanceIdDetector, envDetector, processDetector, hostDetector] }),
    spanProcessors,
    metricReaders,
    // authlens exports traces and metrics; logs stay wherever the app sends them.
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  // The Node SDK registers what it starts as the globals; kept for authlens, they are taken back out.
  const kept = scope === ProvidersScope.authlens ? takeGlobalProviders(targets) : undefined;

  let stopped: Promise<void> | undefined;
  const telemetry: AuthlensTelemetry = {
    targets,
    usesExisting,
    async forceFlush() {
      await Promise.all([...spanProcessors.map((p) => p.forceFlush()), ...metricReaders.map((r) => r.forceFlush())]);
    },
    shutdown() {
      stopped ??= sdk.shutdown().finally(() => releaseRegistration(telemetry));
      return stopped;
    },
  };
  if (kept) keepForAuthlens(telemetry, kept);
  recordRegistration(telemetry);
  return telemetry;
}

/**
 * The providers the Node SDK just registered for `targets`' signals, unregistered: the context manager and the
 * propagator stay (authlens's spans nest and propagate through them).
 */
function takeGlobalProviders(targets: ExportTargets): AuthlensProviders {
  const registered = trace.getTracerProvider();
  const tracerProvider =
    targets.traces.length > 0 && tracerProviderRegistered() && registered instanceof ProxyTracerProvider
      ? registered.getDelegate()
      : undefined;
  const meterProvider =
    targets.metrics.length > 0 && meterProviderRegistered() ? metrics.getMeterProvider() : undefined;
  if (tracerProvider) trace.disable();
  if (meterProvider) metrics.disable();
  return { tracerProvider, meterProvider };
}

function traceExporter(target: SignalTarget, targets: ExportTargets, grpc: GrpcExporters | undefined): SpanExporter {
  // resolveExportTargets keeps grpc only when the exporters are loaded.
  if (target.protocol === OtlpProtocol.grpc && grpc) return grpc.traceExporter(target.url);
  const config = exporterConfig(target, targets);
  return target.protocol === OtlpProtocol.httpJson
    ? new OtlpJsonTraceExporter(config)
    : new OtlpProtoTraceExporter(config);
}

function metricExporter(
  target: SignalTarget,
  targets: ExportTargets,
  grpc: GrpcExporters | undefined,
): PushMetricExporter {
  if (target.protocol === OtlpProtocol.grpc && grpc) return grpc.metricExporter(target.url);
  const config = exporterConfig(target, targets);
  return target.protocol === OtlpProtocol.httpJson
    ? new OtlpJsonMetricExporter(config)
    : new OtlpProtoMetricExporter(config);
}

function exporterConfig(target: SignalTarget, targets: ExportTargets) {
  const toDevtools = targets.devtools !== null && target.url.startsWith(`${targets.devtools}/`);
  // The devtools read plain bodies; `OTEL_EXPORTER_OTLP_COMPRESSION` is meant for the collector.
  return toDevtools ? { url: target.url, compression: CompressionAlgorithm.NONE } : { url: target.url };
}
