/**
 * The sign-in page in a real browser (Debian's chromium through playwright-core): click a user's button on the
 * backend's page, land on the app, and the app — another port on the same host — receives the session cookies.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyToken } from '@clerk/backend';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumBrowser } from '../../test-support/chromium.mjs';
import type { RunningBackend } from '../src/index.js';
import { startTestBackend } from './support/backend.js';

let app: Server;
let appOrigin: string;
/** Cookie headers the app received, by path. */
const received = new Map<string, string>();
let backend: RunningBackend;
let backendOnLocalhost: string;
let browser: Browser;

beforeAll(async () => {
  app = createServer((req, res) => {
    received.set(req.url ?? '/', req.headers.cookie ?? '');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title><h1>app</h1>');
  });
  app.listen(0, '127.0.0.1');
  await once(app, 'listening');
  appOrigin = `http://localhost:${(app.address() as AddressInfo).port}`;
  backend = await startTestBackend({ seed: 'demo', allowedOrigins: [appOrigin] });
  backendOnLocalhost = backend.url.replace('127.0.0.1', 'localhost');
  browser = await launchChromiumBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await backend?.close();
  await new Promise((resolve) => app?.close(resolve));
});

describe('sign-in page in a browser', () => {
  it('signs in as alice with her organization, redirects to the app with cookies, and signs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Opened as 127.0.0.1 (the URL the CLI prints): the page first moves to localhost, the app's host name.
    await page.goto(`${backend.url}/sign-in?redirect_url=${encodeURIComponent(`${appOrigin}/dashboard`)}`);
    expect(new URL(page.url()).origin).toBe(backendOnLocalhost);
    const form = page.locator('form', { has: page.locator('button[data-username="alice"]') });
    await form.getByLabel('Second factor age (minutes, -1 = not enrolled)').fill('3');
    await form.locator('button[data-username="alice"]').click();
    await page.waitForURL(`${appOrigin}/dashboard`);

    const cookieHeader = received.get('/dashboard') ?? '';
    const token = /(?:^|; )__session=([^;]+)/.exec(cookieHeader)?.[1];
    expect(token, 'the app receives __session').toBeDefined();
    expect(cookieHeader).toMatch(/(?:^|; )__client_uat=\d+/);
    // Where Clerk's frontend keeps it: the dev browser token, readable by the app's host.
    expect(cookieHeader).toMatch(/(?:^|; )__clerk_db_jwt=dvb_/);
    const cookies = await context.cookies(appOrigin);
    expect(cookies.find((c) => c.name === '__client')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookies.find((c) => c.name === '__clerk_db_jwt')).toMatchObject({ httpOnly: false });
    const claims = await verifyToken(token!, { jwtKey: backend.jwtKey, authorizedParties: [appOrigin] });
    expect(claims.o).toMatchObject({ slg: 'acme', rol: 'admin' });
    expect(claims.fva).toEqual([0, 3]);

    // GET /sign-out only shows the button; its POST (the page's own Origin) signs out.
    await page.goto(`${backend.url}/sign-out?redirect_url=${encodeURIComponent(`${appOrigin}/bye`)}`);
    expect(received.has('/bye')).toBe(false);
    await page.locator('[data-testid="sign-out-confirm"]').click();
    await page.waitForURL(`${appOrigin}/bye`);
    expect(received.get('/bye')).not.toContain('__session=');
    expect(received.get('/bye')).toMatch(/(?:^|; )__client_uat=0(?:;|$)/);
    await context.close();
  }, 60_000);

  it('shows the banned error instead of signing bruno in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${backendOnLocalhost}/sign-in?redirect_url=${encodeURIComponent(`${appOrigin}/`)}`);
    await page.locator('button[data-username="bruno"]').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('user_banned');
    expect(new URL(page.url()).origin).toBe(backendOnLocalhost);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 60_000);
});
