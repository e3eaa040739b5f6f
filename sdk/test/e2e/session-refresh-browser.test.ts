/**
 * Clerk's session protocol in a real browser, for the Node `proxy.ts` build and the Edge `middleware.ts` build, each
 * in a fresh browser context against the local backend playing the Frontend API: a first visit gets its dev browser
 * through the handshake; a session token that expired is replaced by exactly one handshake round trip, without the
 * sign-in page; a `<Link>` navigation (an RSC fetch, which cannot take a handshake) to a protected page with an
 * expired token, or after the backend's sign-out, lands on the sign-in page; after the sign-out a page load is
 * signed out.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumBrowser } from '../../../test-support/chromium.mjs';
import { e2e } from './support/context.js';

/** The SDK's default clock skew: a token counts as expired only this long after its `exp`. */
const CLOCK_SKEW_SECONDS = 5;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromiumBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** One main-frame navigation response, named by server, path and the handshake parameters it carries. */
type Hop = string;

/** Records the page's main-frame navigations (each redirect too) as `status server path[?handshake params]`. */
function recordNavigations(page: Page, appUrl: string): Hop[] {
  const { backendUrl } = e2e();
  const hops: Hop[] = [];
  page.on('response', (res) => {
    const req = res.request();
    if (!req.isNavigationRequest() || req.frame() !== page.mainFrame()) return;
    const url = new URL(res.url());
    const server = url.origin === appUrl ? 'app' : url.origin === backendUrl ? 'backend' : url.origin;
    const marks = ['__clerk_handshake_nonce', '__clerk_handshake'].filter((p) => url.searchParams.has(p));
    hops.push(`${res.status()} ${server} ${url.pathname}${marks.length ? `?${marks.join('&')}` : ''}`);
  });
  return hops;
}

/** The query of the recorded handshake request (the hop to the backend's /v1/client/handshake). */
function handshakeQuery(page: Page): Promise<URLSearchParams> {
  const { backendUrl } = e2e();
  return new Promise((resolve) => {
    const onRequest = (req: { url(): string }) => {
      if (!req.url().startsWith(`${backendUrl}/v1/client/handshake?`)) return;
      page.off('request', onRequest);
      resolve(new URL(req.url()).searchParams);
    };
    page.on('request', onRequest);
  });
}

async function sessionCookie(context: BrowserContext, appUrl: string): Promise<string | undefined> {
  return (await context.cookies(appUrl)).find((c) => c.name === '__session')?.value;
}

function claimsOf(jwt: string): { exp: number; iat: number; sid: string } {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
}

