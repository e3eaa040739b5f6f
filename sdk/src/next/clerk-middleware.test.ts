import type { NextFetchEvent } from 'next/server';
import { NextRequest, NextResponse } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MissingSecretKeyError } from '../config.js';
import { sessionClaims, signRs, testKeyPair } from '../tokens/test-support/mint.js';
import { clerkMiddleware } from './clerk-middleware.js';
import { createRouteMatcher } from './create-route-matcher.js';
import { handoffKey } from './handoff/handoff-key.js';
import { HANDOFF_HEADER } from './handoff/handoff-state.js';
import { verifyHandoff } from './handoff/verify-handoff.js';

const secretKey = 'sk_test_middleware_unit';
const pair = testKeyPair('middleware');
// The app's public origin (the Host these requests carry) is declared, as behind a proxy.
const options = {
  secretKey,
  jwtKey: pair.pem,
  signInUrl: 'http://backend.test/sign-in',
  allowedRedirectOrigins: ['http://app.test:3000'],
};
const event = {} as NextFetchEvent;
const token = signRs(sessionClaims({ sub: 'user_alice', sid: 'sess_a' }), pair);

function request(path: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`http://localhost:3000${path}`, { headers: { host: 'app.test:3000', ...headers } });
}
const document = { accept: 'text/html', 'sec-fetch-dest': 'document' };

/** The handoff a middleware response carries, verified for the request it answered. */
async function handoffOf(res: Response, req: NextRequest) {
  const value = res.headers.get(`x-middleware-request-${HANDOFF_HEADER}`);
  expect(value).toBeTruthy();
  const request = { method: req.method, path: req.nextUrl.pathname, search: req.nextUrl.search };
  return verifyHandoff(value!, handoffKey(secretKey), request);
}

