import { createNoopMeter, metrics, ProxyTracerProvider, trace } from '@opentelemetry/api';

/**
 * Whether the app registered a global tracer provider before authlens (`@vercel/otel`, Sentry, its own SDK). The
 * API's global is a proxy whose delegate stays the API's no-op provider until one is registered; a proxy from another
 * copy of the API (not an instance of this one's class) was put there by a registration too.
 */
export function tracerProviderRegistered(): boolean {
  const provider = trace.getTracerProvider();
  if (!(provider instanceof ProxyTracerProvider)) return true;
  return provider.getDelegate() !== new ProxyTracerProvider().getDelegate();
}

/** Whether the app registered a global meter provider before authlens: without one the API hands out no-op meters. */
export function meterProviderRegistered(): boolean {
  return !(metrics.getMeter('@authlens/otel') instanceof createNoopMeter().constructor);
}

export interface ExistingProviders {
  /** A tracer provider was already registered: authlens' spans go to it, and no second one is registered. */
  readonly tracerProvider: boolean;
  /** A meter provider was already registered: authlens' metrics go to it, and no second one is registered. */
  readonly meterProvider: boolean;
}

export function existingProviders(): ExistingProviders {
  return { tracerProvider: tracerProviderRegistered(), meterProvider: meterProviderRegistered() };
}

/** The one line that says a registration used the app's providers, or nothing when it registered its own. */
export function existingProvidersNotice(existing: ExistingProviders): string | undefined {
  const [providers, signals] =
    existing.tracerProvider && existing.meterProvider
      ? ['tracer and meter providers are', 'spans and metrics go']
      : existing.tracerProvider
        ? ['tracer provider is', 'spans go']
        : existing.meterProvider
          ? ['meter provider is', 'metrics go']
          : [];
  if (providers === undefined) return undefined;
  return (
    `[authlens] registerAuthlensTelemetry(): the app's ${providers} already registered (by @vercel/otel, Sentry or ` +
    `its own SDK); authlens' ${signals} to it and no second one is registered.`
  );
}
