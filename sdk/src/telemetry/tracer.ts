/**
 * The SDK's tracer and meter, by name and version from `@opentelemetry/api`
 * only: the library never starts an SDK. They come from the providers a
 * registration kept for authlens alone, else from the API's globals. Looked
 * up once per provider (a test or a dev reload may replace it).
 */
import { authlensProviders, INSTRUMENTATION_SCOPE } from '@authlens/otel';
import {
  INVALID_SPAN_CONTEXT,
  type Meter,
  type MeterProvider,
  metrics,
  ProxyTracerProvider,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';

/** The version telemetry reports as the instrumentation scope version (kept in step with package.json). */
export const SDK_VERSION = '0.1.0';

let tracerCache: { provider: TracerProvider; tracer: Tracer } | null = null;
let meterCache: { provider: MeterProvider; meter: Meter } | null = null;

export function authlensTracer(): Tracer {
  const provider = authlensProviders()?.tracerProvider ?? trace.getTracerProvider();
  if (tracerCache?.provider !== provider) {
    tracerCache = { provider, tracer: provider.getTracer(INSTRUMENTATION_SCOPE, SDK_VERSION) };
  }
  return tracerCache.tracer;
}

// What the API's global proxy delegates to while no SDK is registered.
const NOOP_TRACER_PROVIDER = new ProxyTracerProvider().getDelegate();

/**
 * False only while no tracer provider is registered or kept for authlens:
 * every span would then be non-recording, so a hot path may skip creating
 * one. True for any provider it cannot see through (another copy of the API):
 * then spans are made as usual.
 */
export function tracingRegistered(): boolean {
  if (authlensProviders()?.tracerProvider !== undefined) return true;
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== NOOP_TRACER_PROVIDER;
}

/** The meter (the same object until the global meter provider changes). */
export function authlensMeter(): Meter {
  const provider = authlensProviders()?.meterProvider ?? metrics.getMeterProvider();
  if (meterCache?.provider !== provider) {
    meterCache = { provider, meter: provider.getMeter(INSTRUMENTATION_SCOPE, SDK_VERSION) };
  }
  return meterCache.meter;
}

/** The span hot paths hand to their recorders while {@link tracingRegistered} is false: records nothing. */
export const NON_RECORDING_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
