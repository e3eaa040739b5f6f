import type { Attributes, AttributeValue, HrTime, SpanContext } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** OTLP/JSON's AnyValue: ints as JSON numbers (what the OpenTelemetry JS JSON exporter sends), bytes as base64. */
type AnyValue =
  | { stringValue: string }
  | { intValue: number }
  | { doubleValue: number }
  | { boolValue: boolean }
  | { bytesValue: string }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>;
interface KeyValue {
  key: string;
  value: AnyValue;
}

// Span flags of the OTLP specification: low 8 bits are the W3C trace flags, then "is_remote is known" and "is_remote".
const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

/**
 * Spans as an OTLP/HTTP JSON `ExportTraceServiceRequest` body (hex ids, nanosecond times as decimal strings), grouped
 * by resource and instrumentation scope. Plain code over `ReadableSpan`: no protobuf library, so it bundles for edge.
 */
export function serializeSpansAsOtlpJson(spans: readonly ReadableSpan[]): string {
  const byResource = new Map<ReadableSpan['resource'], Map<string, ReadableSpan[]>>();
  for (const span of spans) {
    const byScope = byResource.get(span.resource) ?? new Map<string, ReadableSpan[]>();
    byResource.set(span.resource, byScope);
    const scope = span.instrumentationScope;
    const key = `${scope.name}@${scope.version ?? ''}:${scope.schemaUrl ?? ''}`;
    const group = byScope.get(key);
    if (group) group.push(span);
    else byScope.set(key, [span]);
  }
  const resourceSpans = [...byResource].map(([resource, byScope]) => {
    const schemaUrl = resource.schemaUrl || undefined;
    return {
      resource: { attributes: keyValues(resource.attributes), droppedAttributesCount: 0, schemaUrl },
      scopeSpans: [...byScope.values()].map((group) => {
        const scope = group[0]!.instrumentationScope;
        return {
          scope: { name: scope.name, version: scope.version },
          spans: group.map(otlpSpan),
          schemaUrl: scope.schemaUrl,
        };
      }),
      schemaUrl,
    };
  });
  return JSON.stringify({ resourceSpans });
}

function otlpSpan(span: ReadableSpan) {
  const context = span.spanContext();
  return {
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId || undefined,
    traceState: context.traceState?.serialize(),
    name: span.name,
    // The API's SpanKind starts at INTERNAL = 0; OTLP keeps 0 for "unspecified".
    kind: span.kind + 1,
    startTimeUnixNano: nanos(span.startTime),
    endTimeUnixNano: nanos(span.endTime),
    attributes: keyValues(span.attributes),
    droppedAttributesCount: span.droppedAttributesCount,
    events: span.events.map((event) => ({
      attributes: keyValues(event.attributes ?? {}),
      name: event.name,
      timeUnixNano: nanos(event.time),
      droppedAttributesCount: event.droppedAttributesCount ?? 0,
    })),
    droppedEventsCount: span.droppedEventsCount,
    status: { code: span.status.code, message: span.status.message },
    links: span.links.map((link) => ({
      attributes: keyValues(link.attributes ?? {}),
      spanId: link.context.spanId,
      traceId: link.context.traceId,
      traceState: link.context.traceState?.serialize(),
      droppedAttributesCount: link.droppedAttributesCount ?? 0,
      flags: flags(link.context, link.context.isRemote),
    })),
    droppedLinksCount: span.droppedLinksCount,
    flags: flags(context, span.parentSpanContext?.isRemote),
  };
}

function flags(context: SpanContext, parentIsRemote: boolean | undefined): number {
  return (context.traceFlags & 0xff) | HAS_IS_REMOTE | (parentIsRemote ? IS_REMOTE : 0);
}

function nanos([seconds, nanoseconds]: HrTime): string {
  return (BigInt(Math.trunc(seconds)) * 1_000_000_000n + BigInt(Math.trunc(nanoseconds))).toString();
}

function keyValues(attributes: Attributes): KeyValue[] {
  return Object.keys(attributes).map((key) => ({ key, value: anyValue(attributes[key]) }));
}

function anyValue(value: AttributeValue | null | undefined | unknown): AnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (value instanceof Uint8Array) return { bytesValue: base64(value) };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (typeof value === 'object' && value !== null) {
    return {
      kvlistValue: {
        values: Object.keys(value).map((key) => ({ key, value: anyValue((value as Record<string, unknown>)[key]) })),
      },
    };
  }
  return {};
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
