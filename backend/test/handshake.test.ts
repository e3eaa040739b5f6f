/**
 * The Frontend API side of the session protocol on a running backend: POST /v1/dev_browser, GET /v1/client/handshake
 * (nonce and token formats, signed in and signed out, redirect_url checks) and GET /v1/clients/handshake_payload.
 */
import { createPublicKey, verify } from 'node:crypto';
import { verifyToken } from '@clerk/backend';
import { getCookieSuffix } from '@clerk/shared/keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { api, startTestBackend } from './support/backend.js';
import { signInOnPage } from './support/browser-session.js';

const APP = 'http://localhost:3000';
let backend: RunningBackend;

beforeAll(async () => {
  backend = await startTestBackend({ seed: 'demo', allowedOrigins: [APP] });
});
afterAll(() => backend.close());

function handshake(params: Record<string, string>, cookie?: string) {
  const query = new URLSearchParams({ redirect_url: `${APP}/dashboard?tab=1`, format: 'nonce', ...params });
  return fetch(`${backend.url}/v1/client/handshake?${query}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
}

/** Runs a nonce handshake and exchanges the nonce on the Backend API. */
async function directivesByNonce(params: Record<string, string>, cookie?: string): Promise<string[]> {
  const res = await handshake(params, cookie);
  expect(res.status).toBe(307);
  const nonce = new URL(res.headers.get('location')!).searchParams.get('__clerk_handshake_nonce');
  expect(nonce).toBeTruthy();
  const payload = await api(backend, `/v1/clients/handshake_payload?nonce=${encodeURIComponent(nonce!)}`);
  expect(payload.status).toBe(200);
  return ((await payload.json()) as { directives: string[] }).directives;
}

function directive(directives: readonly string[], name: string): string | undefined {
  return directives.find((d) => d.startsWith(`${name}=`));
}

const cookieValue = (cookie: string | undefined) => cookie?.slice(cookie.indexOf('=') + 1, cookie.indexOf(';'));

describe('POST /v1/dev_browser', () => {
  it('creates a dev browser whose token is the answer’s id, as clerk-js reads it', async () => {
    const res = await fetch(`${backend.url}/v1/dev_browser`, { method: 'POST' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ object: 'dev_browser', client_id: null });
    expect(body.id).toMatch(/^dvb_[0-9A-Za-z]{43}$/);
    // A dev browser with no client is signed out; the handshake does not hand out another dev browser.
    const directives = await directivesByNonce({ __clerk_db_jwt: body.id as string });
    expect(directives).toEqual([
      '__session=; Path=/; Max-Age=0; SameSite=Lax',
      '__client_uat=0; Path=/; Max-Age=31536000; SameSite=Lax',
    ]);
  });
});

describe('GET /v1/client/handshake', () => {
  it('format=nonce: 307 back to redirect_url with a nonce whose directives sign the client’s session in', async () => {
    const browser = await signInOnPage(backend, 'alice', `${APP}/`);
    const res = await handshake({ __clerk_db_jwt: browser.devBrowser });
    expect(res.status).toBe(307);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${APP}/dashboard`);
    expect(location.searchParams.get('tab')).toBe('1');
    const nonce = location.searchParams.get('__clerk_handshake_nonce')!;

    const payload = await api(backend, `/v1/clients/handshake_payload?nonce=${encodeURIComponent(nonce)}`);
    const { directives } = (await payload.json()) as { directives: string[] };
    const session = directive(directives, '__session')!;
    expect(session).toMatch(/; Path=\/; Max-Age=31536000; SameSite=Lax$/);
    const claims = await verifyToken(cookieValue(session)!, { jwtKey: backend.jwtKey, authorizedParties: [APP] });
    const signedIn = await verifyToken(browser.session, { jwtKey: backend.jwtKey });
    expect(claims.sid).toBe(signedIn.sid);
    expect(claims.exp - claims.iat).toBe(60);
    expect(cookieValue(directive(directives, '__client_uat'))).toBe(browser.clientUat);
    // The dev browser was known: no new one.
    expect(directive(directives, '__clerk_db_jwt')).toBeUndefined();

    // Single use.
    const again = await api(backend, `/v1/clients/handshake_payload?nonce=${encodeURIComponent(nonce)}`);
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ errors: [{ code: 'resource_not_found' }] });
  });

  it('token format: __clerk_handshake is a JWT signed like a session token, listing the directives', async () => {
    const browser = await signInOnPage(backend, 'bob', `${APP}/`);
    const res = await handshake({ __clerk_db_jwt: browser.devBrowser, format: 'token' });
    expect(res.status).toBe(307);
    const jwt = new URL(res.headers.get('location')!).searchParams.get('__clerk_handshake')!;
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', cat: 'cl_B7d4PD111AAA' });
    expect(
      verify('sha256', Buffer.from(`${h}.${p}`), createPublicKey(backend.jwtKey), Buffer.from(s, 'base64url')),
    ).toBe(true);
    const { handshake: directives } = JSON.parse(Buffer.from(p, 'base64url').toString()) as { handshake: string[] };
    expect(directive(directives, '__session')).toBeDefined();
    expect(cookieValue(directive(directives, '__client_uat'))).toBe(browser.clientUat);
  });

  it('suffixed_cookies=true adds the forms suffixed as Clerk’s getCookieSuffix says', async () => {
    const browser = await signInOnPage(backend, 'carol', `${APP}/`);
    const suffix = await getCookieSuffix(backend.publishableKey);
    const directives = await directivesByNonce({ __clerk_db_jwt: browser.devBrowser, suffixed_cookies: 'true' });
    expect(directives.map((d) => d.slice(0, d.indexOf('=')))).toEqual([
      '__session',
      `__session_${suffix}`,
      '__client_uat',
      `__client_uat_${suffix}`,
    ]);
  });

  it('finds the client by its __client cookie too, and hands over a new dev browser then', async () => {
    const browser = await signInOnPage(backend, 'carol', `${APP}/`);
    const directives = await directivesByNonce({}, `__client=${browser.client}`);
    expect(directive(directives, '__session')).toBeDefined();
    expect(cookieValue(directive(directives, '__clerk_db_jwt'))).toMatch(/^dvb_/);
  });

  it('answers signed out for an unknown browser, a signed-out client, a revoked session and a banned user', async () => {
    const signedOut = [
      '__session=; Path=/; Max-Age=0; SameSite=Lax',
      '__client_uat=0; Path=/; Max-Age=31536000; SameSite=Lax',
    ];
    const unknown = await directivesByNonce({ __clerk_db_jwt: 'dvb_unknown' });
    expect(unknown.slice(0, 2)).toEqual(signedOut);
    expect(cookieValue(directive(unknown, '__clerk_db_jwt'))).toMatch(/^dvb_/);

    const out = await signInOnPage(backend, 'bob', `${APP}/`);
    const signOut = await fetch(`${backend.url}/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: backend.url, cookie: `__clerk_db_jwt=${out.devBrowser}` },
    });
    expect(signOut.status).toBe(200);
    expect(await directivesByNonce({ __clerk_db_jwt: out.devBrowser })).toEqual(signedOut);

    const revoked = await signInOnPage(backend, 'alice', `${APP}/`);
    const { sid } = await verifyToken(revoked.session, { jwtKey: backend.jwtKey });
    expect((await api(backend, `/v1/sessions/${sid}/revoke`, { method: 'POST' })).status).toBe(200);
    expect(await directivesByNonce({ __clerk_db_jwt: revoked.devBrowser })).toEqual(signedOut);

    const created = await api(backend, '/v1/users', { method: 'POST', json: { username: 'soon_banned' } });
    const userId = ((await created.json()) as { id: string }).id;
    const banned = await signInOnPage(backend, 'soon_banned', `${APP}/`);
    expect((await api(backend, `/v1/users/${userId}/ban`, { method: 'POST' })).status).toBe(200);
    expect(await directivesByNonce({ __clerk_db_jwt: banned.devBrowser })).toEqual(signedOut);
  });

  it('sends the browser back only to a loopback origin or an allowed origin (no open redirect)', async () => {
    const loopback = await handshake({ redirect_url: 'http://127.0.0.1:9/x' });
    expect(loopback.status).toBe(307);
    expect(loopback.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:9\/x\?__clerk_handshake_nonce=/);
    for (const [redirect, code] of [
      ['https://evil.example/', 'form_param_format_invalid'],
      ['//evil.example/', 'form_param_format_invalid'],
      ['javascript:alert(1)', 'form_param_format_invalid'],
      ['http://localhost.evil.example/', 'form_param_format_invalid'],
      ['', 'form_param_missing'],
    ] as const) {
      const res = await handshake({ redirect_url: redirect });
      expect(res.status, redirect).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.json()).toMatchObject({ errors: [{ code, meta: { param_name: 'redirect_url' } }] });
    }
  });

  it('replaces handshake parameters already in redirect_url; refuses an unknown format', async () => {
    const res = await handshake({ redirect_url: `${APP}/?__clerk_handshake=stale&__clerk_handshake_nonce=stale` });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.has('__clerk_handshake')).toBe(false);
    expect(location.searchParams.getAll('__clerk_handshake_nonce')).toHaveLength(1);
    expect(location.searchParams.get('__clerk_handshake_nonce')).not.toBe('stale');
    for (const params of [{ format: 'xml' }, { suffixed_cookies: 'yes' }] as Record<string, string>[]) {
      const bad = await handshake(params);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ errors: [{ code: 'form_param_format_invalid' }] });
    }
  });
});

describe('GET /v1/clients/handshake_payload', () => {
  it('needs the secret key, a nonce, and a live one', async () => {
    const res = await handshake({});
    const nonce = new URL(res.headers.get('location')!).searchParams.get('__clerk_handshake_nonce')!;
    const anonymous = await fetch(`${backend.url}/v1/clients/handshake_payload?nonce=${nonce}`);
    expect(anonymous.status).toBe(401);
    const missing = await api(backend, '/v1/clients/handshake_payload');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      errors: [{ code: 'form_param_missing', meta: { param_name: 'nonce' } }],
    });
    const unknown = await api(backend, '/v1/clients/handshake_payload?nonce=nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      errors: [{ code: 'resource_not_found', message: 'not found' }],
      clerk_trace_id: expect.any(String),
    });
    // The anonymous attempt did not spend it.
    expect((await api(backend, `/v1/clients/handshake_payload?nonce=${nonce}`)).status).toBe(200);
  });

  it('a nonce expires after 60 s', async () => {
    let now = Date.now();
    const clocked = await startTestBackend({ allowedOrigins: [APP], now: () => now });
    try {
      const res = await fetch(
        `${clocked.url}/v1/client/handshake?format=nonce&redirect_url=${encodeURIComponent(`${APP}/`)}`,
        { redirect: 'manual' },
      );
      const nonce = new URL(res.headers.get('location')!).searchParams.get('__clerk_handshake_nonce')!;
      now += 61_000;
      const late = await api(clocked, `/v1/clients/handshake_payload?nonce=${nonce}`);
      expect(late.status).toBe(404);
    } finally {
      await clocked.close();
    }
  }, 30_000);
});