describe('clerkMiddleware', () => {
  // The options carry the secret key; a CLERK_SECRET_KEY of the developer's shell must not interfere.
  beforeAll(() => vi.stubEnv('CLERK_SECRET_KEY', ''));
  afterAll(() => vi.unstubAllEnvs());

  it('without a handler: continues to the render with the verified state, signed', async () => {
    const req = request('/page?x=1', { cookie: `__session=${token}` });
    const res = await clerkMiddleware(options)(req, event);
    expect(res?.headers.get('x-middleware-next')).toBe('1');
    const state = await handoffOf(res!, req);
    expect(state.auth).toMatchObject({ tokenType: 'session_token', userId: 'user_alice', sessionId: 'sess_a' });
    expect(state.url).toBe('http://app.test:3000/page?x=1');
    expect(state.tokenSource).toBe('cookie');
    expect(state.signInUrl).toBe('http://backend.test/sign-in');
  });

  it('hands over a signed-out state with the reason, and never an inbound x-authlens-* header', async () => {
    const forged = request('/page', {
      cookie: `__session=${token}x`,
      'x-authlens-auth': 'forged',
      'x-authlens-user-id': 'user_forged',
    });
    const res = await clerkMiddleware(options)(forged, event);
    const state = await handoffOf(res!, forged);
    expect(state.auth).toBeNull();
    // The appended character leaves non-zero spare bits: not canonical base64url (Hardening finding 9).
    expect(state.reason).toBe('malformed');
    // The render receives exactly the headers in the override list: of ours, only the signed handoff.
    const forwarded = res!.headers.get('x-middleware-override-headers')!.split(',');
    expect(forwarded.filter((h) => h.startsWith('x-authlens-'))).toEqual([HANDOFF_HEADER]);
    expect(forwarded).toContain('cookie');
    expect(res!.headers.get('x-middleware-request-x-authlens-user-id')).toBeNull();
  });

  it('runs the handler with auth(): the caller as verified', async () => {
    let seen: unknown;
    const mw = clerkMiddleware(async (auth) => {
      seen = (await auth()).userId;
    }, options);
    await mw(request('/', { authorization: `Bearer ${token}` }), event);
    expect(seen).toBe('user_alice');
  });

  it('auth.protect() in the handler: sign-in redirect for documents, 404 for API requests, 401 for actions', async () => {
    const mw = clerkMiddleware(async (auth) => {
      await auth.protect();
    }, options);
    const doc = await mw(request('/dashboard', document), event);
    expect(doc?.status).toBe(307);
    expect(doc?.headers.get('location')).toBe(
      `http://backend.test/sign-in?redirect_url=${encodeURIComponent('http://app.test:3000/dashboard')}`,
    );
    const api = await mw(request('/api/x'), event);
    expect(api?.headers.get('x-middleware-rewrite')).toMatch(/\/__authlens_not_found_\d+$/);
    const action = await mw(request('/page', { 'next-action': 'abc' }), event);
    expect(action?.status).toBe(401);
    const signedIn = await mw(request('/dashboard', { ...document, cookie: `__session=${token}` }), event);
    expect(signedIn?.headers.get('x-middleware-next')).toBe('1');
  });

  // Hardening finding 5: a forged Host / X-Forwarded-Host made redirect_url point to the attacker's origin.
  it('builds redirect_url on Next’s own origin when Host / X-Forwarded-Host name an origin not allowed', async () => {
    const mw = clerkMiddleware(async (auth) => {
      await auth.protect();
    }, options);
    const forgeries: Array<Record<string, string>> = [
      { host: 'evil.example' },
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    ];
    for (const forged of forgeries) {
      const res = await mw(request('/dashboard?tab=1', { ...document, ...forged }), event);
      expect(res?.headers.get('location')).toBe(
        `http://backend.test/sign-in?redirect_url=${encodeURIComponent('http://localhost:3000/dashboard?tab=1')}`,
      );
    }
  });

  it('redirectToSignIn() in the handler answers a redirect', async () => {
    const mw = clerkMiddleware(async (auth) => {
      const { userId, redirectToSignIn } = await auth();
      if (!userId) redirectToSignIn({ returnBackUrl: null });
    }, options);
    const res = await mw(request('/x', document), event);
    expect(res?.headers.get('location')).toBe('http://backend.test/sign-in');
  });

  it('returns the handler’s own response as it is, and forwards the handoff over its request-header override', async () => {
    const own = await clerkMiddleware(() => NextResponse.json({ hi: 1 }, { status: 418 }), options)(
      request('/'),
      event,
    );
    expect(own?.status).toBe(418);
    expect(own?.headers.get('x-middleware-override-headers')).toBeNull();
    const withHeaders = clerkMiddleware((_auth, req) => {
      const headers = new Headers(req.headers);
      headers.set('x-tenant', 'acme');
      return NextResponse.next({ request: { headers } });
    }, options);
    const req = request('/', { cookie: `__session=${token}` });
    const res = await withHeaders(req, event);
    expect(res?.headers.get('x-middleware-request-x-tenant')).toBe('acme');
    expect((await handoffOf(res!, req)).auth).toMatchObject({ userId: 'user_alice' });
  });

  // Hardening finding 3 (a handoff captured from another request): one sent along a proxied rewrite could be
  // captured by that origin's server.
  it('binds the handoff to a rewrite’s target, and sends none along a rewrite to another origin', async () => {
    const rewriteTo = (target: string) =>
      clerkMiddleware((_auth, req) => NextResponse.rewrite(new URL(target, req.url)), options);
    const req = request('/page?x=1', { cookie: `__session=${token}`, 'x-authlens-auth': 'forged' });
    const local = await rewriteTo('/other?y=2')(req, event);
    const value = local!.headers.get(`x-middleware-request-${HANDOFF_HEADER}`)!;
    const key = handoffKey(secretKey);
    const target = { method: 'GET', path: '/other', search: 'y=2' };
    expect((await verifyHandoff(value, key, target)).auth).toMatchObject({ userId: 'user_alice' });
    await expect(verifyHandoff(value, key, { ...target, path: '/page', search: 'x=1' })).rejects.toMatchObject({
      reason: 'request_mismatch',
    });
    const external = await rewriteTo('https://external.example/x')(req, event);
    expect(external!.headers.get('x-middleware-rewrite')).toBe('https://external.example/x');
    expect(external!.headers.get(`x-middleware-request-${HANDOFF_HEADER}`)).toBeNull();
    const forwarded = external!.headers.get('x-middleware-override-headers')!.split(',');
    expect(forwarded.filter((n) => n.startsWith('x-authlens-'))).toEqual([]);
  });

  it('takes options as a function of the request, and clerkMiddleware itself as the middleware', async () => {
    const mw = clerkMiddleware(
      async (auth) => {
        await auth.protect();
      },
      (req) => ({ ...options, signInUrl: `http://backend.test/sign-in/${req.nextUrl.searchParams.get('t')}` }),
    );
    const res = await mw(request('/p?t=acme', document), event);
    expect(res?.headers.get('location')).toMatch(/^http:\/\/backend\.test\/sign-in\/acme\?redirect_url=/);
    // `export default clerkMiddleware`: reads everything from the environment, which has no secret key here.
    await expect(clerkMiddleware(request('/'), event)).rejects.toBeInstanceOf(MissingSecretKeyError);
  });

  it('answers 400 for a malformed path, and lets other errors through', async () => {
    const isX = createRouteMatcher('/x(.*)');
    const mw = clerkMiddleware((_auth, req) => {
      if (isX(req)) return NextResponse.next();
      throw new Error('handler bug');
    }, options);
    const malformed = new NextRequest('http://localhost:3000/x%E0%A4%A', { headers: { host: 'app.test' } });
    expect((await mw(malformed, event))?.status).toBe(400);
    await expect(mw(request('/y'), event)).rejects.toThrow('handler bug');
  });
});
