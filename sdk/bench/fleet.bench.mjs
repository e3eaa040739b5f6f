// `npm run bench:fleet`: several app servers, one Clerk instance. Three `next start` processes of the example app,
// one local backend limited to 100 calls per 10 s, one redis-server; 20 signed-in users viewing a Route Handler that
// calls `currentUser()`, plus junk `mt_` tokens. Run twice from the same script — each process on its own
// (in-process) and all three on the Redis (AUTHLENS_REDIS_URL), the user cache at 10 s in both — and printed side by
// side. The apps reach the backend through a counting proxy here, which is how the Backend API's answers (429s
// included) are counted. The store's added latency is measured on its own: the calls a request makes on the store
// (one cache read, one budget take) against Redis on loopback minus the same in memory.
//
// The load. Signed-in views come at 3× what the limit allows without caching (30/s). The junk tokens are all
// distinct, so no verdict cache absorbs them, and come at twice the limit on their own (20/s): verifying them would
// take the whole window, so the rate-limit reserve (20% of the window) is what is left for signed-in users' calls.
// On its own, each process's user cache fetches every user once per TTL (three servers: 60 calls per 10 s, three
// times the reserve); sharing one cache the fleet fetches each user once (20), and the fleet budget counts every
// server's calls in one window.
// `--seconds N` (default 30) sets the length of each run.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exampleAppDir,
  exampleSourceHash,
  isBuiltFrom,
  stampBuild,
} from '../../examples/nextjs-app/test-support/build-stamp.mjs';
import { backendApi, sessionToken } from '../../soak/credentials.mjs';
import { freePort, startAppProcess, startBackendProcess } from '../../soak/processes.mjs';
import { ensureRedisServer, startRedisServer } from '../../test-support/redis-server.mjs';

const secondsAt = process.argv.indexOf('--seconds');
const SECONDS = secondsAt > 0 ? Number(process.argv[secondsAt + 1]) : 30;
const USERS = 20;
const LIMIT = 100;
const WINDOW_SECONDS = 10;
// Without caching each signed-in request costs one call: 3× the limit is 30 signed-in requests per second.
const SIGNED_IN_PER_SECOND = (3 * LIMIT) / WINDOW_SECONDS;
// Distinct junk tokens at twice the limit: on their own they would spend every window.
const JUNK_PER_SECOND = (2 * LIMIT) / WINDOW_SECONDS;
// A request that has not answered by then counts as an error (a hang), not as a wait the run absorbs.
const REQUEST_TIMEOUT_MS = 15_000;
const DEV_BROWSER = 'dvb_fleetbench';

if (!ensureRedisServer()) {
  console.log(
    'fleet bench skipped: redis-server is missing and could not be installed (apt-get install -y redis-server)',
  );
  process.exit(0);
}

