/**
 * The contract's metric instruments, created from `Metric` (never a name
 * spelled here), again whenever the global meter provider changes — metrics
 * have no proxy provider, and the app may register its SDK after this module
 * loaded.
 */
import { Metric, type MetricSpec } from '@authlens/otel';
import { type Counter, createNoopMeter, type Gauge, type Histogram, type Meter } from '@opentelemetry/api';
import { createCacheSizeGauge } from './cache-sizes.js';
import { authlensMeter } from './tracer.js';

export interface AuthlensInstruments {
  decisions: Counter;
  verificationDuration: Histogram;
  backendRequests: Counter;
  rateLimitRemaining: Gauge;
  currentUserCalls: Counter;
  storeTransitions: Counter;
}

const options = (spec: MetricSpec) => ({ unit: spec.unit, description: spec.description });

function create(meter: Meter): AuthlensInstruments {
  createCacheSizeGauge(meter);
  return {
    decisions: meter.createCounter(Metric.decisions.name, options(Metric.decisions)),
    verificationDuration: meter.createHistogram(Metric.verificationDuration.name, options(Metric.verificationDuration)),
    backendRequests: meter.createCounter(Metric.backendRequests.name, options(Metric.backendRequests)),
    rateLimitRemaining: meter.createGauge(Metric.rateLimitRemaining.name, options(Metric.rateLimitRemaining)),
    currentUserCalls: meter.createCounter(Metric.currentUserDedupe.name, options(Metric.currentUserDedupe)),
    storeTransitions: meter.createCounter(Metric.storeFallbacks.name, options(Metric.storeFallbacks)),
  };
}

// The API's no-op meter (what `getMeter` returns while no SDK is registered): recording into it is skipped entirely.
const NoopMeter = createNoopMeter().constructor;
let cachedFor: Meter | undefined;
let cached: AuthlensInstruments | null = null;

/** The instruments, or null while no meter provider is registered (then callers build no attributes). */
export function instruments(): AuthlensInstruments | null {
  const meter = authlensMeter();
  if (meter !== cachedFor) {
    cachedFor = meter;
    cached = meter instanceof NoopMeter ? null : create(meter);
  }
  return cached;
}
