/**
 * Connects the {@link RedisFleetStore} of `AUTHLENS_REDIS_URL` (Node only). The client reconnects on its own; while
 * it is not connected its commands fail at once (no offline queue), so a request never waits for Redis to come
 * back: the resilient store serves it from process memory meanwhile.
 */
import { AuthlensError } from '../errors.js';
import { type RedisCommands, RedisFleetStore } from './redis-fleet-store.js';

// Kept out of bundlers' sight: only the Node runtime ever loads the Redis client.
const REDIS_MODULE = 'redis';

interface RedisModule {
  createClient(options: object): RedisCommands & {
    on(event: 'error' | 'ready', listener: (error: unknown) => void): unknown;
    connect(): Promise<unknown>;
    destroy(): void;
  };
}

export interface RedisConnection {
  store: RedisFleetStore;
  /** Closes the connection at once (tests, shutdown). */
  close(): void;
}

/** `AUTHLENS_REDIS_URL` is set but the `redis` package (an optional peer dependency) is not installed. */
export class RedisClientMissingError extends AuthlensError {
  constructor(cause: unknown) {
    super(
      'ERR_AUTHLENS_REDIS_MISSING',
      'AUTHLENS_REDIS_URL is set but the redis package is not installed: npm install redis. ' +
        'Until then this process keeps its Backend API budget and caches in process.',
      { cause },
    );
  }
}

async function loadRedis(): Promise<RedisModule> {
  try {
    return (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ REDIS_MODULE)) as RedisModule;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new RedisClientMissingError(error);
    throw error;
  }
}

export async function connectRedis(url: string, namespace: string): Promise<RedisConnection> {
  const { createClient } = await loadRedis();
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 1000,
      // Keep trying, at most once a second: the resilient store goes back to Redis when it answers.
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000),
    },
  });
  // Errors are how an outage shows; the resilient store records it (once) when a call meets it.
  client.on('error', () => {});
  const waiting: Array<() => void> = [];
  client.on('ready', () => {
    for (const resolve of waiting.splice(0)) resolve();
  });
  const whenReady = () => (client.isReady ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve)));
  client.connect().catch(() => {});
  return { store: new RedisFleetStore(client, namespace, whenReady), close: () => client.destroy() };
}
