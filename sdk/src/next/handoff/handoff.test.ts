import { NextResponse } from 'next/server';
import { describe, expect, it } from 'vitest';
import { HandoffInvalidError } from '../errors.js';
import { boundRequest, handoffState, m2mState } from '../test-support/handoff-fixtures.js';
import { HANDOFF_MAX_AGE_MS } from './accept-handoff.js';
import { continuesToRender, forwardHandoff } from './forward-handoff.js';
import { handoffKey } from './handoff-key.js';
import { HANDOFF_HEADER, type HandoffState } from './handoff-state.js';
import { signHandoff, utf8ToBase64Url } from './sign-handoff.js';
import { verifyHandoff } from './verify-handoff.js';

const b64 = (o: unknown) => utf8ToBase64Url(JSON.stringify(o));
// The handoff trusts the token because the middleware verified it; only its claims are read here.
const sessionTokenExpiring = (exp: number) =>
  `${b64({ alg: 'RS256' })}.${b64({ sub: 'user_1', sid: 'sess_1', iat: 1, exp, v: 2, o: { id: 'org_1', rol: 'admin', slg: 'acme' } })}.sig`;
const sessionToken = sessionTokenExpiring(Math.floor(Date.now() / 1000) + 3600);
const bound = boundRequest;
const state = (over: Partial<HandoffState> = {}) => handoffState(sessionToken, over);
const machine = m2mState;

