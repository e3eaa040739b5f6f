/**
 * The SDK's tracer and meter, by name and version from `@opentelemetry/api`
 * only: the library never starts an SDK. Looked up once per registered
 * provider (a test or a dev reload may replace the global provider).
 */
import { INSTRUMENTATION_SCOPE } from '@authlens/otel';
import { type Meter, type MeterProvider, metrics, type Tracer, type TracerProvider, trace } from '@opentelemetry/api';

/** The version telemetry reports as the instrumentation scope version (kept in step with package.json). */
export const SDK_VERSION = '0.1.0';

let tracerCache: { provider: TracerProvider; tracer: Tracer } | null = null;
let meterCache: { provider: MeterProvider; meter: Meter } | null = null;

export function authlensTracer(): Tracer {
  const provider = trace.getTracerProvider();
  if (tracerCache?.provider !== provider) {
    tracerCache = { provider, tracer: provider.getTracer(INSTRUMENTATION_SCOPE, SDK_VERSION) };
  }
  return tracerCache.tracer;
}

/** The meter, and whether it changed since the last call (instruments are then created again). */
export function authlensMeter(): { meter: Meter; fresh: boolean } {
  const provider = metrics.getMeterProvider();
  if (meterCache?.provider === provider) return { meter: meterCache.meter, fresh: false };
  meterCache = { provider, meter: provider.getMeter(INSTRUMENTATION_SCOPE, SDK_VERSION) };
  return { meter: meterCache.meter, fresh: true };
}
