/**
 * The list answers the debugging questions at a glance — where a redirect went (the middleware's and a page's own
 * redirectToSignIn()), loops, errors, whether the middleware ran, why a request has its kind (server action, App
 * Router navigation), usernames, expired sessions, and a layout that keeps the decision in view — against the
 * example app under `next start` with the local backend and the devtools: real requests, real spans.
 */
import { join } from 'node:path';
import { type RunningBackend, startBackend } from '@authlens/backend';
import type { Locator, Page } from 'playwright-core';
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
/** Added to the backend's clock: a negative offset makes it mint tokens that are already expired. */
let backendClockOffsetMs = 0;

beforeAll(async () => {
  requireBuiltUi();
  ensureExampleBuilt();
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  backend = await startBackend({
    port: 0,
    inMemory: true,
    seed: 'demo',
    allowedOrigins: [appUrl],
    now: () => Date.now() + backendClockOffsetMs,
  });
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

interface ListedDecision {
  traceId: string;
  path: string | null;
  outcome: string | null;
  requestKind: string | null;
  requestKindSignal: string | null;
  serverActionId: string | null;
  userId: string | null;
  sessionId: string | null;
  redirectTarget: string | null;
}

/** The newest stored decision for `path` that `matches`, once the devtools have it. */
async function waitForDecision(path: string, matches: (d: ListedDecision) => boolean): Promise<ListedDecision> {
  let found: ListedDecision | undefined;
  await expect
    .poll(
      async () => {
        const response = await fetch(`${devtools.url}/api/requests?path=${encodeURIComponent(path)}&limit=100`);
        const { items } = (await response.json()) as { items: { decision: ListedDecision }[] };
        found = items.map((item) => item.decision).find((d) => d.path === path && matches(d));
        return found !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

/** Asserts that `inner` lies wholly inside `outer` on screen (nothing of it cut off by the outer box). */
async function expectWithin(inner: Locator, outer: Locator): Promise<void> {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  expect(a, 'inner box').not.toBeNull();
  expect(b, 'outer box').not.toBeNull();
  expect(a!.x).toBeGreaterThanOrEqual(b!.x - 0.5);
  expect(a!.y).toBeGreaterThanOrEqual(b!.y - 0.5);
  expect(a!.x + a!.width).toBeLessThanOrEqual(b!.x + b!.width + 0.5);
  expect(a!.y + a!.height).toBeLessThanOrEqual(b!.y + b!.height + 0.5);
}

async function signInAs(page: Page, username: string): Promise<string> {
  await page.context().clearCookies();
  await page.goto(`${app.url}/protected`);
  await page.click(`button[data-username="${username}"]`);
  await page.waitForURL(`${app.url}/protected`);
  const userId = /Welcome (user_\w+)/.exec((await page.textContent('main')) ?? '')?.[1];
  expect(userId).toBeDefined();
  return userId!;
}

describe('the list at a glance, in a browser', () => {
  it('flags a page that redirects to itself as a loop within one second of its third visit, badge uncut', async () => {
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
    await expectWithin(loopRow.first().locator('.badge.loop'), loopRow.first().locator('.col-decision'));
    await dashboard.check('input[name="loop"]');
    expect(new URL(dashboard.url()).searchParams.get('loop')).toBe('1');
    await expect.poll(() => dashboard.locator('tbody tr.row').count()).toBeGreaterThanOrEqual(1);
    expect(await dashboard.locator('tbody tr.row:not([data-loop])').count()).toBe(0);
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-loop.png') });
    await dashboard.uncheck('input[name="loop"]');
    await page.close();
  }, 120_000);

  it('shows where a redirect sent the browser, that the middleware ran and the header that made the kind', async () => {
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
      'sec-fetch-dest: document — the browser loading a page',
    );
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-redirect-target.png') });
    await dashboard.keyboard.press('Escape');
    await dashboard.fill('input[name="q"]', '');
    await page.close();
  }, 60_000);

  it('marks a request outside the middleware with its error code, path and method; filters and finds it', async () => {
    const response = await fetch(`${app.url}/outside-middleware.csv`);
    expect(response.status).toBe(500);
    await dashboard.check('input[name="errors"]');
    expect(new URL(dashboard.url()).searchParams.get('errors')).toBe('1');
    const row = dashboard.locator('tbody tr.row[data-errors]').filter({
      has: dashboard.locator('.col-reason', { hasText: 'ERR_AUTH_MIDDLEWARE_MISSING' }),
    });
    await row.first().waitFor({ timeout: 20_000 });
    expect(await row.first().locator('.badge.error-marker').textContent()).toBe('error');
    // No middleware span: path and method still come from Next's own request span, not dashes.
    expect(await row.first().locator('.col-path').textContent()).toBe('/outside-middleware.csv');
    expect(await row.first().locator('.col-method').textContent()).toBe('GET');
    await row.first().click();
    await expect
      .poll(() => dashboard.locator('.detail [data-fact="Middleware ran"]').textContent(), { timeout: 20_000 })
      .toMatch(/^no/);
    expect(await dashboard.locator('.detail .errors').textContent()).toContain('ERR_AUTH_MIDDLEWARE_MISSING');
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-errors.png') });
    await dashboard.keyboard.press('Escape');
    await dashboard.uncheck('input[name="errors"]');
  }, 60_000);

  it('shows the username beside the id and finds the user by username', async () => {
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
  it("records where a page's own redirectToSignIn() sent the browser, and shows it", async () => {
    const page = await browser.context.newPage();
    await page.context().clearCookies();
    // Signed out, /redirect-demo calls redirectToSignIn({ returnBackUrl: '/dashboard' }) while rendering.
    await page.goto(`${app.url}/redirect-demo`);
    expect(page.url().startsWith(`${backend.url}/sign-in?`)).toBe(true);
    const decision = await waitForDecision('/redirect-demo', (d) => d.outcome === 'redirect_sign_in');
    await dashboard.goto(`${devtools.url}/?path=/redirect-demo`);
    const row = dashboard.locator('tbody tr.row[data-outcome="redirect_sign_in"]').first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('.col-decision .badge.outcome').textContent()).toMatch(/redirect sign in/);
    await dashboard.goto(`${devtools.url}/requests/${decision.traceId}`);
    const target = dashboard.locator('.detail [data-fact="Redirected to"]');
    await expect.poll(() => target.textContent(), { timeout: 20_000 }).toMatch(/^http/);
    const shown = new URL((await target.textContent())!);
    expect(`${shown.origin}${shown.pathname}`).toBe(`${backend.url}/sign-in`);
    expect(shown.searchParams.get('redirect_url')).toBe(`${app.url}/dashboard`);
    expect(await dashboard.locator('.detail .explanation').textContent()).toContain(
      'redirectToSignIn() → redirect to sign-in',
    );
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-render-redirect.png') });
    await page.close();
  }, 60_000);

  it('shows which server action ran, and that next-action made the request a server action', async () => {
    const page = await browser.context.newPage();
    await signInAs(page, 'alice');
    await page.goto(`${app.url}/user/action`);
    await page.click('text=Load my profile');
    await expect.poll(() => page.textContent('[data-testid="profile"]'), { timeout: 20_000 }).toContain('"id":"user_');
    const decision = await waitForDecision('/user/action', (d) => d.requestKind === 'server_action');
    expect(decision.serverActionId).toMatch(/^[0-9a-f]{8,}$/);
    await dashboard.goto(`${devtools.url}/?kind=server_action&path=/user/action`);
    const row = dashboard.locator('tbody tr.row').first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('.col-kind').textContent()).toBe('server action');
    await row.click();
    const action = dashboard.locator('.detail [data-fact="Server action"]');
    await expect.poll(() => action.textContent(), { timeout: 20_000 }).toBe(decision.serverActionId);
    expect(await dashboard.locator('.detail [data-fact="Kind because"]').textContent()).toBe(
      'next-action — a Server Action call',
    );
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-server-action.png') });
    await dashboard.keyboard.press('Escape');
    await page.close();
  }, 60_000);

  it('explains an App Router navigation (<Link>) as a document request, by the header that said so', async () => {
    const page = await browser.context.newPage();
    await signInAs(page, 'alice');
    await page.goto(`${app.url}/`);
    await page.click('[data-testid="link-protected"]');
    await page.waitForURL(`${app.url}/protected`);
    const navigation = (d: ListedDecision) => d.requestKindSignal === 'rsc: 1' || d.requestKindSignal === 'next-url';
    const decision = await waitForDecision('/protected', navigation);
    expect(decision.requestKind).toBe('document');
    await dashboard.goto(`${devtools.url}/requests/${decision.traceId}`);
    const because = dashboard.locator('.detail [data-fact="Kind because"]');
    // Next removes rsc: 1 before a Node.js middleware sees it; next-url then says the same.
    await expect
      .poll(() => because.textContent(), { timeout: 20_000 })
      .toMatch(/^(rsc: 1|next-url) — an App Router navigation/);
    expect(
      await dashboard.locator(`tbody tr.row[data-id="${decision.traceId}"], tbody tr.row.selected`).count(),
    ).toBeGreaterThan(0);
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-navigation-kind.png') });
    await dashboard.keyboard.press('Escape');
    await page.close();
  }, 60_000);

  it('finds a request refused for an expired session token by the Session filter and by its user', async () => {
    const page = await browser.context.newPage();
    const userId = await signInAs(page, 'alice');
    const signedIn = await waitForDecision('/protected', (d) => d.userId === userId && d.sessionId !== null);
    // A session token minted two minutes in the past: expired well beyond the allowed clock skew.
    backendClockOffsetMs = -120_000;
    let token: string;
    try {
      const minted = await fetch(`${backend.url}/v1/sessions/${signedIn.sessionId}/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${backend.secretKey}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(minted.status).toBe(200);
      token = ((await minted.json()) as { jwt: string }).jwt;
    } finally {
      backendClockOffsetMs = 0;
    }
    const refused = await fetch(`${app.url}/api/data`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.ok).toBe(false);
    await waitForDecision('/api/data', (d) => d.userId === userId && d.outcome !== 'allowed');

    await dashboard.goto(`${devtools.url}/?sessionStatus=expired`);
    expect(await dashboard.locator('select[name="sessionStatus"]').inputValue()).toBe('expired');
    const row = dashboard.locator('tbody tr.row').filter({
      has: dashboard.locator('.col-path', { hasText: /^\/api\/data$/ }),
    });
    await row.first().waitFor({ timeout: 20_000 });
    expect(await row.first().locator('.col-session').textContent()).toBe('expired');
    expect(await row.first().locator('.col-user').textContent()).toMatch(new RegExp(`^${userId}`));
    expect(await row.first().locator('.col-reason').textContent()).toBe('expired');
    await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-expired-session.png') });
    await dashboard.goto(`${devtools.url}/?user=${userId}&sessionStatus=expired`);
    await row.first().waitFor({ timeout: 20_000 });
    // Every row the filter keeps is an expired session of this user.
    const sessions = await dashboard.locator('tbody tr.row .col-session').allTextContents();
    expect(sessions.length).toBeGreaterThan(0);
    expect(new Set(sessions)).toEqual(new Set(['expired']));
    await page.close();
  }, 60_000);

  it('keeps the Decision column and the loop badge whole beside the open detail at 1200 px', async () => {
    await dashboard.setViewportSize({ width: 1200, height: 900 });
    try {
      await dashboard.goto(`${devtools.url}/?loop=1`);
      const row = dashboard.locator('tbody tr.row[data-loop]').first();
      await row.waitFor({ timeout: 20_000 });
      await row.click();
      await dashboard.locator('.detail .detail-body').waitFor();
      const list = dashboard.locator('.list');
      const cell = row.locator('.col-decision');
      await expectWithin(dashboard.locator('thead th.col-decision'), list);
      await expectWithin(cell, list);
      await expectWithin(row.locator('.badge.loop'), cell);
      expect(await row.locator('.badge.loop').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      // The outcome text starts inside the cell (a long chain summary ends in an ellipsis, it is not pushed out).
      const outcome = await row.locator('.badge.outcome').boundingBox();
      const cellBox = (await cell.boundingBox())!;
      expect(outcome!.x + Math.min(outcome!.width, 40)).toBeLessThanOrEqual(cellBox.x + cellBox.width);
      // Less important columns gave way instead.
      expect(await dashboard.locator('thead th.col-org').count()).toBe(0);
      expect(await dashboard.locator('thead th.col-path').count()).toBe(1);
      await dashboard.screenshot({ path: join(ARTIFACTS_DIR, 'devtools-list-1200-detail-open.png') });
      await dashboard.keyboard.press('Escape');
    } finally {
      await dashboard.setViewportSize({ width: 1440, height: 900 });
    }
  }, 60_000);
});