// The same build of the example app the e2e suites and the soak use; built when missing or stale.
const hash = exampleSourceHash();
const distDir = join(exampleAppDir, '.next');
if (!isBuiltFrom(distDir, hash)) {
  console.error('[fleet bench] building the example app (next build)…');
  const built = spawnSync('npm', ['run', 'build', '-w', 'examples/nextjs-app'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
  stampBuild(distDir, hash);
}

/** A proxy in front of the backend that counts its answers by status. */
async function countingProxy(target) {
  const counts = { calls: 0, byStatus: {}, byRoute: {} };
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
      redirect: 'manual',
    });
    const body = Buffer.from(await answer.arrayBuffer());
    if (!req.url.startsWith('/__admin')) {
      counts.calls++;
      counts.byStatus[answer.status] = (counts.byStatus[answer.status] ?? 0) + 1;
      const route = `${req.method} ${req.url.split('?')[0].replace(/\/(user|sess|mt)_[A-Za-z0-9]+/g, '/{id}')}`;
      counts.byRoute[route] = (counts.byRoute[route] ?? 0) + 1;
    }
    const out = {};
    answer.headers.forEach((value, name) => {
      if (name !== 'content-encoding' && name !== 'content-length' && name !== 'transfer-encoding') out[name] = value;
    });
    res.writeHead(answer.status, out).end(body);
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    reset: () => {
      counts.calls = 0;
      counts.byStatus = {};
      counts.byRoute = {};
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const junkToken = () => `mt_${randomBytes(36).toString('base64url').replace(/[-_]/g, 'x')}`;

async function run(mode, redis) {
  const work = mkdtempSync(join(tmpdir(), 'authlens-fleet-'));
  const stops = [];
  try {
    const backend = await startBackendProcess({
      port: await freePort(),
      dataDir: join(work, 'backend'),
      logFile: join(work, 'backend.log'),
    });
    stops.push(() => backend.stop());
    const proxy = await countingProxy(backend.url);
    stops.push(() => proxy.close());
    const users = [];
    for (let i = 0; i < USERS; i++) users.push(await sessionToken(backend, `fleet-bench-${i}`, 3600));
    const apps = await Promise.all(
      [0, 1, 2].map((i) =>
        startAppProcess({
          dir: exampleAppDir,
          logFile: join(work, `app-${i}.log`),
          env: () => ({
            CLERK_SECRET_KEY: backend.secretKey,
            NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: backend.publishableKey,
            CLERK_API_URL: proxy.url,
            CLERK_JWT_KEY: backend.jwtKey,
            AUTHLENS_USER_CACHE_TTL: '10',
            AUTHLENS_DEVTOOLS_URL: 'false',
            ...(mode === 'redis' ? { AUTHLENS_REDIS_URL: redis.url } : {}),
          }),
        }),
      ),
    );
    for (const app of apps) stops.push(() => app.stop());
    await backendApi(backend, '/__admin/rate-limit', {
      method: 'PUT',
      body: { limit: LIMIT, windowSeconds: WINDOW_SECONDS },
    });
    // Warm each server's routes (compiled on first use), then start counting from a fresh window.
    for (const app of apps) await fetch(`${app.url}/api/user`, { headers: { accept: 'application/json' } });
    await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000));
    proxy.reset();

    const outcome = { signedIn: 0, signedIn200: 0, junk: 0, junk401: 0, other: {}, junkOther: {} };
    const pending = [];
    const perSecond = SIGNED_IN_PER_SECOND + JUNK_PER_SECOND;
    const total = SECONDS * perSecond;
    const interval = 1000 / perSecond;
    const started = Date.now();
    for (let sent = 0; sent < total; sent++) {
      const wait = started + sent * interval - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // Junk spread evenly among the signed-in views, not in bursts.
      const isJunk =
        Math.floor(((sent + 1) * JUNK_PER_SECOND) / perSecond) > Math.floor((sent * JUNK_PER_SECOND) / perSecond);
      if (isJunk) {
        const app = apps[outcome.junk % 3];
        outcome.junk++;
        pending.push(
          fetch(`${app.url}/api/m2m`, {
            method: 'POST',
            headers: { authorization: `Bearer ${junkToken()}` },
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          }).then(
            async (res) => {
              await res.arrayBuffer();
              if (res.status === 401) outcome.junk401++;
              else outcome.junkOther[res.status] = (outcome.junkOther[res.status] ?? 0) + 1;
            },
            () => {
              outcome.junkOther.error = (outcome.junkOther.error ?? 0) + 1;
            },
          ),
        );
        continue;
      }
      // Every (user, server) pair in turn: each server sees each user every few seconds.
      const user = users[outcome.signedIn % USERS];
      const app = apps[outcome.signedIn % 3];
      outcome.signedIn++;
      pending.push(
        fetch(`${app.url}/api/user`, {
          headers: {
            accept: 'application/json',
            cookie: `__session=${user.token}; __client_uat=${user.iat}; __clerk_db_jwt=${DEV_BROWSER}`,
          },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        }).then(
          async (res) => {
            await res.arrayBuffer();
            if (res.status === 200) outcome.signedIn200++;
            else outcome.other[res.status] = (outcome.other[res.status] ?? 0) + 1;
          },
          () => {
            outcome.other.error = (outcome.other.error ?? 0) + 1;
          },
        ),
      );
    }
    await Promise.all(pending);
    const { calls, byStatus, byRoute } = proxy.counts;
    let fallbacks = 0;
    for (let i = 0; i < 3; i++) {
      const log = readFileSync(join(work, `app-${i}.log`), 'utf8');
      fallbacks += log.split('did not answer').length - 1;
    }
    return { ...outcome, calls, byStatus: { ...byStatus }, byRoute: { ...byRoute }, fallbacks };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }
}

