import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendApiError } from './backend-api-error.js';
import { createBackendApiClient } from './create-backend-api-client.js';
import { MachineTokenInvalidError } from './machine-token-invalid-error.js';
import { startLocalBackend } from './test-support/local-backend.js';

let backend: Awaited<ReturnType<typeof startLocalBackend>>;
let clerk: ReturnType<typeof createClerkClient>;
let machineId: string;
let machineSecretKey: string;

beforeAll(async () => {
  backend = await startLocalBackend();
  // Test set-up through Clerk's own client: authlens only verifies machine tokens.
  clerk = createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey });
  const machines = await clerk.machines.list();
  const worker = machines.data.find((m) => m.name === 'demo-worker');
  if (!worker) throw new Error('the demo seed has no demo-worker machine');
  machineId = worker.id;
  machineSecretKey = (await clerk.machines.getSecretKey(machineId)).secret;
});
afterAll(() => backend.close());

const api = () => createBackendApiClient({ secretKey: backend.secretKey, apiUrl: backend.url });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('verifyMachineToken: m2m_token', () => {
  it('verifies a real M2M token into a MachineAuthState', async () => {
    const created = await clerk.m2m.createToken({
      machineSecretKey,
      secondsUntilExpiration: 600,
      claims: { job: 'sync' },
    });
    const token = created.token as string;
    const { data, meta } = await api().verifyMachineTokenResult(token, 'm2m_token');
    expect(data).toEqual({
      tokenType: 'm2m_token',
      id: created.id,
      subject: machineId,
      name: null,
      scopes: created.scopes,
      claims: { job: 'sync' },
      userId: null,
      orgId: null,
      clientId: null,
      expiration: created.expiration,
    });
    expect(meta.pathTemplate).toBe('/m2m_tokens/verify');
    expect(JSON.stringify(meta)).not.toContain(token);
  });

  it("agrees with @clerk/backend's m2m.verify on the token record", async () => {
    const created = await clerk.m2m.createToken({ machineSecretKey, secondsUntilExpiration: 600 });
    const token = created.token as string;
    const ours = await api().verifyMachineTokenRecord(token, 'm2m_token');
    const theirs = await clerk.m2m.verify({ token });
    expect(ours.token).toEqual({
      id: theirs.id,
      subject: theirs.subject,
      scopes: theirs.scopes,
      claims: theirs.claims,
      revoked: theirs.revoked,
      revocationReason: theirs.revocationReason,
      expired: theirs.expired,
      expiration: theirs.expiration,
      createdAt: theirs.createdAt,
      updatedAt: theirs.updatedAt,
    });
  });

  it('rejects an unknown token with MachineTokenInvalidError (not_found), never quoting it', async () => {
    const garbage = 'mt_thisTokenWasNeverIssued0000000000';
    const error = await rejection(api().verifyMachineToken(garbage, 'm2m_token'));
    expect(error).toBeInstanceOf(MachineTokenInvalidError);
    expect(error).toMatchObject({
      code: 'ERR_MACHINE_TOKEN_INVALID',
      reason: 'not_found',
      tokenType: 'm2m_token',
      status: 404,
    });
    expect((error as Error).message).not.toContain(garbage);
  });

  it('rejects a revoked token with reason revoked', async () => {
    const created = await clerk.m2m.createToken({ machineSecretKey, secondsUntilExpiration: 600 });
    await clerk.m2m.revokeToken({ m2mTokenId: created.id });
    const error = await rejection(api().verifyMachineToken(created.token as string, 'm2m_token'));
    expect(error).toBeInstanceOf(MachineTokenInvalidError);
    expect((error as MachineTokenInvalidError).reason).toBe('revoked');
  });

  // Hardening finding 1: a token not of the form Clerk issues costs no call, here too.
  it('rejects an empty or malformed token, or one of another type, without calling the API', async () => {
    await backend.admin.resetCounters();
    for (const [token, type] of [
      ['  ', 'm2m_token'],
      ['mt_short', 'm2m_token'],
      [`mt_${'a'.repeat(40)} or 1=1`, 'm2m_token'],
      [`oat_${'a'.repeat(40)}`, 'm2m_token'],
      [`mt_${'a'.repeat(40)}`, 'api_key'],
    ] as const) {
      const error = await rejection(api().verifyMachineToken(token, type));
      expect(error).toMatchObject({ code: 'ERR_MACHINE_TOKEN_INVALID', reason: 'malformed', tokenType: type });
    }
    const counts = await backend.admin.counts();
    expect(Object.keys(counts).filter((route) => route.includes('verify'))).toEqual([]);
  });

  it('keeps "the API is down or misconfigured" distinct from "the token is invalid"', async () => {
    const created = await clerk.m2m.createToken({ machineSecretKey, secondsUntilExpiration: 600 });
    const token = created.token as string;
    const wrongKey = createBackendApiClient({ secretKey: 'sk_test_wrongwrongwrong', apiUrl: backend.url });
    const unauthorized = await rejection(wrongKey.verifyMachineToken(token, 'm2m_token'));
    expect(unauthorized).toBeInstanceOf(BackendApiError);
    expect(unauthorized).not.toBeInstanceOf(MachineTokenInvalidError);
    expect((unauthorized as BackendApiError).code).toBe('ERR_BACKEND_API_UNAUTHORIZED');

    await backend.admin.fault({ route: 'POST /v1/m2m_tokens/verify', status: 500, errorRate: 1 });
    try {
      const down = await rejection(api().verifyMachineToken(token, 'm2m_token'));
      expect(down).toBeInstanceOf(BackendApiError);
      expect((down as BackendApiError).code).toBe('ERR_BACKEND_API_SERVER_ERROR');
    } finally {
      await backend.admin.clearFaults();
    }
  });
});

