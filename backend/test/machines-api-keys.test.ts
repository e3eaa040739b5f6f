/**
 * API keys and OAuth access tokens against a running backend with Clerk's client, and all three machine token kinds
 * through @clerk/backend's own request authentication (`authenticateRequest` with `acceptsToken`).
 */
import { createClerkClient } from '@clerk/backend';
import { isClerkAPIResponseError } from '@clerk/backend/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBackend } from '../src/index.js';
import { api, startTestBackend } from './support/backend.js';

let backend: RunningBackend;
let clockSkewMs = 0;
let userId: string;

beforeAll(async () => {
  backend = await startTestBackend({ now: () => Date.now() + clockSkewMs });
  const user = await clerk().users.createUser({ username: 'keyholder', emailAddress: ['keyholder@example.com'] });
  userId = user.id;
});
afterAll(() => backend.close());

function clerk(machineSecretKey?: string) {
  return createClerkClient({
    apiUrl: backend.url,
    secretKey: backend.secretKey,
    publishableKey: backend.publishableKey,
    ...(machineSecretKey ? { machineSecretKey } : {}),
  });
}

async function apiError(promise: Promise<unknown>): Promise<{ status: number; code: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (isClerkAPIResponseError(error)) return { status: error.status, code: error.errors[0]?.code };
    throw error;
  }
  throw new Error('expected the Backend API to refuse');
}

async function mintOAuthToken(body: Record<string, unknown>) {
  const res = await api(backend, '/__admin/oauth_access_tokens', { method: 'POST', json: body });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; token: string; expiration: number; created_at: number };
}

describe('API keys', () => {
  it('creates a key for a user, verifies it, lists it, revokes it', async () => {
    const client = clerk();
    const created = await client.apiKeys.create({
      name: 'ci',
      subject: userId,
      scopes: ['read:reports'],
      claims: { team: 'data' },
      secondsUntilExpiration: 3600,
    });
    expect(created.secret).toMatch(/^ak_[0-9A-Za-z]{48}$/);
    expect(created).toMatchObject({
      name: 'ci',
      subject: userId,
      scopes: ['read:reports'],
      revoked: false,
      expired: false,
    });
    expect(created.expiration! - created.createdAt).toBe(3_600_000);

    const verified = await client.apiKeys.verify(created.secret!);
    expect(verified).toMatchObject({ id: created.id, subject: userId, claims: { team: 'data' }, type: 'api_key' });
    expect(verified.secret).toBeUndefined();

    const list = await client.apiKeys.list({ subject: userId });
    expect(list.data.map((k) => k.id)).toContain(created.id);

    await client.apiKeys.revoke({ apiKeyId: created.id, revocationReason: 'rotated' });
    expect(await apiError(client.apiKeys.verify(created.secret!))).toEqual({ status: 404, code: 'resource_not_found' });
    expect((await client.apiKeys.list({ subject: userId })).data.map((k) => k.id)).not.toContain(created.id);
    expect((await client.apiKeys.list({ subject: userId, includeInvalid: true })).data.map((k) => k.id)).toContain(
      created.id,
    );
  });

  it('refuses expired keys, unknown secrets and machine secret keys', async () => {
    const client = clerk();
    const key = await client.apiKeys.create({ name: 'short', subject: userId, secondsUntilExpiration: 10 });
    clockSkewMs += 11_000;
    try {
      expect(await apiError(client.apiKeys.verify(key.secret!))).toEqual({ status: 404, code: 'resource_not_found' });
    } finally {
      clockSkewMs -= 11_000;
    }
    const machine = await client.machines.create({ name: 'not-an-api-key' });
    for (const secret of ['ak_unknown', 'garbage', machine.secretKey!]) {
      expect(await apiError(client.apiKeys.verify(secret))).toEqual({ status: 404, code: 'resource_not_found' });
    }
  });

  it('refuses a subject that is not an existing user or organization, writing nothing', async () => {
    const client = clerk();
    for (const subject of ['user_missing', 'mch_123', 'someone']) {
      expect(await apiError(client.apiKeys.create({ name: 'bad', subject }))).toMatchObject({
        status: 400,
        code: 'form_param_format_invalid',
      });
    }
    expect((await client.apiKeys.list({ subject: 'user_missing', includeInvalid: true })).totalCount).toBe(0);
  });
});

