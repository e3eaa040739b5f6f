/**
 * The handshake round trip in the dashboard, in a real browser (Debian's Chromium through playwright-core), against
 * a devtools server started here and fed through the real OTLP/HTTP exporter. The round trip is a real one:
 * `clerkMiddleware()` in-process against the real local backend (an expired session token, the backend's handshake,
 * the nonce resolved through its Backend API, the clean URL), its spans exported as recorded. The list shows it as one
 * row, the detail its steps and reason. A loop stopped by the loop counter (spans shaped as the middleware records
 * them) is flagged.
 */
import { join } from 'node:path';
import { type RunningBackend, startBackend } from '@authlens/backend';
import { INSTRUMENTATION_SCOPE } from '@authlens/otel';
import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDevtools, startDevtools } from '../../src/index.js';
import { allowedPlan, emitRequest } from '../support/authlens-requests.js';
import { emitHandshakeLoop } from '../support/handshake-chain.js';
import { recordHandshakeChain } from '../support/record-handshake-chain.js';
import { ARTIFACTS_DIR, type Browser, launchChromium, requireBuiltUi } from './support/chromium.js';

const APP = 'http://localhost:3000';
let backend: RunningBackend;
let devtools: RunningDevtools;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  requireBuiltUi();
  devtools = await startDevtools({ port: 0 });
  backend = await startBackend({ inMemory: true, port: 0, rateLimit: 'off', seed: 'demo', allowedOrigins: [APP] });
  browser = await launchChromium();
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await devtools?.close();
  await backend?.close();
});

/** The request id the real round trip's redirect and resolution share, and the link to the request it led to. */
let rid = '';
let cleanHref = '';

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
      emitHandshakeLoop(
        tracer,
        ['rid_loop_1', 'rid_loop_2', 'rid_loop_3', 'rid_loop_4'],
        '/settings',
        'user_bob',
        t0 + 3000,
      );
    });
    const chain = await recordHandshakeChain(backend, APP, new OTLPTraceExporter({ url: `${devtools.url}/v1/traces` }));
    // The browser's way: 307 to the handshake, 307 back with the nonce, 307 to the clean URL, the page.
    expect(chain.statuses).toEqual([307, 307, 307, 200]);
    rid = chain.requestId;

    // Seven requests stored; the list shows three rows: the plain request and one row per chain.
    await expect.poll(() => page.locator('tbody tr.row[data-chain-steps="3"]').count()).toBe(1);
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(await rows(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id')))).toEqual([
      rid,
      'rid_loop_1',
      'req_before',
    ]);
    const chainRow = row(page, rid);
    expect(await chainRow.getAttribute('data-chain-steps')).toBe('3');
    expect(await chainRow.getAttribute('data-loop')).toBeNull();
    expect(await chainRow.locator('.col-decision').textContent()).toBe('handshake → signed in');
    const loopRow = row(page, 'rid_loop_1');
    expect(await loopRow.getAttribute('data-loop')).toBe('handshake_loop');
    expect(await loopRow.locator('.col-decision .badge.outcome').textContent()).toBe('handshake ×3 → signed out');
    expect(await loopRow.locator('.col-decision .badge.loop').textContent()).toBe('loop');
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
    expect(stepTexts[0]).toContain(rid.slice(0, 8));
    expect(await steps.locator('li a').first().getAttribute('title')).toBe(`Open request ${rid}`);
    expect(stepTexts[1]).toContain('Handshake resolved');
    expect(stepTexts[1]).toContain('signed in (307)');
    expect(stepTexts[1]).toContain(rid.slice(0, 8));
    expect(stepTexts[2]).toContain('Request it led to');
    expect(stepTexts[2]).toContain('signed in');
    expect(stepTexts[2]).not.toContain(rid.slice(0, 8));
    cleanHref = (await steps.locator('li[data-step="request"] a').getAttribute('href')) ?? '';
    expect(await steps.textContent()).toContain('Why: expired');
    expect(await steps.locator('.loop-warning').count()).toBe(0);
    // The detail is the round trip's first request: both of its middleware passes are in its waterfall.
    await expect.poll(() => page.locator('h2').textContent()).toBe('GET /dashboard');
    // Wide enough that the list's decision column and the detail are both in the picture.
    await page.setViewportSize({ width: 1920, height: 1000 });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-handshake-chain.png') });

    // The loop, opened by the keyboard: the warning says the loop counter stopped it.
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('h2').textContent()).toBe('GET /settings');
    const loop = page.locator('section[aria-label="Handshake round trip"]');
    expect(await loop.locator('li').count()).toBe(7);
    expect(await loop.locator('.loop-warning').textContent()).toContain('loop counter stopped');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-handshake-loop.png') });
  }, 30_000);

  it('a step’s own link opens that request, and its round trip is shown with it', async () => {
    expect(cleanHref).toMatch(/^\/requests\/[0-9a-f]{32}$/);
    await page.goto(`${devtools.url}${cleanHref}`);
    await expect.poll(() => page.locator('h2').textContent()).toBe('GET /dashboard');
    const steps = page.locator('section[aria-label="Handshake round trip"] li');
    await expect.poll(() => steps.count()).toBe(3);
  }, 30_000);
});