/** p50 / p99 of what one request's store calls (a user-cache read and a budget take) add on Redis over memory. */
async function storeLatency(redis) {
  const { connectRedis } = await import('../dist/fleet/connect-redis.js');
  const { MemoryFleetStore } = await import('../dist/fleet/memory-fleet-store.js');
  const connection = await connectRedis(redis.url, 'authlens:{bench}');
  await connection.store.ping();
  const memory = new MemoryFleetStore();
  const policy = () => ({ reservedShare: 0.2, assumedLimit: 1_000_000, now: Date.now() });
  const time = async (store) => {
    const samples = [];
    for (let i = 0; i < 3000; i++) {
      const t0 = performance.now();
      await store.get(`user:user_${i % USERS}`);
      await store.takeBudget('standard', policy());
      samples.push(performance.now() - t0);
    }
    return samples.sort((a, b) => a - b);
  };
  await time(connection.store);
  const onRedis = await time(connection.store);
  const inMemory = await time(memory);
  connection.close();
  const at = (s, q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { p50: at(onRedis, 0.5) - at(inMemory, 0.5), p99: at(onRedis, 0.99) - at(inMemory, 0.99) };
}

const redis = await startRedisServer();
try {
  const local = await run('in-process', redis);
  const shared = await run('redis', redis);
  const latency = await storeLatency(redis);
  const verifications = (byRoute) =>
    Object.entries(byRoute)
      .filter(([route]) => route.endsWith('/m2m_tokens/verify'))
      .reduce((sum, [, n]) => sum + n, 0);
  const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
  const rows = [
    ['Backend API 429s received', local.byStatus[429] ?? 0, shared.byStatus[429] ?? 0, 'Redis: 0'],
    [
      'signed-in requests answered 200',
      pct(local.signedIn200, local.signedIn),
      pct(shared.signedIn200, shared.signedIn),
      'Redis: ≥ 99%',
    ],
    [
      'Backend API calls per signed-in request',
      (local.calls / local.signedIn).toFixed(3),
      (shared.calls / shared.signedIn).toFixed(3),
      '',
    ],
    [
      '  of which user reads',
      ((local.byRoute['GET /v1/users/{id}'] ?? 0) / local.signedIn).toFixed(3),
      ((shared.byRoute['GET /v1/users/{id}'] ?? 0) / shared.signedIn).toFixed(3),
      '',
    ],
    ['Backend API calls in total', local.calls, shared.calls, ''],
    [
      '  user reads (GET /v1/users/{id})',
      local.byRoute['GET /v1/users/{id}'] ?? 0,
      shared.byRoute['GET /v1/users/{id}'] ?? 0,
      '',
    ],
    ['  machine-token verifications', verifications(local.byRoute), verifications(shared.byRoute), ''],
    ['junk machine tokens refused (401)', `${local.junk401}/${local.junk}`, `${shared.junk401}/${shared.junk}`, ''],
    ['junk answers other than 401', JSON.stringify(local.junkOther), JSON.stringify(shared.junkOther), ''],
    ['fallbacks to in-process (all 3 servers)', '-', shared.fallbacks, ''],
    ['signed-in answers other than 200', JSON.stringify(local.other), JSON.stringify(shared.other), ''],
  ];
  console.log(
    `\nfleet bench: 3 next start, limit ${LIMIT}/${WINDOW_SECONDS} s, ${USERS} users, ${SIGNED_IN_PER_SECOND} signed-in + ${JUNK_PER_SECOND} junk requests/s for ${SECONDS} s, user cache 10 s\n`,
  );
  console.log(`${'figure'.padEnd(42)}${'in-process'.padEnd(16)}${'Redis'.padEnd(16)}goal`);
  for (const [name, a, b, goal] of rows)
    console.log(`${name.padEnd(42)}${String(a).padEnd(16)}${String(b).padEnd(16)}${goal}`);
  console.log(
    `${'store latency added per request (p50/p99)'.padEnd(42)}${'-'.padEnd(16)}${`${latency.p50.toFixed(3)}/${latency.p99.toFixed(3)} ms`.padEnd(16)}p50 ≤ 0.5 ms`,
  );
  console.log(`\ncalls by route, in-process: ${JSON.stringify(local.byRoute)}`);
  console.log(`calls by route, Redis: ${JSON.stringify(shared.byRoute)}`);
} finally {
  await redis.stop();
}
