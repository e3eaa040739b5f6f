import { keyValuesToAttributes } from './any-value.js';
import {
  arrayField,
  enumField,
  type JsonObject,
  nanosField,
  objectAt,
  optionalObjectField,
  stringField,
} from './otlp-json-shape.js';
import type { Attributes, DecodedTraces, ReceivedSpan, SpanEvent, SpanLink, SpanStatusCode } from './received-span.js';

/** How span ids are spelled: hex in OTLP/JSON, base64 once a protobuf message is turned into an object. */
export type IdEncoding = 'hex' | 'base64';

const SPAN_KINDS = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

/**
 * Turns an `ExportTraceServiceRequest` in the OTLP/JSON shape into received spans. A shape error anywhere
 * rejects the whole request (nothing is stored); a span whose trace or span id is invalid is skipped and
 * counted in `rejected`, as OTLP's partial success allows.
 */
export function normaliseTraceRequest(body: unknown, ids: IdEncoding): DecodedTraces {
  const request = objectAt(body, 'ExportTraceServiceRequest');
  const spans: ReceivedSpan[] = [];
  let rejected = 0;
  arrayField(request, 'ExportTraceServiceRequest', 'resourceSpans', 'resource_spans').forEach((rs, r) => {
    const rsPath = `resourceSpans[${r}]`;
    const resourceSpans = objectAt(rs, rsPath);
    const resourceObject = optionalObjectField(resourceSpans, rsPath, 'resource');
    const resource: Attributes = resourceObject
      ? keyValuesToAttributes(resourceObject.attributes, `${rsPath}.resource.attributes`)
      : {};
    arrayField(resourceSpans, rsPath, 'scopeSpans', 'scope_spans').forEach((ss, s) => {
      const ssPath = `${rsPath}.scopeSpans[${s}]`;
      const scopeSpans = objectAt(ss, ssPath);
      const scopeObject = optionalObjectField(scopeSpans, ssPath, 'scope');
      const scope: ReceivedSpan['scope'] = {
        name: scopeObject ? stringField(scopeObject, `${ssPath}.scope`, 'name') : '',
      };
      const version = scopeObject ? stringField(scopeObject, `${ssPath}.scope`, 'version') : '';
      if (version) scope.version = version;
      arrayField(scopeSpans, ssPath, 'spans').forEach((sp, i) => {
        const span = normaliseSpan(
          objectAt(sp, `${ssPath}.spans[${i}]`),
          `${ssPath}.spans[${i}]`,
          ids,
          resource,
          scope,
        );
        if (span) spans.push(span);
        else rejected++;
      });
    });
  });
  return { spans, rejected };
}

function normaliseSpan(
  span: JsonObject,
  path: string,
  ids: IdEncoding,
  resource: Attributes,
  scope: ReceivedSpan['scope'],
): ReceivedSpan | undefined {
  const traceId = idOf(stringField(span, path, 'traceId', 'trace_id'), ids, 16);
  const spanId = idOf(stringField(span, path, 'spanId', 'span_id'), ids, 8);
  const parentRaw = stringField(span, path, 'parentSpanId', 'parent_span_id');
  const parentSpanId = parentRaw === '' ? undefined : idOf(parentRaw, ids, 8);
  if (!traceId || !spanId || parentSpanId === null) return undefined;

  const statusObject = optionalObjectField(span, path, 'status');
  const status: ReceivedSpan['status'] = {
    code: statusObject
      ? (Math.min(enumField(statusObject, `${path}.status`, STATUS_CODES, 'code'), 2) as SpanStatusCode)
      : 0,
  };
  const message = statusObject ? stringField(statusObject, `${path}.status`, 'message') : '';
  if (message) status.message = message;

  const startTimeUnixNano = nanosField(span, path, 'startTimeUnixNano', 'start_time_unix_nano');
  const endTimeUnixNano = nanosField(span, path, 'endTimeUnixNano', 'end_time_unix_nano');
  const received: ReceivedSpan = {
    traceId,
    spanId,
    name: stringField(span, path, 'name'),
    kind: enumField(span, path, SPAN_KINDS, 'kind'),
    startTimeUnixNano,
    endTimeUnixNano,
    startTimeMs: Number(startTimeUnixNano) / 1e6,
    endTimeMs: Number(endTimeUnixNano) / 1e6,
    attributes: keyValuesToAttributes(span.attributes, `${path}.attributes`),
    status,
    events: arrayField(span, path, 'events').map((e, i) =>
      normaliseEvent(objectAt(e, `${path}.events[${i}]`), `${path}.events[${i}]`),
    ),
    links: arrayField(span, path, 'links').flatMap((l, i) =>
      normaliseLink(objectAt(l, `${path}.links[${i}]`), `${path}.links[${i}]`, ids),
    ),
    resource,
    scope,
  };
  if (parentSpanId) received.parentSpanId = parentSpanId;
  return received;
}

function normaliseEvent(event: JsonObject, path: string): SpanEvent {
  return {
    name: stringField(event, path, 'name'),
    timeUnixNano: nanosField(event, path, 'timeUnixNano', 'time_unix_nano'),
    attributes: keyValuesToAttributes(event.attributes, `${path}.attributes`),
  };
}

function normaliseLink(link: JsonObject, path: string, ids: IdEncoding): SpanLink[] {
  const traceId = idOf(stringField(link, path, 'traceId', 'trace_id'), ids, 16);
  const spanId = idOf(stringField(link, path, 'spanId', 'span_id'), ids, 8);
  if (!traceId || !spanId) return [];
  return [{ traceId, spanId, attributes: keyValuesToAttributes(link.attributes, `${path}.attributes`) }];
}

const HEX = /^[0-9a-fA-F]+$/;

/** A span/trace id as lowercase hex, or null when it is not `bytes` long or is all zeros (invalid in OTLP). */
function idOf(raw: string, ids: IdEncoding, bytes: number): string | null {
  let hex: string;
  if (ids === 'hex') {
    if (raw.length !== bytes * 2 || !HEX.test(raw)) return null;
    hex = raw.toLowerCase();
  } else {
    hex = Buffer.from(raw, 'base64').toString('hex');
    if (hex.length !== bytes * 2) return null;
  }
  return /^0+$/.test(hex) ? null : hex;
}
