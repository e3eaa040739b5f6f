/**
 * The `authlens.backend.request` client span around one sent Backend API call
 * (retries included), and the request counter / rate-limit gauge. The name
 * is fixed; the route is `url.template` (`/v1/users/{user_id}`), never a raw id.
 */
import { AttributeName as A, SpanName } from '@authlens/otel';
import { type Attributes, SpanKind, trace } from '@opentelemetry/api';
import { instruments } from './instruments.js';
import { failSpan } from './span-status.js';
import { authlensTracer } from './tracer.js';

/**
 * What telemetry records of a Backend API call, declared here so telemetry needs no type from the client above it
 * (backend-api/request.ts): the call before it is sent, and the facts of its answer, which the client's call meta
 * carries, on its result or on the error it throws.
 */
export interface RecordedBackendCall {
  method: string;
  /** Route template with the version prefix (`/v1/users/{user_id}`): never a raw id. */
  pathTemplate: string;
}

export interface RecordedCallFacts {
  status?: number;
  retries?: number;
  retryAfter?: number | null;
  clerkTraceId?: string | null;
  rateLimit?: { limit: number | null; remaining: number | null; resetSeconds: number | null } | null;
}

function record(call: RecordedBackendCall, meta: RecordedCallFacts, sent = true): Attributes {
  const base: Attributes = { [A.httpRequestMethod]: call.method, [A.urlTemplate]: call.pathTemplate };
  if (typeof meta.status === 'number') base[A.httpResponseStatusCode] = meta.status;
  const metrics = instruments();
  // A call the rate-limit reserve kept back never reached the API: it is not one of its requests.
  if (!metrics || !sent) return base;
  const { backendRequests, rateLimitRemaining } = metrics;
  backendRequests.add(1, base);
  if (meta.rateLimit && typeof meta.rateLimit.remaining === 'number') {
    const limit = meta.rateLimit.limit;
    rateLimitRemaining.record(meta.rateLimit.remaining, typeof limit === 'number' ? { [A.rateLimitLimit]: limit } : {});
  }
  return base;
}

function spanAttributes(base: Attributes, meta: RecordedCallFacts): Attributes {
  const attributes: Attributes = { ...base, [A.retryCount]: meta.retries ?? 0 };
  const rl = meta.rateLimit;
  if (rl) {
    if (typeof rl.limit === 'number') attributes[A.rateLimitLimit] = rl.limit;
    if (typeof rl.remaining === 'number') attributes[A.rateLimitRemaining] = rl.remaining;
    if (typeof rl.resetSeconds === 'number') attributes[A.rateLimitReset] = Math.round(rl.resetSeconds);
  }
  if (typeof meta.retryAfter === 'number') attributes[A.retryAfter] = Math.round(meta.retryAfter);
  if (meta.clerkTraceId) attributes[A.clerkTraceId] = meta.clerkTraceId;
  return attributes;
}

/** Says on the active call span whether the budget it was judged against is the fleet's or this process's. */
export function recordBudgetScope(scope: 'fleet' | 'local'): void {
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.setAttribute(A.storeScope, scope);
}

/** Runs one sent call inside its span; `run` is active, so `traceparent` injected by the sender points here. */
export function traceBackendCall<R extends { meta: RecordedCallFacts }>(
  call: RecordedBackendCall,
  run: () => Promise<R>,
): Promise<R> {
  return authlensTracer().startActiveSpan(SpanName.backendRequest, { kind: SpanKind.CLIENT }, async (span) => {
    try {
      const result = await run();
      const base = record(call, result.meta);
      if (span.isRecording()) span.setAttributes(spanAttributes(base, result.meta));
      return result;
    } catch (error) {
      const meta = (error ?? {}) as RecordedCallFacts;
      const code = (error as { code?: unknown } | null)?.code;
      const notSent = code === 'ERR_BACKEND_API_BUDGET_RESERVED' || code === 'ERR_BACKEND_API_BUDGET_SPENT';
      const base = record(call, meta, !notSent);
      if (span.isRecording()) span.setAttributes(spanAttributes(base, meta));
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
