/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core), against a devtools server started
 * here and fed through the real OTLP/HTTP exporter: requests appear live over SSE with their outcomes, filters
 * narrow the list, the detail view explains the decision, deep links and the keyboard work, and the list stays
 * virtualized.
 */
import { join } from 'node:path';
import { INSTRUMENTATION_SCOPE } from '@authlens/otel';
import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { allowedPlan, deniedPlan, emitRequest, pendingPlan, signedOutPlan } from '../support/authlens-requests.js';
import { ARTIFACTS_DIR, dashboardForTheseTests } from './support/chromium.js';

const ui = dashboardForTheseTests();
const traceIds: Record<string, string> = {};

/** The request rows the list has in the DOM (the header row excluded). */
const rows = (p: Page) => p.locator('tbody tr.row');
const row = (p: Page, id: string) => p.locator(`tbody tr.row[data-id="${id}"]`);

/** Emits requests as the SDK would and exports them through the real OTLP/HTTP (JSON) exporter, in batches. */
async function exportRequests(emit: (tracer: Tracer) => void): Promise<void> {
  const exporter = new OTLPTraceExporter({ url: `${ui.devtools.url}/v1/traces` });
  // Room for every span of the bulk test: the default queue (2048) would drop most of them.
  const processor = new BatchSpanProcessor(exporter, {
    maxQueueSize: 20_000,
    maxExportBatchSize: 2000,
    scheduledDelayMillis: 20,
  });
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  emit(provider.getTracer(INSTRUMENTATION_SCOPE, '0.0.0-test'));
  await provider.forceFlush();
  await provider.shutdown();
}

