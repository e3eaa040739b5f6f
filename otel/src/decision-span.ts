import type { Attributes, AttributeValue, HrTime, SpanContext, SpanStatus } from '@opentelemetry/api';

/** Span status codes as OTLP and `@opentelemetry/api`'s `SpanStatusCode` number them. */
export const SpanStatusCodeNumber = { unset: 0, ok: 1, error: 2 } as const;
export type SpanStatusCodeNumber = (typeof SpanStatusCodeNumber)[keyof typeof SpanStatusCodeNumber];

/**
 * The minimal shape of a finished span that decisions are assembled from. Structural on purpose: the devtools build
 * it from OTLP JSON or protobuf, the tests from an SDK `ReadableSpan` (`decisionSpanFromReadableSpan`).
 */
export interface DecisionSpan {
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string | undefined;
  /** Unix epoch milliseconds (fractional). */
  readonly startTimeMs: number;
  readonly endTimeMs: number;
  readonly attributes: Readonly<Record<string, AttributeValue | undefined>>;
  readonly status?: { readonly code: number; readonly message?: string | undefined } | undefined;
}

/** The parts of an SDK `ReadableSpan` (sdk-trace 2.x) that matter here, typed with `@opentelemetry/api` alone. */
export interface ReadableSpanLike {
  readonly name: string;
  spanContext(): SpanContext;
  readonly parentSpanContext?: SpanContext | undefined;
  readonly startTime: HrTime;
  readonly endTime: HrTime;
  readonly attributes: Attributes;
  readonly status: SpanStatus;
}

export function hrTimeToMilliseconds([seconds, nanoseconds]: HrTime): number {
  return seconds * 1000 + nanoseconds / 1e6;
}

export function decisionSpanFromReadableSpan(span: ReadableSpanLike): DecisionSpan {
  const context = span.spanContext();
  return {
    name: span.name,
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    startTimeMs: hrTimeToMilliseconds(span.startTime),
    endTimeMs: hrTimeToMilliseconds(span.endTime),
    attributes: span.attributes,
    status: { code: span.status.code, message: span.status.message },
  };
}
