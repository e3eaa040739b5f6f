// Auth's server CPU per request under `next start`, side by side in one run: a pass-through `proxy.ts`, a minimal
// proxy that verifies the bearer token with jose and passes the user id in a header, and authlens
// (`clerkMiddleware()` + `auth()` in a route handler) with telemetry off and on (the batch OTLP/protobuf exporter to
// the devtools). One build of next-app/ serves all four (BENCH_VARIANT picks the middleware at start). Two token
// mixes: (a) one token on every request (the verified-token cache answers) and (b) 1,000 users, every request a
// token the server has not seen before (as after each user's 60-s refresh: no cache answers, every request verifies).
// Server CPU is user + system of the `next start` process tree from /proc, over interleaved rounds (the lowest round
// counts: other load on a shared machine only adds); the load comes from a child process. Linux only. ~3–4 min.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevtools } from '@authlens/devtools';
import { isBuiltFrom, stampBuild, treeHash } from './support/next-build-stamp.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const appDir = fileURLToPath(new URL('./next-app/', import.meta.url));
const nextBin = join(root, 'node_modules/next/dist/bin/next');
const ROUNDS = Number(process.env.BENCH_NEXT_ROUNDS ?? 3);
const PER_CELL = Number(process.env.BENCH_NEXT_REQUESTS ?? 1500);
const CONNECTIONS = 16;
const USERS = 1000;

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function buildApp() {
  const hash = treeHash([appDir, join(root, 'sdk/dist'), join(root, 'otel/dist')]);
  if (isBuiltFrom(join(appDir, '.next'), hash)) return;
  console.log('next build of sdk/bench/next-app …');
  const result = spawnSync('node', [nextBin, 'build'], { cwd: appDir, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  stampBuild(join(appDir, '.next'), hash);
}

// Keys and tokens as Clerk issues them (RS256, the claims of a v2 session token).
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwtKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const header = b64({ alg: 'RS256', kid: 'ins_bench', typ: 'JWT' });
let serial = 0;
function mint(userId) {
  const now = Math.floor(Date.now() / 1000);
  const input = `${header}.${b64({
    azp: 'http://127.0.0.1',
    exp: now + 3600,
    iat: now - 1,
    nbf: now - 10,
    iss: 'https://bench.clerk.accounts.dev',
    sid: `sess_${userId}_${serial++}`,
    sub: userId,
    sts: 'active',
    v: 2,
  })}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

const work = mkdtempSync(join(tmpdir(), 'authlens-next-bench-'));
function tokenFile(name, users) {
  const file = join(work, `${name}.json`);
  writeFileSync(file, JSON.stringify({ users, tokens: users.map(mint) }));
  return file;
}

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** User + system CPU (ms) of `pid` and every process below it. */
function treeCpuMs(pid) {
  const stats = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const inTree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats) {
      if (!inTree.has(s.pid) && inTree.has(s.ppid)) {
        inTree.add(s.pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const s of stats) if (inTree.has(s.pid)) ticks += s.ticks;
  return (ticks * 1000) / ticksPerSecond;
}

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startServer(label, extraEnv) {
  const port = await freePort();
  const child = spawn('node', [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: appDir,
    env: {
      ...env,
      NODE_ENV: 'production',
      CLERK_SECRET_KEY: 'sk_test_bench_next_start_overhead_000000',
      CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from('bench.clerk.accounts.dev$').toString('base64')}`,
      CLERK_JWT_KEY: jwtKey,
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/api/whoami`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`${label}: next start exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return { label, child, url };
    } catch {
      if (Date.now() > deadline) throw new Error(`${label}: no answer within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function load(server, tokens, start, count, expectUser) {
  const args = JSON.stringify({
    url: server.url,
    tokensFile: tokens,
    start,
    count,
    connections: CONNECTIONS,
    expectUser,
  });
  const child = spawn('node', [fileURLToPath(new URL('./support/http-load.mjs', import.meta.url)), args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      const tally = JSON.parse(out);
      if (tally.wrong > 0) {
        return reject(new Error(`${server.label}: ${tally.wrong}/${count} wrong answers, e.g. ${tally.firstWrong}`));
      }
      resolve();
    }),
  );
}

/** Server CPU per request (ms) for `count` requests. */
async function cpuPerRequest(server, tokens, start, count, expectUser) {
  const before = treeCpuMs(server.child.pid);
  await load(server, tokens, start, count, expectUser);
  return (treeCpuMs(server.child.pid) - before) / count;
}

buildApp();
const devtools = await startDevtools({ port: 0 });
const servers = [];
try {
  const variants = [
    ['pass-through proxy', { BENCH_VARIANT: 'pass' }],
    ['jose proxy', { BENCH_VARIANT: 'jose' }],
    ['authlens, telemetry off', { BENCH_VARIANT: 'authlens' }],
    ['authlens, telemetry on', { BENCH_VARIANT: 'authlens', BENCH_DEVTOOLS_URL: devtools.url }],
  ];
  for (const [label, extra] of variants) servers.push(await startServer(label, extra));
  const [pass, jose, ...authlens] = servers;

  const repeated = tokenFile('repeated', ['user_repeated']);
  const users = Array.from({ length: USERS }, (_, i) => `user_${i}`);
  // Fresh tokens: warm-up plus every round's requests, each used once per server.
  const freshCount = PER_CELL * (ROUNDS + 1);
  const fresh = tokenFile(
    'fresh',
    Array.from({ length: freshCount }, (_, i) => users[i % USERS]),
  );

  // Warm-up: JIT, Next's route caches, the verified-token cache for the repeated token.
  for (const server of servers) {
    await load(server, repeated, 0, PER_CELL, server !== pass);
    await load(server, fresh, 0, PER_CELL, server !== pass);
  }

  const results = new Map(servers.map((s) => [s, { repeated: [], fresh: [] }]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const server of servers) {
      const expectUser = server !== pass;
      results.get(server).repeated.push(await cpuPerRequest(server, repeated, 0, PER_CELL, expectUser));
      results.get(server).fresh.push(await cpuPerRequest(server, fresh, round * PER_CELL, PER_CELL, expectUser));
    }
  }

  const low = (xs) => Math.min(...xs);
  const ms = (x) => `${x.toFixed(3)} ms`;
  console.log(
    `next start, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${PER_CELL} requests per cell, the lowest round; ` +
      'server CPU = user + system of the next start process tree',
  );
  const overhead = {};
  for (const mix of ['repeated', 'fresh']) {
    const base = low(results.get(pass)[mix]);
    console.log(
      `\n(${mix === 'repeated' ? 'a) one repeated token' : `b) ${USERS} users, a token never seen before on every request`}`,
    );
    console.log(`  ${'pass-through proxy'.padEnd(26)} ${ms(base)}/req`);
    overhead[mix] = {};
    for (const server of [jose, ...authlens]) {
      const cpu = low(results.get(server)[mix]);
      overhead[mix][server.label] = cpu - base;
      console.log(
        `  ${server.label.padEnd(26)} ${ms(cpu)}/req · overhead ${ms(cpu - base)} (${(cpu / base).toFixed(2)}× pass-through)`,
      );
    }
  }
  const o = overhead;
  const check = (ok, text) => console.log(`${ok ? 'met   ' : 'MISSED'} ${text}`);
  console.log('');
  const offA = o.repeated['authlens, telemetry off'];
  const joseA = o.repeated['jose proxy'];
  check(
    offA <= joseA && offA <= 0.2,
    `(a) telemetry off: authlens ${ms(offA)} ≤ jose ${ms(joseA)} and ≤ 0.2 ms (ratio ${(offA / joseA).toFixed(2)})`,
  );
  const onA = o.repeated['authlens, telemetry on'];
  check(onA <= 0.5, `(a) telemetry on: authlens ${ms(onA)} ≤ 0.5 ms`);
  const offB = o.fresh['authlens, telemetry off'];
  const joseB = o.fresh['jose proxy'];
  check(
    offB <= 1.5 * joseB,
    `(b) fresh tokens, telemetry off: authlens ${ms(offB)} ≤ 1.5× jose ${ms(joseB)} (ratio ${(offB / joseB).toFixed(2)})`,
  );
} finally {
  for (const server of servers) server.child.kill('SIGTERM');
  await devtools.close();
  rmSync(work, { recursive: true, force: true });
}
