/**
 * Telemetry from the edge middleware: the example's `middleware.ts` copy (Next runs that file on the edge runtime),
 * served by `next start` with OpenTelemetry pointed at the devtools receiver. `instrumentation.ts` registers the edge
 * registration there (fetch-based OTLP/JSON), so the middleware's spans reach the devtools and join the render's
 * spans (Node runtime) in one decision per request — with the outcome and reason the `proxy.ts` app records — and the
 * middleware's metrics (its `authlens.decisions` data points) are exported from the edge too.
 */
import { randomBytes } from 'node:crypto';
import type { DecisionRecord } from '@authlens/otel';
import { AttributeName as A, Metric, Outcome, Reason, RequestKind, SpanName } from '@authlens/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFetch } from './support/app.js';
import { type DemoSession, sessionFor } from './support/backend.js';
import { startTelemetryApp, type TelemetryApp, variantAppDir } from './support/telemetry-app.js';

interface JsonKeyValue {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}
interface JsonSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: JsonKeyValue[];
}

const OTLP_KEYS = {
  traces: { resources: 'resourceSpans', scopes: 'scopeSpans', items: 'spans' },
  metrics: { resources: 'resourceMetrics', scopes: 'scopeMetrics', items: 'metrics' },
} as const;

/** Every span or metric the app exported (all OTLP/JSON here), each with its resource's attributes. */
function exported<T>(app: TelemetryApp, signal: keyof typeof OTLP_KEYS): Array<T & { resource: JsonKeyValue[] }> {
  const keys = OTLP_KEYS[signal];
  type Resource = { resource: { attributes: JsonKeyValue[] } } & Record<string, Array<Record<string, T[]>>>;
  return app.exported
    .filter((b) => b.path.endsWith(`/v1/${signal}`))
    .flatMap((b) =>
      (JSON.parse(b.body.toString('utf8'))[keys.resources] as Resource[]).flatMap((r) =>
        r[keys.scopes]!.flatMap((scope) =>
          scope[keys.items]!.map((item) => ({ ...item, resource: r.resource.attributes })),
        ),
      ),
    );
}

const stringAttribute = (attributes: JsonKeyValue[], key: string) =>
  attributes.find((kv) => kv.key === key)?.value.stringValue;

/** Every span the app exported, with its resource's `service.name`. */
function exportedSpans(app: TelemetryApp): Array<JsonSpan & { serviceName: string | undefined }> {
  return exported<JsonSpan>(app, 'traces').map((span) => ({
    ...span,
    serviceName: stringAttribute(span.resource, 'service.name'),
  }));
}

interface JsonDataPoint {
  attributes: JsonKeyValue[];
  asInt?: number | string;
  asDouble?: number;
}
interface JsonMetric {
  name: string;
  sum?: { aggregationTemporality: number; isMonotonic: boolean; dataPoints: JsonDataPoint[] };
}

const attribute = (span: JsonSpan, key: string) => stringAttribute(span.attributes, key);

function traceContext(): { traceId: string; headers: Record<string, string> } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } };
}

/** The decision for `path` in `traceId` once it holds a middleware span and `complete` says the rest is in. */
async function decisionWithMiddleware(
  app: TelemetryApp,
  traceId: string,
  path: string,
  complete: (d: DecisionRecord) => boolean,
): Promise<{ decision: DecisionRecord | undefined; middleware: JsonSpan | undefined }> {
  const deadline = Date.now() + 15_000;
  let decision: DecisionRecord | undefined;
  let middleware: JsonSpan | undefined;
  while (Date.now() < deadline) {
    decision = (await app.decisions())
      .map((i) => i.decision)
      .find((d) => d.traceIds.includes(traceId) && d.path === path);
    middleware = exportedSpans(app).find(
      (span) => span.name === SpanName.middleware && decision?.spanIds.includes(span.spanId),
    );
    if (decision && middleware && complete(decision)) break;
    await new Promise((r) => setTimeout(r, 150));
  }
  return { decision, middleware };
}

let bob: DemoSession;
let app: TelemetryApp;

beforeAll(async () => {
  bob = await sessionFor('bob', { org: 'acme' });
  app = await startTelemetryApp('http/json', { dir: variantAppDir });
}, 90_000);
afterAll(async () => {
  await app?.stop();
});

