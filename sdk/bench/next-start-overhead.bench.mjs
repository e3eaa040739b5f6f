// Auth's server CPU per request under `next start`, side by side in one run: a pass-through `proxy.ts`, a minimal
// proxy that verifies the bearer token with jose and passes the user id in a header, and authlens
// (`clerkMiddleware()` + `auth()` in a route handler) with telemetry off and on (the batch OTLP/protobuf exporter to
// the devtools). The pass-through proxy with the same telemetry on splits the telemetry figure: Next.js traces every
// request itself (about eight spans) once any tracer provider is registered, whoever registered it; the rest is
// authlens's own spans and metrics. One build of next-app/ serves all five (BENCH_VARIANT picks the middleware at
// start). Two token mixes: (a) one token on every request (the verified-token cache answers) and (b) 1,000 users,
// every request a token the server has not seen before (as after each user's 60-s refresh: no cache answers, every
// request verifies). Server CPU is user + system of the `next start` process tree from /proc, over interleaved rounds
// (the lowest round counts: other load on a shared machine only adds); the load comes from a child process. Linux
// only. ~4–5 min.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevtools } from '@authlens/devtools';
import { buildApp, load, startServer, tokenFile, treeCpuMs } from './support/next-bench-app.mjs';

const ROUNDS = Number(process.env.BENCH_NEXT_ROUNDS ?? 4);
const PER_CELL = Number(process.env.BENCH_NEXT_REQUESTS ?? 1500);
const USERS = 1000;

const work = mkdtempSync(join(tmpdir(), 'authlens-next-bench-'));

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
    ['pass-through, telemetry on', { BENCH_VARIANT: 'pass', BENCH_DEVTOOLS_URL: devtools.url }],
  ];
  for (const [label, extra] of variants) servers.push(await startServer(label, extra));
  const [pass, jose, ...others] = servers;
  // The pass-through servers answer with no user; the others with the token's.
  const passThroughs = new Set(servers.filter((server) => server.label.startsWith('pass-through')));

  const repeated = tokenFile(work, 'repeated', ['user_repeated']);
  const users = Array.from({ length: USERS }, (_, i) => `user_${i}`);
  // Fresh tokens: warm-up plus every round's requests, each used once per server.
  const freshCount = PER_CELL * (ROUNDS + 1);
  const fresh = tokenFile(
    work,
    'fresh',
    Array.from({ length: freshCount }, (_, i) => users[i % USERS]),
  );

  // Warm-up: JIT, Next's route caches, the verified-token cache for the repeated token.
  for (const server of servers) {
    await load(server, repeated, 0, PER_CELL, !passThroughs.has(server));
    await load(server, fresh, 0, PER_CELL, !passThroughs.has(server));
  }

  const results = new Map(servers.map((s) => [s, { repeated: [], fresh: [] }]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const server of servers) {
      const expectUser = !passThroughs.has(server);
      results.get(server).repeated.push(await cpuPerRequest(server, repeated, 0, PER_CELL, expectUser));
      results.get(server).fresh.push(await cpuPerRequest(server, fresh, round * PER_CELL, PER_CELL, expectUser));
    }
  }

  const low = (xs) => Math.min(...xs);
  const ms = (x) => `${x.toFixed(3)} ms`;
  console.log(
    `next start, 16 connections, ${ROUNDS} rounds × ${PER_CELL} requests per cell, the lowest round; ` +
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
    for (const server of [jose, ...others]) {
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
  for (const mix of ['repeated', 'fresh']) {
    const next = o[mix]['pass-through, telemetry on'];
    console.log(
      `       (${mix === 'repeated' ? 'a' : 'b'}) of the telemetry-on overhead ${ms(o[mix]['authlens, telemetry on'])}: ` +
        `Next.js tracing its own request ${ms(next)}, authlens ${ms(o[mix]['authlens, telemetry on'] - next)}`,
    );
  }
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