describe('the dashboard', () => {
  it('shows requests live as their spans arrive, with the right outcomes', async () => {
    await ui.page.goto(ui.devtools.url);
    await ui.page.locator('[data-status="live"]').waitFor();
    await expect.poll(() => ui.page.locator('.empty').textContent()).toContain('No requests yet');

    // Exported after the page loaded: only the event stream can bring them.
    const t0 = Date.now() - 5000;
    await exportRequests((tracer) => {
      traceIds.allowed = emitRequest(tracer, allowedPlan('req_allowed'), t0);
      traceIds.denied = emitRequest(tracer, deniedPlan('req_denied'), t0 + 1000);
      traceIds.signedOut = emitRequest(tracer, signedOutPlan('req_signed_out'), t0 + 2000);
      traceIds.pending = emitRequest(tracer, pendingPlan('req_pending'), t0 + 3000);
    });

    await expect.poll(() => rows(ui.page).count()).toBe(4);
    // Newest first.
    expect(await rows(ui.page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id')))).toEqual([
      'req_pending',
      'req_signed_out',
      'req_denied',
      'req_allowed',
    ]);
    const outcome = (id: string) => row(ui.page, id).getAttribute('data-outcome');
    expect(await outcome('req_allowed')).toBe('allowed');
    expect(await outcome('req_denied')).toBe('not_found');
    expect(await outcome('req_signed_out')).toBe('redirect_sign_in');
    expect(await outcome('req_pending')).toBe('signed_in');
    expect(await row(ui.page, 'req_denied').locator('.col-decision').textContent()).toBe('not found (404)');
    expect(await row(ui.page, 'req_denied').locator('.col-protect').textContent()).toBe('org:admin → not found');
    expect(await row(ui.page, 'req_denied').locator('.col-user').textContent()).toBe('user_member');
    expect(await row(ui.page, 'req_allowed').locator('.col-backend').textContent()).toBe('1 (97 left)');
    expect(await row(ui.page, 'req_pending').locator('.col-session').textContent()).toBe('pending');
    expect(await row(ui.page, 'req_signed_out').locator('.col-path').textContent()).toBe('/dashboard');

    // The charts drew the requests and the Backend API budget.
    expect(await ui.page.locator('[data-chart="outcomes"] rect.bar').count()).toBeGreaterThan(0);
    await expect
      .poll(() => ui.page.locator('[data-chart="rate-limit"] path.budget, [data-chart="rate-limit"] circle').count())
      .toBeGreaterThan(0);

    await ui.page.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-dashboard-list.png') });
  }, 60_000);

  it('filters by outcome, user and free text, and keeps the filters in the URL', async () => {
    await ui.page.selectOption('select[name="outcome"]', 'not_found');
    await expect
      .poll(() => rows(ui.page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id'))))
      .toEqual(['req_denied']);
    expect(new URL(ui.page.url()).searchParams.get('outcome')).toBe('not_found');
    expect(await ui.page.locator('.count').textContent()).toBe('1 of 4 requests');

    await ui.page.selectOption('select[name="outcome"]', '');
    await ui.page.fill('input[name="q"]', 'user_pending');
    await expect
      .poll(() => rows(ui.page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id'))))
      .toEqual(['req_pending']);

    // A filtered view can be linked to.
    await ui.page.goto(`${ui.devtools.url}/?kind=document&path=dash`);
    await expect
      .poll(() => rows(ui.page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id'))))
      .toEqual(['req_signed_out', 'req_allowed']);
    await ui.page.goto(`${ui.devtools.url}/?path=admin`);
    await expect
      .poll(() => rows(ui.page).evaluateAll((els) => els.map((el) => el.getAttribute('data-id'))))
      .toEqual(['req_denied']);
    await ui.page.fill('input[name="path"]', 'nothing-like-this');
    await expect.poll(() => ui.page.locator('.empty').textContent()).toBe('No requests match the filters.');
    await ui.page.click('button:has-text("Clear")');
    await expect.poll(() => rows(ui.page).count()).toBe(4);
    expect(new URL(ui.page.url()).search).toBe('');
  }, 60_000);

  it('is keyboard navigable and opens a detail view that explains the decision', async () => {
    await ui.page.goto(ui.devtools.url);
    await expect.poll(() => rows(ui.page).count()).toBe(4);

    // `/` focuses the search; Esc leaves it.
    await ui.page.keyboard.press('/');
    expect(await ui.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');
    await ui.page.keyboard.press('Escape');

    // j/k and the arrows move the selection (newest first: pending, signed out, denied, allowed).
    await ui.page.keyboard.press('j');
    await ui.page.keyboard.press('j');
    await ui.page.keyboard.press('ArrowDown');
    await ui.page.keyboard.press('k');
    expect(await ui.page.locator('tbody tr.row.selected').getAttribute('data-id')).toBe('req_signed_out');
    await ui.page.keyboard.press('ArrowDown');
    expect(await ui.page.locator('tbody tr.row.selected').getAttribute('data-id')).toBe('req_denied');

    await ui.page.keyboard.press('Enter');
    await ui.page.locator('.detail .explanation li').first().waitFor();
    expect(new URL(ui.page.url()).pathname).toBe(`/requests/${traceIds.denied}`);
    const explanation = await ui.page.locator('.detail .explanation li').allTextContents();
    expect(explanation).toContain('role org:admin required, user has org:member → 404');
    expect(await ui.page.locator('.detail .verdict').textContent()).toBe('not found (404)');
    const spanNames = await ui.page.locator('.detail .waterfall .span-name').allTextContents();
    expect(spanNames).toEqual(expect.arrayContaining(['GET /admin', 'authlens.middleware', 'authlens.protect']));
    await ui.page.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-dashboard-detail-denied.png') });

    // In the detail view, j/k move to the next request's detail.
    await ui.page.keyboard.press('j');
    await expect.poll(() => new URL(ui.page.url()).pathname).toBe(`/requests/${traceIds.allowed}`);
    await expect
      .poll(() => ui.page.locator('.detail .calls tbody tr').first().textContent())
      .toContain('GET /v1/users/{user_id}');
    expect(await ui.page.locator('.detail .calls tbody tr').first().textContent()).toContain('97 / 100');
    expect(await ui.page.locator('.detail .explanation').textContent()).toContain(
      'currentUser() called the Backend API (dedupe miss)',
    );
    await ui.page.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-dashboard-detail.png') });

    await ui.page.keyboard.press('Escape');
    await expect.poll(() => ui.page.locator('.detail').count()).toBe(0);
    expect(new URL(ui.page.url()).pathname).toBe('/');

    // A click opens a row's detail beside the list; a click on another row switches to it.
    await ui.page.locator('tbody tr.row[data-id="req_denied"]').click();
    await expect.poll(() => new URL(ui.page.url()).pathname).toBe(`/requests/${traceIds.denied}`);
    await expect.poll(() => ui.page.locator('.detail .verdict').textContent()).toBe('not found (404)');
    await ui.page.locator('tbody tr.row[data-id="req_signed_out"]').click();
    await expect.poll(() => new URL(ui.page.url()).pathname).toBe(`/requests/${traceIds.signedOut}`);
    expect(await ui.page.locator('tbody tr.row.selected').getAttribute('data-id')).toBe('req_signed_out');
    await ui.page.keyboard.press('Escape');
    await expect.poll(() => ui.page.locator('.detail').count()).toBe(0);
  }, 60_000);

  it('opens a deep link by trace id, and one that arrives later fills in', async () => {
    await ui.page.goto(`${ui.devtools.url}/requests/${traceIds.pending}`);
    await expect
      .poll(() => ui.page.locator('.detail .explanation').textContent())
      .toContain('pending session treated as signed in (default)');

    // A link opened before the request's spans arrive waits for them.
    const t0 = Date.now();
    let lateTrace = '';
    await ui.page.goto(`${ui.devtools.url}/requests/req_late`);
    await expect.poll(() => ui.page.locator('.detail').textContent()).toContain('No stored request has the id');
    await exportRequests((tracer) => {
      lateTrace = emitRequest(tracer, signedOutPlan('req_late', '/late'), t0);
    });
    await expect
      .poll(() => ui.page.locator('.detail .explanation').textContent())
      .toContain('no session cookie or Bearer token → signed out');
    expect(lateTrace).toMatch(/^[0-9a-f]{32}$/);
  }, 60_000);

  it('keeps only the rows in view in the DOM with thousands of requests', async () => {
    const t0 = Date.now() - 600_000;
    await exportRequests((tracer) => {
      for (let i = 0; i < 1500; i++) emitRequest(tracer, deniedPlan(`req_bulk_${i}`, `/bulk/${i}`), t0 + i);
    });
    await ui.page.goto(ui.devtools.url);
    await expect.poll(() => ui.page.locator('.count').textContent(), { timeout: 20_000 }).toBe('1505 requests');
    const rendered = await rows(ui.page).count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(80);

    // Scrolled to the end, the oldest request is there, and still only a window of rows.
    await ui.page.locator('.list').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await row(ui.page, 'req_bulk_0').waitFor();
    expect(await rows(ui.page).count()).toBeLessThan(80);
  }, 90_000);
});
