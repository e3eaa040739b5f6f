/** An attribute value as OTLP carries it (`AnyValue`), in plain JSON form. 64-bit integers become numbers. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

/** OTLP `Status.code`: 0 unset, 1 ok, 2 error. */
export type SpanStatusCode = 0 | 1 | 2;

export interface SpanEvent {
  name: string;
  /** Unix epoch milliseconds (fractional). */
  timeMs: number;
  attributes: Attributes;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

/**
 * One span as received over OTLP, whatever the encoding: ids as lowercase hex, times as Unix epoch milliseconds
 * (fractional: sub-microsecond precision is all a float64 loses, and nobody debugs auth in nanoseconds), its
 * resource's attributes and instrumentation scope copied onto it so a span stands alone in the store, the API and
 * the persisted log.
 */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP `SpanKind` (0 unspecified … 5 consumer). */
  kind: number;
  startTimeMs: number;
  endTimeMs: number;
  attributes: Attributes;
  status: { code: SpanStatusCode; message?: string };
  events: SpanEvent[];
  links: SpanLink[];
  resource: Attributes;
  scope: { name: string; version?: string };
}

/** One metric data point as received over OTLP (gauge and sum points; histograms carry count/sum). */
export interface ReceivedMetricPoint {
  name: string;
  unit: string;
  type: 'gauge' | 'sum' | 'histogram';
  /** Unix epoch milliseconds (fractional). */
  timeMs: number;
  /** The point's value (gauge/sum), or the histogram's sum when it has one. */
  value: number;
  /** Histogram points only. */
  count?: number;
  attributes: Attributes;
  resource: Attributes;
}

/** What one OTLP trace export request decoded to. `rejected` counts spans that could not be kept (bad ids). */
export interface DecodedTraces {
  spans: ReceivedSpan[];
  rejected: number;
}

export interface DecodedMetrics {
  points: ReceivedMetricPoint[];
  rejected: number;
}