describe('OAuth access tokens', () => {
  it('mints a token through the dev endpoint and verifies it with Clerk’s client', async () => {
    const minted = await mintOAuthToken({
      user_id: userId,
      client_id: 'client_demo',
      scopes: ['profile', 'email'],
      seconds: 120,
    });
    expect(minted.token).toMatch(/^oat_[0-9A-Za-z]{48}$/);
    expect(minted.expiration - minted.created_at).toBe(120_000);

    const verified = await clerk().idPOAuthAccessToken.verify(minted.token);
    expect(verified).toMatchObject({
      id: minted.id,
      clientId: 'client_demo',
      subject: userId,
      scopes: ['profile', 'email'],
      type: 'oauth_token',
      revoked: false,
      expired: false,
    });
  });

  it('refuses revoked, expired and unknown tokens', async () => {
    const revoked = await mintOAuthToken({ user_id: userId, client_id: 'c', scopes: 'profile email' });
    const res = await api(backend, `/__admin/oauth_access_tokens/${revoked.id}/revoke`, { method: 'POST', json: {} });
    expect(res.status).toBe(200);
    expect(await apiError(clerk().idPOAuthAccessToken.verify(revoked.token))).toEqual({
      status: 404,
      code: 'resource_not_found',
    });

    const expiring = await mintOAuthToken({ user_id: userId, client_id: 'c', seconds: 5 });
    clockSkewMs += 6_000;
    try {
      expect(await apiError(clerk().idPOAuthAccessToken.verify(expiring.token))).toMatchObject({ status: 404 });
    } finally {
      clockSkewMs -= 6_000;
    }
    expect(await apiError(clerk().idPOAuthAccessToken.verify('oat_unknown'))).toMatchObject({ status: 404 });
  });

  it('the mint endpoint needs the secret key and an existing user', async () => {
    const anonymous = await fetch(`${backend.url}/__admin/oauth_access_tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: userId, client_id: 'c' }),
    });
    expect(anonymous.status).toBe(401);
    const unknown = await api(backend, '/__admin/oauth_access_tokens', {
      method: 'POST',
      json: { user_id: 'user_nope', client_id: 'c' },
    });
    expect(unknown.status).toBe(400);
  });
});

describe('machine tokens through @clerk/backend authenticateRequest', () => {
  it('accepts each token kind and rejects a revoked one', async () => {
    const client = clerk();
    const machine = await client.machines.create({ name: 'auth-request' });
    const m2m = await clerk(machine.secretKey).m2m.createToken();
    const apiKey = await client.apiKeys.create({ name: 'req', subject: userId });
    const oauth = await mintOAuthToken({ user_id: userId, client_id: 'client_x' });

    const cases = [
      { token: m2m.token!, tokenType: 'm2m_token', subject: machine.id },
      { token: apiKey.secret!, tokenType: 'api_key', subject: userId },
      { token: oauth.token, tokenType: 'oauth_token', subject: userId },
    ] as const;
    for (const { token, tokenType, subject } of cases) {
      const request = new Request('http://localhost:3000/api/data', { headers: { authorization: `Bearer ${token}` } });
      const state = await client.authenticateRequest(request, { acceptsToken: 'any' });
      expect(state.isAuthenticated, tokenType).toBe(true);
      expect(state.tokenType).toBe(tokenType);
      const auth = state.toAuth() as { subject?: string; userId?: string | null; machineId?: string | null };
      expect(auth.machineId ?? auth.userId ?? auth.subject).toBe(subject);
    }

    await client.m2m.revokeToken({ m2mTokenId: m2m.id });
    const refused = await client.authenticateRequest(
      new Request('http://localhost:3000/api/data', { headers: { authorization: `Bearer ${m2m.token}` } }),
      { acceptsToken: 'm2m_token' },
    );
    expect(refused.isAuthenticated).toBe(false);
  });
});
