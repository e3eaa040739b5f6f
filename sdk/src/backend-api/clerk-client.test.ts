import { createClerkClient as createClerkBackendClient } from '@clerk/backend';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackendApiError } from './backend-api-error.js';
import { clerkClient } from './clerk-client.js';
import { MachineTokenInvalidError } from './machine-token-invalid-error.js';
import { setBackendApiInstrument } from './shared-client.js';
import { startLocalBackend } from './test-support/local-backend.js';

let backend: Awaited<ReturnType<typeof startLocalBackend>>;
let aliceId: string;
const saved = { key: process.env.CLERK_SECRET_KEY, url: process.env.CLERK_API_URL };

beforeAll(async () => {
  backend = await startLocalBackend();
  aliceId = (await backend.admin.call('GET', '/v1/users?username=alice'))[0].id;
  process.env.CLERK_SECRET_KEY = backend.secretKey;
  process.env.CLERK_API_URL = backend.url;
});
afterAll(async () => {
  process.env.CLERK_SECRET_KEY = saved.key;
  process.env.CLERK_API_URL = saved.url;
  if (saved.key === undefined) delete process.env.CLERK_SECRET_KEY;
  if (saved.url === undefined) delete process.env.CLERK_API_URL;
  await backend.close();
});
afterEach(() => setBackendApiInstrument(null));

describe('clerkClient()', () => {
  it("is configured from CLERK_SECRET_KEY / CLERK_API_URL and has Clerk's namespaces", async () => {
    const client = await clerkClient();
    const user = await client.users.getUser(aliceId);
    expect(user.username).toBe('alice');
    const { keys } = await client.jwks.getJwks();
    expect(keys.length).toBeGreaterThan(0);
  });

  it('is one shared instance per configuration, so the budget and in-flight GETs are shared', async () => {
    await backend.admin.rateLimit({ limit: 100, windowSeconds: 10 });
    try {
      const a = await clerkClient();
      const b = await clerkClient();
      expect(a).toBe(b);
      await a.users.getUser(aliceId);
      expect(b.rateLimit).toMatchObject({ limit: 100, remaining: 99 });
    } finally {
      await backend.admin.rateLimit({ off: true });
    }
  });

  it("sessions.getToken resolves with Clerk's Token shape", async () => {
    const session = await backend.admin.call('POST', '/v1/sessions', { user_id: aliceId });
    const client = await clerkClient();
    const token = await client.sessions.getToken(session.id);
    expect(token.jwt.split('.')).toHaveLength(3);
    expect((await client.sessions.getSession(session.id)).userId).toBe(aliceId);
  });

  it('m2m.verify resolves with the M2M token record, and rejects a bad token with a typed error', async () => {
    const clerk = createClerkBackendClient({ apiUrl: backend.url, secretKey: backend.secretKey });
    const worker = (await clerk.machines.list()).data.find((m) => m.name === 'demo-worker');
    const { secret } = await clerk.machines.getSecretKey(worker?.id as string);
    const created = await clerk.m2m.createToken({ machineSecretKey: secret, secondsUntilExpiration: 60 });
    const client = await clerkClient();
    expect(await client.m2m.verify({ token: created.token as string })).toMatchObject({
      id: created.id,
      subject: worker?.id,
      revoked: false,
    });
    await expect(client.m2m.verify({ token: 'mt_bogus' })).rejects.toBeInstanceOf(MachineTokenInvalidError);
  });

  it('lets telemetry instrument every call of the shared clients', async () => {
    const calls: string[] = [];
    setBackendApiInstrument(async (call, run) => {
      const result = await run().catch((error: unknown) => {
        calls.push(`${call.method} ${call.pathTemplate} ${(error as BackendApiError).code}`);
        throw error;
      });
      calls.push(`${call.method} ${call.pathTemplate} ${result.meta.status} retries=${result.meta.retries}`);
      return result;
    });
    const client = await clerkClient();
    await client.users.getUser(aliceId);
    await expect(client.users.getUser('user_missing')).rejects.toBeInstanceOf(BackendApiError);
    expect(calls).toEqual([
      'GET /v1/users/{user_id} 200 retries=0',
      'GET /v1/users/{user_id} ERR_BACKEND_API_NOT_FOUND',
    ]);
  });

  it('throws ERR_MISSING_SECRET_KEY naming clerkClient() and the variable when no secret key is configured', async () => {
    const key = process.env.CLERK_SECRET_KEY;
    delete process.env.CLERK_SECRET_KEY;
    try {
      const refused = clerkClient();
      await expect(refused).rejects.toMatchObject({ code: 'ERR_MISSING_SECRET_KEY' });
      // Not the render's wording (no middleware is involved in a plain script).
      await expect(refused).rejects.toThrow(
        'authlens: no secret key for clerkClient(). Set CLERK_SECRET_KEY in the environment.',
      );
    } finally {
      process.env.CLERK_SECRET_KEY = key;
    }
  });
});
