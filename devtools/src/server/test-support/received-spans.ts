import { AttributeName as A, Outcome, Reason, RequestKind, SpanName } from '@authlens/otel';
import type { Attributes, ReceivedSpan } from '../otlp/received-span.js';

let next = 1;
const hex = (n: number, bytes: number) => n.toString(16).padStart(bytes * 2, '0');

/** A fresh trace id. */
export function traceId(): string {
  return hex(next++, 16);
}

/** A received span with sensible defaults (an authlens middleware span of a signed-in request). */
export function span(
  overrides: Partial<ReceivedSpan> & { traceId: string },
  attributes: Attributes = {},
): ReceivedSpan {
  const start = overrides.startTimeMs ?? Date.UTC(2026, 10, 26, 10, 0, 0);
  return {
    spanId: hex(next++, 8),
    name: SpanName.middleware,
    kind: 1,
    startTimeMs: start,
    endTimeMs: start + 2,
    status: { code: 0 },
    events: [],
    links: [],
    resource: { 'service.name': 'test-app' },
    scope: { name: '@authlens/nextjs' },
    ...overrides,
    attributes: { ...overrides.attributes, ...attributes },
  };
}

/** The middleware span of one request. */
export function middlewareSpan(
  trace: string,
  requestId: string | undefined,
  fields: { path?: string; userId?: string; outcome?: Outcome; reason?: Reason; startTimeMs?: number } = {},
): ReceivedSpan {
  return span(
    { traceId: trace, ...(fields.startTimeMs === undefined ? {} : { startTimeMs: fields.startTimeMs }) },
    {
      ...(requestId ? { [A.requestId]: requestId } : {}),
      [A.httpRequestMethod]: 'GET',
      [A.urlPath]: fields.path ?? '/dashboard',
      [A.requestKind]: RequestKind.document,
      ...(fields.userId ? { [A.userId]: fields.userId } : {}),
      [A.outcome]: fields.outcome ?? Outcome.signed_in,
      [A.reason]: fields.reason ?? Reason.valid_token,
    },
  );
}
