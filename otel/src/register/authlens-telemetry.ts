import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { type AuthlensProviders, authlensProviders, setAuthlensProviders } from '../authlens-providers.js';
import type { ExistingProviders } from './existing-providers.js';
import type { ExportTargets } from './resolve-export-targets.js';

export interface AuthlensTelemetry {
  /**
   * Exports what is buffered, stops, and releases the `@opentelemetry/api` globals; afterwards
   * `registerAuthlensTelemetry()` starts afresh.
   */
  shutdown(): Promise<void>;
  /** Exports every buffered span (and, on Node, the current metrics) now. */
  forceFlush(): Promise<void>;
  /**
   * Where telemetry goes; empty lists when nothing was started (`OTEL_SDK_DISABLED`), and for a signal whose provider
   * the app had already registered.
   */
  readonly targets: ExportTargets;
  /**
   * The providers the app had registered before (`@vercel/otel`, Sentry, its own SDK): authlens' spans or metrics go
   * to them, and no second one was registered.
   */
  readonly usesExisting: ExistingProviders;
}

// On globalThis so a second copy of these modules (Next bundles instrumentation separately) still sees the first start.
const REGISTRATION = Symbol.for('@authlens/otel.registration');
type Slot = { [REGISTRATION]?: AuthlensTelemetry };
const slot = globalThis as typeof globalThis & Slot;

/** The running registration of this realm (Node process or edge sandbox), if any. */
export function runningRegistration(): AuthlensTelemetry | undefined {
  return slot[REGISTRATION];
}

export function recordRegistration(telemetry: AuthlensTelemetry): void {
  slot[REGISTRATION] = telemetry;
}

/** The providers each registration keeps for authlens alone (`providers: 'authlens'`). */
const keptProviders = new WeakMap<AuthlensTelemetry, AuthlensProviders>();

/** Keeps `providers` for authlens's own spans and metrics, until `telemetry` is released. */
export function keepForAuthlens(telemetry: AuthlensTelemetry, providers: AuthlensProviders): void {
  keptProviders.set(telemetry, providers);
  setAuthlensProviders(providers);
}

/**
 * After `telemetry`'s providers have shut down: releases the `@opentelemetry/api` globals it registered (never the
 * app's own: with an existing tracer provider the context manager and propagator are the app's too), so a later
 * registration can register its own, and forgets it if it is the running one.
 */
export function releaseRegistration(telemetry: AuthlensTelemetry): void {
  const kept = keptProviders.get(telemetry);
  if (kept !== undefined && authlensProviders() === kept) setAuthlensProviders(undefined);
  if (!telemetry.usesExisting.tracerProvider) {
    if (kept?.tracerProvider === undefined) trace.disable();
    propagation.disable();
    context.disable();
  }
  if (!telemetry.usesExisting.meterProvider && kept?.meterProvider === undefined) metrics.disable();
  if (slot[REGISTRATION] === telemetry) delete slot[REGISTRATION];
}

const NOOP_TARGETS: ExportTargets = Object.freeze({
  traces: [],
  metrics: [],
  serviceName: undefined,
  metricExportIntervalMillis: 0,
  metricExportTimeoutMillis: 0,
  devtools: null,
});

/** What a registration that started nothing returns. */
export const NOOP_TELEMETRY: AuthlensTelemetry = Object.freeze({
  targets: NOOP_TARGETS,
  usesExisting: Object.freeze({ tracerProvider: false, meterProvider: false }),
  shutdown: async () => {},
  forceFlush: async () => {},
});

/** `OTEL_SDK_DISABLED=true` turns the SDK off, as the specification says (the Node SDK honours it too). */
export function sdkDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
}

/** Logs `line` once per process: a setting that cannot be honoured is said once, not at every registration. */
const SAID = Symbol.for('@authlens/otel.said');
export function sayOnce(line: string, log: (line: string) => void = console.warn): void {
  const holder = globalThis as { [SAID]?: Set<string> };
  holder[SAID] ??= new Set<string>();
  const said = holder[SAID];
  if (said.has(line)) return;
  said.add(line);
  log(line);
}
