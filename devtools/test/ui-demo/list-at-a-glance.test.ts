/**
 * The list answers the debugging questions at a glance (Devtools issue 15, items 1, 2, 3, 9 and the loop test),
 * against the example app under `next start` with the local backend and the devtools: real requests, real spans.
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
    logFile: join(ARTIFACTS_DIR, 'devtools-demo-logs/example-app.log'),
    env: {
      CLERK_SECRET_KEY: backend.secretKey,
      CLERK_PUBLISHABLE_KEY: backend.publishableKey,
      CLERK_API_URL: backend.url,
      CLERK_JWT_KEY: backend.jwtKey,
      NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${backend.url}/sign-in`,
      NEXT_PUBLIC_CLERK_SIGN_UP_URL: `${backend.url}/sign-up`,
      OTEL_EXPORTER_OTLP_ENDPOINT: devtools.url,
      OTEL_SERVICE_NAME: 'authlens-example-demo',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      AUTHLENS_DEVTOOLS_URL: devtools.url,
    },
  });
  browser = await launchChromium();
  dashboard = await browser.context.newPage();
  await dashboard.goto(devtools.url);
  await dashboard.locator('[data-status="live"]').waitFor();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await devtools?.close();
  await backend?.close();
});

describe('the list at a glance, in a browser', () => {
  it('flags a page that redirects to itself as a loop within one second of its third visit (item 1)', async () => {
    // The dashboard notes when it first shows the loop (in its own clock; the same machine as the app's).
    await dashboard.evaluate(() => {
      const w = window as unknown as { loopSeenAt?: number };
      const timer = setInterval(() => {
        const rows = document.querySelectorAll('tbody tr.row[data-loop="revisits"] .col-path');
        if ([...rows].some((cell) => cell.textContent === '/loop')) {
          w.loopSeenAt = Date.now();
          clearInterval(timer);
        }
      }, 10);
    });
    const page = await browser.context.newPage();
    // Signed out, /loop's auth.protect() sends the browser to /loop: Chromium goes round until it gives up.
    await page.goto(`${app.url}/loop`).catch(() => undefined);
    const loopRow = dashboard.locator('tbody tr.row[data-loop="revisits"]').filter({
      has: dashboard.locator('.col-path', { hasText: /^\/loop$/ }),
    });
    await loopRow.first().waitFor({ timeout: 20_000 });
    const seenAt = await dashboard.evaluate(() => (window as unknown as { loopSeenAt?: number }).loopSeenAt ?? 0);
    const response = await fetch(`${devtools.url}/api/requests?path=/loop&limit=100`);
    const { items } = (await response.json()) as {
      items: { decision: { startTimeMs: number; statusCode: number | null; path: string } }[];
    };
    const visits = items
      .map((item) => item.decision)
      .filter((d) => d.path === '/loop' && d.statusCode === 307)
      .map((d) => d.startTimeMs)
      .sort((a, b) => a - b);
    expect(visits.length).toBeGreaterThanOrEqual(3);
    // Flagged within one second of the third visit (the exporter batches every 100 ms, the list every 50 ms).
    expect(seenAt - visits[2]!).toBeLessThanOrEqual(1_000);
    expect(await loopRow.first().locator('.col-decision').textContent()).toMatch(/redirect|handshake/);
    expect(await loopRow.first().locator('.badge.loop').textContent()).toBe('loop');
    await dashboard.check('input[name="loop"]');
    expect(new URL(dashboard.url()).searchParams.get('loop')).toBe('1');
    await expect.poll(() => dashboard.locator('tbody tr.row').count()).toBeGreaterThanOrEqual(1);
    expect(await dashboard.locator('tbody tr.row:not([data-loop])').count()).toBe(0);
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-loop.png') });
    await dashboard.uncheck('input[name="loop"]');
    await page.close();
  }, 120_000);

  it('shows where a redirect sent the browser and that the middleware ran (items 1, 3, 4)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${app.url}/protected`);
    expect(page.url().startsWith(`${backend.url}/sign-in?`)).toBe(true);
    await dashboard.fill('input[name="q"]', '/sign-in');
    const row = dashboard.locator('tbody tr.row').first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const target = dashboard.locator('.detail [data-fact="Redirected to"]');
    await expect
      .poll(() => target.textContent(), { timeout: 20_000 })
      .toContain(`${backend.url}/sign-in?redirect_url=`);
    expect(await dashboard.locator('.detail [data-fact="Middleware ran"]').textContent()).toMatch(/^yes/);
    expect(await dashboard.locator('.detail [data-fact="Kind because"]').textContent()).toBe(
      'sec-fetch-dest: document',
    );
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-redirect-target.png') });
    await dashboard.keyboard.press('Escape');
    await dashboard.fill('input[name="q"]', '');
    await page.close();
  }, 60_000);

  it('marks a request outside the middleware with its error code, filters and finds it (items 2, 3)', async () => {
    const response = await fetch(`${app.url}/outside-middleware.csv`);
    expect(response.status).toBe(500);
    await dashboard.check('input[name="errors"]');
    expect(new URL(dashboard.url()).searchParams.get('errors')).toBe('1');
    const row = dashboard.locator('tbody tr.row[data-errors]').filter({
      has: dashboard.locator('.col-reason', { hasText: 'ERR_AUTH_MIDDLEWARE_MISSING' }),
    });
    await row.first().waitFor({ timeout: 20_000 });
    expect(await row.first().locator('.badge.error-marker').textContent()).toBe('error');
    await row.first().click();
    await expect
      .poll(() => dashboard.locator('.detail [data-fact="Middleware ran"]').textContent(), { timeout: 20_000 })
      .toMatch(/^no/);
    expect(await dashboard.locator('.detail .errors').textContent()).toContain('ERR_AUTH_MIDDLEWARE_MISSING');
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-errors.png') });
    await dashboard.keyboard.press('Escape');
    await dashboard.uncheck('input[name="errors"]');
  }, 60_000);

  it('shows the username beside the id and finds the user by username (item 9)', async () => {
    const page = await browser.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${app.url}/protected`);
    await page.click('button[data-username="alice"]');
    await page.waitForURL(`${app.url}/protected`);
    await page.goto(`${app.url}/user`);
    expect(await page.textContent('main')).toContain('Username: alice');
    await dashboard.fill('input[name="q"]', 'alice');
    const row = dashboard.locator('tbody tr.row').filter({
      has: dashboard.locator('.col-path', { hasText: /^\/user$/ }),
    });
    await row.first().waitFor({ timeout: 20_000 });
    expect(await row.first().locator('.col-user').textContent()).toMatch(/^user_\w+ \(alice\)$/);
    expect(new URL(dashboard.url()).searchParams.get('q')).toBe('alice');
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-user-name.png') });
    await dashboard.fill('input[name="q"]', '');
    await page.close();
  }, 60_000);
});
