// Several app servers, one Clerk instance, one Redis: each "server" here is its own Backend API client with its own
// Redis connection and its own process-memory state, against the real local backend and a real redis-server. What
// one server learned costs the others no Backend API call.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningRedisServer, startRedisServer } from '../../../test-support/redis-server.mjs';
import type { MachineAuthState } from '../auth-state.js';
import { createBackendApiClient } from '../backend-api/create-backend-api-client.js';
import { assumedLimitFor } from '../backend-api/rate-limit-budget.js';
import { startLocalBackend } from '../backend-api/test-support/local-backend.js';
import { MachineTokenCache } from '../tokens/machine-token-cache.js';
import { verifyRequestToken } from '../tokens/verify-request-token.js';
import { connectRedis, type RedisConnection } from './connect-redis.js';
import { FleetBudget } from './fleet-budget.js';
import { ResilientFleetStore } from './resilient-fleet-store.js';
import { StoreVerdictStore } from './store-verdict-store.js';
import { UserCache } from './user-cache.js';

const USER_ROUTE = 'GET /v1/users/{user_id}';
const VERIFY_M2M = 'POST /v1/m2m_tokens/verify';

let redis: RunningRedisServer;
let backend: Awaited<ReturnType<typeof startLocalBackend>>;
const connections: RedisConnection[] = [];
let aliceId: string;
let namespace: string;

beforeAll(async () => {
  [redis, backend] = await Promise.all([startRedisServer(), startLocalBackend()]);
  const [alice] = await backend.admin.call('GET', '/v1/users?username=alice');
  aliceId = alice.id;
});
afterAll(async () => {
  for (const c of connections) c.close();
  await Promise.all([redis?.stop(), backend?.close()]);
});
beforeEach(async () => {
  namespace = `test:{${randomBytes(6).toString('hex')}}`;
  await backend.admin.resetCounters();
});

/** One app server of the fleet: its own connection, its own in-process fallback. */
async function server(options: { userCacheTtlMs?: number } = {}) {
  const connection = await connectRedis(redis.url, namespace);
  connections.push(connection);
  // Not a fault test: a generous timeout keeps a loaded CI machine from sending a server to its fallback.
  const store = new ResilientFleetStore(connection.store, { timeoutMs: 2000 });
  await store.ready();
  while (store.scope !== 'fleet') {
    await store.get('probe');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const client = createBackendApiClient({
    secretKey: backend.secretKey,
    apiUrl: backend.url,
    budget: new FleetBudget(store, { assumedLimit: assumedLimitFor(backend.secretKey) }),
    userCache: new UserCache(store, { ttlMs: options.userCacheTtlMs ?? 10_000 }),
  });
  const machineTokens = new MachineTokenCache({
    positiveStore: new StoreVerdictStore<MachineAuthState>(store, 'mt:ok:'),
    negativeStore: new StoreVerdictStore<true>(store, 'mt:no:'),
    flight: { claim: (key, ttl) => store.claim(key, ttl), release: (key) => store.delete(key), waitMs: 250 },
  });
  return { client, store, machineTokens };
}

const calls = async (route: string) => (await backend.admin.counts())[route] ?? 0;

describe('a fleet of three servers sharing one Redis', { timeout: 20_000 }, () => {
  it('the same user viewed on all three servers within the TTL costs one Backend API call', async () => {
    const fleet = await Promise.all([server(), server(), server()]);
    // At the same time (single flight across servers), then again one after the other (the cache).
    const together = await Promise.all(fleet.map((s) => s.client.getCachedUser(aliceId)));
    const after = [];
    for (const s of fleet) after.push(await s.client.getCachedUser(aliceId));
    expect([...together, ...after].map((r) => r.data.id)).toEqual(Array(6).fill(aliceId));
    expect([...together, ...after].filter((r) => !r.cacheHit)).toHaveLength(1);
    expect([...together, ...after].every((r) => r.scope === 'fleet')).toBe(true);
    expect(await calls(USER_ROUTE)).toBe(1);
  });

  it('an update through one server drops the user from the cache: the others read the change', async () => {
    const [a, b] = await Promise.all([server(), server()]);
    expect((await b.client.getCachedUser(aliceId)).data.firstName).not.toBe('Fleetwide');
    await a.client.updateUser(aliceId, { firstName: 'Fleetwide' });
    const seen = await b.client.getCachedUser(aliceId);
    expect(seen.cacheHit).toBe(false);
    expect(seen.data.firstName).toBe('Fleetwide');
    await a.client.updateUser(aliceId, { firstName: 'Alice' });
  });

  it('a deleted user is dropped from the cache: the next read is the API’s 404, not the cached copy', async () => {
    const [a, b] = await Promise.all([server(), server()]);
    const created = await backend.admin.call('POST', '/v1/users', { username: `gone${Date.now()}` });
    expect((await b.client.getCachedUser(created.id)).data.id).toBe(created.id);
    expect((await a.client.deleteUser(created.id)).deleted).toBe(true);
    await expect(b.client.getCachedUser(created.id)).rejects.toMatchObject({ code: 'ERR_BACKEND_API_NOT_FOUND' });
  });

  it('the same machine token presented to all three servers costs one Backend API call', async () => {
    const fleet = await Promise.all([server(), server(), server()]);
    const token = `mt_${'x'.repeat(16)}${randomBytes(16).toString('hex')}`;
    const verify = (s: (typeof fleet)[number]) =>
      verifyRequestToken(token, {
        jwtKey: backend.jwtKey,
        machineTokenCache: s.machineTokens,
        verifyMachineToken: (t, type) => s.client.verifyMachineToken(t, type),
      }).then(
        () => 'verified',
        (error: { code?: string }) => error.code,
      );
    const together = await Promise.all(fleet.map(verify));
    const after = [];
    for (const s of fleet) after.push(await verify(s));
    expect(new Set([...together, ...after])).toEqual(new Set(['ERR_MACHINE_TOKEN_INVALID']));
    expect(await calls(VERIFY_M2M)).toBe(1);
  });

  it('the budget is the fleet’s: three servers together send no more than the window allows', async () => {
    await backend.admin.rateLimit({ limit: 30, windowSeconds: 10 });
    try {
      const fleet = await Promise.all([server(), server(), server()]);
      // Learn the limit from one answer, then 60 distinct reads spread over the three servers.
      await fleet[0]!.client.getUserList({ limit: 1 });
      const outcomes = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          fleet[i % 3]!.client.getUserList({ limit: 1, offset: i }).then(
            () => 'ok',
            (error: { code?: string }) => error.code,
          ),
        ),
      );
      expect(outcomes.filter((o) => o === 'ERR_BACKEND_API_RATE_LIMITED')).toHaveLength(0);
      expect(outcomes.filter((o) => o === 'ok').length).toBeLessThanOrEqual(29);
      expect(outcomes.filter((o) => o === 'ERR_BACKEND_API_BUDGET_SPENT').length).toBeGreaterThanOrEqual(31);
    } finally {
      await backend.admin.rateLimit({ off: true });
    }
  });
});
