/**
 * clerkMiddleware() with Clerk's cookie protocol: a handshake answers with the 307 to the Frontend API (no handler
 * run), the way back answers with the redirect to the clean URL carrying the cookie directives, and the round trip
 * keeps one request id. The nonce is resolved by a real HTTP server speaking the Backend API's shape.
 */
import { AttributeName as A, SpanName } from '@authlens/otel';
import type { NextFetchEvent, NextMiddleware } from 'next/server';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendJson, startRawServer } from '../backend-api/test-support/raw-server.js';
import { type RecordedTelemetry, recordTelemetry } from '../telemetry/test-support/record-telemetry.js';
import { nowSeconds, signRs, testKeyPair } from '../tokens/test-support/mint.js';
import { clerkMiddleware } from './clerk-middleware.js';
import { handoffKey } from './handoff/handoff-key.js';
import { HANDOFF_HEADER } from './handoff/handoff-state.js';
import { verifyHandoff } from './handoff/verify-handoff.js';
import { HANDSHAKE_REQUEST_ID_COOKIE } from './handshake-request-id.js';

const secretKey = 'sk_test_middleware_handshake';
const pair = testKeyPair('middleware-handshake');
const FAPI = 'clerk.handshake-app.dev';
const DEV_PK = `pk_test_${btoa(`${FAPI}$`)}`;
const PROD_PK = `pk_live_${btoa(`${FAPI}$`)}`;
const event = {} as NextFetchEvent;
const now = nowSeconds();
const session = (claims: Record<string, unknown> = {}) =>
  signRs(
    { exp: now + 60, iat: now - 1, nbf: now - 10, iss: `https://${FAPI}`, sid: 'sess_h', sub: 'user_h', ...claims },
    pair,
  );
const expired = session({ iat: now - 120, nbf: now - 130, exp: now - 60 });
const renewed = session({ sid: 'sess_renewed' });
const directives = [`__session=${renewed}; Path=/; SameSite=Lax`, `__client_uat=${now}; Path=/; SameSite=Lax`];
const document = { accept: 'text/html', 'sec-fetch-dest': 'document' };
const api = { accept: 'application/json', 'sec-fetch-dest': 'empty' };

let server: Awaited<ReturnType<typeof startRawServer>>;
let telemetry: RecordedTelemetry;

function request(path: string, headers: Record<string, string>): NextRequest {
  // The URL Next resolved: a Host header alone is not trusted for redirect URLs (Hardening finding 5).
  return new NextRequest(`http://app.test:3000${path}`, { headers });
}

/** The middleware's answer (it always answers; Next's type allows none). */
async function answer(pending: ReturnType<NextMiddleware>): Promise<Response> {
  const res = await pending;
  if (!res) throw new Error('the middleware did not answer');
  return res;
}

function middlewareSpanAttributes() {
  const spans = telemetry.spansNamed(SpanName.middleware);
  return spans[spans.length - 1]?.attributes ?? {};
}

beforeAll(async () => {
  vi.stubEnv('CLERK_SECRET_KEY', '');
  server = await startRawServer((req, res) => {
    if (
      req.url === '/v1/clients/handshake_payload?nonce=nonce_ok' &&
      req.headers.authorization === `Bearer ${secretKey}`
    ) {
      return sendJson(res, 200, { directives });
    }
    sendJson(res, 404, { errors: [{ code: 'resource_not_found' }] });
  });
  telemetry = recordTelemetry();
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await telemetry.stop();
  await server.close();
});

const options = (publishableKey = DEV_PK) => ({ secretKey, jwtKey: pair.pem, publishableKey, apiUrl: server.url });

