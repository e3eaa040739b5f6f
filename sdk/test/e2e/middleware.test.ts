/**
 * clerkMiddleware with a handler: auth.protect() and redirectToSignIn() inside proxy.ts, and the same app built
 * with middleware.ts instead (Next runs that one on the Edge runtime; it verifies session tokens with the backend's
 * JWKS instead of CLERK_JWT_KEY).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appFetch, callAction, html, json } from './support/app.js';
import { counters, type DemoSession, m2mToken, resetCounters, sessionFor } from './support/backend.js';
import { e2e } from './support/context.js';

let alice: DemoSession;
let bob: DemoSession;

beforeAll(async () => {
  [alice, bob] = await Promise.all([sessionFor('alice', { org: 'acme' }), sessionFor('bob', { org: 'acme' })]);
});

const variants = [
  ['proxy.ts (Node.js runtime)', () => e2e().appUrl],
  ['middleware.ts (Edge runtime)', () => e2e().variantUrl],
] as const;

describe.each(variants)('%s', (_name, baseOf) => {
  const signInFor = (path: string) =>
    `${e2e().backendUrl}/sign-in?redirect_url=${encodeURIComponent(`${baseOf()}${path}`)}`;

  it('auth.protect() in the middleware: signed-out document → sign-in; API → 404; signed in → the page', async () => {
    const base = baseOf();
    const doc = await appFetch('/mw/protected?x=1', { base, kind: 'document' });
    expect(doc.status).toBe(307);
    expect(doc.headers.get('location')).toBe(signInFor('/mw/protected?x=1'));
    expect((await appFetch('/mw/protected', { base })).status).toBe(404);
    const page = await appFetch('/mw/protected', { base, kind: 'document', cookie: bob.token });
    expect(page.status).toBe(200);
    expect(await html(page)).toContain(`Middleware let ${bob.userId} in`);
  });

  it('auth.protect({ role }) in the middleware: 404 when not authorized, the page when authorized', async () => {
    const base = baseOf();
    expect((await appFetch('/mw/admin', { base, kind: 'document', cookie: bob.token })).status).toBe(404);
    const page = await appFetch('/mw/admin', { base, kind: 'document', cookie: alice.token });
    expect(page.status).toBe(200);
    expect(await html(page)).toContain(`Admin ${alice.userId} (org:admin)`);
  });

  it('redirectToSignIn() in the middleware', async () => {
    const base = baseOf();
    const out = await appFetch('/mw/sign-in-redirect', { base, kind: 'document' });
    expect(out.status).toBe(307);
    expect(out.headers.get('location')).toBe(signInFor('/mw/sign-in-redirect'));
    expect((await appFetch('/mw/sign-in-redirect', { base, kind: 'document', cookie: alice.token })).status).toBe(200);
  });

  it('auth.protect({ token: "m2m_token" }) in the middleware: 401 without, the route with a real M2M token', async () => {
    const base = baseOf();
    expect((await appFetch('/api/mw/m2m', { base })).status).toBe(401);
    expect((await appFetch('/api/mw/m2m', { base, bearer: alice.token })).status).toBe(401);
    const res = await appFetch('/api/mw/m2m', { base, bearer: await m2mToken() });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ isAuthenticated: true, subject: expect.stringMatching(/^mch_/) });
  });

  it('the render sees what the middleware verified: auth.protect(), currentUser(), server actions', async () => {
    const base = baseOf();
    expect((await appFetch('/protected', { base, kind: 'document' })).status).toBe(307);
    expect((await appFetch('/protected/admin', { base, kind: 'document', cookie: bob.token })).status).toBe(404);
    expect(await json(await appFetch('/api/user', { base, cookie: alice.token }))).toMatchObject({ id: alice.userId });
    const variant = base === e2e().variantUrl;
    const file = 'app/actions/protect-actions.ts';
    expect((await callAction('/actions', 'protectedAction', file, { base })).status).toBe(401);
    expect((await callAction('/actions', 'adminAction', file, { base, cookie: bob.token })).status).toBe(404);
    const ok = await callAction('/actions', 'adminAction', file, { base, cookie: alice.token });
    expect(ok.status, variant ? 'variant' : 'proxy').toBe(200);
  });

  it('a rewrite in the middleware: the render of the rewritten route accepts the handoff made for it', async () => {
    const res = await appFetch('/mw/rewrite?x=1', { base: baseOf(), cookie: alice.token });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      auth: { userId: alice.userId, isAuthenticated: true },
      user: { id: alice.userId },
    });
  });

  it('forged handoff headers are stripped', async () => {
    const res = await appFetch('/api/auth-state', { base: baseOf(), headers: { 'x-authlens-auth': 'forged.value' } });
    expect((await json(res)).auth).toMatchObject({ userId: null, isAuthenticated: false });
  });
});

describe('middleware.ts variant: session tokens verified with the cached JWKS', () => {
  it('loads the JWKS once, then verifies without calling the Backend API', async () => {
    const base = e2e().variantUrl;
    await appFetch('/api/auth-state', { base, cookie: alice.token });
    await resetCounters();
    for (const session of [alice, bob, alice]) {
      const res = await appFetch('/api/auth-state', { base, cookie: session.token });
      expect((await json(res)).auth).toMatchObject({ userId: session.userId });
    }
    const fresh = await sessionFor('carol');
    expect((await json(await appFetch('/api/auth-state', { base, cookie: fresh.token }))).auth).toMatchObject({
      userId: fresh.userId,
    });
    expect((await counters())['GET /v1/jwks'] ?? 0).toBe(0);
  });
});
