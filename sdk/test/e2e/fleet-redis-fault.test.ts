/**
 * The example app under `next start` sharing its state through a real redis-server (`AUTHLENS_REDIS_URL`, user
 * cache 10 s), with OpenTelemetry exported over OTLP: Redis is killed (SIGKILL) mid-run and the signed-in user's
 * requests keep answering 200; the fallback to in-process state is in the exported telemetry (span event and
 * metric) and in the log, once; once Redis runs again the app goes back to it.
 */

import { readFileSync } from 'node:fs';
import { AttributeName as A, Metric, SpanEventName, SpanName } from '@authlens/otel';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedisServer, startRedisServer } from '../../../test-support/redis-server.mjs';
import { appFetch, json } from './support/app.js';
import { type DemoSession, sessionFor } from './support/backend.js';
import { startTelemetryApp, type TelemetryApp } from './support/telemetry-app.js';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface ExportedSpan {
  name: string;
  attributes: Record<string, string | number | boolean | undefined>;
  events: Array<{ name: string; attributes: Record<string, string | number | boolean | undefined> }>;
}

const attributesOf = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(
    list.map((a) => [a.key, a.value.stringValue ?? a.value.boolValue ?? Number(a.value.intValue ?? Number.NaN)]),
  );

let redis: RunningRedisServer;
let app: TelemetryApp;
let alice: DemoSession;

interface OtlpSpan {
  name: string;
  attributes?: OtlpAttribute[];
  events?: Array<{ name: string; attributes?: OtlpAttribute[] }>;
}
interface OtlpTraces {
  resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: OtlpSpan[] }> }>;
}

/** Every span the app exported so far (OTLP/HTTP JSON). */
function spans(): ExportedSpan[] {
  return app.exported
    .filter((b) => b.path.endsWith('/v1/traces'))
    .flatMap((b) => (JSON.parse(b.body.toString('utf8')) as OtlpTraces).resourceSpans ?? [])
    .flatMap((rs) => rs.scopeSpans ?? [])
    .flatMap((ss) => ss.spans ?? [])
    .map((s) => ({
      name: s.name,
      attributes: attributesOf(s.attributes),
      events: (s.events ?? []).map((e) => ({ name: e.name, attributes: attributesOf(e.attributes) })),
    }));
}

/** The latest cumulative count of `authlens.store.transitions` per scope. */
function transitions(): Record<string, number> {
  const counts: Record<string, number> = {};
  const bodies = app.exported.filter((b) => b.path.endsWith('/v1/metrics'));
  for (const body of bodies) {
    for (const rm of JSON.parse(body.body.toString('utf8')).resourceMetrics ?? []) {
      for (const sm of rm.scopeMetrics ?? []) {
        for (const metric of sm.metrics ?? []) {
          if (metric.name !== Metric.storeFallbacks.name) continue;
          for (const point of metric.sum?.dataPoints ?? []) {
            const scope = String(attributesOf(point.attributes)[A.storeScope]);
            counts[scope] = Math.max(counts[scope] ?? 0, Number(point.asInt ?? point.asDouble ?? 0));
          }
        }
      }
    }
  }
  return counts;
}

async function until<T>(what: string, read: () => T | undefined | false, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not seen in time`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** `/api/user` as alice: the status and the id it answered with. */
async function viewAsAlice(): Promise<{ status: number; id?: string }> {
  const res = await appFetch('/api/user', { cookie: alice.token, base: app.appUrl });
  if (res.status !== 200) {
    await res.arrayBuffer();
    return { status: res.status };
  }
  return { status: res.status, id: (await json<{ id: string }>(res)).id };
}

const scopesOfCurrentUser = () =>
  spans()
    .filter((s) => s.name === SpanName.currentUser)
    .map((s) => s.attributes[A.storeScope]);

beforeAll(async () => {
  redis = await startRedisServer();
  alice = await sessionFor('alice');
  app = await startTelemetryApp('http/json', {
    name: 'fleet-redis',
    env: { AUTHLENS_REDIS_URL: redis.url, AUTHLENS_USER_CACHE_TTL: '10' },
  });
}, 90_000);
afterAll(async () => {
  await app?.stop();
  await redis?.stop();
});

describe('the example app on a shared Redis, Redis killed mid-run', () => {
  it('serves the signed-in user from Redis while it runs', async () => {
    expect(await viewAsAlice()).toEqual({ status: 200, id: alice.userId });
    // The user cache entry is in Redis, under the instance's namespace (never the secret key).
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const keys = await client.keys('authlens:*');
      expect(keys.some((k) => k.endsWith(`:user:${alice.userId}`))).toBe(true);
      expect(keys.some((k) => k.endsWith(':budget'))).toBe(true);
    } finally {
      client.destroy();
    }
    await until('a currentUser() span on the fleet store', () => scopesOfCurrentUser().includes('fleet'));
  });

  it('Redis killed (SIGKILL): every request still answers 200 for alice, and the fallback is recorded once', async () => {
    await redis.kill();
    const sequential = [];
    for (let i = 0; i < 5; i++) sequential.push(await viewAsAlice());
    const concurrent = await Promise.all(Array.from({ length: 8 }, () => viewAsAlice()));
    for (const outcome of [...sequential, ...concurrent]) expect(outcome).toEqual({ status: 200, id: alice.userId });

    const fallbacks = await until('the fallback span event', () => {
      const events = spans().flatMap((s) => s.events.filter((e) => e.name === SpanEventName.storeFallback));
      return events.length > 0 && events;
    });
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]!.attributes[A.storeScope]).toBe('local');
    expect(fallbacks[0]!.attributes[A.errorType]).toEqual(expect.any(String));
    await until('the transitions metric (local)', () => transitions().local === 1);
    await until('a currentUser() span on process memory', () => scopesOfCurrentUser().includes('local'));
    // One log line for the switch, with the error's class and never the Redis URL.
    const log = readFileSync(app.logFile, 'utf8');
    expect(log.split('the shared store (Redis) did not answer')).toHaveLength(2);
    expect(log).not.toContain(redis.url);
    expect(log).not.toContain(`127.0.0.1:${redis.port}`);
  });

  it('Redis back: the app goes back to it (recorded once), and users are cached in Redis again', async () => {
    await redis.restart();
    // Requests drive the probe (one PING at most every 500 ms) that finds Redis answering again.
    const deadline = Date.now() + 15_000;
    while (!spans().some((s) => s.events.some((e) => e.name === SpanEventName.storeRecovered))) {
      if (Date.now() > deadline) throw new Error('the recovered span event: not seen in time');
      expect(await viewAsAlice()).toEqual({ status: 200, id: alice.userId });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await until('the transitions metric (fleet)', () => transitions().fleet === 1);
    const recovered = spans().flatMap((s) => s.events.filter((e) => e.name === SpanEventName.storeRecovered));
    expect(recovered).toHaveLength(1);
    expect(recovered[0]!.attributes[A.storeScope]).toBe('fleet');
    expect(readFileSync(app.logFile, 'utf8').split('the shared store (Redis) answers again')).toHaveLength(2);
    // The restarted Redis is empty; the next view that misses writes the user there.
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const deadline2 = Date.now() + 15_000;
      let keys: string[] = [];
      while (!keys.some((k) => k.endsWith(`:user:${alice.userId}`))) {
        if (Date.now() > deadline2) throw new Error('no user entry in the restarted Redis');
        expect(await viewAsAlice()).toEqual({ status: 200, id: alice.userId });
        keys = await client.keys('authlens:*');
      }
    } finally {
      client.destroy();
    }
  });
});
