/**
 * W3C trace context across the hops authlens controls: an incoming request
 * nothing traced yet (its `traceparent` continued), outgoing Backend API calls
 * (`traceparent` via the registered propagator), and middleware → render (the
 * middleware span's traceparent travels in the signed handoff, and the
 * render's spans link to it).
 */
import {
  type Context,
  context,
  type Link,
  propagation,
  type SpanContext,
  type TextMapGetter,
  TraceFlags,
  trace,
} from '@opentelemetry/api';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

const headersSetter = {
  set(carrier: Headers, key: string, value: string) {
    carrier.set(key, value);
  },
};

const headersGetter: TextMapGetter<Headers> = {
  get: (carrier, key) => carrier.get(key) ?? undefined,
  keys: (carrier) => [...carrier.keys()],
};

/**
 * The context a request's first span starts in: the active one when a span is active (Next's own request span, when
 * Next traces), else the sampled trace the request arrived with (its `traceparent`, through the registered
 * propagator). An unsampled one is not continued: any client could send one to keep its requests out of the traces.
 */
export function requestParentContext(headers: Headers): Context {
  const active = context.active();
  if (trace.getSpanContext(active)) return active;
  const extracted = propagation.extract(active, headers, headersGetter);
  const incoming = trace.getSpanContext(extracted);
  return incoming && incoming.traceFlags & TraceFlags.SAMPLED ? extracted : active;
}

/** Adds the active trace context to outgoing request headers (no-op without a propagator). */
export function injectTraceContext(headers: Headers): void {
  propagation.inject(context.active(), headers, headersSetter);
}

/** The active span's context as a `traceparent` value, or null when there is no sampled, valid span. */
export function activeTraceParent(): string | null {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return null;
  const sc = span.spanContext();
  if (!trace.isSpanContextValid(sc)) return null;
  return `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/** A `traceparent` value as a link target; null when it is absent or malformed. */
export function linkFromTraceParent(value: string | null | undefined): Link | null {
  if (!value) return null;
  const match = TRACEPARENT.exec(value);
  if (!match) return null;
  const spanContext: SpanContext = {
    traceId: match[1]!,
    spanId: match[2]!,
    traceFlags: Number.parseInt(match[3]!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return trace.isSpanContextValid(spanContext) ? { context: spanContext } : null;
}
