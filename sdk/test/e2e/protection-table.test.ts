/**
 * The reference's protection table, cell by cell, over HTTP against `next start`:
 * documents, API requests and server actions; signed out, signed in, authorized or not; machine tokens.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appFetch, callAction, html, json } from './support/app.js';
import { type DemoSession, m2mToken, sessionFor } from './support/backend.js';
import { e2e } from './support/context.js';

let alice: DemoSession; // org:admin of acme (has org:team:manage)
let bob: DemoSession; // org:member of acme
const PROTECT_ACTIONS = 'app/actions/protect-actions.ts';

beforeAll(async () => {
  [alice, bob] = await Promise.all([sessionFor('alice', { org: 'acme' }), sessionFor('bob', { org: 'acme' })]);
});

function signInLocation(path: string): string {
  const { backendUrl, appUrl } = e2e();
  return `${backendUrl}/sign-in?redirect_url=${encodeURIComponent(`${appUrl}${path}`)}`;
}

describe('documents (page requests)', () => {
  it('signed out → redirect to the sign-in page with redirect_url', async () => {
    const res = await appFetch('/protected', { kind: 'document' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe(signInLocation('/protected'));
  });

  it("a browser's first visit (no dev browser yet) → the handshake with the Frontend API", async () => {
    const { backendUrl, appUrl } = e2e();
    const res = await appFetch('/protected', { kind: 'document', firstVisit: true });
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${backendUrl}/v1/client/handshake`);
    expect(location.searchParams.get('redirect_url')).toBe(`${appUrl}/protected`);
    expect(location.searchParams.get('__clerk_hs_reason')).toBe('dev-browser-missing');
  });

  it('an expired session → the handshake, which refreshes it', async () => {
    const shortLived = await sessionFor('bob', { expiresInSeconds: 1 });
    await new Promise((r) => setTimeout(r, 7_000)); // exp + the 5 s clock skew
    const res = await appFetch('/protected', { kind: 'document', cookie: shortLived.token });
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('__clerk_hs_reason')).toBe(
      'session-token-expired-refresh-non-eligible-no-refresh-cookie',
    );
  }, 20_000);

  it('signed out, App Router navigation (<Link>, router.push: rsc: 1) → sent to sign-in, as a page', async () => {
    /** An RSC request as Next's client sends it, with the `_rsc` cache-busting parameter when Next asks for it. */
    const rscFetch = async (path: string) => {
      const headers = { rsc: '1', 'next-url': path };
      const first = await appFetch(path, { headers });
      const location = first.headers.get('location') ?? '';
      return location.startsWith(`${path}?_rsc=`) ? appFetch(location, { headers }) : first;
    };
    // Protected in the middleware: the redirect is the middleware's answer (an API request would get a 404).
    const mw = await rscFetch('/mw/protected');
    expect(mw.status).toBe(307);
    expect(mw.headers.get('location')).toBe(signInLocation('/mw/protected'));
    // Protected in the page: the redirect travels in the RSC payload, for the client router to follow.
    const page = await rscFetch('/protected');
    expect(await page.text()).toContain(signInLocation('/protected'));
  });

  it('signed in → the page, with the auth object', async () => {
    const res = await appFetch('/protected', { kind: 'document', cookie: bob.token });
    expect(res.status).toBe(200);
    expect(await html(res)).toContain(`Welcome ${bob.userId}`);
  });

  it('signed in but not authorized → 404 (role, permission, condition)', async () => {
    for (const path of ['/protected/admin', '/protected/team', '/protected/feature']) {
      expect((await appFetch(path, { kind: 'document', cookie: bob.token })).status, path).toBe(404);
    }
  });

  it('signed in and authorized → 200 (role, permission, condition)', async () => {
    const admin = await appFetch('/protected/admin', { kind: 'document', cookie: alice.token });
    expect(admin.status).toBe(200);
    expect(await html(admin)).toContain(`Admin Panel for ${alice.userId}`);
    expect((await appFetch('/protected/team', { kind: 'document', cookie: alice.token })).status).toBe(200);
    expect((await appFetch('/protected/feature', { kind: 'document', cookie: alice.token })).status).toBe(200);
  });

  it('custom URLs: unauthenticatedUrl when signed out, unauthorizedUrl when not authorized', async () => {
    const out = await appFetch('/premium', { kind: 'document' });
    expect(out.status).toBe(307);
    expect(out.headers.get('location')).toBe(`${e2e().appUrl}/sign-in`);
    const denied = await appFetch('/premium', { kind: 'document', cookie: alice.token });
    expect(denied.status).toBe(307);
    expect(denied.headers.get('location')).toBe(`${e2e().appUrl}/upgrade`);
  });
});