describe('verifyMachineToken: api_key and oauth_token', () => {
  it("verifies a user's API key: userId from the subject, name, scopes and claims", async () => {
    const [alice] = await backend.admin.call('GET', '/v1/users?username=alice');
    const created = await clerk.apiKeys.create({
      name: 'ci',
      subject: alice.id,
      scopes: ['read'],
      claims: { env: 'ci' },
    });
    const state = await api().verifyMachineToken(created.secret as string, 'api_key');
    expect(state).toEqual({
      tokenType: 'api_key',
      id: created.id,
      subject: alice.id,
      name: 'ci',
      scopes: ['read'],
      claims: { env: 'ci' },
      userId: alice.id,
      orgId: null,
      clientId: null,
      expiration: created.expiration,
    });
    const theirs = await clerk.apiKeys.verify(created.secret as string);
    const ours = await api().verifyMachineTokenRecord(created.secret as string, 'api_key');
    expect(ours.token).toMatchObject({
      id: theirs.id,
      name: theirs.name,
      subject: theirs.subject,
      scopes: theirs.scopes,
    });
  });

  it("verifies an organization's API key with orgId set and userId null", async () => {
    const [acme] = (await backend.admin.call('GET', '/v1/organizations?query=acme')).data ?? [];
    const created = await clerk.apiKeys.create({ name: 'org-key', subject: acme.id });
    const state = await api().verifyMachineToken(created.secret as string, 'api_key');
    expect(state).toMatchObject({ tokenType: 'api_key', orgId: acme.id, userId: null });
  });

  it('rejects a revoked API key as invalid', async () => {
    const [alice] = await backend.admin.call('GET', '/v1/users?username=alice');
    const created = await clerk.apiKeys.create({ name: 'soon-revoked', subject: alice.id });
    await clerk.apiKeys.revoke({ apiKeyId: created.id });
    const error = await rejection(api().verifyMachineToken(created.secret as string, 'api_key'));
    expect(error).toMatchObject({ code: 'ERR_MACHINE_TOKEN_INVALID', reason: 'revoked', tokenType: 'api_key' });
  });

  it('verifies an OAuth access token: the user and the client', async () => {
    const [bob] = await backend.admin.call('GET', '/v1/users?username=bob');
    const created = await backend.admin.call('POST', '/__admin/oauth_access_tokens', {
      user_id: bob.id,
      client_id: 'client_demo',
      scopes: ['profile', 'email'],
      seconds_until_expiration: 600,
    });
    const state = await api().verifyMachineToken(created.token, 'oauth_token');
    expect(state).toEqual({
      tokenType: 'oauth_token',
      id: created.id,
      subject: bob.id,
      name: null,
      scopes: ['profile', 'email'],
      claims: null,
      userId: bob.id,
      orgId: null,
      clientId: 'client_demo',
      expiration: created.expiration,
    });
    const garbage = await rejection(api().verifyMachineToken('oat_neverIssued000000000000', 'oauth_token'));
    expect(garbage).toMatchObject({ code: 'ERR_MACHINE_TOKEN_INVALID', reason: 'not_found', tokenType: 'oauth_token' });
  });
});
