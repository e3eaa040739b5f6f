import { describe, expect, it } from 'vitest';
import type { SessionAuthState } from '../auth-state.js';
import { createHas } from '../authorization/index.js';
import { toSessionAuthState } from '../tokens/index.js';
import { type AuthObjectDeps, type RequestAuthState, resolveAuthObject } from './auth-objects.js';
import { m2mState } from './test-support/handoff-fixtures.js';

const deps: AuthObjectDeps = {
  createHas,
  mintToken: () => Promise.reject(new Error('no Backend API in this unit test')),
};

const session: SessionAuthState = toSessionAuthState({
  sub: 'user_1',
  sid: 'sess_1',
  iat: 1,
  exp: 2,
  v: 2,
  o: { id: 'org_1', rol: 'admin', slg: 'acme', per: 'manage', fpm: '1' },
  fea: 'o:team',
});
const pending: SessionAuthState = { ...session, sessionStatus: 'pending' };
const m2m = m2mState;

const req = (over: Partial<RequestAuthState>): RequestAuthState => ({
  requestId: 'r1',
  token: 'raw.session.token',
  tokenType: 'session_token',
  auth: session,
  ...over,
});

describe('resolveAuthObject', () => {
  it('a signed-in session: Clerk’s fields, has() over the org, getToken() the raw token', async () => {
    const a = resolveAuthObject(req({}), {}, deps);
    expect(a).toMatchObject({
      tokenType: 'session_token',
      isAuthenticated: true,
      userId: 'user_1',
      sessionId: 'sess_1',
      orgId: 'org_1',
      orgRole: 'org:admin',
      orgSlug: 'acme',
      orgPermissions: ['org:team:manage'],
      sessionStatus: 'active',
      actor: null,
    });
    expect(a.has({ role: 'admin' })).toBe(true);
    expect(a.has({ permission: 'org:team:manage' })).toBe(true);
    expect(a.has({ role: 'member' })).toBe(false);
    expect(await a.getToken()).toBe('raw.session.token');
  });

  it('no credential: signed out, has() false, getToken() null', async () => {
    const a = resolveAuthObject(req({ token: null, tokenType: null, auth: null }), {}, deps);
    expect(a).toMatchObject({ tokenType: 'session_token', isAuthenticated: false, userId: null, sessionStatus: null });
    expect(a.has({ role: 'admin' })).toBe(false);
    expect(await a.getToken()).toBeNull();
  });

  it('pending: signed in by default; signed out (status kept) with treatPendingAsSignedOut', () => {
    expect(resolveAuthObject(req({ auth: pending }), {}, deps)).toMatchObject({
      userId: 'user_1',
      sessionStatus: 'pending',
    });
    expect(resolveAuthObject(req({ auth: pending }), { treatPendingAsSignedOut: true }, deps)).toMatchObject({
      userId: null,
      isAuthenticated: false,
      sessionStatus: 'pending',
    });
  });

  it('a machine token: accepted by its type, any, or a list with it; has() always false', async () => {
    const r = req({ token: 'mt_secret', tokenType: 'm2m_token', auth: m2m });
    const a = resolveAuthObject(r, { acceptsToken: 'm2m_token' }, deps);
    expect(a).toMatchObject({
      tokenType: 'm2m_token',
      isAuthenticated: true,
      id: 'mt_1',
      machineId: 'mch_1',
      scopes: ['mch_2'],
    });
    expect(a.has({ role: 'admin' })).toBe(false);
    expect(await a.getToken()).toBe('mt_secret');
    expect(resolveAuthObject(r, { acceptsToken: 'any' }, deps).tokenType).toBe('m2m_token');
    expect(resolveAuthObject(r, { acceptsToken: ['api_key', 'm2m_token'] }, deps).tokenType).toBe('m2m_token');
  });

  it('Clerk’s mismatch rules: one type → signed out of that type; a list → tokenType null', () => {
    const machine = req({ token: 'mt_secret', tokenType: 'm2m_token', auth: m2m });
    expect(resolveAuthObject(machine, {}, deps)).toMatchObject({
      tokenType: 'session_token',
      isAuthenticated: false,
      userId: null,
    });
    expect(resolveAuthObject(req({}), { acceptsToken: 'api_key' }, deps)).toMatchObject({
      tokenType: 'api_key',
      isAuthenticated: false,
      name: null,
      userId: null,
      orgId: null,
    });
    expect(resolveAuthObject(req({}), { acceptsToken: ['oauth_token', 'api_key'] }, deps)).toEqual(
      expect.objectContaining({ tokenType: null, isAuthenticated: false }),
    );
  });

  it('a machine token that failed verification: unauthenticated of its own type', () => {
    const failed = req({ token: 'oat_bad', tokenType: 'oauth_token', auth: null });
    expect(resolveAuthObject(failed, { acceptsToken: 'oauth_token' }, deps)).toMatchObject({
      tokenType: 'oauth_token',
      isAuthenticated: false,
      userId: null,
      clientId: null,
    });
    expect(resolveAuthObject(failed, { acceptsToken: 'any' }, deps)).toMatchObject({
      tokenType: 'oauth_token',
      isAuthenticated: false,
    });
  });
});
