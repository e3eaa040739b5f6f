/**
 * Interoperability with Clerk's own SDK: @clerk/backend's authenticateRequest() — pointed at this backend as its
 * Backend API (apiUrl) and, through the publishable key, as its Frontend API — sends a browser without a fresh
 * session token to this backend's handshake, and resolves what the handshake sends back (a nonce through
 * GET /v1/clients/handshake_payload, or a signed handshake token) to signed in, with the directives this backend
 * issued. After sign-out, revocation or a ban, the handshake answers signed out.
 */
import { createClerkClient, verifyToken } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { api, startTestBackend } from './support/backend.js';
import { signInOnPage } from './support/browser-session.js';

const APP = 'http://localhost:3000';
let backend: RunningBackend;
let clerk: ReturnType<typeof createClerkClient>;

beforeAll(async () => {
  backend = await startTestBackend({ seed: 'demo', allowedOrigins: [APP] });
  clerk = createClerkClient({
    apiUrl: backend.url,
    secretKey: backend.secretKey,
    publishableKey: backend.publishableKey,
  });
});
afterAll(() => backend.close());

/** A browser's document request to the app. */
function documentRequest(url: string, cookie: string): Request {
  return new Request(url, { headers: { accept: 'text/html', 'sec-fetch-dest': 'document', cookie } });
}

/**
 * The handshake redirect Clerk's SDK builds, followed to this backend. Clerk writes `https://` for every FAPI host;
 * this backend is plain http on loopback (authlens's SDK uses http:// for loopback hosts), so only the scheme changes:
 * the path and every query parameter are Clerk's own.
 */
async function followHandshake(location: string): Promise<string> {
  const url = new URL(location);
  expect(`${url.host}${url.pathname}`).toBe(`${new URL(backend.url).host}/v1/client/handshake`);
  for (const param of ['redirect_url', '__clerk_api_version', 'suffixed_cookies', '__clerk_hs_reason']) {
    expect(url.searchParams.has(param), param).toBe(true);
  }
  url.protocol = 'http:';
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(307);
  return res.headers.get('location')!;
}

/** Signs in on the page and lets the session token lapse, as 60 s later: only __client_uat and the dev browser. */
async function browserAfterTokenExpiry(username: string) {
  const browser = await signInOnPage(backend, username, `${APP}/`);
  const { sid } = await verifyToken(browser.session, { jwtKey: backend.jwtKey });
  return { ...browser, sid, cookie: `__client_uat=${browser.clientUat}; __clerk_db_jwt=${browser.devBrowser}` };
}

async function handshakeOf(username: string) {
  const browser = await browserAfterTokenExpiry(username);
  const first = await clerk.authenticateRequest(documentRequest(`${APP}/dashboard`, browser.cookie), {
    authorizedParties: [APP],
  });
  expect(first.status).toBe('handshake');
  const handshakeUrl = first.headers.get('location')!;
  expect(new URL(handshakeUrl).searchParams.get('__clerk_db_jwt')).toBe(browser.devBrowser);
  expect(new URL(handshakeUrl).searchParams.get('format')).toBe('nonce');
  return { browser, handshakeUrl };
}

describe('@clerk/backend authenticateRequest through this backend’s handshake', () => {
  it('resolves the nonce to signed in, applying this backend’s directives', async () => {
    const { browser, handshakeUrl } = await handshakeOf('alice');
    const back = await followHandshake(handshakeUrl);
    const nonce = new URL(back).searchParams.get('__clerk_handshake_nonce');
    expect(nonce).toBeTruthy();

    const state = await clerk.authenticateRequest(documentRequest(back, browser.cookie), { authorizedParties: [APP] });
    expect(state.status).toBe('signed-in');
    expect(state.toAuth()).toMatchObject({ sessionId: browser.sid, orgSlug: 'acme' });
    const setCookies = state.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('__session='))!;
    expect(session.slice('__session='.length, session.indexOf(';'))).toBe(state.token);
    expect(setCookies).toContain(`__client_uat=${browser.clientUat}; Path=/; Max-Age=31536000; SameSite=Lax`);
    // Development instance: Clerk redirects to the clean URL.
    expect(state.headers.get('location')).toBe(`${APP}/dashboard`);
  });

  it('resolves a __clerk_handshake token (format omitted) to signed in', async () => {
    const { browser, handshakeUrl } = await handshakeOf('bob');
    const tokenFormat = new URL(handshakeUrl);
    tokenFormat.searchParams.delete('format');
    const back = await followHandshake(tokenFormat.href);
    expect(new URL(back).searchParams.get('__clerk_handshake')).toBeTruthy();
    const state = await clerk.authenticateRequest(documentRequest(back, browser.cookie), { authorizedParties: [APP] });
    expect(state.status).toBe('signed-in');
    expect(state.toAuth()).toMatchObject({ sessionId: browser.sid });
  });

  it('answers signed out after sign-out, revocation or a ban', async () => {
    const signedOut = async (handshakeUrl: string, cookie: string) => {
      const back = await followHandshake(handshakeUrl);
      const state = await clerk.authenticateRequest(documentRequest(back, cookie), { authorizedParties: [APP] });
      expect(state.status).toBe('signed-out');
      expect(state.headers.getSetCookie()).toEqual([
        '__session=; Path=/; Max-Age=0; SameSite=Lax',
        '__client_uat=0; Path=/; Max-Age=31536000; SameSite=Lax',
      ]);
    };

    const out = await handshakeOf('carol');
    const signOut = await fetch(`${backend.url}/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: backend.url, cookie: `__client=${out.browser.client}` },
    });
    expect(signOut.status).toBe(200);
    await signedOut(out.handshakeUrl, out.browser.cookie);

    const revoked = await handshakeOf('alice');
    await clerk.sessions.revokeSession(revoked.browser.sid);
    await signedOut(revoked.handshakeUrl, revoked.browser.cookie);

    const created = await api(backend, '/v1/users', { method: 'POST', json: { username: 'oracle_banned' } });
    const { id } = (await created.json()) as { id: string };
    const banned = await handshakeOf('oracle_banned');
    await clerk.users.banUser(id);
    await signedOut(banned.handshakeUrl, banned.browser.cookie);
  });
});
