/**
 * The dev sign-in/sign-out pages against a running backend (demo seed): the cookies they set carry a session token
 * that @clerk/backend's verifyToken accepts, with the options chosen on the page; redirects only go to allowed
 * origins; forms are accepted only from the backend itself or an allowed origin; sign-out ends the session and
 * clears the cookies.
 */
import { createClerkClient, verifyToken } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { startTestBackend } from './support/backend.js';

const APP = 'http://localhost:3000';
let backend: RunningBackend;
let ids: Record<string, string>;
let acmeId: string;

beforeAll(async () => {
  backend = await startTestBackend({ seed: 'demo', allowedOrigins: [APP] });
  const clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
  const { data } = await clerk.users.getUserList({ limit: 100 });
  ids = Object.fromEntries(data.map((u) => [u.username!, u.id]));
  acmeId = (await clerk.organizations.getOrganization({ slug: 'acme' })).id;
});
afterAll(() => backend.close());

function clerk() {
  return createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
}

/** A form post as the backend's own page sends it (a browser always adds Origin to a POST). */
function post(path: string, fields: Record<string, string>, cookie?: string, origin: string | null = backend.url) {
  return fetch(`${backend.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
      ...(origin ? { origin } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

function cookiesOf(res: Response): Record<string, { value: string; attributes: string }> {
  return Object.fromEntries(
    res.headers.getSetCookie().map((c) => {
      const [pair, ...attributes] = c.split('; ');
      const eq = pair!.indexOf('=');
      return [pair!.slice(0, eq), { value: pair!.slice(eq + 1), attributes: attributes.join('; ') }];
    }),
  );
}

async function signIn(fields: Record<string, string>) {
  const res = await post('/sign-in', { redirect_url: `${APP}/dashboard`, ...fields });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`${APP}/dashboard`);
  const cookies = cookiesOf(res);
  const token = cookies.__session!.value;
  const claims = await verifyToken(token, { jwtKey: backend.jwtKey, authorizedParties: [APP] });
  return { res, cookies, token, claims };
}

/** The backend under the app's host name (`localhost`): cookies are per host name. */
function onAppHost(path: string): string {
  return `${backend.url.replace('127.0.0.1', 'localhost')}${path}`;
}

describe('GET /sign-in', () => {
  it('first moves to the app’s loopback host name, so its cookies reach the app', async () => {
    const query = `?redirect_url=${encodeURIComponent(`${APP}/dashboard`)}`;
    for (const path of ['/sign-in', '/sign-up', '/sign-out']) {
      const res = await fetch(`${backend.url}${path}${query}`, { redirect: 'manual' });
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toBe(onAppHost(`${path}${query}`));
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('lists every demo user with a form, marking the banned one', async () => {
    const res = await fetch(onAppHost(`/sign-in?redirect_url=${encodeURIComponent(`${APP}/dashboard`)}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    for (const username of ['alice', 'bob', 'carol', 'paula', 'bruno']) {
      expect(html).toContain(`data-username="${username}"`);
    }
    expect(html).toMatch(/Bruno Banned[^<]*<small>@bruno<\/small> <span class="banned">\(banned\)<\/span>/);
    expect(html).toContain(`name="redirect_url" value="${APP}/dashboard"`);
  });

  it('refuses an off-origin redirect_url with a 400 page naming the problem', async () => {
    const res = await fetch(`${backend.url}/sign-in?redirect_url=${encodeURIComponent('https://evil.example/x')}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('ERR_REDIRECT_ORIGIN_NOT_ALLOWED');
  });
});

describe('POST /sign-in', () => {
  it('sets cookies whose session token verifyToken accepts, with the chosen organization and factor ages', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { cookies, claims } = await signIn({
      user_id: ids.alice!,
      active_organization_id: acmeId,
      fva_first_factor: '5',
      fva_second_factor: '0',
    });
    expect(claims.sub).toBe(ids.alice);
    expect(claims.sid).toMatch(/^sess_/);
    expect(claims.azp).toBe(APP);
    expect(claims.fva).toEqual([5, 0]);
    expect(claims.o).toMatchObject({ id: acmeId, rol: 'admin', slg: 'acme' });
    expect(claims.sts).toBeUndefined();
    // Clerk's 60 s: the handshake replaces it when it expires.
    expect(claims.exp - claims.iat).toBe(60);

    // Like clerk-js's cookies, they outlive the token (a year); the app refreshes what is inside.
    expect(cookies.__session!.attributes).toBe('Path=/; Max-Age=31536000; SameSite=Lax');
    expect(Number(cookies.__client_uat!.value)).toBeGreaterThanOrEqual(before);
    expect(Number(cookies.__client_uat!.value)).toBeLessThanOrEqual(claims.iat);
    expect(cookies.__client_uat!.attributes).toBe('Path=/; Max-Age=31536000; SameSite=Lax');

    const session = await clerk().sessions.getSession(claims.sid);
    expect(session.status).toBe('active');
    expect(session.userId).toBe(ids.alice);
  });

  it('signs paula in pending by default, with no organization when none is chosen', async () => {
    const { claims } = await signIn({ username: 'paula', active_organization_id: '' });
    expect(claims.sub).toBe(ids.paula);
    expect(claims.sts).toBe('pending');
    expect(claims.o).toBeUndefined();
    expect(claims.fva).toEqual([0, -1]);
  });

  it('a bare POST gets the page defaults; the page’s unchecked pending box signs paula in active', async () => {
    const { claims } = await signIn({ username: 'paula', pending_checkbox: '1' });
    expect(claims.sts).toBeUndefined();
    const alice = await clerk().users.getUser(ids.alice!);
    const { claims: aliceClaims } = await signIn({ username: 'alice' });
    expect(aliceClaims.fva).toEqual([0, alice.twoFactorEnabled ? 0 : -1]);
    // No organization said in a bare POST: her first membership, as the page preselects.
    expect(aliceClaims.o).toMatchObject({ id: acmeId, rol: 'admin' });
  });

  it('takes a custom token lifetime', async () => {
    const { claims } = await signIn({ username: 'carol', token_lifetime_seconds: '120' });
    expect(claims.exp - claims.iat).toBe(120);
  });

  it('refuses an off-origin redirect_url: no Location, no cookies, no session', async () => {
    const sessionsBefore = (await clerk().sessions.getSessionList({ userId: ids.bob! })).totalCount;
    for (const redirect of [
      'https://evil.example/',
      '//evil.example/',
      'http://localhost:3001/',
      'javascript:alert(1)',
    ]) {
      const res = await post('/sign-in', { username: 'bob', redirect_url: redirect });
      expect(res.status, redirect).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(await res.text()).toMatch(/ERR_REDIRECT_(ORIGIN_NOT_ALLOWED|URL_INVALID)/);
    }
    expect((await clerk().sessions.getSessionList({ userId: ids.bob! })).totalCount).toBe(sessionsBefore);
  });

  it('shows Clerk’s user_banned error for a banned user and sets nothing', async () => {
    const res = await post('/sign-in', { username: 'bruno', redirect_url: `${APP}/` });
    expect(res.status).toBe(403);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.text()).toContain('user_banned');
  });

  it('names a bad field and refuses an organization the user is not a member of', async () => {
    const bad = await post('/sign-in', { username: 'alice', fva_first_factor: 'soon' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('fva_first_factor');
    const notMember = await post('/sign-in', { username: 'carol', active_organization_id: acmeId });
    expect(notMember.status).toBe(400);
    expect(notMember.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a form another site posts (login CSRF) and writes nothing', async () => {
    const sessionsBefore = (await clerk().sessions.getSessionList({ userId: ids.carol! })).totalCount;
    for (const path of ['/sign-in', '/sign-up', '/sign-out']) {
      const res = await post(path, { username: 'carol', redirect_url: `${APP}/` }, undefined, 'https://evil.example');
      expect(res.status, path).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(await res.text()).toContain('ERR_CROSS_SITE_FORM');
    }
    expect((await clerk().sessions.getSessionList({ userId: ids.carol! })).totalCount).toBe(sessionsBefore);
    // An allowed origin (the app) may post the form.
    const fromApp = await post('/sign-in', { username: 'carol', redirect_url: `${APP}/` }, undefined, APP);
    expect(fromApp.status).toBe(303);
  });

  it('without redirect_url shows the session instead of redirecting', async () => {
    const res = await post('/sign-in', { username: 'carol' });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    const token = cookiesOf(res).__session!.value;
    const claims = await verifyToken(token, { jwtKey: backend.jwtKey });
    expect(claims.sub).toBe(ids.carol);
    expect(await res.text()).toContain(`session <code>${claims.sid}</code>`);
  });
});

describe('sign-out', () => {
  it('GET shows a button that posts the sign-out, and ends nothing', async () => {
    const { claims, cookies } = await signIn({ username: 'bob' });
    const query = `?redirect_url=${encodeURIComponent(`${APP}/`)}`;
    const res = await fetch(onAppHost(`/sign-out${query}`), {
      redirect: 'manual',
      headers: { cookie: `__session=${cookies.__session!.value}; __client=${cookies.__client!.value}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/sign-out"');
    expect(html).toContain(`name="redirect_url" value="${APP}/"`);
    expect((await clerk().sessions.getSession(claims.sid)).status).toBe('active');
  });

  it('POST revokes the session of the __session cookie, clears it, sets __client_uat=0 and redirects', async () => {
    const { claims, token } = await signIn({ username: 'bob' });
    const res = await post('/sign-out', { redirect_url: `${APP}/` }, `__session=${token}; __client_uat=1`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${APP}/`);
    const cookies = cookiesOf(res);
    expect(cookies.__session).toEqual({ value: '', attributes: 'Path=/; Max-Age=0; SameSite=Lax' });
    expect(cookies.__client_uat).toEqual({ value: '0', attributes: 'Path=/; Max-Age=31536000; SameSite=Lax' });
    expect((await clerk().sessions.getSession(claims.sid)).status).toBe('revoked');
    await expect(clerk().sessions.getToken(claims.sid)).rejects.toMatchObject({
      status: 401,
      errors: [{ code: 'session_not_active' }],
    });
  });

  it('POST ends the session of the browser’s client (the HttpOnly __client cookie) without __session', async () => {
    const { claims, cookies } = await signIn({ username: 'carol' });
    expect(cookies.__client!.attributes).toBe('Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly');
    const res = await post('/sign-out', {}, `__client=${cookies.__client!.value}`);
    expect(res.status).toBe(200);
    expect((await clerk().sessions.getSession(claims.sid)).status).toBe('revoked');
  });

  it('a forged cookie ends nothing; an off-origin redirect is refused', async () => {
    const { claims, token } = await signIn({ username: 'alice' });
    const [h, p] = token.split('.');
    const forged = `${h}.${p}.${'A'.repeat(342)}`;
    const res = await post('/sign-out', { redirect_url: `${APP}/bye` }, `__session=${forged}`);
    expect(res.status).toBe(303);
    expect((await clerk().sessions.getSession(claims.sid)).status).toBe('active');

    const refused = await post('/sign-out', { redirect_url: 'https://evil.example' }, `__session=${token}`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();
    expect((await clerk().sessions.getSession(claims.sid)).status).toBe('active');
  });
});

describe('sign-up', () => {
  it('is also served at /sign-in/create, where Clerk’s SDKs send a sign-up when only a sign-in URL is set', async () => {
    const query = `?redirect_url=${encodeURIComponent(`${APP}/welcome`)}`;
    const [signUp, create] = await Promise.all(
      ['/sign-up', '/sign-in/create'].map((path) => fetch(onAppHost(`${path}${query}`)).then((r) => r.text())),
    );
    expect(create).toContain('action="/sign-up"');
    expect(create).toBe(signUp);
  });

  it('creates a user and signs in as them', async () => {
    const res = await post('/sign-up', { username: 'newbie', first_name: 'New', redirect_url: `${APP}/welcome` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${APP}/welcome`);
    const claims = await verifyToken(cookiesOf(res).__session!.value, { jwtKey: backend.jwtKey });
    const user = await clerk().users.getUser(claims.sub);
    expect(user).toMatchObject({ username: 'newbie', firstName: 'New' });
  });

  it('refuses a taken username on the page', async () => {
    const res = await post('/sign-up', { username: 'alice' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('form_identifier_exists');
  });
});
