/**
 * The name the SDK gets its tracer and meter by: `trace.getTracer(INSTRUMENTATION_SCOPE, version)` and
 * `metrics.getMeter(INSTRUMENTATION_SCOPE, version)`. The library never starts an OpenTelemetry SDK itself.
 */
export const INSTRUMENTATION_SCOPE = '@authlens/nextjs';
export type InstrumentationScope = typeof INSTRUMENTATION_SCOPE;
