/**
 * Providers kept for authlens alone: a registration may hand authlens a tracer and a meter provider without making
 * them the process's global ones, so Next.js (which traces every request once a global tracer provider exists) and
 * other instrumented libraries stay untraced. The SDK looks here before the `@opentelemetry/api` globals.
 */
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';

/** Each signal without one here goes to the global provider (the app's own, when it registered one). */
export interface AuthlensProviders {
  readonly tracerProvider?: TracerProvider | undefined;
  readonly meterProvider?: MeterProvider | undefined;
}

// On globalThis: Next bundles the middleware, the render and instrumentation.ts apart, each with its own copy of
// this module, and all of them must see the one registration.
const PROVIDERS = Symbol.for('@authlens/otel.providers');
const slot = globalThis as typeof globalThis & { [PROVIDERS]?: AuthlensProviders };

/** The providers kept for authlens, or undefined when authlens uses the global ones. */
export function authlensProviders(): AuthlensProviders | undefined {
  return slot[PROVIDERS];
}

/** Keeps `providers` for authlens's own spans and metrics; `undefined` returns authlens to the global ones. */
export function setAuthlensProviders(providers: AuthlensProviders | undefined): void {
  if (providers === undefined) delete slot[PROVIDERS];
  else slot[PROVIDERS] = providers;
}
