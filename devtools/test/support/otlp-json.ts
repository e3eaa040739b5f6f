import { AttributeName as A, Outcome, Reason, RequestKind, SpanName } from '@authlens/otel';

/**
 * A hand-written OTLP/JSON trace export with one request's middleware span (so tests can send exact bytes,
 * as the OTLP/JSON spec spells them: hex ids, 64-bit integers as strings).
 */
export function middlewareExport(requestId: string, traceId: string, path = '/dashboard', userId = 'user_json') {
  const startNs = BigInt(Date.now() - 1000) * 1_000_000n;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'example-app' } }] },
        scopeSpans: [
          {
            scope: { name: '@authlens/nextjs', version: '0.1.0' },
            spans: [
              {
                traceId,
                spanId: traceId.slice(0, 16),
                name: SpanName.middleware,
                kind: 1,
                startTimeUnixNano: String(startNs),
                endTimeUnixNano: String(startNs + 2_000_000n),
                attributes: [
                  { key: A.requestId, value: { stringValue: requestId } },
                  { key: A.urlPath, value: { stringValue: path } },
                  { key: A.httpRequestMethod, value: { stringValue: 'GET' } },
                  { key: A.requestKind, value: { stringValue: RequestKind.api } },
                  { key: A.userId, value: { stringValue: userId } },
                  { key: A.outcome, value: { stringValue: Outcome.signed_in } },
                  { key: A.reason, value: { stringValue: Reason.valid_token } },
                  { key: A.httpResponseStatusCode, value: { intValue: '200' } },
                ],
                status: { code: 0 },
              },
            ],
          },
        ],
      },
    ],
  };
}

let counter = 0;
/** A fresh, valid 32-hex-digit trace id. */
export function newTraceId(): string {
  counter++;
  return `${Date.now().toString(16).padStart(16, '0')}${counter.toString(16).padStart(16, '0')}`;
}
