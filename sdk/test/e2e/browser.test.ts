/**
 * A real browser (Debian's chromium through playwright-core), fresh: its dev browser from the handshake, sign in on
 * the backend's dev sign-in page, see the dashboard with the user's name, sign out, and get redirected from a
 * protected page.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumContext, launchChromiumContext } from '../../../test-support/chromium.mjs';
import { e2e } from './support/context.js';

let browser: ChromiumContext;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromiumContext();
  context = browser.context;
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('in a browser', () => {
  it('signs in through the dev sign-in page, shows the dashboard, signs out, and is sent to sign in again', async () => {
    const { appUrl, backendUrl } = e2e();
    const page = await context.newPage();

    // A fresh browser has no dev browser yet: the middleware's handshake with the backend (Clerk's Frontend API)
    // gives it one on the way; then the protected page sends the signed-out visitor to sign in, with the way back.
    const handshakes: string[] = [];
    page.on('request', (req) => {
      if (req.url().startsWith(`${backendUrl}/v1/client/handshake?`)) handshakes.push(req.url());
    });
    await page.goto(`${appUrl}/protected`);
    expect(handshakes.map((url) => new URL(url).searchParams.get('__clerk_hs_reason'))).toEqual([
      'dev-browser-missing',
    ]);
    expect((await context.cookies(appUrl)).find((c) => c.name === '__clerk_db_jwt')?.value).toMatch(/^dvb_/);
    expect(page.url().startsWith(`${backendUrl}/sign-in?`)).toBe(true);
    expect(new URL(page.url()).searchParams.get('redirect_url')).toBe(`${appUrl}/protected`);

    // Sign in as Alice; the backend sets __session and sends the browser back.
    await page.click('button[data-username="alice"]');
    await page.waitForURL(`${appUrl}/protected`);
    expect(await page.textContent('main')).toMatch(/^Welcome user_/);

    await page.goto(`${appUrl}/dashboard`);
    expect(await page.textContent('[data-testid="greeting"]')).toBe('Hello Alice Admin');

    // Sign out on the backend; it clears the cookies and returns to the home page.
    await page.click('[data-testid="sign-out"]');
    await page.waitForURL(`${appUrl}/`);
    expect(await page.textContent('[data-testid="status"]')).toBe('Signed out');

    await page.goto(`${appUrl}/dashboard`);
    expect(await page.textContent('main')).toContain('Not authenticated');
    await page.goto(`${appUrl}/protected`);
    expect(page.url().startsWith(`${backendUrl}/sign-in?`)).toBe(true);
  });
});
