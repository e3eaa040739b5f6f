import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestCounters } from './admin/counters.js';
import { FaultInjector } from './admin/faults.js';
import type { BackendContext } from './context.js';
import { createFetchHandler } from './http/fetch-handler.js';
import { DEFAULT_MAX_BODY_BYTES, toNodeListener } from './http/node-listener.js';
import { Router } from './http/router.js';
import { SigningKeys } from './keys/signing-keys.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitSetting } from './rate-limit/rate-limiter.js';
import { resources } from './resources.js';
import { applySeed } from './seed/apply-seed.js';
import { randomBase62 } from './store/ids.js';
import { openJournalStore } from './store/journal-store.js';
import { createMemoryStore } from './store/memory-store.js';
import type { Store } from './store/store.js';

export interface BackendOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Keep everything in memory (tests); otherwise persist in `dataDir`. */
  inMemory?: boolean;
  /** Default `.authlens/backend` (relative to the working directory). */
  dataDir?: string;
  /** `'demo'` for the demo users and organization, or the path of a seed JSON file. Applied once per data dir. */
  seed?: 'demo' | (string & {});
  /** Per secret key; default 100 requests / 10 s (Clerk's development-instance limit). */
  rateLimit?: RateLimitSetting | 'off';
  /** Origins the sign-in page may redirect to; the first one is the default `azp` of session tokens. */
  allowedOrigins?: string[];
  /** The instance secret key; default: the one persisted in the data dir, else a new one. */
  secretKey?: string;
  /** Receives log lines (never secrets); default: none. */
  log?: (line: string) => void;
  /** How long a rotated-out signing key stays in the JWKS; default 1 hour. */
  keyOverlapSeconds?: number;
  /** Largest accepted request body; default 1 MiB. */
  maxBodyBytes?: number;
  /** Clock in ms (tests); default `Date.now`. */
  now?: () => number;
}

export interface RunningBackend {
  /** Base URL, e.g. `http://127.0.0.1:4000`; use it as `apiUrl` / `CLERK_API_URL`. */
  url: string;
  secretKey: string;
  publishableKey: string;
  /** PEM (SPKI) of the current signing public key, for `CLERK_JWT_KEY`. */
  jwtKey: string;
  close(): Promise<void>;
}

const INSTANCE = 'instance';
const INSTANCE_ID = 'instance';

export async function startBackend(options: BackendOptions = {}): Promise<RunningBackend> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const store: Store = options.inMemory
    ? createMemoryStore()
    : await openJournalStore(options.dataDir ?? '.authlens/backend');

  try {
    const secretKey = await resolveSecretKey(store, options.secretKey);
    const keys = new SigningKeys(store, clock);
    await keys.ensure();

    let baseUrl = '';
    let publishableKey = '';
    const ctx: BackendContext = {
      store,
      keys,
      rateLimiter: new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, clock),
      counters: new RequestCounters(),
      faults: new FaultInjector(),
      clock,
      secretKey,
      get publishableKey() {
        return publishableKey;
      },
      allowedOrigins: (options.allowedOrigins ?? []).map((o) => new URL(o).origin),
      keyOverlapMs: (options.keyOverlapSeconds ?? 3600) * 1000,
      url: () => baseUrl,
      log,
    };

    const router = new Router();
    for (const resource of resources) resource.registerRoutes(router, ctx);
    await store.transact((tx) => {
      for (const resource of resources) resource.initialize?.(tx, ctx);
    });

    if (options.seed) {
      const seed =
        options.seed === 'demo'
          ? ('demo' as const)
          : (JSON.parse(await readFile(options.seed, 'utf8')) as Record<string, unknown>);
      const applied = await applySeed(ctx, options.seed === 'demo' ? 'demo' : `file:${options.seed}`, seed);
      if (applied) log(`seeded ${options.seed === 'demo' ? 'the demo data' : 'from the seed file'}`);
    }

    const server = createServer(
      toNodeListener(createFetchHandler(router, ctx), options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
    );
    server.listen(options.port ?? 0, host);
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    baseUrl = `http://${urlHost}:${port}`;
    publishableKey = `pk_test_${Buffer.from(`${urlHost}:${port}$`).toString('base64')}`;
    log(`listening on ${baseUrl} (${options.inMemory ? 'in memory' : 'persistent'})`);

    let closing: Promise<void> | undefined;
    return {
      url: baseUrl,
      secretKey,
      publishableKey,
      get jwtKey() {
        return keys.current().publicPem;
      },
      close() {
        closing ??= (async () => {
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
          await store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function resolveSecretKey(store: Store, given: string | undefined): Promise<string> {
  if (given) return given;
  const existing = store.get<{ id: string; secret_key: string }>(INSTANCE, INSTANCE_ID);
  if (existing) return existing.secret_key;
  const secretKey = `sk_test_${randomBase62(40)}`;
  await store.transact((tx) => tx.put(INSTANCE, { id: INSTANCE_ID, secret_key: secretKey }));
  return secretKey;
}
