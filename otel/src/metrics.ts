import { AttributeName as A } from './attribute-names.js';

export type MetricInstrument = 'counter' | 'histogram' | 'gauge';

export interface MetricSpec {
  readonly name: string;
  readonly instrument: MetricInstrument;
  /** UCUM unit, as OpenTelemetry expects (`s`, `{request}`). */
  readonly unit: string;
  readonly description: string;
  /** The attributes each data point carries (all low-cardinality; never user ids). */
  readonly attributes: readonly A[];
}

/**
 * The metrics authlens records. Create an instrument with
 * `meter.createCounter(Metric.decisions.name, { unit: Metric.decisions.unit, description: Metric.decisions.description })`.
 */
export const Metric = {
  decisions: {
    name: 'authlens.decisions',
    instrument: 'counter',
    unit: '{decision}',
    description:
      'Auth decisions by outcome and reason: one per request from the middleware (signed in/out) and one per `auth.protect()` call.',
    attributes: [A.outcome, A.reason, A.requestKind, A.tokenType],
  },
  verificationDuration: {
    name: 'authlens.token.verification.duration',
    instrument: 'histogram',
    unit: 's',
    description: 'How long verifying a token took, verified-token cache hits included.',
    attributes: [A.tokenType, A.verificationResult, A.reason, A.jwksCacheResult],
  },
  backendRequests: {
    name: 'authlens.backend.requests',
    instrument: 'counter',
    unit: '{request}',
    description: 'Backend API requests by method, path template and response status.',
    attributes: [A.httpRequestMethod, A.urlTemplate, A.httpResponseStatusCode],
  },
  rateLimitRemaining: {
    name: 'authlens.backend.rate_limit.remaining',
    instrument: 'gauge',
    unit: '{request}',
    description: 'Backend API requests left in the current rate-limit window, from the latest response.',
    attributes: [A.rateLimitLimit],
  },
  currentUserDedupe: {
    name: 'authlens.current_user.calls',
    instrument: 'counter',
    unit: '{call}',
    description: '`currentUser()` calls by how they were served: dedupe hit, joined in-flight call, or miss.',
    attributes: [A.dedupeResult],
  },
  storeFallbacks: {
    name: 'authlens.store.transitions',
    instrument: 'counter',
    unit: '{transition}',
    description:
      'The shared store (Redis) stopped answering (`authlens.store.scope` local: the SDK fell back to in-process state) or answered again (fleet).',
    attributes: [A.storeScope, A.errorType],
  },
  cacheEntries: {
    name: 'authlens.cache.entries',
    instrument: 'gauge',
    unit: '{entry}',
    description:
      'Entries in each of the SDK’s bounded in-memory caches, read at each export; `authlens.cache.capacity` is its bound.',
    attributes: [A.cacheName, A.cacheCapacity],
  },
} as const satisfies Readonly<Record<string, MetricSpec>>;

export type MetricName = (typeof Metric)[keyof typeof Metric]['name'];
