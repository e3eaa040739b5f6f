/**
 * Clerk's own request authentication accepts this backend's tokens and reads its claims: has() over roles,
 * permissions (the fpm encoding), features, plans and reverification (fva).
 */
import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { api, startTestBackend } from './support/backend.js';

const origin = 'http://localhost:3000';
let backend: RunningBackend;
let clerk: ReturnType<typeof createClerkClient>;
beforeAll(async () => {
  backend = await startTestBackend({ seed: 'demo', allowedOrigins: [origin] });
  clerk = createClerkClient({
    apiUrl: backend.url,
    secretKey: backend.secretKey,
    publishableKey: backend.publishableKey,
  });
});
afterAll(() => backend.close());

async function tokenFor(username: string, extensions: Record<string, unknown> = {}): Promise<string> {
  const { data } = await clerk.users.getUserList({ username: [username] });
  const res = await api(backend, '/v1/sessions', { method: 'POST', json: { user_id: data[0]!.id, ...extensions } });
  const session = (await res.json()) as { id: string };
  return (await clerk.sessions.getToken(session.id)).jwt;
}

async function authenticate(token: string) {
  const request = new Request(`${origin}/api/thing`, { headers: { authorization: `Bearer ${token}` } });
  return clerk.authenticateRequest(request, { jwtKey: backend.jwtKey, authorizedParties: [origin] });
}

describe('@clerk/backend authenticateRequest on tokens from this backend', () => {
  it('reads an org admin: role, permissions, org feature, plans', async () => {
    const state = await authenticate(await tokenFor('alice', { active_organization_id: 'acme' }));
    expect(state.isAuthenticated).toBe(true);
    const auth = state.toAuth()!;
    expect(auth).toMatchObject({ orgSlug: 'acme', orgRole: 'org:admin' });
    expect(auth.has({ role: 'org:admin' })).toBe(true);
    expect(auth.has({ role: 'admin' })).toBe(true);
    expect(auth.has({ permission: 'org:team:manage' })).toBe(true);
    // System permissions (org:sys_*) stay out of session claims, as with Clerk: the role carries them.
    expect(auth.orgPermissions?.sort()).toEqual(['org:team:manage', 'org:team:read']);
    expect(auth.has({ feature: 'reports' })).toBe(true);
    expect(auth.has({ feature: 'o:reports' })).toBe(true);
    expect(auth.has({ plan: 'pro' })).toBe(true);
    expect(auth.has({ plan: 'u:free_user' })).toBe(true);
    expect(auth.has({ plan: 'o:free_user' })).toBe(false);
  });

  it('reads an org member without admin permissions', async () => {
    const auth = (await authenticate(await tokenFor('bob', { active_organization_id: 'acme' }))).toAuth()!;
    expect(auth.has({ role: 'org:member' })).toBe(true);
    expect(auth.has({ permission: 'org:team:read' })).toBe(true);
    expect(auth.has({ permission: 'org:team:manage' })).toBe(false);
  });

  it('reads factor verification age for reverification', async () => {
    const fresh = (await authenticate(await tokenFor('carol', { factor_verification_age: [2, 2] }))).toAuth()!;
    expect(fresh.has({ reverification: 'strict' })).toBe(true);
    const stale = (await authenticate(await tokenFor('carol', { factor_verification_age: [30, -1] }))).toAuth()!;
    expect(stale.has({ reverification: 'strict' })).toBe(false);
    expect(stale.has({ reverification: 'moderate' })).toBe(true);
    expect(stale.orgId).toBeFalsy();
  });

  it('reports a pending session as pending', async () => {
    const state = await authenticate(await tokenFor('paula', { status: 'pending' }));
    expect(state.toAuth()).toMatchObject({ sessionStatus: 'pending' });
  });
});
