/**
 * The Backend API budget chart in a real browser, fed through the real OTLP/HTTP exporter: calls judged against the
 * fleet's shared budget (`authlens.store.scope=fleet`, several servers on one Redis) are drawn as the fleet's line,
 * apart from those of a process on its own; with no fleet data the chart has one line per limit, no scope.
 */
import { AttributeName as A, INSTRUMENTATION_SCOPE, SpanName } from '@authlens/otel';
import { SpanKind } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dashboardForTheseTests } from './support/chromium.js';

const ui = dashboardForTheseTests();

/** Backend API calls as the SDK records them: the API's `RateLimit-*` figures and the budget's scope. */
async function exportCalls(calls: Array<{ remaining: number; scope: 'fleet' | 'local'; atMs: number }>) {
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: `${ui.devtools.url}/v1/traces` }))],
  });
  const tracer = provider.getTracer(INSTRUMENTATION_SCOPE, '0.0.0-test');
  for (const call of calls) {
    tracer
      .startSpan(SpanName.backendRequest, {
        kind: SpanKind.CLIENT,
        startTime: call.atMs - 5,
        attributes: {
          [A.httpRequestMethod]: 'GET',
          [A.urlTemplate]: '/v1/users/{user_id}',
          [A.httpResponseStatusCode]: 200,
          [A.rateLimitLimit]: 100,
          [A.rateLimitRemaining]: call.remaining,
          [A.rateLimitReset]: 10,
          [A.storeScope]: call.scope,
        },
      })
      .end(call.atMs);
  }
  await provider.forceFlush();
  await provider.shutdown();
}

const chart = (p: Page) => p.locator('[data-chart="rate-limit"]');
const legends = (p: Page) =>
  p
    .locator('figure:has([data-chart="rate-limit"]) .legend')
    .evaluateAll((els) => els.map((el) => ({ scope: el.getAttribute('data-scope'), text: el.textContent })));

describe('the budget chart', () => {
  it('one line per limit and no scope while every call is a process’s own', async () => {
    const t0 = Date.now() - 3000;
    await exportCalls([
      { remaining: 95, scope: 'local', atMs: t0 },
      { remaining: 94, scope: 'local', atMs: t0 + 100 },
    ]);
    await ui.page.goto(ui.devtools.url);
    await expect.poll(() => legends(ui.page)).toEqual([{ scope: '', text: expect.stringContaining('lowest 94') }]);
  }, 30_000);

  it('shows the fleet’s figure as a line of its own once calls carry authlens.store.scope=fleet', async () => {
    const t0 = Date.now() - 2000;
    await exportCalls([
      { remaining: 70, scope: 'fleet', atMs: t0 },
      { remaining: 61, scope: 'fleet', atMs: t0 + 100 },
      { remaining: 93, scope: 'local', atMs: t0 + 200 },
    ]);
    await ui.page.reload();
    await expect
      .poll(() => legends(ui.page))
      .toEqual([
        { scope: 'fleet', text: expect.stringMatching(/^fleet: .*lowest 61/) },
        { scope: 'local', text: expect.stringMatching(/^per process: .*lowest 93/) },
      ]);
    expect(await chart(ui.page).locator('g[data-scope="fleet"] path.budget').count()).toBe(1);
    expect(await chart(ui.page).locator('g[data-scope="fleet"] circle.budget-lowest').getAttribute('data-lowest')).toBe(
      '61',
    );
  }, 30_000);
});
