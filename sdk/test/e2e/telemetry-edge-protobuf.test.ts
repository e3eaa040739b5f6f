/**
 * The edge middleware's telemetry over `http/protobuf`: the example's `middleware.ts` copy (edge
 * runtime) served by `next start` with `OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf` pointed at the devtools receiver.
 * The edge registration encodes with `@opentelemetry/otlp-transformer` (bundled into the edge middleware by
 * `next build`, so it runs without Node built-ins), and the devtools decode those protobuf bodies into the decision.
 */
import { randomBytes } from 'node:crypto';
import { Outcome, Reason, SpanName } from '@authlens/otel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFetch } from './support/app.js';
import { startTelemetryApp, type TelemetryApp, variantAppDir } from './support/telemetry-app.js';

let app: TelemetryApp;

beforeAll(async () => {
  app = await startTelemetryApp('http/protobuf', { dir: variantAppDir });
}, 90_000);
afterAll(async () => {
  await app?.stop();
});

describe('middleware.ts on the edge runtime exports http/protobuf', () => {
  it('signed out, protected page: the devtools assemble the decision from protobuf, the edge span included', async () => {
    const traceId = randomBytes(16).toString('hex');
    const headers = { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
    const res = await appFetch('/protected', { kind: 'document', base: app.appUrl, headers });
    await res.arrayBuffer();
    expect(res.status).toBe(307);

    const deadline = Date.now() + 15_000;
    let decision: Awaited<ReturnType<TelemetryApp['decisions']>>[number]['decision'] | undefined;
    while (Date.now() < deadline) {
      decision = (await app.decisions())
        .map((item) => item.decision)
        .find((d) => d.traceIds.includes(traceId) && d.path === '/protected' && d.middlewarePasses.length > 0);
      // Spans of one request may reach the devtools in separate export batches: wait for the protect decision.
      if (decision && decision.statusCode !== null) break;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(decision, `no decision with a middleware pass for trace ${traceId}`).toBeDefined();
    expect({ outcome: decision!.outcome, reason: decision!.reason, status: decision!.statusCode }).toEqual({
      outcome: Outcome.redirect_sign_in,
      reason: Reason.missing_token,
      status: 307,
    });

    const traces = app.exported.filter((b) => b.path.endsWith('/v1/traces'));
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.every((b) => b.contentType.startsWith('application/x-protobuf'))).toBe(true);
    // A body from the edge registration: the middleware span, under a resource without the Node SDK's process
    // attributes (the edge sandbox has none). Strings travel as plain UTF-8 inside protobuf.
    const fromEdge = traces.filter(
      (b) => b.body.includes(SpanName.middleware) && !b.body.includes('process.runtime.name'),
    );
    expect(fromEdge.length).toBeGreaterThan(0);
    expect(fromEdge.some((b) => b.body.includes(Buffer.from(traceId, 'hex')))).toBe(true);
  }, 30_000);
});
