/**
 * The security boundary: a client cannot forge auth state. Forged handoff headers are stripped by the middleware;
 * tokens that are unsigned, HMAC-signed with the public key, expired, or issued for another party are signed out.
 */
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { handoffKey } from '../../src/next/handoff/handoff-key.js';
import type { HandoffState } from '../../src/next/handoff/handoff-state.js';
import { newRequestId, signHandoff } from '../../src/next/handoff/sign-handoff.js';
import { appFetch, browserCookies, json } from './support/app.js';
import { type DemoSession, sessionFor } from './support/backend.js';
import { e2e } from './support/context.js';

let alice: DemoSession;

beforeAll(async () => {
  alice = await sessionFor('alice', { org: 'acme' });
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const partsOf = (jwt: string) => jwt.split('.') as [string, string, string];

async function whoAmI(headers: Record<string, string>) {
  const res = await appFetch('/api/auth-state', { headers });
  expect(res.status).toBe(200);
  return (await json(res)).auth as Record<string, unknown>;
}

async function signedOutWith(token: string): Promise<void> {
  const credentials: Array<Record<string, string>> = [
    { cookie: browserCookies(token) },
    { authorization: `Bearer ${token}` },
  ];
  for (const credential of credentials) {
    expect(await whoAmI(credential)).toMatchObject({ userId: null, isAuthenticated: false });
  }
  expect((await appFetch('/protected', { kind: 'document', cookie: token })).status).toBe(307);
}

describe('forged auth state', () => {
  it('the genuine token is signed in (the baseline for the cases below)', async () => {
    expect(await whoAmI({ cookie: browserCookies(alice.token) })).toMatchObject({ userId: alice.userId });
  });

  it('the signed handoff never reaches the client', async () => {
    for (const res of [
      await appFetch('/api/auth-state', { cookie: alice.token }),
      await appFetch('/dashboard', { kind: 'document', cookie: alice.token }),
    ]) {
      const names = [...res.headers.keys()];
      expect(names.filter((n) => n.startsWith('x-authlens') || n.startsWith('x-middleware'))).toEqual([]);
      expect(await res.text()).not.toContain(alice.token);
    }
  });

  it('forged x-authlens-* headers are stripped — even one signed with the real key', async () => {
    const signed = await signHandoff(
      {
        requestId: newRequestId(),
        issuedAt: Date.now(),
        url: `${e2e().appUrl}/api/auth-state`,
        request: { method: 'GET', path: '/api/auth-state', search: '' },
        clockSkewInMs: 5000,
        kind: 'api',
        token: alice.token,
        tokenSource: 'header',
        tokenType: 'session_token',
        auth: { tokenType: 'session_token' } as never,
        reason: null,
        signInUrl: null,
        signUpUrl: null,
        allowedRedirectOrigins: [],
      },
      handoffKey(e2e().secretKey),
    );
    for (const value of [signed, 'garbage', `${b64({ v: 1 })}.AAAA`]) {
      expect(await whoAmI({ 'x-authlens-auth': value })).toMatchObject({ userId: null, isAuthenticated: false });
      expect(await whoAmI({ 'X-Authlens-Auth': value, 'x-authlens-anything': 'x' })).toMatchObject({ userId: null });
    }
  });

  // Hardening finding 3: on a route the middleware does not cover, a client can send x-authlens-auth itself; a
  // handoff captured from another request was accepted there for 10 minutes, after its session token had expired.
  describe('a handoff replayed on a route the middleware does not cover', () => {
    const outside = '/outside-middleware.csv';
    const handoff = (over: Partial<HandoffState> = {}) =>
      signHandoff(
        {
          requestId: newRequestId(),
          issuedAt: Date.now(),
          url: `${e2e().appUrl}/api/auth-state`,
          request: { method: 'GET', path: '/api/auth-state', search: '' },
          clockSkewInMs: 5000,
          kind: 'api',
          token: alice.token,
          tokenSource: 'cookie',
          tokenType: 'session_token',
          auth: { tokenType: 'session_token' } as never,
          reason: null,
          signInUrl: null,
          signUpUrl: null,
          allowedRedirectOrigins: [],
          ...over,
        },
        handoffKey(e2e().secretKey),
      );
    const replay = async (value: string, path = outside) => {
      const res = await appFetch(path, { headers: { 'x-authlens-auth': value } });
      return { status: res.status, body: await json(res) };
    };

    it('one made for another request → ERR_AUTH_HANDOFF_INVALID (request_mismatch)', async () => {
      expect(await replay(await handoff())).toMatchObject({
        status: 500,
        body: { code: 'ERR_AUTH_HANDOFF_INVALID', reason: 'request_mismatch' },
      });
      // The same path with another query is another request too.
      const otherQuery = await handoff({ request: { method: 'GET', path: outside, search: 'a=1' } });
      expect((await replay(otherQuery)).body).toMatchObject({ reason: 'request_mismatch' });
    });

    it('one made for this very request (only the middleware could) is read — the render knows its own path', async () => {
      const exact = await handoff({ request: { method: 'GET', path: outside, search: 'q=1' } });
      expect(await replay(exact, `${outside}?q=1`)).toMatchObject({ status: 200, body: { ok: true } });
    });

    it('one whose session token has expired (beyond the clock skew) → token_expired', async () => {
      const shortLived = await sessionFor('bob', { expiresInSeconds: 1 });
      const value = await handoff({
        token: shortLived.token,
        request: { method: 'GET', path: outside, search: '' },
        clockSkewInMs: 0,
      });
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await replay(value)).toMatchObject({
        status: 500,
        body: { code: 'ERR_AUTH_HANDOFF_INVALID', reason: 'token_expired' },
      });
    });

    it('one older than 60 seconds → stale', async () => {
      const old = await handoff({
        issuedAt: Date.now() - 61_000,
        request: { method: 'GET', path: outside, search: '' },
      });
      expect(await replay(old)).toMatchObject({
        status: 500,
        body: { code: 'ERR_AUTH_HANDOFF_INVALID', reason: 'stale' },
      });
    });
  });

  it('alg "none" → signed out', async () => {
    const [, payload] = partsOf(alice.token);
    await signedOutWith(`${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`);
  });

  it('HS256 signed with the public key as the HMAC secret → signed out', async () => {
    const [header, payload] = partsOf(alice.token);
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString());
    const input = `${b64({ alg: 'HS256', kid, typ: 'JWT' })}.${payload}`;
    await signedOutWith(`${input}.${createHmac('sha256', e2e().jwtKey).update(input).digest('base64url')}`);
  });

  it('a tampered payload (claims changed, signature kept) → signed out', async () => {
    const [header, payload, signature] = partsOf(alice.token);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    await signedOutWith(`${header}.${b64({ ...claims, sub: 'user_someone_else' })}.${signature}`);
  });

  it('a token issued for another party (wrong azp) → signed out', async () => {
    const other = await sessionFor('alice', { org: 'acme', azp: 'https://evil.example' });
    await signedOutWith(other.token);
  });

  it('an expired token → signed out', async () => {
    const shortLived = await sessionFor('bob', { expiresInSeconds: 1 });
    expect(await whoAmI({ cookie: browserCookies(shortLived.token) })).toMatchObject({ userId: shortLived.userId });
    // exp + the 5 s clock skew
    await new Promise((r) => setTimeout(r, 7_000));
    await signedOutWith(shortLived.token);
  }, 20_000);
});
