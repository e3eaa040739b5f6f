/**
 * The fleet store of an instance for this process: one {@link ResilientFleetStore} per (Redis URL, API URL, secret
 * key) when `AUTHLENS_REDIS_URL` is set on Node, else null (each process keeps its own state, the default). On the
 * Edge runtime the Redis URL is ignored, said once.
 */
import { envSecretKey, readEnv } from '../config.js';
import { connectRedis, RedisClientMissingError, type RedisConnection } from './connect-redis.js';
import { instanceNamespace } from './instance-namespace.js';
import { ResilientFleetStore } from './resilient-fleet-store.js';

const stores = new Map<string, { store: ResilientFleetStore; connection: Promise<RedisConnection | null> }>();
let edgeWarned = false;
let missingWarned = false;

function isNodeRuntime(): boolean {
  const g = globalThis as { EdgeRuntime?: unknown; process?: { versions?: { node?: string } } };
  return g.EdgeRuntime === undefined && typeof g.process?.versions?.node === 'string';
}

export function sharedFleetStore(redisUrl: string, secretKey: string, apiUrl: string): ResilientFleetStore | null {
  if (!isNodeRuntime()) {
    if (!edgeWarned) {
      edgeWarned = true;
      console.warn(
        'authlens: AUTHLENS_REDIS_URL is ignored on the Edge runtime; this runtime keeps its Backend API budget and caches in process.',
      );
    }
    return null;
  }
  const id = `${redisUrl}\n${apiUrl}\n${secretKey}`;
  const existing = stores.get(id);
  if (existing) return existing.store;
  const env = readEnv();
  // The environment's publishable key names the instance only for the environment's secret key.
  const publishableKey =
    secretKey === envSecretKey(env)
      ? (env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY ?? env.CLERK_PUBLISHABLE_KEY ?? null)
      : null;
  const connection = instanceNamespace(publishableKey, secretKey, apiUrl)
    .then((namespace) => connectRedis(redisUrl, namespace))
    .catch((error: unknown) => {
      // A missing client is a setup mistake, said once; Redis being down is an outage the store records per call.
      if (error instanceof RedisClientMissingError && !missingWarned) {
        missingWarned = true;
        console.warn(`authlens: ${error.message}`);
      }
      return null;
    });
  const store = new ResilientFleetStore(connection.then((c) => c?.store ?? null));
  stores.set(id, { store, connection });
  return store;
}

/** Closes every Redis connection this process opened (tests, graceful shutdown). */
export async function closeFleetStores(): Promise<void> {
  const all = [...stores.values()];
  stores.clear();
  for (const { connection } of all) (await connection)?.close();
}
