// Faults of the shared store with a real redis-server: down at start, killed (SIGKILL) mid-run, paused (SIGSTOP).
// Whatever Redis does, every call answers (from process memory when Redis does not), the switch is recorded once
// (span event + metric), and the store goes back to Redis when it answers again.
import { AttributeName as A, Metric, SpanEventName } from '@authlens/otel';
import { trace } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedisServer, startRedisServer } from '../../../test-support/redis-server.mjs';
import { recordTelemetry } from '../telemetry/test-support/record-telemetry.js';
import { connectRedis, type RedisConnection } from './connect-redis.js';
import { ResilientFleetStore } from './resilient-fleet-store.js';

const telemetry = recordTelemetry();
const policy = () => ({ reservedShare: 0.2, assumedLimit: 100, now: Date.now() });

let redis: RunningRedisServer;
const connections: RedisConnection[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const c of connections) c.close();
  await redis?.stop();
  await telemetry.stop();
});
afterEach(() => telemetry.reset());

async function storeOn(url: string, namespace = `test:${Math.random().toString(36).slice(2)}`) {
  const connection = await connectRedis(url, namespace);
  connections.push(connection);
  const store = new ResilientFleetStore(connection.store, { probeIntervalMs: 100 });
  await store.ready();
  return store;
}

async function waitUntil(check: () => boolean | Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `fn` inside a span, returning the span's events after it ended. */
async function inSpan<T>(fn: () => Promise<T>): Promise<{ value: T; events: string[] }> {
  const value = await trace.getTracer('test').startActiveSpan('request', async (span) => {
    try {
      return await fn();
    } finally {
      span.end();
    }
  });
  const events = telemetry.spansNamed('request').flatMap((s) => s.events.map((e) => e.name));
  return { value, events };
}

async function transitions(scope: 'fleet' | 'local'): Promise<number> {
  const points = await telemetry.metricPoints();
  return points
    .filter((p) => p.name === Metric.storeFallbacks.name && p.attributes[A.storeScope] === scope)
    .reduce((sum, p) => sum + p.value, 0);
}

async function untilFleet(store: ResilientFleetStore) {
  // The client connects in the background; until then the process's own state answers.
  await waitUntil(async () => {
    await store.get('probe');
    return store.scope === 'fleet';
  });
}

/**
 * Calls, each in a span, until one records the switch back to Redis (the first call after a PING answered again);
 * the recovered events of this test's spans.
 */
async function backOnRedis(store: ResilientFleetStore): Promise<string[]> {
  const recovered = (events: string[]) => events.filter((e) => e === SpanEventName.storeRecovered);
  await waitUntil(async () => recovered((await inSpan(() => store.get('probe'))).events).length > 0);
  expect(store.scope).toBe('fleet');
  return recovered(telemetry.spansNamed('request').flatMap((s) => s.events.map((e) => e.name)));
}

describe('ResilientFleetStore with a real redis-server', { timeout: 20_000 }, () => {
  it('Redis down at start: every call answers from process memory, the fallback is recorded once', async () => {
    const nothingThere = `redis://127.0.0.1:${redis.port + 1}`;
    const store = await storeOn(nothingThere);
    const before = await transitions('local');
    const { value, events } = await inSpan(async () => {
      const takes = [];
      for (let i = 0; i < 5; i++) takes.push(await store.takeBudget('standard', policy()));
      await store.set('user:user_1', '{"id":"user_1"}', 10_000);
      return { takes, user: await store.get('user:user_1') };
    });
    expect(value.takes.every((t) => t.allowed)).toBe(true);
    expect(value.takes.at(-1)?.remaining).toBe(95);
    expect(value.user).toBe('{"id":"user_1"}');
    expect(store.scope).toBe('local');
    expect(events).toEqual([SpanEventName.storeFallback]);
    expect(await transitions('local')).toBe(before + 1);
  });

  it('killed mid-run (SIGKILL): the next call still answers, locally; back on Redis once it is restarted', async () => {
    const store = await storeOn(redis.url);
    await untilFleet(store);
    await store.set('user:user_2', 'fleet copy', 60_000);
    expect(await store.get('user:user_2')).toBe('fleet copy');

    const [localBefore, fleetBefore] = [await transitions('local'), await transitions('fleet')];
    await redis.kill();
    const { value, events } = await inSpan(async () => {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await store.takeBudget('standard', policy()));
      return answers;
    });
    expect(value.every((t) => t.allowed)).toBe(true);
    expect(store.scope).toBe('local');
    // The fleet copy is not reachable; the process's own (empty) state answers instead of an error.
    expect(await store.get('user:user_2')).toBeNull();
    expect(events).toEqual([SpanEventName.storeFallback]);
    expect(await transitions('local')).toBe(localBefore + 1);

    await redis.restart();
    expect(await backOnRedis(store)).toEqual([SpanEventName.storeRecovered]);
    await store.set('user:user_2', 'after restart', 60_000);
    expect(await store.get('user:user_2')).toBe('after restart');
    expect(await transitions('fleet')).toBe(fleetBefore + 1);
  });

  it('paused (SIGSTOP): a call waits at most the 50 ms timeout, then answers locally; back when it resumes', async () => {
    const store = await storeOn(redis.url);
    await untilFleet(store);
    const [localBefore, fleetBefore] = [await transitions('local'), await transitions('fleet')];
    redis.pause();
    try {
      const started = performance.now();
      const { value, events } = await inSpan(() => store.takeBudget('standard', policy()));
      const firstCallMs = performance.now() - started;
      expect(value.allowed).toBe(true);
      // The timeout is 50 ms; the margin is for a loaded CI machine, not a speed claim.
      expect(firstCallMs).toBeLessThan(1000);
      expect(store.scope).toBe('local');
      expect(events).toEqual([SpanEventName.storeFallback]);
      // While down, calls do not wait on Redis at all.
      for (let i = 0; i < 3; i++) expect((await store.takeBudget('standard', policy())).allowed).toBe(true);
      expect(await transitions('local')).toBe(localBefore + 1);
    } finally {
      redis.resume();
    }
    expect(await backOnRedis(store)).toEqual([SpanEventName.storeRecovered]);
    expect(await transitions('fleet')).toBe(fleetBefore + 1);
  });

  it('paused with many requests in flight: each completes from process memory, one fallback, then Redis again', async () => {
    const namespace = `test:${Math.random().toString(36).slice(2)}`;
    const store = await storeOn(redis.url, namespace);
    const witness = await storeOn(redis.url, namespace);
    await untilFleet(store);
    await untilFleet(witness);
    const [localBefore, fleetBefore] = [await transitions('local'), await transitions('fleet')];
    const REQUESTS = 12;
    redis.pause();
    let outcomes: Array<{ take: { allowed: boolean; remaining: number }; user: string | null; events: string[] }>;
    try {
      // Each request is its own span, and all are sent to the paused server before any has given up on it.
      outcomes = await Promise.all(
        Array.from({ length: REQUESTS }, (_, i) =>
          trace.getTracer('test').startActiveSpan(`request ${i}`, async (span) => {
            try {
              const take = await store.takeBudget('standard', policy());
              await store.set(`user:user_${i}`, `{"id":"user_${i}"}`, 10_000);
              const user = await store.get(`user:user_${i}`);
              return { take, user, events: [] as string[] };
            } finally {
              span.end();
            }
          }),
        ),
      );
    } finally {
      redis.resume();
    }
    for (const [i, outcome] of outcomes.entries()) {
      outcome.events = telemetry.spansNamed(`request ${i}`).flatMap((s) => s.events.map((e) => e.name));
    }
    // Every request answered, correctly, from this process's own state: its budget counted each take once.
    expect(outcomes.map((o) => o.user)).toEqual(outcomes.map((_, i) => `{"id":"user_${i}"}`));
    expect(outcomes.every((o) => o.take.allowed)).toBe(true);
    expect(outcomes.map((o) => o.take.remaining).sort((a, b) => b - a)).toEqual(
      Array.from({ length: REQUESTS }, (_, i) => 100 - 1 - i),
    );
    // The switch is recorded once, on the one request that met it, however many were in flight.
    expect(outcomes.flatMap((o) => o.events)).toEqual([SpanEventName.storeFallback]);
    expect(await transitions('local')).toBe(localBefore + 1);

    expect(await backOnRedis(store)).toEqual([SpanEventName.storeRecovered]);
    expect(await transitions('fleet')).toBe(fleetBefore + 1);
    // Back on Redis: what this server writes now, another server reads.
    await store.set('user:after', 'fleet again', 10_000);
    expect(await witness.get('user:after')).toBe('fleet again');
  });
});
