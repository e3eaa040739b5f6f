import { context, diag, metrics, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { AsyncLocalStorageContextManager, globalAsyncLocalStorage } from './async-local-storage-context-manager.js';
import {
  type AuthlensTelemetry,
  keepForAuthlens,
  NOOP_TELEMETRY,
  recordRegistration,
  releaseRegistration,
  runningRegistration,
  sayOnce,
  sdkDisabled,
} from './authlens-telemetry.js';
import { edgeResource } from './edge-resource.js';
import { existingProviders, existingProvidersNotice } from './existing-providers.js';
import { FetchMetricExporter } from './fetch-metric-exporter.js';
import { FetchSpanExporter } from './fetch-span-exporter.js';
import { otlpMetricHeaders, otlpTraceHeaders } from './otlp-headers.js';
import { otlpExportTimeoutMillis } from './otlp-timeouts.js';
import { positiveNumber } from './positive-number.js';
import { ProvidersScope, providersScope } from './providers-scope.js';
import {
  type ExportTargets,
  type OtlpHttpProtocol,
  OtlpProtocol,
  type RegisterAuthlensTelemetryOptions,
  resolveExportTargets,
  type SignalTarget,
} from './resolve-export-targets.js';

/** Edge invocations are short: export soon after a span ends rather than the SDK's default 5 s. */
const EDGE_SCHEDULE_DELAY_MILLIS = 200;

/**
 * Starts tracing and metrics without Node APIs, for Next's edge runtime (`middleware.ts`): a `BasicTracerProvider`
 * whose batch span processors, and a `MeterProvider` whose periodic readers (cumulative, every
 * `metricExportIntervalMillis`), POST OTLP over HTTP with `fetch` to the same targets as the Node path (the
 * `OTEL_EXPORTER_OTLP_*` collector in its `http/protobuf` or `http/json` protocol, encoded by OpenTelemetry's own
 * serializers; the devtools in development, as `http/json`); W3C trace-context propagation, and an
 * `AsyncLocalStorage` context manager when the runtime offers the class as a global. Each POST gives up after `OTEL_EXPORTER_OTLP_[TRACES_|METRICS_]TIMEOUT`
 * and each metric export after `OTEL_METRIC_EXPORT_TIMEOUT` (at most the interval). The resource is `edgeResource`'s:
 * `OTEL_RESOURCE_ATTRIBUTES`, the service name, a `service.instance.id` per registration, `telemetry.sdk.*`. Calling
 * it again returns the running instance.
 */
export function registerAuthlensEdgeTelemetry(options: RegisterAuthlensTelemetryOptions = {}): AuthlensTelemetry {
  const existing = runningRegistration();
  if (existing) return existing;

  const env: Readonly<Record<string, string | undefined>> = typeof process === 'undefined' ? {} : process.env;
  if (sdkDisabled(env)) return NOOP_TELEMETRY;
  const scope = providersScope(options.providers, env);

  const resolved = resolveExportTargets(options, env, {
    onGrpcFallback: (setting) =>
      sayOnce(`[authlens] ${setting} is grpc, which the edge runtime cannot send: exporting http/protobuf instead.`),
  });
  const usesExisting = existingProviders();
  const notice = existingProvidersNotice(usesExisting);
  if (notice !== undefined) sayOnce(notice, console.info);
  const targets: ExportTargets = {
    ...resolved,
    traces: usesExisting.tracerProvider ? [] : resolved.traces,
    metrics: usesExisting.meterProvider ? [] : resolved.metrics,
  };
  // Collector credentials go to the collector only, never to the devtools.
  const toDevtools = (target: SignalTarget) =>
    targets.devtools !== null && target.url.startsWith(`${targets.devtools}/`);
  const traceHeaders = otlpTraceHeaders(env);
  const metricHeaders = otlpMetricHeaders(env);
  const scheduledDelayMillis = positiveNumber(env.OTEL_BSP_SCHEDULE_DELAY) ?? EDGE_SCHEDULE_DELAY_MILLIS;
  const spanProcessors: SpanProcessor[] = [];
  if (targets.traces.length > 0) {
    const timeoutMillis = otlpExportTimeoutMillis(env, 'TRACES');
    for (const target of targets.traces) {
      const exporter = new FetchSpanExporter({
        url: target.url,
        protocol: httpProtocol(target),
        timeoutMillis,
        ...(toDevtools(target) ? {} : { headers: traceHeaders }),
      });
      spanProcessors.push(new BatchSpanProcessor(exporter, { scheduledDelayMillis }));
    }
  }
  const metricReaders: PeriodicExportingMetricReader[] = [];
  if (targets.metrics.length > 0) {
    const timeoutMillis = otlpExportTimeoutMillis(env, 'METRICS');
    const exportIntervalMillis = targets.metricExportIntervalMillis;
    const exportTimeoutMillis = targets.metricExportTimeoutMillis;
    for (const target of targets.metrics) {
      const exporter = new FetchMetricExporter({
        url: target.url,
        protocol: httpProtocol(target),
        timeoutMillis,
        ...(toDevtools(target) ? {} : { headers: metricHeaders }),
      });
      metricReaders.push(new PeriodicExportingMetricReader({ exporter, exportIntervalMillis, exportTimeoutMillis }));
    }
  }
  const resource = edgeResource({ serviceName: targets.serviceName }, env);
  const provider = new BasicTracerProvider({ resource, spanProcessors });
  const meterProvider = new MeterProvider({ resource, readers: metricReaders });

  // Kept for authlens alone, the providers are not made global; context and propagation are either way, unless the
  // app's registration owns them (it registered a tracer provider).
  const keep = scope === ProvidersScope.authlens;
  if (!usesExisting.tracerProvider) {
    if (!keep) trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const AsyncLocalStorage = globalAsyncLocalStorage();
    if (AsyncLocalStorage) context.setGlobalContextManager(new AsyncLocalStorageContextManager(AsyncLocalStorage));
  }
  if (!usesExisting.meterProvider && !keep) metrics.setGlobalMeterProvider(meterProvider);

  let stopped: Promise<void> | undefined;
  const telemetry: AuthlensTelemetry = {
    targets,
    usesExisting,
    // A failed export is reported through `diag` by the exporter; an app awaiting this (in `waitUntil`) is not failed.
    forceFlush: async () => {
      await Promise.all([
        provider.forceFlush().catch(flushIncomplete('span')),
        meterProvider.forceFlush().catch(flushIncomplete('metric')),
      ]);
    },
    shutdown() {
      stopped ??= Promise.allSettled([provider.shutdown(), meterProvider.shutdown()]).then(() =>
        releaseRegistration(telemetry),
      );
      return stopped;
    },
  };
  if (keep) {
    keepForAuthlens(telemetry, {
      tracerProvider: usesExisting.tracerProvider ? undefined : provider,
      meterProvider: usesExisting.meterProvider ? undefined : meterProvider,
    });
  }
  recordRegistration(telemetry);
  return telemetry;
}

/** Edge targets are OTLP/HTTP: resolveExportTargets turned any grpc into http/protobuf, as edge has no gRPC. */
function httpProtocol(target: SignalTarget): OtlpHttpProtocol {
  return target.protocol === OtlpProtocol.grpc ? OtlpProtocol.httpProtobuf : target.protocol;
}

function flushIncomplete(signal: string): (error: unknown) => void {
  return (error) => {
    diag.debug(`[authlens] edge ${signal} flush incomplete: ${error instanceof Error ? error.message : String(error)}`);
  };
}