describe('API requests (route handlers, and fetch() of a page)', () => {
  it('signed out → 404, never a redirect', async () => {
    expect((await appFetch('/api/protect-check')).status).toBe(404);
    expect((await appFetch('/api/resources', { method: 'POST', body: '{}' })).status).toBe(404);
    // A plain fetch() of a page route is an API request too: 404, not a redirect.
    expect((await appFetch('/protected')).status).toBe(404);
  });

  it('signed in (session token as Bearer) → the handler runs', async () => {
    const res = await appFetch('/api/resources', { method: 'POST', body: '{"name":"x"}', bearer: bob.token });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ success: true });
    const check = await json(await appFetch('/api/protect-check', { cookie: bob.token }));
    expect(check.auth).toMatchObject({ userId: bob.userId, isAuthenticated: true, tokenType: 'session_token' });
  });

  it('signed in but not authorized → 404; authorized → 200', async () => {
    expect((await appFetch('/api/protect-check?role=admin', { cookie: bob.token })).status).toBe(404);
    expect((await appFetch('/api/protect-check?permission=org:team:manage', { cookie: bob.token })).status).toBe(404);
    expect((await appFetch('/api/protect-check?role=admin', { cookie: alice.token })).status).toBe(200);
    expect((await appFetch('/api/protect-check?role=org:member', { cookie: bob.token })).status).toBe(200);
  });

  it('unauthorizedUrl / unauthenticatedUrl apply to API requests too', async () => {
    const out = await appFetch('/api/protect-check?unauthenticatedUrl=/sign-in');
    expect(out.status).toBe(307);
    expect(out.headers.get('location')).toBe(`${e2e().appUrl}/sign-in`);
    const denied = await appFetch('/api/protect-check?role=admin&unauthorizedUrl=/upgrade', { cookie: bob.token });
    expect(denied.status).toBe(307);
    expect(denied.headers.get('location')).toBe(`${e2e().appUrl}/upgrade`);
  });
});

describe('server actions', () => {
  it('signed out → 401', async () => {
    const res = await callAction('/actions', 'protectedAction', PROTECT_ACTIONS);
    expect(res.status).toBe(401);
  });

  it('signed in → the action runs and returns its result', async () => {
    const res = await callAction('/actions', 'protectedAction', PROTECT_ACTIONS, { cookie: bob.token });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(bob.userId);
  });

  it('signed in but not authorized → 404', async () => {
    expect((await callAction('/actions', 'adminAction', PROTECT_ACTIONS, { cookie: bob.token })).status).toBe(404);
    expect((await callAction('/actions', 'teamAction', PROTECT_ACTIONS, { cookie: bob.token })).status).toBe(404);
  });

  it('signed in and authorized → 200', async () => {
    const res = await callAction('/actions', 'adminAction', PROTECT_ACTIONS, { cookie: alice.token });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(alice.userId);
  });
});

describe('machine tokens (auth.protect({ token: "m2m_token" }))', () => {
  it('a real M2M token → the handler runs, isAuthenticated true', async () => {
    const token = await m2mToken();
    const res = await appFetch('/api/m2m', { method: 'POST', bearer: token, body: '{}' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      success: true,
      isAuthenticated: true,
      machineId: expect.stringMatching(/^mch_/),
    });
  });

  it('no token, a session token, or an invalid M2M token → 401', async () => {
    expect((await appFetch('/api/m2m', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await appFetch('/api/m2m', { method: 'POST', body: '{}', bearer: alice.token })).status).toBe(401);
    expect((await appFetch('/api/m2m', { method: 'POST', body: '{}', cookie: alice.token })).status).toBe(401);
    expect(
      (await appFetch('/api/m2m', { method: 'POST', body: '{}', bearer: 'mt_not_a_real_token_000000' })).status,
    ).toBe(401);
  });
});
