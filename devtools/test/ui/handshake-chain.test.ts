/**
 * The handshake round trip in the dashboard, in a real browser (Debian's Chromium through playwright-core), against
 * a devtools server started here and fed through the real OTLP/HTTP exporter with the spans `clerkMiddleware()`
 * records for it: the redirect and its resolution (one request id), then the clean URL (a new one). The list shows
 * the round trip as one row, the detail its steps and reason, and a loop stopped by the loop counter is flagged.
 */
import { join } from 'node:path';
import { INSTRUMENTATION_SCOPE } from '@authlens/otel';
import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDevtools, startDevtools } from '../../src/index.js';
import { allowedPlan, emitRequest } from '../support/authlens-requests.js';
import { emitHandshakeChain, emitHandshakeLoop } from '../support/handshake-chain.js';
import { ARTIFACTS_DIR, type Browser, launchChromium, requireBuiltUi } from './support/chromium.js';

let devtools: RunningDevtools;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  requireBuiltUi();
  devtools = await startDevtools({ port: 0 });
  browser = await launchChromium();
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await devtools?.close();
});

const rows = (p: Page) => p.locator('tbody tr.row');
const row = (p: Page, id: string) => p.locator(`tbody tr.row[data-id="${id}"]`);

async function exportRequests(emit: (tracer: Tracer) => void): Promise<void> {
  const exporter = new OTLPTraceExporter({ url: `${devtools.url}/v1/traces` });
  const processor = new BatchSpanProcessor(exporter, { scheduledDelayMillis: 20 });
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  emit(provider.getTracer(INSTRUMENTATION_SCOPE, '0.0.0-test'));
  await provider.forceFlush();
  await provider.shutdown();
}

describe('the handshake chain in the dashboard', () => {
  it('shows a round trip as one row with its steps and reason, and flags a loop', async () => {
    await page.goto(devtools.url);
    await page.locator('[data-status="live"]').waitFor();

    const t0 = Date.now() - 10_000;
    await exportRequests((tracer) => {
      emitRequest(tracer, allowedPlan('req_before'), t0);
      emitHandshakeChain(
        tracer,
        { requestId: 'rid_handshake', cleanRequestId: 'rid_clean', path: '/dashboard', userId: 'user_alice' },
        t0 + 1000,
      );
      emitHandshakeLoop(
        tracer,
        ['rid_loop_1', 'rid_loop_2', 'rid_loop_3', 'rid_loop_4'],
        '/settings',
        'user_bob',
        t0 + 3000,
      );
    });

    // Seven requests stored; the list shows three rows: the plain request and one row per chain.
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id')))).toEqual([
      'rid_loop_1',
      'rid_handshake',
      'req_before',
    ]);
    const chainRow = row(page, 'rid_handshake');
    expect(await chainRow.getAttribute('data-chain-steps')).toBe('3');
    expect(await chainRow.getAttribute('data-loop')).toBeNull();
    expect(await chainRow.locator('.col-decision').textContent()).toBe('handshake → signed in');
    const loopRow = row(page, 'rid_loop_1');
    expect(await loopRow.getAttribute('data-loop')).toBe('handshake_loop');
    expect(await loopRow.locator('.col-decision').textContent()).toBe('handshake ×3 → signed outloop');
    expect(await row(page, 'req_before').getAttribute('data-chain-steps')).toBeNull();

    // The detail: the steps in order, with the reason the handshake was needed.
    await chainRow.click();
    const steps = page.locator('section[aria-label="Handshake round trip"]');
    await steps.waitFor();
    expect(await steps.locator('li').evaluateAll((els) => els.map((el) => el.getAttribute('data-step')))).toEqual([
      'handshake',
      'resolution',
      'request',
    ]);
    const stepTexts = await steps.locator('li').allTextContents();
    expect(stepTexts[0]).toContain('Handshake redirect');
    expect(stepTexts[0]).toContain('handshake (307)');
    expect(stepTexts[0]).toContain('rid_handshake');
    expect(stepTexts[1]).toContain('signed in (307)');
    expect(stepTexts[2]).toContain('Request it led to');
    expect(stepTexts[2]).toContain('rid_clean');
    expect(await steps.textContent()).toContain('Why: expired');
    expect(await steps.locator('.loop-warning').count()).toBe(0);
    // The detail is the round trip's first request: both of its middleware passes are in its waterfall.
    await expect.poll(() => page.locator('h2').textContent()).toBe('GET /dashboard');
    // Wide enough that the list's decision column and the detail are both in the picture.
    await page.setViewportSize({ width: 1920, height: 1000 });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-handshake-chain.png') });

    // The loop, opened by the keyboard: the warning says the loop counter stopped it.
    await page.keyboard.press('k');
    await expect.poll(() => page.locator('h2').textContent()).toBe('GET /settings');
    const loop = page.locator('section[aria-label="Handshake round trip"]');
    expect(await loop.locator('li').count()).toBe(7);
    expect(await loop.locator('.loop-warning').textContent()).toContain('loop counter stopped');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-handshake-loop.png') });
  });

  it('a step’s own link opens that request, and its round trip is shown with it', async () => {
    await page.goto(`${devtools.url}/requests/rid_clean`);
    await expect.poll(() => page.locator('h2').textContent()).toBe('GET /dashboard');
    const steps = page.locator('section[aria-label="Handshake round trip"] li');
    await expect.poll(() => steps.count()).toBe(3);
  });
});
