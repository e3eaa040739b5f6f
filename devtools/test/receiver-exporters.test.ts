import { Outcome, Reason, SpanName } from '@authlens/otel';
import { OTLPTraceExporter as OTLPHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DecisionDetailResponse, DecisionListResponse } from '../src/index.js';
import { type RunningDevtools, startDevtools } from '../src/index.js';
import {
  allowedPlan,
  deniedPlan,
  emitRequest,
  pendingPlan,
  signedOutPlan,
  tracing,
} from './support/authlens-requests.js';

let devtools: RunningDevtools;
beforeEach(async () => {
  devtools = await startDevtools({ port: 0 });
});
afterEach(async () => {
  await devtools.close();
});

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${devtools.url}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** The exporters' `CompressionAlgorithm.GZIP` (a string enum of otlp-exporter-base, not imported directly). */
const GZIP = 'gzip' as NonNullable<NonNullable<ConstructorParameters<typeof OTLPHttpJsonExporter>[0]>['compression']>;

const exporters = [
  ['http/json (exporter-trace-otlp-http)', 'json', false, (url: string) => new OTLPHttpJsonExporter({ url })],
  ['http/protobuf (exporter-trace-otlp-proto)', 'protobuf', false, (url: string) => new OTLPProtoExporter({ url })],
  ['http/json, gzip', 'json', true, (url: string) => new OTLPHttpJsonExporter({ url, compression: GZIP })],
  ['http/protobuf, gzip', 'protobuf', true, (url: string) => new OTLPProtoExporter({ url, compression: GZIP })],
] as const;

describe.each(exporters)('spans exported with %s', (_name, encoding, gzip, makeExporter) => {
  it('become per-request decisions in /api/requests with the right outcomes, explanation and spans', async () => {
    const { provider, tracer } = tracing(makeExporter(`${devtools.url}/v1/traces`));
    const t0 = Date.now() - 60_000;
    const allowedTrace = emitRequest(tracer, allowedPlan('req_allowed'), t0);
    emitRequest(tracer, deniedPlan('req_denied'), t0 + 100);
    emitRequest(tracer, signedOutPlan('req_signed_out'), t0 + 200);
    emitRequest(tracer, pendingPlan('req_pending'), t0 + 300);
    await provider.forceFlush();
    await provider.shutdown();

    const { received } = devtools.stats();
    expect(received[encoding]).toBe(received.traceRequests);
    expect(received.gzip).toBe(gzip ? received.traceRequests : 0);
    // Exported span by span: a request's spans arrived in many batches and were re-assembled.
    expect(received.traceRequests).toBeGreaterThan(4);

    const list = await getJson<DecisionListResponse>('/api/requests');
    expect(list.total).toBe(4);
    const byId = new Map(list.items.map((item) => [item.id, item.decision]));
    expect([...byId.keys()].sort()).toEqual(['req_allowed', 'req_denied', 'req_pending', 'req_signed_out']);
    expect(byId.get('req_allowed')).toMatchObject({
      outcome: Outcome.allowed,
      reason: Reason.authorized,
      userId: 'user_allowed',
      path: '/dashboard',
      method: 'GET',
    });
    expect(byId.get('req_denied')).toMatchObject({
      outcome: Outcome.not_found,
      reason: Reason.role_missing,
      statusCode: 404,
    });
    expect(byId.get('req_signed_out')).toMatchObject({
      outcome: Outcome.redirect_sign_in,
      userId: null,
      tokenSource: 'none',
    });
    expect(byId.get('req_pending')).toMatchObject({
      outcome: Outcome.signed_in,
      reason: Reason.pending_as_signed_in,
      sessionStatus: 'pending',
    });
    expect(byId.get('req_allowed')!.backendCalls[0]).toMatchObject({
      pathTemplate: '/v1/users/{user_id}',
      rateLimitRemaining: 97,
    });

    // Deep link by trace id: the decision, its explanation and every span of the trace (Next's root span too).
    const detail = await getJson<DecisionDetailResponse>(`/api/requests/${allowedTrace}`);
    expect(detail.id).toBe('req_allowed');
    expect(detail.spans.map((span) => span.name)).toEqual(
      expect.arrayContaining([
        'GET /dashboard',
        SpanName.middleware,
        SpanName.tokenVerify,
        SpanName.protect,
        SpanName.backendRequest,
      ]),
    );
    expect(detail.spans.every((span) => span.traceId === allowedTrace)).toBe(true);
    const denied = await getJson<DecisionDetailResponse>('/api/requests/req_denied');
    expect(denied.explanation).toContain('role org:admin required, user has org:member → 404');
    const pending = await getJson<DecisionDetailResponse>('/api/requests/req_pending');
    expect(pending.explanation).toContain('pending session treated as signed in (default)');

    const budget = await getJson<{ fromSpans: { remaining: number; limit: number }[] }>('/api/metrics/rate-limit');
    expect(budget.fromSpans).toEqual([expect.objectContaining({ remaining: 97, limit: 100 })]);
  });
});

describe('/api/requests filters', () => {
  it('filter by outcome, user, path, token type, session status, kind and free text, and page with a cursor', async () => {
    const { provider, tracer } = tracing(new OTLPHttpJsonExporter({ url: `${devtools.url}/v1/traces` }), 'batch');
    const t0 = Date.now() - 60_000;
    for (let i = 0; i < 5; i++) emitRequest(tracer, allowedPlan(`req_a${i}`, `/dashboard/${i}`), t0 + i * 10);
    emitRequest(tracer, deniedPlan('req_d'), t0 + 100);
    emitRequest(tracer, signedOutPlan('req_s'), t0 + 200);
    emitRequest(tracer, pendingPlan('req_p'), t0 + 300);
    await provider.forceFlush();
    await provider.shutdown();

    const ids = async (query: string) =>
      (await getJson<DecisionListResponse>(`/api/requests?${query}`)).items.map((item) => item.id);
    expect(await ids('outcome=not_found')).toEqual(['req_d']);
    expect(await ids('outcome=not_found,redirect_sign_in')).toEqual(['req_s', 'req_d']);
    expect(await ids('user=user_pending')).toEqual(['req_p']);
    expect(await ids('path=ADMIN')).toEqual(['req_d']);
    expect(await ids('sessionStatus=pending')).toEqual(['req_p']);
    expect(await ids('tokenType=session_token&outcome=allowed')).toHaveLength(5);
    expect(await ids('kind=api')).toEqual([]);
    expect(await ids('q=user_member')).toEqual(['req_d']);

    const first = await getJson<DecisionListResponse>('/api/requests?outcome=allowed&limit=2');
    expect(first.items.map((item) => item.id)).toEqual(['req_a4', 'req_a3']);
    const second = await getJson<DecisionListResponse>(
      `/api/requests?outcome=allowed&limit=2&cursor=${first.nextCursor}`,
    );
    expect(second.items.map((item) => item.id)).toEqual(['req_a2', 'req_a1']);
    const third = await getJson<DecisionListResponse>(
      `/api/requests?outcome=allowed&limit=2&cursor=${second.nextCursor}`,
    );
    expect(third.items.map((item) => item.id)).toEqual(['req_a0']);
    expect(third.nextCursor).toBeNull();

    const bad = await fetch(`${devtools.url}/api/requests?limit=0`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'ERR_INVALID_QUERY' });
    const missing = await fetch(`${devtools.url}/api/requests/req_unknown`);
    expect(missing.status).toBe(404);
  });
});
