/**
 * auth() options over HTTP: pending sessions under both policies, `acceptsToken` for every token type (and lists,
 * 'any'), getToken() with a JWT template, and the reverification 403.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appFetch, callAction, json } from './support/app.js';
import {
  apiKey,
  claimsOf,
  counters,
  type DemoSession,
  ensureSupabaseTemplate,
  m2mToken,
  oauthToken,
  resetCounters,
  sessionFor,
  userId,
} from './support/backend.js';

let alice: DemoSession;
let paula: DemoSession; // a pending session

async function authState(query: string, credential: { cookie?: string; bearer?: string } = {}) {
  const res = await appFetch(`/api/auth-state?${query}`, credential);
  expect(res.status).toBe(200);
  return (await json(res)) as { auth: Record<string, any>; user?: { id: string; username: string } | null };
}

beforeAll(async () => {
  [alice, paula] = await Promise.all([sessionFor('alice', { org: 'acme' }), sessionFor('paula', { pending: true })]);
});

describe('pending sessions', () => {
  it('are signed in by default (treatPendingAsSignedOut: false), for auth() and currentUser()', async () => {
    const { auth, user } = await authState('user=1', { cookie: paula.token });
    expect(auth).toMatchObject({ userId: paula.userId, sessionStatus: 'pending', isAuthenticated: true });
    expect(user).toEqual({ id: paula.userId, username: 'paula' });
    expect((await appFetch('/api/protect-check', { cookie: paula.token })).status).toBe(200);
    expect((await appFetch('/protected', { kind: 'document', cookie: paula.token })).status).toBe(200);
  });

  it('are signed out with treatPendingAsSignedOut: true (sessionStatus stays "pending")', async () => {
    const { auth, user } = await authState('user=1&pending=signed-out', { cookie: paula.token });
    expect(auth).toMatchObject({ userId: null, sessionId: null, sessionStatus: 'pending', isAuthenticated: false });
    expect(user).toBeNull();
    expect((await appFetch('/api/protect-check?pending=signed-out', { cookie: paula.token })).status).toBe(404);
  });

  it('an active session is unaffected by the policy', async () => {
    const { auth } = await authState('pending=signed-out', { cookie: alice.token });
    expect(auth).toMatchObject({ userId: alice.userId, sessionStatus: 'active', isAuthenticated: true });
  });
});

describe('acceptsToken', () => {
  it('a session token: accepted by default, "any" and lists with session_token; refused otherwise', async () => {
    const c = { cookie: alice.token };
    expect((await authState('', c)).auth).toMatchObject({
      tokenType: 'session_token',
      userId: alice.userId,
      orgRole: 'org:admin',
    });
    expect((await authState('accepts=any', c)).auth).toMatchObject({
      tokenType: 'session_token',
      isAuthenticated: true,
    });
    expect((await authState('accepts=session_token,m2m_token', c)).auth).toMatchObject({ tokenType: 'session_token' });
    // One machine type asked: an unauthenticated object of that type.
    expect((await authState('accepts=m2m_token', c)).auth).toEqual({
      tokenType: 'm2m_token',
      isAuthenticated: false,
      id: null,
      subject: null,
      scopes: null,
      machineId: null,
      claims: null,
    });
    // A list without the caller's type: nothing is known.
    expect((await authState('accepts=m2m_token,api_key', c)).auth).toEqual({ tokenType: null, isAuthenticated: false });
  });

  it('an M2M token: accepted as m2m_token / any / a list with it; signed out for the default', async () => {
    const b = { bearer: await m2mToken() };
    const m2m = (await authState('accepts=m2m_token', b)).auth;
    expect(m2m).toMatchObject({
      tokenType: 'm2m_token',
      isAuthenticated: true,
      subject: expect.stringMatching(/^mch_/),
    });
    expect(m2m.machineId).toBe(m2m.subject);
    expect((await authState('accepts=any', b)).auth).toMatchObject({ tokenType: 'm2m_token', isAuthenticated: true });
    expect((await authState('accepts=session_token,m2m_token', b)).auth).toMatchObject({ tokenType: 'm2m_token' });
    expect((await authState('', b)).auth).toMatchObject({
      tokenType: 'session_token',
      userId: null,
      isAuthenticated: false,
    });
  });

  it('an OAuth access token: accepted as oauth_token, with the user it was issued for', async () => {
    const b = { bearer: await oauthToken('carol') };
    expect((await authState('accepts=oauth_token', b)).auth).toMatchObject({
      tokenType: 'oauth_token',
      isAuthenticated: true,
      userId: await userId('carol'),
      clientId: 'e2e-client',
    });
    expect((await authState('accepts=m2m_token', b)).auth).toMatchObject({
      tokenType: 'm2m_token',
      isAuthenticated: false,
    });
    expect((await authState('', b)).auth).toMatchObject({ tokenType: 'session_token', isAuthenticated: false });
  });

  it('an API key: accepted as api_key, with its owner', async () => {
    const b = { bearer: await apiKey('bob') };
    expect((await authState('accepts=api_key', b)).auth).toMatchObject({
      tokenType: 'api_key',
      isAuthenticated: true,
      userId: await userId('bob'),
      orgId: null,
    });
    expect((await authState('', b)).auth).toMatchObject({ tokenType: 'session_token', isAuthenticated: false });
  });

  it('an invalid machine token is unauthenticated even when its type is accepted', async () => {
    const b = { bearer: 'mt_this_is_not_a_real_token_0000000000' };
    expect((await authState('accepts=m2m_token', b)).auth).toMatchObject({
      tokenType: 'm2m_token',
      isAuthenticated: false,
    });
    expect((await authState('accepts=any', b)).auth).toMatchObject({ tokenType: 'm2m_token', isAuthenticated: false });
  });

  it('auth.protect({ token }) admits the accepted type and answers 401 to the others', async () => {
    const key = await apiKey('bob');
    expect((await appFetch('/api/protect-check?token=api_key', { bearer: key })).status).toBe(200);
    expect((await appFetch('/api/protect-check?token=m2m_token', { bearer: key })).status).toBe(401);
    expect((await appFetch('/api/protect-check?token=api_key', { cookie: alice.token })).status).toBe(401);
    expect((await appFetch('/api/protect-check?token=session_token,api_key', { bearer: key })).status).toBe(200);
    expect((await appFetch('/api/protect-check?token=any', { cookie: alice.token })).status).toBe(200);
  });
});

describe('getToken()', () => {
  beforeAll(ensureSupabaseTemplate);

  it('returns the raw session token, and mints a JWT-template token through the Backend API', async () => {
    await resetCounters();
    const res = await appFetch('/api/token/template', { cookie: alice.token });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.token).toBe(alice.token);
    expect(claimsOf(body.supabaseToken)).toMatchObject({
      role: 'authenticated',
      uid: alice.userId,
      email: 'alice@example.com',
      sub: alice.userId,
    });
    expect(body.sameWhenCached).toBe(true);
    expect(claimsOf(body.fresh).uid).toBe(alice.userId);
    // Two mints: the first call, and the skipCache one; the repeated call came from the request's cache.
    expect((await counters())['POST /v1/sessions/{session_id}/tokens/{template_name}']).toBe(2);
  });

  it('the reference example: the session token reaches the "external API", which verifies it', async () => {
    const res = await appFetch('/api/token', { cookie: alice.token });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ verified: true, sub: alice.userId, supabaseTokenReceived: true });
    expect((await appFetch('/api/token')).status).toBe(401);
  });
});

describe('reverification', () => {
  it('reverificationErrorResponse() answers 403 with Clerk’s body until the session is recent enough', async () => {
    // Paula (an active session here): the browser test relies on Alice's data, the actions' tests on Bob's and Carol's.
    const stale = await sessionFor('paula', { fva: [30, -1] });
    const res = await appFetch('/api/sensitive', { method: 'DELETE', cookie: stale.token });
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual({
      clerk_error: {
        type: 'forbidden',
        reason: 'reverification-error',
        metadata: { reverification: { maxAgeInSeconds: 300, level: 'strict' } },
      },
    });
    const fresh = await sessionFor('paula', { fva: [0, -1] });
    const done = await appFetch('/api/sensitive', { method: 'DELETE', cookie: fresh.token });
    expect(done.status).toBe(200);
    expect(await json(done)).toEqual({ success: true, sessionId: fresh.sessionId, method: 'DELETE' });
    const out = await appFetch('/api/sensitive', { method: 'DELETE' });
    expect(out.status).toBe(401);
  });

  const SENSITIVE_ACTIONS = 'app/sensitive/actions.ts';
  const deleted = async (token: string) =>
    ((await json(await appFetch('/api/data', { cookie: token }))) as { data: { sensitiveDataDeleted: boolean } }).data
      .sensitiveDataDeleted;

  it('throw reverificationError() in a Server Action (the reference’s form) → 403 whose error keeps the hint’s digest', async () => {
    const bob = await sessionFor('bob', { fva: [30, 30] });
    const res = await callAction('/sensitive', 'deleteSensitiveData', SENSITIVE_ACTIONS, { cookie: bob.token });
    // Next treats the digest as its forbidden() signal: 403, not an opaque 500; the digest is all the client gets.
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).toContain('"digest":"NEXT_HTTP_ERROR_FALLBACK;403;reverification-error;');
    expect(body).toContain('{\\"maxAgeInSeconds\\":300,\\"level\\":\\"strict\\"}');
    expect(await deleted(bob.token)).toBe(false);

    const fresh = await sessionFor('bob', { fva: [0, 0] });
    const done = await callAction('/sensitive', 'deleteSensitiveData', SENSITIVE_ACTIONS, { cookie: fresh.token });
    expect(done.status).toBe(200);
    expect(actionResult(await done.text())).toEqual({ success: true });
    expect(await deleted(fresh.token)).toBe(true);
  });

  it('return reverificationError() from a Server Action → the client receives Clerk’s hint as the result', async () => {
    const stale = await sessionFor('carol', { fva: [30, 30] });
    const res = await callAction('/sensitive', 'deleteSensitiveDataUnlessStale', SENSITIVE_ACTIONS, {
      cookie: stale.token,
    });
    expect(res.status).toBe(200);
    expect(actionResult(await res.text())).toEqual({
      clerk_error: { type: 'forbidden', reason: 'reverification-error', metadata: { reverification: 'strict' } },
    });
    expect(await deleted(stale.token)).toBe(false);

    const fresh = await sessionFor('carol', { fva: [0, 0] });
    const done = await callAction('/sensitive', 'deleteSensitiveDataUnlessStale', SENSITIVE_ACTIONS, {
      cookie: fresh.token,
    });
    expect(done.status).toBe(200);
    expect(actionResult(await done.text())).toEqual({ success: true });
    expect(await deleted(fresh.token)).toBe(true);
  });
});

/** The value a Server Action returned, from its Flight response (row 0 points at the row holding it). */
function actionResult(flight: string): unknown {
  const rows = new Map<string, string>();
  for (const line of flight.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  const root = JSON.parse(rows.get('0') ?? 'null') as { a?: unknown } | null;
  const ref = root?.a;
  if (typeof ref === 'string' && ref.startsWith('$@')) return JSON.parse(rows.get(ref.slice(2)) ?? 'null');
  return ref;
}

describe('has() through auth.protect(): billing and reverification', () => {
  it('plans and features of the active organization', async () => {
    const carol = await sessionFor('carol');
    expect((await appFetch('/api/protect-check?plan=pro', { cookie: alice.token })).status).toBe(200);
    expect((await appFetch('/api/protect-check?feature=reports', { cookie: alice.token })).status).toBe(200);
    expect((await appFetch('/api/protect-check?plan=pro', { cookie: carol.token })).status).toBe(404);
    expect((await appFetch('/api/protect-check?feature=reports', { cookie: carol.token })).status).toBe(404);
  });

  it('reverification presets against the session’s factor verification ages', async () => {
    const fresh = await sessionFor('alice', { org: 'acme', fva: [0, 0] });
    const stale = await sessionFor('alice', { org: 'acme', fva: [30, 30] });
    expect((await appFetch('/api/protect-check?reverification=strict', { cookie: fresh.token })).status).toBe(200);
    expect((await appFetch('/api/protect-check?reverification=strict', { cookie: stale.token })).status).toBe(404);
    expect((await appFetch('/api/protect-check?reverification=moderate', { cookie: stale.token })).status).toBe(200);
    expect((await appFetch('/api/protect-check?reverification=lax', { cookie: stale.token })).status).toBe(200);
  });
});
