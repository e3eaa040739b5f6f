// The Lua budget (Redis) and WindowBudget (process memory, the fallback) must judge alike: the same sequence of
// takes and answers gives the same verdicts and estimates on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedisServer, startRedisServer } from '../../../test-support/redis-server.mjs';
import type { BudgetObservation } from '../backend-api/rate-limit-budget.js';
import { connectRedis, type RedisConnection } from './connect-redis.js';
import type { FleetStore } from './fleet-store.js';
import { MemoryFleetStore } from './memory-fleet-store.js';

let redis: RunningRedisServer;
let connection: RedisConnection;
beforeAll(async () => {
  redis = await startRedisServer();
  connection = await connectRedis(redis.url, `test:{${Date.now()}}`);
  await connection.store.ping();
});
afterAll(async () => {
  connection?.close();
  await redis?.stop();
});

type Step = { take: 'standard' | 'machine_token_verification' } | { observe: BudgetObservation };

async function replay(store: FleetStore, steps: Step[], start: number) {
  const verdicts: string[] = [];
  let now = start;
  for (const step of steps) {
    now += 10;
    const policy = { reservedShare: 0.2, assumedLimit: 10, now };
    if ('take' in step) {
      const t = await store.takeBudget(step.take, policy);
      verdicts.push(`${t.allowed ? 'sent' : 'held'} ${t.remaining}/${t.limit}`);
    } else {
      await store.observeBudget(step.observe, policy);
    }
  }
  return verdicts;
}

describe('the fleet budget script', () => {
  it('judges a window like WindowBudget: reserve, reported limit, spent window, 429', async () => {
    const start = Date.now();
    const answer = (remaining: number, status = 200): Step => ({
      observe: {
        callClass: 'standard',
        status,
        rateLimit: { limit: 12, remaining, resetSeconds: 8, resetAt: start + 8000, observedAt: start },
        retryAfter: status === 429 ? 3 : null,
      },
    });
    const steps: Step[] = [
      ...Array.from({ length: 9 }, (): Step => ({ take: 'machine_token_verification' })),
      answer(6),
      { take: 'standard' },
      { take: 'machine_token_verification' },
      ...Array.from({ length: 6 }, (): Step => ({ take: 'standard' })),
      answer(0, 429),
      { take: 'standard' },
      { take: 'machine_token_verification' },
    ];
    const memory = await replay(new MemoryFleetStore(), steps, start);
    const shared = await replay(connection.store, steps, start);
    expect(shared).toEqual(memory);
    // The reserve held verifications back, and the spent window held every call.
    expect(memory).toContain('held 2/10');
    expect(memory.at(-2)).toBe('held 0/12');
    expect(memory.at(-1)).toBe('held 0/12');
  });
});