describe.each(['node', 'web'] as const)('handoff sign/verify (%s crypto)', (runtime) => {
  const key = handoffKey('sk_test_one', runtime);

  it('round-trips a verified session, re-reading the state from the token', async () => {
    const s = state({ auth: { tokenType: 'session_token' } as never });
    const got = await verifyHandoff(await signHandoff(s, key), key, bound);
    expect(got.requestId).toBe(s.requestId);
    expect(got.url).toBe(s.url);
    expect(got.kind).toBe('document');
    expect(got.auth).toMatchObject({
      tokenType: 'session_token',
      userId: 'user_1',
      sessionId: 'sess_1',
      orgId: 'org_1',
    });
    expect(got.allowedRedirectOrigins[0]).toBe('https://ok.test');
    expect((got.allowedRedirectOrigins[1] as RegExp).test('https://a.ok.test')).toBe(true);
  });

  it('round-trips a machine caller and a signed-out request', async () => {
    const m = await verifyHandoff(await signHandoff(state({ tokenType: 'm2m_token', auth: machine }), key), key, bound);
    expect(m.auth).toEqual(machine);
    const out = await verifyHandoff(
      await signHandoff(state({ token: null, tokenSource: 'none', tokenType: null, reason: 'no_token' }), key),
      key,
      bound,
    );
    expect(out.auth).toBeNull();
    expect(out.reason).toBe('no_token');
  });

  it('carries the sealed instance keys, or that they were withheld; absent means neither', async () => {
    const sealed = await verifyHandoff(await signHandoff(state({ sealedKeys: 'c2VhbGVk' }), key), key, bound);
    expect(sealed).toMatchObject({ sealedKeys: 'c2VhbGVk', keysWithheld: false });
    const withheld = await verifyHandoff(await signHandoff(state({ keysWithheld: true }), key), key, bound);
    expect(withheld).toMatchObject({ sealedKeys: null, keysWithheld: true });
    const plain = await verifyHandoff(await signHandoff(state(), key), key, bound);
    expect(plain).toMatchObject({ sealedKeys: null, keysWithheld: false });
  });

  it('rejects a value signed with another secret, or tampered with', async () => {
    const signed = await signHandoff(state(), key);
    await expect(verifyHandoff(signed, handoffKey('sk_test_other', runtime), bound)).rejects.toMatchObject({
      code: 'ERR_AUTH_HANDOFF_INVALID',
      reason: 'bad_signature',
    });
    const [payload, sig] = signed.split('.');
    const forged = `${b64({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), a: 's' })}.${sig}`;
    await expect(verifyHandoff(forged, key, bound)).rejects.toMatchObject({ reason: 'bad_signature' });
  });

  it('carries the middleware span’s traceparent (telemetry links the render to it); a non-string one is malformed', async () => {
    const traceParent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect((await verifyHandoff(await signHandoff(state({ traceParent }), key), key, bound)).traceParent).toBe(
      traceParent,
    );
    expect((await verifyHandoff(await signHandoff(state(), key), key, bound)).traceParent).toBeNull();
    const wire = utf8ToBase64Url(
      JSON.stringify({
        v: 1,
        id: 'r',
        iat: Date.now(),
        u: 'http://a.test/',
        rm: 'GET',
        rp: '/dashboard',
        rq: 'x=1',
        cs: 0,
        k: 'api',
        t: null,
        ts: 'none',
        y: null,
        r: null,
        si: null,
        su: null,
        ro: [],
        tp: 7,
      }),
    );
    await expect(verifyHandoff(`${wire}.${await key.sign(wire)}`, key, bound)).rejects.toMatchObject({
      reason: 'malformed',
    });
  });

  it('rejects malformed and stale values', async () => {
    for (const bad of ['', 'abc', 'abc.', '.abc']) {
      await expect(verifyHandoff(bad, key, bound)).rejects.toBeInstanceOf(HandoffInvalidError);
    }
    const notJson = `${utf8ToBase64Url('{nope')}`;
    await expect(verifyHandoff(`${notJson}.${await key.sign(notJson)}`, key, bound)).rejects.toMatchObject({
      reason: 'malformed',
    });
    const old = await signHandoff(state({ issuedAt: Date.now() - HANDOFF_MAX_AGE_MS - 1000 }), key);
    await expect(verifyHandoff(old, key, bound)).rejects.toMatchObject({ reason: 'stale' });
  });

  it('opens a value once (the signature check is cached) and returns the same state to each read', async () => {
    const signed = await signHandoff(state(), key);
    expect(await verifyHandoff(signed, key, bound)).toBe(await verifyHandoff(signed, key, bound));
  });

  // Hardening finding 3: a handoff captured from one request was accepted on any path, for 10 minutes, after the
  // session token in it had expired.
  describe('binding to the request (Hardening finding 3)', () => {
    const mismatch = { code: 'ERR_AUTH_HANDOFF_INVALID', reason: 'request_mismatch' };

    it('refuses a handoff on another path, query or method — also once its signature check is cached', async () => {
      const signed = await signHandoff(state(), key);
      expect((await verifyHandoff(signed, key, bound)).requestId).toBeTruthy();
      for (const other of [
        { ...bound, path: '/outside-middleware.csv' },
        { ...bound, path: '/Dashboard' },
        { ...bound, search: '' },
        { ...bound, search: 'x=2' },
        { ...bound, search: 'x=1&admin=1' },
        { ...bound, method: 'POST' },
      ]) {
        await expect(verifyHandoff(signed, key, other)).rejects.toMatchObject(mismatch);
      }
    });

    it('compares the query in one form: encoding and Next’s _rsc parameter do not matter', async () => {
      const signed = await signHandoff(state({ request: { ...bound, search: 'q=a+b&x=%C3%A9' } }), key);
      for (const search of ['?q=a+b&x=%C3%A9', 'q=a%20b&x=é', '?q=a+b&_rsc=1x2y&x=%C3%A9']) {
        expect((await verifyHandoff(signed, key, { ...bound, search })).request.path).toBe('/dashboard');
      }
      await expect(verifyHandoff(signed, key, { ...bound, search: 'x=%C3%A9&q=a+b' })).rejects.toMatchObject(mismatch);
    });

    it('leaves the method out where the render cannot know it (null), and never the path', async () => {
      const signed = await signHandoff(state({ request: { ...bound, method: 'PUT' } }), key);
      expect((await verifyHandoff(signed, key, { ...bound, method: null })).request.method).toBe('PUT');
      await expect(verifyHandoff(signed, key, { ...bound, method: null, path: '/x' })).rejects.toMatchObject(mismatch);
    });

    it('refuses it once the session token inside has expired, with the configured clock skew', async () => {
      const now = Date.now();
      const exp = Math.floor(now / 1000) - 3;
      const expired = await signHandoff(
        state({ token: sessionTokenExpiring(exp), auth: { tokenType: 'session_token' } as never, clockSkewInMs: 1000 }),
        key,
      );
      await expect(verifyHandoff(expired, key, bound, now)).rejects.toMatchObject({
        code: 'ERR_AUTH_HANDOFF_INVALID',
        reason: 'token_expired',
      });
      // Within the skew it still holds (the middleware accepted it with that skew).
      const withinSkew = await signHandoff(
        state({ token: sessionTokenExpiring(exp), auth: { tokenType: 'session_token' } as never, clockSkewInMs: 5000 }),
        key,
      );
      expect((await verifyHandoff(withinSkew, key, bound, now)).auth).toMatchObject({ userId: 'user_1' });
    });

    it('refuses it once a machine token inside has expired', async () => {
      const now = Date.now();
      const signed = await signHandoff(
        state({ auth: { ...machine, expiration: now - 6000 }, clockSkewInMs: 5000 }),
        key,
      );
      await expect(verifyHandoff(signed, key, bound, now)).rejects.toMatchObject({ reason: 'token_expired' });
    });

    it('lives 60 seconds: enough for a render to first read it, not for a replay later', async () => {
      expect(HANDOFF_MAX_AGE_MS).toBe(60_000);
      const now = Date.now();
      const signed = await signHandoff(state({ issuedAt: now - 59_000 }), key);
      expect((await verifyHandoff(signed, key, bound, now)).requestId).toBeTruthy();
      await expect(verifyHandoff(signed, key, bound, now + 2000)).rejects.toMatchObject({ reason: 'stale' });
    });
  });
});

