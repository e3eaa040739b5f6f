import { keyValuesToAttributes, resourceAttributes } from './any-value.js';
import {
  arrayField,
  enumField,
  type JsonObject,
  nanosAsMillisField,
  objectAt,
  optionalObjectField,
  stringField,
} from './otlp-json-shape.js';
import type { Attributes, DecodedTraces, ReceivedSpan, SpanEvent, SpanLink, SpanStatusCode } from './received-span.js';
import { hexIdFromString } from './span-id.js';

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
export function normaliseTraceRequest(body: unknown): DecodedTraces {
  const request = objectAt(body, 'ExportTraceServiceRequest');
  const spans: ReceivedSpan[] = [];
  let rejected = 0;
  arrayField(request, 'ExportTraceServiceRequest', 'resourceSpans', 'resource_spans').forEach((rs, r) => {
    const rsPath = `resourceSpans[${r}]`;
    const resourceSpans = objectAt(rs, rsPath);
    const resource = resourceAttributes(resourceSpans, rsPath);
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
        const span = normaliseSpan(objectAt(sp, `${ssPath}.spans[${i}]`), `${ssPath}.spans[${i}]`, resource, scope);
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
  resource: Attributes,
  scope: ReceivedSpan['scope'],
): ReceivedSpan | undefined {
  const traceId = hexIdFromString(stringField(span, path, 'traceId', 'trace_id'), 16);
  const spanId = hexIdFromString(stringField(span, path, 'spanId', 'span_id'), 8);
  const parentRaw = stringField(span, path, 'parentSpanId', 'parent_span_id');
  const parentSpanId = parentRaw === '' ? undefined : hexIdFromString(parentRaw, 8);
  if (!traceId || !spanId || parentSpanId === null) return undefined;

  const statusObject = optionalObjectField(span, path, 'status');
  const status: ReceivedSpan['status'] = {
    code: statusObject
      ? (Math.min(enumField(statusObject, `${path}.status`, STATUS_CODES, 'code'), 2) as SpanStatusCode)
      : 0,
  };
  const message = statusObject ? stringField(statusObject, `${path}.status`, 'message') : '';
  if (message) status.message = message;

  const received: ReceivedSpan = {
    traceId,
    spanId,
    name: stringField(span, path, 'name'),
    kind: enumField(span, path, SPAN_KINDS, 'kind'),
    startTimeMs: nanosAsMillisField(span, path, 'startTimeUnixNano', 'start_time_unix_nano'),
    endTimeMs: nanosAsMillisField(span, path, 'endTimeUnixNano', 'end_time_unix_nano'),
    attributes: keyValuesToAttributes(span.attributes, `${path}.attributes`),
    status,
    events: arrayField(span, path, 'events').map((e, i) =>
      normaliseEvent(objectAt(e, `${path}.events[${i}]`), `${path}.events[${i}]`),
    ),
    links: arrayField(span, path, 'links').flatMap((l, i) =>
      normaliseLink(objectAt(l, `${path}.links[${i}]`), `${path}.links[${i}]`),
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
    timeMs: nanosAsMillisField(event, path, 'timeUnixNano', 'time_unix_nano'),
    attributes: keyValuesToAttributes(event.attributes, `${path}.attributes`),
  };
}

function normaliseLink(link: JsonObject, path: string): SpanLink[] {
  const traceId = hexIdFromString(stringField(link, path, 'traceId', 'trace_id'), 16);
  const spanId = hexIdFromString(stringField(link, path, 'spanId', 'span_id'), 8);
  if (!traceId || !spanId) return [];
  return [{ traceId, spanId, attributes: keyValuesToAttributes(link.attributes, `${path}.attributes`) }];
}
