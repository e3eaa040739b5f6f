/**
 * Hardening finding 1 — Backend API budget exhaustion by anonymous machine tokens. The review's regression test: about
 * 200 `Authorization: Bearer mt_<random>` requests in 5 s through the real `clerkMiddleware()` against the real local
 * backend (Clerk's development limit, 100 requests / 10 s), then the signed-in user's `currentUser()` call must
 * still answer. Before the fix each sprayed token cost one Backend API call, the window ran out after 100, and the
 * user's call failed with `ERR_BACKEND_API_RATE_LIMITED`.
 *
 * SDK level rather than the Next e2e suite: the middleware runs in-process on `NextRequest`s, and the user's call is
 * the one `currentUser()` makes (`getUser` on the instance's shared client), made in the middleware's handler.
 */
import { randomBytes } from 'node:crypto';
import type { NextFetchEvent } from 'next/server';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalBackend } from '../backend-api/test-support/local-backend.js';
import { backendClientFor } from './backend-clients.js';
import { clerkMiddleware } from './clerk-middleware.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** A made-up M2M token of exactly the form the local backend issues (48 base62 characters). */
function randomM2mToken(): string {
  let body = '';
  for (const byte of randomBytes(48)) body += BASE62[byte % 62];
  return `mt_${body}`;
}

const VERIFY_M2M = 'POST /v1/m2m_tokens/verify';
const event = {} as NextFetchEvent;

let backend: Awaited<ReturnType<typeof startLocalBackend>>;
let aliceId: string;
let aliceToken: string;

beforeAll(async () => {
  backend = await startLocalBackend();
  const [alice] = await backend.admin.call('GET', '/v1/users?username=alice');
  aliceId = alice.id;
  const session = await backend.admin.call('POST', '/v1/sessions', { user_id: aliceId });
  aliceToken = (await backend.admin.call('POST', `/v1/sessions/${session.id}/tokens`, {})).jwt;
  // The app's environment: the middleware, currentUser() and clerkClient() share the instance's one client.
  vi.stubEnv('CLERK_SECRET_KEY', backend.secretKey);
  vi.stubEnv('CLERK_API_URL', backend.url);
  vi.stubEnv('CLERK_JWT_KEY', backend.jwtKey);
  // Fresh windows at Clerk's development limit, from here on.
  await backend.admin.rateLimit({ limit: 100, windowSeconds: 10 });
  await backend.admin.resetCounters();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await backend?.close();
});

describe('Hardening finding 1: a machine-token spray cannot starve signed-in users', () => {
  it('200 unknown mt_ tokens in 5 s are all refused (401), and currentUser() still answers 200', async () => {
    const middleware = clerkMiddleware(async (auth, req) => {
      if (req.nextUrl.pathname === '/api/m2m') {
        await auth.protect({ token: 'm2m_token' });
        return Response.json({ ok: true });
      }
      const { userId } = await auth();
      if (!userId) return new Response(null, { status: 401 });
      // What currentUser() does in the render: getUser on the instance's shared Backend API client.
      const user = await backendClientFor(backend.secretKey, backend.url).getUser(userId);
      return Response.json({ id: user.id });
    });
    const call = (path: string, headers: Record<string, string>) =>
      middleware(
        new NextRequest(`http://app.test${path}`, { headers: { accept: 'application/json', ...headers } }),
        event,
      );

    const statuses: number[] = [];
    // 8 bursts of 25, 5 s in all: well within one 10 s window.
    for (let burst = 0; burst < 8; burst++) {
      const started = Date.now();
      const responses = await Promise.all(
        Array.from({ length: 25 }, () => call('/api/m2m', { authorization: `Bearer ${randomM2mToken()}` })),
      );
      statuses.push(...responses.map((res) => res!.status));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 625 - (Date.now() - started))));
    }
    expect(statuses).toHaveLength(200);
    expect(new Set(statuses)).toEqual(new Set([401]));

    const me = await call('/api/me', { cookie: `__session=${aliceToken}` });
    expect(me!.status).toBe(200);
    expect(await me!.json()).toEqual({ id: aliceId });

    // The spray spent at most the unreserved 80% of the window on verifications.
    const verifications = (await backend.admin.counts())[VERIFY_M2M] ?? 0;
    expect(verifications).toBeGreaterThan(0);
    expect(verifications).toBeLessThanOrEqual(80);
  }, 30_000);
});
