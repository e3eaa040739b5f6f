/**
 * Tokens minted by the real local backend (@authlens/backend, over HTTP on
 * 127.0.0.1) are accepted by authlens and by @clerk/backend alike, and read
 * into the same auth properties.
 */
import { startBackend } from '@authlens/backend';
import { verifyToken as clerkVerifyToken } from '@clerk/backend';
import { __experimental_JWTPayloadToAuthObjectProperties as clerkParse } from '@clerk/shared/jwtPayloadParser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHas } from '../authorization/has.js';
import { createBackendApiClient } from '../backend-api/index.js';
import { JwksCache } from './jwks-cache.js';
import { verifySessionToken } from './verify-session-token.js';
import { verifyToken } from './verify-token.js';

type Backend = Awaited<ReturnType<typeof startBackend>>;
let backend: Backend;

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${backend.url}/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${backend.secretKey}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status}`);
  return response.json() as Promise<any>;
}

async function sessionToken(username: string, session: Record<string, unknown> = {}): Promise<string> {
  const [user] = await api(`/users?username=${username}`);
  const created = await api('/sessions', { method: 'POST', body: { user_id: user.id, ...session } });
  return (await api(`/sessions/${created.id}/tokens`, { method: 'POST', body: {} })).jwt;
}

beforeAll(async () => {
  backend = await startBackend({ port: 0, inMemory: true, seed: 'demo', rateLimit: 'off' });
});

afterAll(async () => {
  await backend?.close();
});

describe('tokens minted by the local backend', () => {
  it('alice in acme (admin): both verifiers accept, and parse the same auth properties', async () => {
    const token = await sessionToken('alice', { active_organization_id: 'acme', factor_verification_age: [1, -1] });
    const jwks = new JwksCache({
      loadJwks: () => createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url }).loadJwks(),
    });
    const [viaPem, viaJwks, clerkPayload] = await Promise.all([
      verifySessionToken(token, { jwtKey: backend.jwtKey }),
      verifySessionToken(token, { jwks }),
      clerkVerifyToken(token, { jwtKey: backend.jwtKey }),
    ]);
    expect(viaJwks).toEqual(viaPem);
    const clerk = clerkParse(clerkPayload as any);
    expect(viaPem).toMatchObject({
      userId: clerk.userId,
      sessionId: clerk.sessionId,
      sessionStatus: clerk.sessionStatus ?? 'active',
      orgId: clerk.orgId,
      orgRole: clerk.orgRole,
      orgSlug: clerk.orgSlug,
      orgPermissions: clerk.orgPermissions,
      factorVerificationAge: clerk.factorVerificationAge,
    });
    expect(viaPem.orgRole).toBe('org:admin');
    // The backend mints v2 claims: org permissions come from fea + o.per + o.fpm.
    expect((clerkPayload as { v?: number }).v).toBe(2);
    expect(viaPem.orgPermissions).toEqual(expect.arrayContaining(['org:team:manage']));
    const has = createHas(viaPem);
    expect(has({ role: 'admin' })).toBe(true);
    expect(has({ permission: 'org:team:manage' })).toBe(true);
    expect(has({ permission: 'org:reports:manage' })).toBe(false);
    expect(has({ reverification: { level: 'first_factor', afterMinutes: 10 } })).toBe(true);
    expect(await verifyToken(token, { secretKey: backend.secretKey, apiUrl: backend.url })).toEqual(clerkPayload);
  });

  it('bob (member) is not an admin; carol has no organization; paula is pending', async () => {
    const bob = await verifySessionToken(await sessionToken('bob', { active_organization_id: 'acme' }), {
      jwtKey: backend.jwtKey,
    });
    expect(createHas(bob)({ role: 'admin' })).toBe(false);
    expect(createHas(bob)({ role: 'member' })).toBe(true);
    const carol = await verifySessionToken(await sessionToken('carol'), { jwtKey: backend.jwtKey });
    expect(carol.orgId).toBeNull();
    expect(createHas(carol)({ role: 'member' })).toBe(false);
    const paula = await verifySessionToken(await sessionToken('paula', { status: 'pending' }), {
      jwtKey: backend.jwtKey,
    });
    expect(paula.sessionStatus).toBe('pending');
  });

  it('a JwksCache fed by the backend-api client (loadJwks) verifies them too', async () => {
    const client = createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url });
    const jwks = new JwksCache({ loadJwks: () => client.loadJwks() });
    const state = await verifySessionToken(await sessionToken('alice', { active_organization_id: 'acme' }), { jwks });
    expect(state.orgSlug).toBe('acme');
    expect(jwks.loadCount).toBe(1);
  });

  it('after a key rotation, a JwksCache picks the new key up on the unknown kid', async () => {
    const jwks = new JwksCache({
      loadJwks: () => createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url }).loadJwks(),
      unknownKidCooldownMs: 0,
    });
    await verifySessionToken(await sessionToken('carol'), { jwks });
    const rotate = await fetch(`${backend.url}/__admin/keys/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${backend.secretKey}` },
    });
    expect(rotate.ok).toBe(true);
    const state = await verifySessionToken(await sessionToken('carol'), { jwks });
    expect(state.userId).toMatch(/^user_/);
    expect(jwks.loadCount).toBe(2);
  });
});

describe('verifyToken with secretKey + apiUrl (JWKS through the Backend API client)', () => {
  it('accepts a backend token, and reports an unreachable Backend API as key_unavailable', async () => {
    const token = await sessionToken('carol');
    expect((await verifyToken(token, { secretKey: backend.secretKey, apiUrl: backend.url })).sub).toMatch(/^user_/);
    await expect(
      verifyToken(token, { secretKey: backend.secretKey, apiUrl: 'http://127.0.0.1:1' }),
    ).rejects.toMatchObject({
      reason: 'key_unavailable',
      code: 'ERR_TOKEN_KEY_UNAVAILABLE',
    });
  });
});