describe('forwardHandoff', () => {
  const inbound = new Headers({
    cookie: '__session=x',
    accept: 'text/html',
    'x-authlens-auth': 'forged',
    'X-Authlens-Other': 'f',
  });

  it('forwards every inbound header but ours, plus the signed handoff', () => {
    const res = forwardHandoff(NextResponse.next(), inbound, 'signed');
    const list = res.headers.get('x-middleware-override-headers')!.split(',');
    expect(list.sort()).toEqual(['accept', 'cookie', HANDOFF_HEADER].sort());
    expect(res.headers.get('x-middleware-request-x-authlens-auth')).toBe('signed');
    expect(res.headers.get('x-middleware-request-x-authlens-other')).toBeNull();
    expect(res.headers.get('x-middleware-request-cookie')).toBe('__session=x');
  });

  it('keeps a handler’s own request-header override, minus anything of ours it tried to pass', () => {
    const headers = new Headers(inbound);
    headers.set('x-user', '1');
    const res = forwardHandoff(NextResponse.next({ request: { headers } }), inbound, 'signed');
    const list = res.headers.get('x-middleware-override-headers')!.split(',');
    expect(list).toContain('x-user');
    expect(list.filter((n) => n.startsWith('x-authlens-'))).toEqual([HANDOFF_HEADER]);
    expect(res.headers.get('x-middleware-request-x-authlens-auth')).toBe('signed');
    expect(res.headers.get('x-middleware-request-x-authlens-other')).toBeNull();
  });

  it('tells renders from final responses', () => {
    expect(continuesToRender(NextResponse.next())).toBe(true);
    expect(continuesToRender(NextResponse.rewrite(new URL('http://app.test/x')))).toBe(true);
    expect(continuesToRender(NextResponse.redirect(new URL('http://app.test/x')))).toBe(false);
    expect(continuesToRender(new Response('hi'))).toBe(false);
  });
});