describe('clerkMiddleware with the cookie protocol', () => {
  it('answers an expired cookie on a document with the handshake redirect, without running the handler', async () => {
    const handler = vi.fn();
    const res = await answer(
      clerkMiddleware(handler, options())(
        request('/dashboard?tab=1', {
          ...document,
          cookie: `__session=${expired}; __client_uat=${now - 300}; __clerk_db_jwt=dvb_1`,
        }),
        event,
      ),
    );
    expect(handler).not.toHaveBeenCalled();
    expect(res.status).toBe(307);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`https://${FAPI}/v1/client/handshake`);
    expect(location.searchParams.get('redirect_url')).toBe('http://app.test:3000/dashboard?tab=1');
    expect(location.searchParams.get('__clerk_hs_reason')).toBe(
      'session-token-expired-refresh-non-eligible-no-refresh-cookie',
    );
    expect(location.searchParams.get('__clerk_db_jwt')).toBe('dvb_1');
    const cookies = res.headers.getSetCookie();
    expect(cookies).toContain('__clerk_redirect_count=1; SameSite=Lax; HttpOnly; Max-Age=2');
    const attributes = middlewareSpanAttributes();
    expect(attributes[A.outcome]).toBe('handshake');
    expect(attributes[A.reason]).toBe('expired');
    expect(attributes[A.httpResponseStatusCode]).toBe(307);
    expect(cookies).toContain(
      `${HANDSHAKE_REQUEST_ID_COOKIE}=${attributes[A.requestId]}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60`,
    );
  });

  it('resolves the nonce on the way back: 307 to the clean URL with the directives, under the same request id', async () => {
    const requestId = '0b5e3f1c-1d2e-4f3a-8b9c-0123456789ab';
    const handler = vi.fn();
    const res = await answer(
      clerkMiddleware(handler, options())(
        request('/dashboard?tab=1&__clerk_handshake_nonce=nonce_ok', {
          ...document,
          cookie: `__session=${expired}; __client_uat=${now - 300}; __clerk_db_jwt=dvb_1; ${HANDSHAKE_REQUEST_ID_COOKIE}=${requestId}`,
        }),
        event,
      ),
    );
    expect(handler).not.toHaveBeenCalled();
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://app.test:3000/dashboard?tab=1');
    expect(res.headers.getSetCookie()).toEqual([
      ...directives,
      `${HANDSHAKE_REQUEST_ID_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    ]);
    const attributes = middlewareSpanAttributes();
    expect(attributes[A.requestId]).toBe(requestId);
    expect(attributes[A.outcome]).toBe('signed_in');
    expect(attributes[A.userId]).toBe('user_h');
  });

  it('an unknown nonce: signed out, no cookie set but the id cookie cleared, typed reason', async () => {
    const res = await answer(
      clerkMiddleware(options())(
        request('/dashboard?__clerk_handshake_nonce=nonce_unknown', { ...document, cookie: '__clerk_db_jwt=dvb_1' }),
        event,
      ),
    );
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('http://app.test:3000/dashboard');
    expect(res.headers.getSetCookie()).toEqual([
      `${HANDSHAKE_REQUEST_ID_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    ]);
    expect(middlewareSpanAttributes()[A.reason]).toBe('handshake_nonce_unresolved');
  });

  it('a forged handshake token: signed out, the handler runs, nothing is set', async () => {
    const forged = signRs({ handshake: directives }, testKeyPair('forger'), { kid: pair.kid });
    let userId: unknown = 'unset';
    const res = await answer(
      clerkMiddleware(async (auth) => {
        userId = (await auth()).userId;
      }, options())(request(`/dashboard?__clerk_handshake=${forged}`, document), event),
    );
    expect(userId).toBeNull();
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(middlewareSpanAttributes()[A.reason]).toBe('handshake_token_invalid');
  });

  it('signed in by the cookies: the handler runs and the render gets the session', async () => {
    const res = await answer(
      clerkMiddleware(options())(
        request('/dashboard', {
          ...document,
          cookie: `__session=${session()}; __client_uat=${now - 300}; __clerk_db_jwt=dvb_1`,
        }),
        event,
      ),
    );
    const state = await verifyHandoff(
      res.headers.get(`x-middleware-request-${HANDOFF_HEADER}`)!,
      handoffKey(secretKey),
      { method: 'GET', path: '/dashboard', search: '' },
    );
    expect(state.auth).toMatchObject({ userId: 'user_h', sessionId: 'sess_h' });
    expect(state.tokenSource).toBe('cookie');
  });

  it('an API request that would need a handshake is signed out for the reason, with no redirect', async () => {
    const res = await answer(
      clerkMiddleware(options())(
        request('/api/me', { ...api, cookie: `__session=${session()}; __clerk_db_jwt=dvb_1` }),
        event,
      ),
    );
    const state = await verifyHandoff(
      res.headers.get(`x-middleware-request-${HANDOFF_HEADER}`)!,
      handoffKey(secretKey),
      { method: 'GET', path: '/api/me', search: '' },
    );
    expect(state.auth).toBeNull();
    expect(state.reason).toBe('session_token_without_client_uat');
    expect(res.headers.get('location')).toBeNull();
  });

  it('a production handshake token in a cookie is resolved in place: the handler runs and the cookies are set', async () => {
    const token = signRs({ handshake: directives }, pair);
    let userId: unknown;
    const res = await answer(
      clerkMiddleware(async (auth) => {
        userId = (await auth()).userId;
      }, options(PROD_PK))(request('/dashboard', { ...document, cookie: `__clerk_handshake=${token}` }), event),
    );
    expect(userId).toBe('user_h');
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(res.headers.getSetCookie()).toEqual(directives);
  });

  it('an Authorization token skips the cookie protocol, as with Clerk', async () => {
    let userId: unknown;
    await clerkMiddleware(async (auth) => {
      userId = (await auth()).userId;
    }, options())(request('/api/me', { ...api, authorization: `Bearer ${session()}` }), event);
    expect(userId).toBe('user_h');
  });
});
