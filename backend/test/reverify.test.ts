/**
 * The re-verify page against a running backend: the signed-in user verifies again (password, or the dev code when
 * the user has none; the dev code for a second factor), the session's factor times move to now, and the token the
 * page sets — and every later one — carries the fresh `fva`. Wrong answers, a signed-out browser, a foreign
 * `redirect_url` and a cross-site form change nothing.
 */
import { verifyToken } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { DEV_VERIFICATION_CODE } from '../src/reverification/index.js';
import { api, startTestBackend } from './support/backend.js';

const APP = 'http://127.0.0.1:3000';
const BACK = `${APP}/sensitive`;
let backend: RunningBackend;
// The backend's clock: real time (tokens are checked by @clerk/backend), moved forward by the test.
let now = Date.now();
let ids: Record<string, string>;

beforeAll(async () => {
  backend = await startTestBackend({ seed: 'demo', allowedOrigins: [APP], now: () => now });
  const res = await api(backend, '/v1/users', {
    method: 'POST',
    json: { username: 'dora', password: 'correct horse battery' },
  });
  expect(res.status).toBe(200);
  const list = (await (await api(backend, '/v1/users?limit=100')).json()) as { id: string; username: string }[];
  ids = Object.fromEntries(list.map((u) => [u.username, u.id]));
});
afterAll(() => backend.close());

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

function sessionCookieOf(res: Response): string | null {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__session='));
  return cookie ? cookie.slice('__session='.length).split(';')[0]! : null;
}

