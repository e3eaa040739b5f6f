import { MalformedPayloadError } from '../errors.js';
import type {
  Attributes,
  AttributeValue,
  DecodedTraces,
  ReceivedSpan,
  SpanEvent,
  SpanLink,
  SpanStatusCode,
} from './received-span.js';
import { setAttribute } from './set-attribute.js';
import { hexIdFromBytes } from './span-id.js';

/**
 * The decoded protobuf messages as protobufjs builds them from `proto/otlp.proto` (camelCase fields; `bytes` as
 * Uint8Array; 64-bit integers as `Long`, or numbers without the `long` package; unset repeated fields empty).
 */
type Int64 = number | { low: number; high: number; unsigned: boolean };
interface PbKeyValue {
  key: string;
  value?: PbAnyValue | null;
}
interface PbAnyValue {
  /** protobufjs' virtual oneof property: the name of the field that is set. */
  value?: 'stringValue' | 'boolValue' | 'intValue' | 'doubleValue' | 'arrayValue' | 'kvlistValue' | 'bytesValue';
  stringValue?: string;
  boolValue?: boolean;
  intValue?: Int64;
  doubleValue?: number;
  arrayValue?: { values: PbAnyValue[] } | null;
  kvlistValue?: { values: PbKeyValue[] } | null;
  bytesValue?: Uint8Array;
}
interface PbSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  parentSpanId: Uint8Array;
  name: string;
  kind: number;
  startTimeUnixNano: Int64;
  endTimeUnixNano: Int64;
  attributes: PbKeyValue[];
  events: { timeUnixNano: Int64; name: string; attributes: PbKeyValue[] }[];
  links: { traceId: Uint8Array; spanId: Uint8Array; attributes: PbKeyValue[] }[];
  status?: { code: number; message: string } | null;
}
export interface ProtobufTraceRequest {
  resourceSpans: {
    resource?: { attributes: PbKeyValue[] } | null;
    scopeSpans: { scope?: { name: string; version: string } | null; spans: PbSpan[] }[];
  }[];
}

const MAX_DEPTH = 16;

/**
 * Turns a decoded protobuf `ExportTraceServiceRequest` straight into received spans (no detour through the
 * JSON shape: this is the hot path of ingestion). Spans with invalid ids are skipped and counted in `rejected`.
 */
export function spansFromProtobuf(request: ProtobufTraceRequest): DecodedTraces {
  const spans: ReceivedSpan[] = [];
  let rejected = 0;
  for (const resourceSpans of request.resourceSpans) {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans) {
      const scope: ReceivedSpan['scope'] = { name: scopeSpans.scope?.name ?? '' };
      if (scopeSpans.scope?.version) scope.version = scopeSpans.scope.version;
      for (const span of scopeSpans.spans) {
        const received = spanOf(span, resource, scope);
        if (received) spans.push(received);
        else rejected++;
      }
    }
  }
  return { spans, rejected };
}

function spanOf(span: PbSpan, resource: Attributes, scope: ReceivedSpan['scope']): ReceivedSpan | undefined {
  const traceId = hexIdFromBytes(span.traceId, 16);
  const spanId = hexIdFromBytes(span.spanId, 8);
  const parentSpanId = span.parentSpanId.length === 0 ? undefined : hexIdFromBytes(span.parentSpanId, 8);
  if (!traceId || !spanId || parentSpanId === null) return undefined;
  const status: ReceivedSpan['status'] = { code: Math.min(span.status?.code ?? 0, 2) as SpanStatusCode };
  if (span.status?.message) status.message = span.status.message;
  const received: ReceivedSpan = {
    traceId,
    spanId,
    name: span.name,
    kind: span.kind,
    startTimeMs: nanosToMillis(span.startTimeUnixNano),
    endTimeMs: nanosToMillis(span.endTimeUnixNano),
    attributes: attributesOf(span.attributes),
    status,
    events: span.events.map(
      (event): SpanEvent => ({
        name: event.name,
        timeMs: nanosToMillis(event.timeUnixNano),
        attributes: attributesOf(event.attributes),
      }),
    ),
    links: span.links.flatMap((link): SpanLink[] => {
      const linkTrace = hexIdFromBytes(link.traceId, 16);
      const linkSpan = hexIdFromBytes(link.spanId, 8);
      return linkTrace && linkSpan
        ? [{ traceId: linkTrace, spanId: linkSpan, attributes: attributesOf(link.attributes) }]
        : [];
    }),
    resource,
    scope,
  };
  if (parentSpanId) received.parentSpanId = parentSpanId;
  return received;
}

function attributesOf(list: readonly PbKeyValue[] | undefined, depth = 0): Attributes {
  const attributes: Attributes = {};
  if (!list) return attributes;
  for (const { key, value } of list) setAttribute(attributes, key, value ? plainValueOf(value, depth) : null);
  return attributes;
}

function plainValueOf(any: PbAnyValue, depth: number): AttributeValue {
  if (depth > MAX_DEPTH) throw new MalformedPayloadError(`attribute values nested deeper than ${MAX_DEPTH}`);
  switch (any.value) {
    case 'stringValue':
      return any.stringValue!;
    case 'boolValue':
      return any.boolValue!;
    case 'intValue':
      return int64ToNumber(any.intValue!);
    case 'doubleValue':
      return any.doubleValue!;
    case 'arrayValue':
      return (any.arrayValue?.values ?? []).map((item) => plainValueOf(item, depth + 1));
    case 'kvlistValue':
      return attributesOf(any.kvlistValue?.values, depth + 1);
    case 'bytesValue': {
      const bytes = any.bytesValue!;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
    }
    default:
      return null;
  }
}

const TWO_TO_32 = 4294967296;

function int64ToNumber(value: Int64): number {
  if (typeof value === 'number') return value;
  return (value.unsigned ? value.high >>> 0 : value.high) * TWO_TO_32 + (value.low >>> 0);
}

function nanosToMillis(value: Int64): number {
  return int64ToNumber(value) / 1e6;
}