describe('middleware.ts on the edge runtime exports its spans', () => {
  it('signed out, protected page: the decision holds the middleware span and redirects to sign-in', async () => {
    const { traceId, headers } = traceContext();
    const res = await appFetch('/protected', { kind: 'document', base: app.appUrl, headers });
    await res.arrayBuffer();
    expect(res.status).toBe(307);

    const { decision, middleware } = await decisionWithMiddleware(
      app,
      traceId,
      '/protected',
      (d) => d.outcome === Outcome.redirect_sign_in,
    );
    expect(middleware, `no middleware span in the decision for trace ${traceId}`).toBeDefined();
    expect({ outcome: decision!.outcome, reason: decision!.reason, status: decision!.statusCode }).toEqual({
      outcome: Outcome.redirect_sign_in,
      reason: Reason.missing_token,
      status: 307,
    });
    // The middleware span came from the edge registration, under the app's service name, in the request's trace.
    expect(middleware!.traceId).toBe(traceId);
    expect(exportedSpans(app).find((s) => s.spanId === middleware!.spanId)?.serviceName).toBe('authlens-example-e2e');
    expect(attribute(middleware!, A.urlPath)).toBe('/protected');
  }, 30_000);

  it('signed in: allowed, and the token verification is a child of the middleware span', async () => {
    const { traceId, headers } = traceContext();
    const res = await appFetch('/protected', { kind: 'document', cookie: bob.token, base: app.appUrl, headers });
    await res.arrayBuffer();
    expect(res.status).toBe(200);

    const { decision, middleware } = await decisionWithMiddleware(
      app,
      traceId,
      '/protected',
      (d) => d.outcome === Outcome.allowed && d.verifications.length > 0,
    );
    expect(middleware, `no middleware span in the decision for trace ${traceId}`).toBeDefined();
    expect({ outcome: decision!.outcome, reason: decision!.reason, userId: decision!.userId }).toEqual({
      outcome: Outcome.allowed,
      reason: Reason.authorized,
      userId: bob.userId,
    });
    // Parent/child inside the middleware needs the edge context manager (AsyncLocalStorage).
    const verify = exportedSpans(app).find(
      (span) => span.name === SpanName.tokenVerify && span.parentSpanId === middleware!.spanId,
    );
    expect(verify, 'token verification span under the middleware span').toBeDefined();
    expect(decision!.spanIds).toContain(verify!.spanId);
  }, 30_000);

  it("signed out, protected page: the middleware's decision is counted in authlens.decisions, exported from the edge", async () => {
    const res = await appFetch('/protected', { kind: 'document', base: app.appUrl });
    await res.arrayBuffer();
    expect(res.status).toBe(307);

    // What the middleware counts for a signed-out page navigation (the page's auth.protect() then counts its redirect).
    const middlewareOutcome = {
      [A.outcome]: Outcome.signed_out,
      [A.reason]: Reason.missing_token,
      [A.requestKind]: RequestKind.document,
    };
    const says = (point: JsonDataPoint) =>
      Object.entries(middlewareOutcome).every(([key, value]) => stringAttribute(point.attributes, key) === value);
    const deadline = Date.now() + 15_000;
    let found: { metric: JsonMetric & { resource: JsonKeyValue[] }; point: JsonDataPoint } | undefined;
    while (Date.now() < deadline && !found) {
      for (const metric of exported<JsonMetric>(app, 'metrics').filter((m) => m.name === Metric.decisions.name)) {
        const point = metric.sum?.dataPoints.find(says);
        if (point) found = { metric, point };
      }
      if (!found) await new Promise((r) => setTimeout(r, 150));
    }
    expect(found, `no ${Metric.decisions.name} data point for ${JSON.stringify(middlewareOutcome)}`).toBeDefined();
    // A monotonic cumulative counter (OTLP temporality 2), counted at least once, under the app's service name.
    expect(found!.metric.sum).toMatchObject({ aggregationTemporality: 2, isMonotonic: true });
    expect(Number(found!.point.asDouble ?? found!.point.asInt)).toBeGreaterThanOrEqual(1);
    expect(stringAttribute(found!.metric.resource, 'service.name')).toBe('authlens-example-e2e');
    // From the edge registration: the Node SDK's resource carries process attributes the edge sandbox has none of.
    expect(stringAttribute(found!.metric.resource, 'process.runtime.name')).toBeUndefined();
  }, 30_000);

  it('what the edge exported is OTLP/JSON and carries no token', () => {
    const traces = app.exported.filter((b) => b.path.endsWith('/v1/traces'));
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.every((b) => b.contentType.includes('application/json'))).toBe(true);
    const all = traces.map((b) => b.body.toString('utf8')).join('\n');
    expect(all).toContain(SpanName.middleware);
    expect(all.includes(bob.token.split('.')[2]!)).toBe(false);
  });
});
