import type { SpanContext } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { keyValues, nanos, otlpResource, otlpScope } from './otlp-json-values.js';

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
    const otlp = otlpResource(resource);
    return {
      resource: otlp,
      scopeSpans: [...byScope.values()].map((group) => {
        const scope = group[0]!.instrumentationScope;
        return {
          scope: otlpScope(scope),
          spans: group.map(otlpSpan),
          schemaUrl: scope.schemaUrl,
        };
      }),
      schemaUrl: otlp.schemaUrl,
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
