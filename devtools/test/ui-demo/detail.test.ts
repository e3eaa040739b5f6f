/**
 * The detail view and the charts in a real browser against the demo: the local backend, the devtools and the example
 * app under `next start` exporting over OTLP (real requests, real spans). Token timing, the openable span waterfall,
 * the budget chart after a burst that exhausts a limit of 8, `joined` currentUser() calls, the dark theme and the
 * badge of a pending session. Screenshots go to test-artifacts/.
 */
import { join } from 'node:path';
import { type RunningBackend, startBackend } from '@authlens/backend';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureExampleBuilt,
  freePort,
  type NextServer,
  startNextServer,
} from '../../../examples/nextjs-app/test-support/next-app.js';
import { type RunningDevtools, startDevtools } from '../../src/index.js';
import { ARTIFACTS_DIR, type Browser, launchChromium, requireBuiltUi } from '../ui/support/chromium.js';

let backend: RunningBackend;
let devtools: RunningDevtools;
let app: NextServer;
let browser: Browser;
let alice: Page;
let dashboard: Page;

beforeAll(async () => {
  requireBuiltUi();
  ensureExampleBuilt();
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  backend = await startBackend({ port: 0, inMemory: true, seed: 'demo', allowedOrigins: [appUrl] });
  devtools = await startDevtools({ port: 0 });
  app = await startNextServer({
    port,
    logFile: join(ARTIFACTS_DIR, 'devtools-detail-logs/example-app.log'),
    env: {
      CLERK_SECRET_KEY: backend.secretKey,
      CLERK_PUBLISHABLE_KEY: backend.publishableKey,
      CLERK_API_URL: backend.url,
      CLERK_JWT_KEY: backend.jwtKey,
      NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${backend.url}/sign-in`,
      NEXT_PUBLIC_CLERK_SIGN_UP_URL: `${backend.url}/sign-up`,
      OTEL_EXPORTER_OTLP_ENDPOINT: devtools.url,
      OTEL_SERVICE_NAME: 'authlens-example-detail',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      AUTHLENS_DEVTOOLS_URL: devtools.url,
    },
  });
  browser = await launchChromium();
  alice = await browser.context.newPage();
  await signInAs(alice, 'alice');
  dashboard = await browser.context.newPage();
  await dashboard.setViewportSize({ width: 1200, height: 900 });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await devtools?.close();
  await backend?.close();
});

async function signInAs(page: Page, username: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${app.url}/protected`);
  await page.click(`button[data-username="${username}"]`);
  await page.waitForURL(`${app.url}/protected`);
}

/** Opens the newest request to `path` in the dashboard's detail view. */
async function openNewest(path: string): Promise<void> {
  await dashboard.goto(`${devtools.url}/?path=${encodeURIComponent(path)}`);
  const row = dashboard.locator('tbody tr.row').filter({
    has: dashboard.locator('.col-path', { hasText: new RegExp(`^${path.replaceAll('/', '\\/')}$`) }),
  });
  await row.first().waitFor({ timeout: 20_000 });
  await row.first().click();
  await dashboard.locator('.detail .detail-body').waitFor();
}

describe('the detail view answers at a glance', () => {
  it('a concurrent currentUser() that waited for the other is joined, listed after it', async () => {
    const answer = await alice.goto(`${app.url}/api/user/dedupe`);
    expect(answer?.status()).toBe(200);
    await openNewest('/api/user/dedupe');
    const calls = dashboard.locator('.detail .current-user-calls li');
    await expect
      .poll(() => calls.evaluateAll((els) => els.map((el) => el.getAttribute('data-dedupe'))), { timeout: 20_000 })
      .toEqual(['miss', 'joined', 'hit', 'hit']);
    expect(await calls.nth(1).textContent()).toContain('joined');
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-detail-joined.png'), fullPage: true });
  }, 60_000);

  it('the token timing of the verified session token against the server clock', async () => {
    const timing = dashboard.locator('.detail .token-timing dl').first();
    await timing.waitFor();
    expect(await timing.getAttribute('data-verification')).toBe('valid');
    // A session token lives 60 s: exp lies ahead of the server clock, iat before (or at) it.
    expect(await timing.locator('[data-claim="exp"]').textContent()).toMatch(/\(now \+\d+ s\)$/);
    expect(await timing.locator('[data-claim="iat"]').textContent()).toMatch(/\(now [−±]\d+ s\)$/);
    expect(await timing.locator('[data-claim="skew"]').textContent()).toBe('5 s');
    expect(await timing.locator('[data-claim="cache"]').textContent()).toMatch(/CLERK_JWT_KEY|verified-token cache/);
    expect(await timing.textContent()).toContain('session token from cookie');
    await timing.scrollIntoViewIfNeeded();
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-detail-token-timing.png') });
  }, 30_000);

  it('a span of the waterfall opens its attributes; children sit within their parent', async () => {
    const rows = dashboard.locator('.detail .waterfall > li');
    const names = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-span-name')));
    expect(names).toContain('authlens.current_user');
    const backend = rows.filter({ has: dashboard.locator('.span-name', { hasText: 'authlens.backend.request' }) });
    await backend.first().locator('.span-row').click();
    const attributes = backend.first().locator('.span-attributes');
    await attributes.waitFor();
    expect(await attributes.textContent()).toContain('url.template');
    expect(await attributes.textContent()).toContain('/v1/users/{user_id}');
    // The Backend API call is a child of the currentUser() that made it: its bar lies within the parent's.
    const bars = await dashboard.locator('.detail .waterfall .span-bar').evaluateAll((els) =>
      els.map((el) => {
        const box = el.getBoundingClientRect();
        return { left: box.left, right: box.right };
      }),
    );
    const index = names.indexOf('authlens.backend.request');
    const parent = names.lastIndexOf('authlens.current_user', index);
    expect(parent).toBeGreaterThanOrEqual(0);
    expect(bars[index]!.left).toBeGreaterThanOrEqual(bars[parent]!.left - 0.5);
    expect(bars[index]!.right).toBeLessThanOrEqual(bars[parent]!.right + 0.5);
    await attributes.scrollIntoViewIfNeeded();
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-detail-span-attributes.png') });
  }, 30_000);

  it('a burst that exhausts a limit of 8 shows the drop to 0, with its 429s', async () => {
    const set = await fetch(`${backend.url}/__admin/rate-limit`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${backend.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 8, windowSeconds: 30 }),
    });
    expect(set.ok).toBe(true);
    // One request after another: each currentUser() is its own Backend API call (nothing in flight to join).
    const statuses = await alice.evaluate(async () => {
      const seen: number[] = [];
      for (let i = 0; i < 11; i++) seen.push((await fetch('/api/user', { cache: 'no-store' })).status);
      return seen;
    });
    expect(statuses.slice(0, 7).every((status) => status === 200)).toBe(true);
    await dashboard.goto(devtools.url);
    const chart = dashboard.locator('[data-chart="rate-limit"] g[data-limit="8"]');
    await expect
      .poll(() => chart.locator('circle.budget-lowest[data-lowest="0"]').count(), { timeout: 20_000 })
      .toBe(1);
    expect(await chart.locator('line.budget-429').count()).toBeGreaterThan(0);
    expect(await dashboard.locator('figcaption .legend[data-limit="8"]').textContent()).toContain('lowest 0');
    // No label of either chart covers a bar or a 429 mark.
    const overlaps = await dashboard.evaluate(() => {
      const boxes = (selector: string) =>
        [...document.querySelectorAll(selector)].map((el) => el.getBoundingClientRect());
      const marks = boxes('[data-chart="outcomes"] rect.bar, [data-chart="rate-limit"] line.budget-429');
      const labels = boxes('.charts svg text');
      const meet = (a: DOMRect, b: DOMRect) =>
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      return {
        labels: labels.length,
        marks: marks.length,
        overlaps: labels.filter((l) => marks.some((m) => meet(l, m))).length,
      };
    });
    expect(overlaps.labels).toBeGreaterThan(0);
    expect(overlaps.marks).toBeGreaterThan(0);
    expect(overlaps.overlaps).toBe(0);
    await dashboard.locator('.charts').screenshot({ path: join(ARTIFACTS_DIR, 'devtools-detail-budget.png') });

    // The 429s are in the list too: an error marker, the error code as the reason, the "has errors" filter.
    const refused = statuses.filter((status) => status !== 200).length;
    expect(refused).toBeGreaterThan(0);
    await dashboard.goto(`${devtools.url}/?errors=1&path=/api/user`);
    const rateLimited = dashboard.locator('tbody tr.row[data-errors]').filter({
      has: dashboard.locator('.col-reason', { hasText: /ERR_BACKEND_API_RATE_LIMITED|HTTP 429/ }),
    });
    await expect.poll(() => rateLimited.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(await rateLimited.first().locator('.badge.error-marker').textContent()).toBe('error');
    expect(await dashboard.locator('tbody tr.row:not([data-errors])').count()).toBe(0);
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-detail-429-in-list.png') });
    // The HTTP API filters the same way: the same requests.
    const response = await fetch(`${devtools.url}/api/requests?hasErrors=1&path=/api/user&limit=100`);
    const listed = (await response.json()) as { items: { id: string }[] };
    const shownIds = await dashboard
      .locator('tbody tr.row')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
    expect(listed.items.map((item) => item.id).sort()).toEqual(shownIds.sort());
    await fetch(`${backend.url}/__admin/rate-limit`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${backend.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ off: true }),
    });
  }, 90_000);

  it('dark theme follows the system, the toggle overrides it; the Backend API table wraps', async () => {
    const background = () => dashboard.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await dashboard.emulateMedia({ colorScheme: 'light' });
    await dashboard.goto(devtools.url);
    expect(await background()).toBe('rgb(255, 255, 255)');
    await dashboard.emulateMedia({ colorScheme: 'dark' });
    expect(await background()).toBe('rgb(16, 20, 24)');
    await openNewest('/api/user');
    const detail = dashboard.locator('.detail');
    const overflow = await detail.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-detail-dark.png') });
    const toggle = dashboard.locator('.theme-toggle');
    await toggle.click(); // system → dark
    await toggle.click(); // dark → light, whatever the system says
    expect(await toggle.getAttribute('data-theme-choice')).toBe('light');
    expect(await background()).toBe('rgb(255, 255, 255)');
    await dashboard.reload();
    expect(await background()).toBe('rgb(255, 255, 255)');
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-detail-light-override.png') });
    await dashboard.locator('.theme-toggle').click(); // light → system
  }, 60_000);

  it('the in-app badge says when the session is pending', async () => {
    const paula = await browser.context.newPage();
    await signInAs(paula, 'paula');
    const badge = paula.locator('[data-authlens-panel="found"]');
    await badge.waitFor({ timeout: 20_000 });
    expect(await badge.getAttribute('data-session-status')).toBe('pending');
    expect(await badge.textContent()).toContain('session pending');
    await paula.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-detail-badge-pending.png') });
    await signInAs(paula, 'alice');
    await paula.locator('[data-authlens-panel="found"]').waitFor({ timeout: 20_000 });
    expect(await paula.locator('[data-authlens-panel="found"]').textContent()).not.toContain('session pending');
    await paula.close();
  }, 60_000);
});