/** Waits (no assertion on time) until `exp` plus the SDK's clock skew has passed. */
async function untilExpired(exp: number): Promise<void> {
  const ms = (exp + CLOCK_SKEW_SECONDS + 1) * 1000 - Date.now();
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Signs Alice in on the backend's page (already open, or opened returning to `returnTo`) with a 1 s token. */
async function signInShortLived(page: Page, returnTo: string): Promise<void> {
  const { backendUrl } = e2e();
  if (!page.url().startsWith(`${backendUrl}/sign-in?`)) {
    await page.goto(`${backendUrl}/sign-in?redirect_url=${encodeURIComponent(returnTo)}`);
  }
  const form = page.locator('form:has(button[data-username="alice"])');
  await form.locator('input[name="token_lifetime_seconds"]').fill('1');
  await form.locator('button[data-username="alice"]').click();
  await page.waitForURL(returnTo);
}

for (const [name, urlOf] of [
  ['proxy.ts (Node runtime)', () => e2e().appUrl],
  ['middleware.ts (Edge runtime)', () => e2e().variantUrl],
] as const) {
  describe(`the session protocol in a browser, ${name}`, () => {
    it('first visit → dev browser; expiry → one handshake refreshes it, a <Link> goes to sign-in; sign-out', async () => {
      const appUrl = urlOf();
      const { backendUrl } = e2e();
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        const hops = recordNavigations(page, appUrl);

        // A fresh browser: the handshake gives it a dev browser, then the protected page sends it to sign in.
        const firstHandshake = handshakeQuery(page);
        await page.goto(`${appUrl}/protected`);
        expect(hops).toEqual([
          '307 app /protected',
          '307 backend /v1/client/handshake',
          '307 app /protected?__clerk_handshake_nonce',
          '307 app /protected',
          '200 backend /sign-in',
        ]);
        expect((await firstHandshake).get('__clerk_hs_reason')).toBe('dev-browser-missing');
        expect(new URL(page.url()).searchParams.get('redirect_url')).toBe(`${appUrl}/protected`);
        expect((await context.cookies(appUrl)).map((c) => c.name)).toContain('__clerk_db_jwt');

        // Sign in as Alice with a session token that lives 1 s.
        await signInShortLived(page, `${appUrl}/protected`);
        expect(await page.textContent('main')).toMatch(/^Welcome user_/);
        const signedInText = await page.textContent('main');
        const firstToken = (await sessionCookie(context, appUrl))!;
        expect(claimsOf(firstToken).exp - claimsOf(firstToken).iat).toBe(1);

        // Once it has expired, the protected page takes exactly one handshake round trip and renders signed in.
        await untilExpired(claimsOf(firstToken).exp);
        hops.length = 0;
        const refresh = handshakeQuery(page);
        await page.goto(`${appUrl}/protected`);
        expect(hops).toEqual([
          '307 app /protected',
          '307 backend /v1/client/handshake',
          '307 app /protected?__clerk_handshake_nonce',
          '200 app /protected',
        ]);
        const query = await refresh;
        expect(query.get('__clerk_hs_reason')).toBe('session-token-expired-refresh-non-eligible-no-refresh-cookie');
        expect(query.get('redirect_url')).toBe(`${appUrl}/protected`);
        expect(page.url()).toBe(`${appUrl}/protected`);
        expect(await page.textContent('main')).toBe(signedInText);
        const refreshed = (await sessionCookie(context, appUrl))!;
        expect(claimsOf(refreshed).sid).toBe(claimsOf(firstToken).sid);
        expect(claimsOf(refreshed).exp).toBeGreaterThan(Date.now() / 1000);

        // A <Link> click once the token has expired (an RSC fetch, which cannot take a handshake) is signed out and
        // lands on the sign-in page; a full load of the same page then refreshes the session through the handshake.
        await signInShortLived(page, `${appUrl}/`);
        expect(await page.textContent('[data-testid="status"]')).toMatch(/^Signed in as user_/);
        await untilExpired(claimsOf((await sessionCookie(context, appUrl))!).exp);
        hops.length = 0;
        await page.click('[data-testid="link-protected"]');
        await page.waitForURL((url) => url.href.startsWith(`${backendUrl}/sign-in?`));
        expect(hops).toEqual(['200 backend /sign-in']);
        expect(new URL(page.url()).searchParams.get('redirect_url')).toBe(`${appUrl}/protected`);
        hops.length = 0;
        await page.goto(`${appUrl}/protected`);
        expect(hops).toEqual([
          '307 app /protected',
          '307 backend /v1/client/handshake',
          '307 app /protected?__clerk_handshake_nonce',
          '200 app /protected',
        ]);
        expect(await page.textContent('main')).toMatch(/^Welcome user_/);

        // Sign out on the backend (the home page's button POSTs to it), back on the home page signed out.
        await page.goto(`${appUrl}/`);
        expect(await page.textContent('[data-testid="status"]')).toMatch(/^Signed in as user_/);
        hops.length = 0;
        await page.click('[data-testid="sign-out"]');
        await page.waitForURL(`${appUrl}/`);
        expect(await page.textContent('[data-testid="status"]')).toBe('Signed out');
        expect(hops).toEqual(['303 backend /sign-out', '200 app /']);

        // The next load of a protected page is signed out: off to the sign-in page.
        hops.length = 0;
        await page.goto(`${appUrl}/protected`);
        expect(hops).toEqual(['307 app /protected', '200 backend /sign-in']);
        expect(new URL(page.url()).searchParams.get('redirect_url')).toBe(`${appUrl}/protected`);

        // Signed out, a <Link> click to the protected page (an App Router navigation, no document request to the
        // app) lands on the sign-in page.
        await page.goto(`${appUrl}/`);
        hops.length = 0;
        await page.click('[data-testid="link-protected"]');
        await page.waitForURL((url) => url.href.startsWith(`${backendUrl}/sign-in?`));
        expect(hops).toEqual(['200 backend /sign-in']);
        expect(new URL(page.url()).searchParams.get('redirect_url')).toBe(`${appUrl}/protected`);
        expect(await page.textContent('h1')).toBe('Sign in');
      } finally {
        await context.close();
      }
    }, 90_000);
  });
}
