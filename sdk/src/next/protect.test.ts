import { describe, expect, it } from 'vitest';
import { createHas } from '../authorization/index.js';
import { toSessionAuthState } from '../tokens/index.js';
import type { AuthObjectDeps } from './auth-objects.js';
import { controlFlowOf } from './control-flow.js';
import { authorizationOf, createProtect, evaluateProtect, type ProtectContext, protectOptionsOf } from './protect.js';

const deps: AuthObjectDeps = { createHas, mintToken: () => Promise.reject(new Error('unused')) };
const member = toSessionAuthState({
  sub: 'user_b',
  sid: 'sess_b',
  iat: 1,
  exp: 2,
  v: 2,
  o: { id: 'org_1', rol: 'member', slg: 'acme' },
});

function ctx(signedIn: boolean, kind: ProtectContext['request']['kind'] = 'document'): ProtectContext {
  return {
    request: {
      requestId: 'r',
      kind,
      token: signedIn ? 't' : null,
      tokenType: signedIn ? 'session_token' : null,
      auth: signedIn ? member : null,
    },
    redirect: {
      requestUrl: 'http://app.test/page',
      signInUrl: 'http://b.test/sign-in',
      signUpUrl: null,
      allowedRedirectOrigins: [],
    },
    deps,
  };
}

async function thrown(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return controlFlowOf(e) ?? e;
  }
  return 'returned';
}

describe('auth.protect() arguments', () => {
  it('takes only has() keys as authorization, a function as a condition', () => {
    expect(authorizationOf({ role: 'admin', unauthorizedUrl: '/x', token: 'any' })).toEqual({ role: 'admin' });
    expect(authorizationOf({ token: 'm2m_token' })).toBeNull();
    expect(authorizationOf(undefined)).toBeNull();
    const condition = () => true;
    expect(authorizationOf(condition)).toBe(condition);
  });

  it('reads options from either argument', () => {
    expect(protectOptionsOf({ token: 'm2m_token' }, undefined).token).toBe('m2m_token');
    expect(protectOptionsOf({ role: 'x' }, { unauthorizedUrl: '/u', treatPendingAsSignedOut: true })).toMatchObject({
      unauthorizedUrl: '/u',
      treatPendingAsSignedOut: true,
    });
  });
});

describe('evaluateProtect / createProtect', () => {
  it('signed in and authorized: resolves with the signed-in auth object', async () => {
    const protect = createProtect(async () => ctx(true));
    const a = await protect({ role: 'member' });
    expect(a).toMatchObject({ userId: 'user_b', isAuthenticated: true });
    expect(await protect((has) => has({ role: 'org:member' }))).toMatchObject({ userId: 'user_b' });
  });

  it('signed in, not authorized: 404, or the checked unauthorizedUrl', async () => {
    expect(evaluateProtect(ctx(true), { role: 'admin' }).decision).toEqual({
      outcome: 'not_found',
      reason: 'not_authorized',
    });
    const protect = createProtect(async () => ctx(true));
    expect(await thrown(protect({ role: 'admin' }))).toEqual({ type: 'http', status: 404 });
    expect(await thrown(protect({ role: 'admin' }, { unauthorizedUrl: '/upgrade' }))).toMatchObject({
      type: 'redirect',
      url: 'http://app.test/upgrade',
    });
    expect(await thrown(protect({ role: 'admin' }, { unauthorizedUrl: 'https://evil.test/' }))).toMatchObject({
      code: 'ERR_REDIRECT_NOT_ALLOWED',
    });
  });

  it('signed out: sign-in redirect (document), 404 (API), 401 (server action)', async () => {
    expect(await thrown(createProtect(async () => ctx(false, 'document'))())).toEqual({
      type: 'redirect',
      url: `http://b.test/sign-in?redirect_url=${encodeURIComponent('http://app.test/page')}`,
      status: 307,
    });
    expect(await thrown(createProtect(async () => ctx(false, 'api'))())).toEqual({ type: 'http', status: 404 });
    expect(await thrown(createProtect(async () => ctx(false, 'server_action'))())).toEqual({
      type: 'http',
      status: 401,
    });
  });

  it('a condition is not called for a signed-out caller', () => {
    let called = false;
    evaluateProtect(ctx(false), () => {
      called = true;
      return true;
    });
    expect(called).toBe(false);
  });
});
