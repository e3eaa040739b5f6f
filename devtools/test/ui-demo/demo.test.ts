/**
 * The demo, end to end in a real browser: the local backend (demo seed), the devtools, and the example app under
 * `next start` exporting its telemetry over OTLP/HTTP to the devtools — as `npm run demo` wires them. Signed out,
 * then signed in as an allowed user, a denied user and a pending user, each request appears live in the dashboard
 * with its outcome; the list filters; the detail view explains; the in-app badge shows the page's decision and
 * links to it.
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
const users: Record<string, string> = {};

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

const rowsOf = (outcome: string, path: string) =>
  dashboard.locator(`tbody tr.row[data-outcome="${outcome}"]`).filter({
    has: dashboard.locator('.col-path', { hasText: new RegExp(`^${path.replaceAll('/', '\\/')}$`) }),
  });

/** Signs in on the backend's dev sign-in page (reached from a protected page) and returns the user id shown. */
async function signInAs(page: Page, username: string): Promise<string> {
  await page.context().clearCookies();
  await page.goto(`${app.url}/protected`);
  expect(page.url().startsWith(`${backend.url}/sign-in?`)).toBe(true);
  await page.click(`button[data-username="${username}"]`);
  await page.waitForURL(`${app.url}/protected`);
  const userId = /Welcome (user_\w+)/.exec((await page.textContent('main')) ?? '')?.[1];
  expect(userId).toBeDefined();
  return userId!;
}

describe('npm run demo, in a browser', () => {
  it('shows each visit live in the dashboard with its outcome: signed out, allowed, denied, pending', async () => {
    const page = await browser.context.newPage();
    // Signed out: /protected sends the browser to sign in (a redirect decision) — the first step of every sign-in.
    users.alice = await signInAs(page, 'alice');
    await page.goto(`${app.url}/protected/admin`);
    expect(await page.textContent('main')).toContain(`Admin Panel for ${users.alice}`);
    // currentUser() calls the Backend API: its rate-limit budget reaches the dashboard.
    await page.goto(`${app.url}/user`);
    expect(await page.textContent('main')).toContain('Username: alice');

    users.bob = await signInAs(page, 'bob');
    const denied = await page.goto(`${app.url}/protected/admin`);
    expect(denied?.status()).toBe(404);

    users.paula = await signInAs(page, 'paula');
    await page.close();

    // The dashboard was open all along: the requests arrived over its event stream.
    await expect.poll(() => rowsOf('redirect_sign_in', '/protected').count(), { timeout: 20_000 }).toBe(3);
    // A fresh browser has no dev browser: each visit is a handshake round trip (redirect, resolution, the clean URL
    // sent to sign in), one row each.
    await expect
      .poll(() =>
        rowsOf('redirect_sign_in', '/protected').evaluateAll((els) =>
          els.map((el) => el.getAttribute('data-chain-steps')),
        ),
      )
      .toEqual(['3', '3', '3']);
    await expect.poll(() => rowsOf('allowed', '/protected/admin').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => rowsOf('not_found', '/protected/admin').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => rowsOf('allowed', '/protected').count(), { timeout: 20_000 }).toBe(3);
    expect(await rowsOf('allowed', '/protected/admin').locator('.col-user').textContent()).toBe(users.alice);
    expect(await rowsOf('not_found', '/protected/admin').locator('.col-user').textContent()).toBe(users.bob);
    const pending = dashboard.locator('tbody tr.row', {
      has: dashboard.locator('.col-user', { hasText: users.paula }),
    });
    expect(await pending.locator('.col-session').textContent()).toBe('pending');
    expect(await pending.getAttribute('data-outcome')).toBe('allowed');
    const userPage = rowsOf('signed_in', '/user');
    await expect.poll(() => userPage.count(), { timeout: 20_000 }).toBe(1);
    expect(await userPage.locator('.col-backend').textContent()).toMatch(/^1 \(\d+ left\)$/);
    await expect
      .poll(() => dashboard.locator('[data-chart="rate-limit"] path.budget, [data-chart="rate-limit"] circle').count())
      .toBeGreaterThan(0);
    expect(
      await dashboard.locator('tbody tr.row[data-outcome="redirect_sign_in"] .col-user').first().textContent(),
    ).toBe('—');
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-demo-list.png') });
  }, 120_000);

  it('filters to the denied request and explains it', async () => {
    await dashboard.selectOption('select[name="outcome"]', 'not_found');
    await expect.poll(() => dashboard.locator('tbody tr.row').count()).toBe(1);
    await dashboard.locator('tbody tr.row').click();
    await expect
      .poll(() => dashboard.locator('.detail .explanation').textContent())
      .toContain('role org:admin required, user has org:member → 404');
    expect(await dashboard.locator('.detail .explanation').textContent()).toContain(`signed in as ${users.bob}`);
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-demo-detail.png') });
    await dashboard.keyboard.press('Escape');
  }, 60_000);

  it("shows the page's decision in the in-app badge, linking to it in the dashboard", async () => {
    const page = await browser.context.newPage();
    await signInAs(page, 'alice');
    await page.goto(`${app.url}/protected/admin`);
    const badge = page.locator('[data-authlens-panel="found"]');
    await badge.waitFor({ timeout: 20_000 });
    expect(await badge.getAttribute('data-outcome')).toBe('allowed');
    expect(await badge.textContent()).toContain('allowed');
    const href = (await badge.getAttribute('href'))!;
    expect(href.startsWith(`${devtools.url}/requests/`)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-demo-badge.png') });

    await page.goto(href);
    await expect
      .poll(() => page.locator('.detail .explanation').textContent())
      .toContain(`signed in as ${users.alice}`);
    expect(await page.locator('.detail h2').textContent()).toBe('GET /protected/admin');
    await page.close();
  }, 60_000);
});
