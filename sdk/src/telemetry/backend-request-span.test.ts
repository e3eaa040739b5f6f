/** `authlens.backend.request` against a real HTTP server: facts of the answer, retries, failures, traceparent, metrics. */
import { AttributeName as A, Metric, SpanName } from '@authlens/otel';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BackendApiError } from '../backend-api/backend-api-error.js';
import { createBackendApiClient } from '../backend-api/create-backend-api-client.js';
import { WindowBudget } from '../backend-api/rate-limit-budget.js';
import { sendJson, startRawServer } from '../backend-api/test-support/raw-server.js';
import { type RecordedTelemetry, recordTelemetry } from './test-support/record-telemetry.js';

const secretKey = 'sk_test_backend_span_secret';
let telemetry: RecordedTelemetry;
let server: Awaited<ReturnType<typeof startRawServer>>;
/** What the next answers are, by request index from the start of each test. */
let script: Array<{ status: number; body: unknown; headers?: Record<string, string> }> = [];
let offset = 0;

beforeAll(async () => {
  telemetry = recordTelemetry();
  server = await startRawServer((_req, res, index) => {
    const answer = script[index - offset] ?? { status: 500, body: {} };
    sendJson(res, answer.status, answer.body, answer.headers);
  });
});
afterAll(async () => {
  await server.close();
  await telemetry.stop();
});
beforeEach(() => {
  telemetry.reset();
  offset = server.seen.length;
});

const client = () => createBackendApiClient({ secretKey, apiUrl: server.url });

function onlySpan() {
  const spans = telemetry.spansNamed(SpanName.backendRequest);
  expect(spans).toHaveLength(1);
  return spans[0]!;
}

describe('authlens.backend.request', () => {
  it('a client span with method, template, status, rate-limit budget, Clerk trace id; traceparent sent', async () => {
    script = [
      {
        status: 200,
        body: { keys: [] },
        headers: {
          'ratelimit-limit': '100',
          'ratelimit-remaining': '97',
          'ratelimit-reset': '8',
          'x-clerk-trace-id': 'trace_ok_1',
        },
      },
    ];
    await client().loadJwks();
    const span = onlySpan();
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toEqual({
      [A.httpRequestMethod]: 'GET',
      [A.urlTemplate]: '/v1/jwks',
      // The process's own budget (no shared store configured).
      [A.storeScope]: 'local',
      [A.httpResponseStatusCode]: 200,
      [A.retryCount]: 0,
      [A.rateLimitLimit]: 100,
      [A.rateLimitRemaining]: 97,
      [A.rateLimitReset]: 8,
      [A.clerkTraceId]: 'trace_ok_1',
    });
    const { traceId, spanId } = span.spanContext();
    expect(server.seen[offset]!.headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    const points = await telemetry.metricPoints();
    expect(points).toContainEqual({
      name: Metric.backendRequests.name,
      attributes: { [A.httpRequestMethod]: 'GET', [A.urlTemplate]: '/v1/jwks', [A.httpResponseStatusCode]: 200 },
      value: 1,
    });
    expect(points).toContainEqual({
      name: Metric.rateLimitRemaining.name,
      attributes: { [A.rateLimitLimit]: 100 },
      value: 97,
    });
  });

  it('a 429 retried after Retry-After: retry count 1 and the Retry-After, one span', async () => {
    script = [
      { status: 429, body: { errors: [] }, headers: { 'retry-after': '0' } },
      { status: 200, body: { keys: [] } },
    ];
    await client().loadJwks();
    expect(onlySpan().attributes).toMatchObject({
      [A.httpResponseStatusCode]: 200,
      [A.retryCount]: 1,
      [A.retryAfter]: 0,
    });
  });

  it('a failure: status ERROR, error.type the stable code; the raw id is in neither name nor attributes', async () => {
    script = [{ status: 404, body: { errors: [{ code: 'resource_not_found' }], clerk_trace_id: 'trace_404' } }];
    await expect(client().getUser('user_rawid_123')).rejects.toMatchObject({ code: 'ERR_BACKEND_API_NOT_FOUND' });
    const span = onlySpan();
    expect(span.name).toBe(SpanName.backendRequest);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes).toMatchObject({
      [A.urlTemplate]: '/v1/users/{user_id}',
      [A.httpResponseStatusCode]: 404,
      [A.errorType]: 'ERR_BACKEND_API_NOT_FOUND',
      [A.clerkTraceId]: 'trace_404',
    });
    const exported = JSON.stringify([span.name, span.attributes, span.status]);
    expect(exported).not.toContain('user_rawid_123');
    expect(exported).not.toContain(secretKey);
  });

  it('a 429 beyond the retry budget: the 429 and its Retry-After on a failed span', async () => {
    script = [{ status: 429, body: { errors: [] }, headers: { 'retry-after': '30' } }];
    await expect(client().loadJwks()).rejects.toMatchObject({ code: 'ERR_BACKEND_API_RATE_LIMITED' });
    expect(onlySpan().attributes).toMatchObject({
      [A.httpResponseStatusCode]: 429,
      [A.retryAfter]: 30,
      [A.retryCount]: 0,
      [A.errorType]: 'ERR_BACKEND_API_RATE_LIMITED',
    });
  });

  // Hardening finding 1: a verification the rate-limit reserve kept back is visible, and not sent or counted.
  it('a machine-token verification the reserve refused: span with error.type and no status, no call, no count', async () => {
    const budget = new WindowBudget();
    for (let i = 0; i < 1000 && budget.take('machine_token_verification'); i++);
    const api = createBackendApiClient({ secretKey, apiUrl: server.url, budget });
    const error = await api.verifyMachineToken(`mt_${'a'.repeat(48)}`, 'm2m_token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendApiError);
    expect(error).toMatchObject({ code: 'ERR_BACKEND_API_BUDGET_RESERVED', status: null });
    expect(server.seen.length - offset).toBe(0);
    const span = onlySpan();
    expect(span.attributes).toEqual({
      [A.httpRequestMethod]: 'POST',
      [A.urlTemplate]: '/m2m_tokens/verify',
      [A.storeScope]: 'local',
      [A.retryCount]: 0,
      [A.errorType]: 'ERR_BACKEND_API_BUDGET_RESERVED',
    });
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    const points = await telemetry.metricPoints();
    expect(points.filter((p) => p.name === Metric.backendRequests.name)).toEqual([]);
    // Standard calls are never held back by it.
    script = [{ status: 200, body: { object: 'user', id: 'user_1' } }];
    await api.request({ method: 'GET', path: '/users/{user_id}', pathParams: { user_id: 'user_1' } });
    expect(server.seen.length - offset).toBe(1);
  });
});
