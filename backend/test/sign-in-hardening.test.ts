/**
 * Regression tests for the local backend's sign-in pages:
 * - Hardening finding 7 (CSRF): a GET /sign-out from another site revoked the session; a sign-in form posted with no
 *   Sec-Fetch-* headers, or from another localhost port with a foreign Origin, was accepted.
 * - Hardening finding 8: an M2M JWT carrying a custom `sid` claim, sent as `__session` to /sign-out, revoked another
 *   user's session. Only a verified session token names a session.
 */
import { createClerkClient, verifyToken } from '@clerk/backend';
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

const clerk = () => createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });

async function sessionOf(username: string) {
  const browser = await signInOnPage(backend, username, `${APP}/`);
  const { sid } = await verifyToken(browser.session, { jwtKey: backend.jwtKey });
  return { ...browser, sid };
}

const statusOf = async (sid: string) => (await clerk().sessions.getSession(sid)).status;

function postForm(path: string, fields: Record<string, string>, headers: Record<string, string>) {
  return fetch(`${backend.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
}

describe('Hardening finding 7: CSRF on the sign-in pages', () => {
  it('a GET /sign-out (a link or an image on another site) ends no session', async () => {
    const alice = await sessionOf('alice');
    const res = await fetch(`${backend.url}/sign-out`, {
      redirect: 'manual',
      headers: { cookie: `__session=${alice.session}; __client=${alice.client}`, 'sec-fetch-site': 'cross-site' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await statusOf(alice.sid)).toBe('active');
  });

  it('a POST /sign-out from a foreign Origin, or with none, ends no session', async () => {
    const alice = await sessionOf('alice');
    const cookie = `__session=${alice.session}; __client=${alice.client}`;
    for (const origin of ['http://localhost:3001', 'https://evil.example', 'null', undefined]) {
      const res = await postForm('/sign-out', {}, { cookie, ...(origin ? { origin } : {}) });
      expect(res.status, String(origin)).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect(await statusOf(alice.sid)).toBe('active');
    // The backend's own page and the app (an allowed origin) may sign out.
    expect((await postForm('/sign-out', {}, { cookie, origin: APP })).status).toBe(200);
    expect(await statusOf(alice.sid)).toBe('revoked');
  });

  it('a sign-in form with no Sec-Fetch-* headers and no Origin, or from another localhost port, signs no one in', async () => {
    const before = (await clerk().sessions.getSessionList({ userId: (await userId('carol'))! })).totalCount;
    for (const headers of [{}, { origin: 'http://localhost:3001', 'sec-fetch-site': 'same-site' }] as Record<
      string,
      string
    >[]) {
      for (const path of ['/sign-in', '/sign-up']) {
        const res = await postForm(path, { username: 'carol', redirect_url: `${APP}/` }, headers);
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(res.headers.getSetCookie()).toEqual([]);
        expect(await res.text()).toContain('ERR_CROSS_SITE_FORM');
      }
    }
    expect((await clerk().sessions.getSessionList({ userId: (await userId('carol'))! })).totalCount).toBe(before);
  });
});

async function userId(username: string): Promise<string | undefined> {
  const { data } = await clerk().users.getUserList({ username: [username] });
  return data[0]?.id;
}

describe('Hardening finding 8: only a session token names a session on /sign-out', () => {
  it('an M2M JWT with a custom sid claim does not end that session', async () => {
    const bob = await sessionOf('bob');
    const machine = (await (
      await api(backend, '/v1/machines', { method: 'POST', json: { name: 'sid-forger' } })
    ).json()) as {
      secret_key: string;
    };
    const minted = await fetch(`${backend.url}/v1/m2m_tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${machine.secret_key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token_format: 'jwt', claims: { sid: bob.sid } }),
    });
    expect(minted.status).toBe(200);
    const { token } = (await minted.json()) as { token: string };
    const res = await postForm('/sign-out', {}, { origin: backend.url, cookie: `__session=${token}` });
    expect(res.status).toBe(200);
    expect(await statusOf(bob.sid)).toBe('active');
  });

  it('a JWT-template token claiming another session does not end it', async () => {
    const bob = await sessionOf('bob');
    const carol = await sessionOf('carol');
    const template = await api(backend, '/v1/jwt_templates', {
      method: 'POST',
      json: { name: 'names-a-session', claims: { sid: bob.sid } },
    });
    expect(template.status).toBe(200);
    const minted = await api(backend, `/v1/sessions/${carol.sid}/tokens/names-a-session`, { method: 'POST' });
    const { jwt } = (await minted.json()) as { jwt: string };
    const res = await postForm('/sign-out', {}, { origin: backend.url, cookie: `__session=${jwt}` });
    expect(res.status).toBe(200);
    expect(await statusOf(bob.sid)).toBe('active');
    expect(await statusOf(carol.sid)).toBe('active');
  });
});