/** Signs in on the sign-in page with these factor ages; the session token from its cookie. */
async function signIn(username: string, fva: [number, number]): Promise<string> {
  const res = await fetch(`${backend.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: backend.url },
    body: new URLSearchParams({
      user_id: ids[username]!,
      redirect_url: BACK,
      fva_first_factor: String(fva[0]),
      fva_second_factor: String(fva[1]),
    }),
  });
  expect(res.status).toBe(303);
  return sessionCookieOf(res)!;
}

function reverifyUrl(level: string, redirectUrl = BACK): string {
  return `${backend.url}/reverify?${new URLSearchParams({ level, redirect_url: redirectUrl })}`;
}

function submit(
  token: string | null,
  level: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return fetch(reverifyUrl(level), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      // The page posts to itself: its own origin (another one is refused, as on the sign-in page).
      origin: backend.url,
      ...(token ? { cookie: `__session=${token}` } : {}),
      ...headers,
    },
    body: new URLSearchParams(fields),
  });
}

/** The `fva` of a token minted now for the session (what the app gets next). */
async function currentFva(token: string): Promise<unknown> {
  const sid = claimsOf(token).sid as string;
  const res = await api(backend, `/v1/sessions/${sid}/tokens`, { method: 'POST' });
  return claimsOf(((await res.json()) as { jwt: string }).jwt).fva;
}

describe('GET /reverify', () => {
  it('asks a user with a password for it; a user without one for the dev code', async () => {
    const dora = await signIn('dora', [30, -1]);
    const page = await fetch(reverifyUrl('second_factor'), { headers: { cookie: `__session=${dora}` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="password"');
    expect(html).not.toContain('name="code"');
    expect(html).toContain('Signed in as <strong>dora</strong>');

    const alice = await signIn('alice', [30, -1]);
    const other = await (await fetch(reverifyUrl('strict'), { headers: { cookie: `__session=${alice}` } })).text();
    expect(other).toContain('name="code"');
    expect(other).toContain(DEV_VERIFICATION_CODE);
    expect(other).not.toContain('name="second_factor_code"');
  });

  it('asks for both factors at multi_factor when the session has a second one', async () => {
    const bob = await signIn('bob', [30, 30]);
    const html = await (await fetch(reverifyUrl('multi_factor'), { headers: { cookie: `__session=${bob}` } })).text();
    expect(html).toContain('name="code"');
    expect(html).toContain('name="second_factor_code"');
    const second = await (
      await fetch(reverifyUrl('second_factor'), { headers: { cookie: `__session=${bob}` } })
    ).text();
    expect(second).not.toContain('name="code"');
    expect(second).toContain('name="second_factor_code"');
  });

  it('answers 401 when signed out, 400 for a redirect_url off the allowed origins', async () => {
    const out = await fetch(reverifyUrl('second_factor'));
    expect(out.status).toBe(401);
    expect(await out.text()).toContain('ERR_REVERIFY_SIGNED_OUT');
    const alice = await signIn('alice', [30, -1]);
    const refused = await fetch(reverifyUrl('second_factor', 'https://evil.example/'), {
      headers: { cookie: `__session=${alice}` },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('ERR_REDIRECT_ORIGIN_NOT_ALLOWED');
  });
});

describe('POST /reverify', () => {
  it('with the password: the session is verified now; the new cookie and later tokens say so', async () => {
    const dora = await signIn('dora', [30, -1]);
    expect(claimsOf(dora).fva).toEqual([30, -1]);

    const wrong = await submit(dora, 'second_factor', { password: 'incorrect horse' });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('form_password_incorrect');
    expect(sessionCookieOf(wrong)).toBeNull();
    expect(await currentFva(dora)).toEqual([30, -1]);

    const res = await submit(dora, 'second_factor', { password: 'correct horse battery' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(BACK);
    const fresh = sessionCookieOf(res)!;
    const claims = await verifyToken(fresh, { jwtKey: backend.jwtKey, authorizedParties: [APP] });
    expect(claims.sid).toBe(claimsOf(dora).sid);
    expect(claims.fva).toEqual([0, -1]);
    expect(await currentFva(dora)).toEqual([0, -1]);

    // The age grows from then on, as for a sign-in.
    now += 11 * 60_000;
    expect(await currentFva(dora)).toEqual([11, -1]);
  });

  it('with the dev code for a user without a password, and both codes at multi_factor', async () => {
    const alice = await signIn('alice', [30, -1]);
    const wrong = await submit(alice, 'second_factor', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('form_code_incorrect');
    const ok = await submit(alice, 'second_factor', { code: DEV_VERIFICATION_CODE });
    expect(ok.status).toBe(303);
    expect(claimsOf(sessionCookieOf(ok)!).fva).toEqual([0, -1]);

    const bob = await signIn('bob', [30, 30]);
    const missing = await submit(bob, 'multi_factor', { code: DEV_VERIFICATION_CODE });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('form_param_missing');
    expect(await currentFva(bob)).toEqual([30, 30]);
    const both = await submit(bob, 'multi_factor', {
      code: DEV_VERIFICATION_CODE,
      second_factor_code: DEV_VERIFICATION_CODE,
    });
    expect(both.status).toBe(303);
    expect(claimsOf(sessionCookieOf(both)!).fva).toEqual([0, 0]);
  });

  it('changes nothing for a cross-site form, a signed-out browser, an ended session or a refused redirect', async () => {
    const alice = await signIn('alice', [30, -1]);
    const crossSite = await submit(
      alice,
      'second_factor',
      { code: DEV_VERIFICATION_CODE },
      { origin: 'http://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain('ERR_CROSS_SITE_FORM');

    const refused = await fetch(`${backend.url}/reverify?redirect_url=${encodeURIComponent('https://evil.example/')}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: backend.url,
        cookie: `__session=${alice}`,
      },
      body: new URLSearchParams({ code: DEV_VERIFICATION_CODE }),
    });
    expect(refused.status).toBe(400);
    expect(sessionCookieOf(refused)).toBeNull();

    expect((await submit(null, 'second_factor', { code: DEV_VERIFICATION_CODE })).status).toBe(401);
    expect(await currentFva(alice)).toEqual([30, -1]);

    await fetch(`${backend.url}/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: backend.url, cookie: `__session=${alice}` },
    });
    const ended = await submit(alice, 'second_factor', { code: DEV_VERIFICATION_CODE });
    expect(ended.status).toBe(401);
    expect(sessionCookieOf(ended)).toBeNull();
  });
});
