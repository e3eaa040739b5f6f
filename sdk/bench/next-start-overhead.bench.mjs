// Auth's server CPU per request under `next start`, side by side in one run: a pass-through `proxy.ts`, a minimal
// proxy that verifies the bearer token with jose and passes the user id in a header, and authlens
// (`clerkMiddleware()` + `auth()` in a route handler) with telemetry off and on (the batch OTLP/protobuf exporter to
// the devtools). Telemetry on is measured twice: with the providers kept for authlens (`providers: 'authlens'`), and
// registered globally (the default), when Next.js traces every request itself (about eight spans), whoever
// registered the provider. The pass-through proxy with global telemetry splits that figure into Next's tracing and
// authlens's share. One build of next-app/ serves all six (BENCH_VARIANT picks the middleware at start). Two token
// mixes: (a) one token on every request (the verified-token cache answers) and (b) 1,000 users, every request a token
// the server has not seen before (as after each user's 60-s refresh: no cache answers, every request verifies).
// Server CPU is user + system of the `next start` process tree from /proc, over interleaved rounds (the lowest round
// counts: other load on a shared machine only adds); the load comes from a child process. Linux only. ~7 min.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevtools } from '@authlens/devtools';
import { buildApp, load, startServer, tokenFile, treeCpuMs } from './support/next-bench-app.mjs';

const ROUNDS = Number(process.env.BENCH_NEXT_ROUNDS ?? 8);
const PER_CELL = Number(process.env.BENCH_NEXT_REQUESTS ?? 1000);
const USERS = 1000;

const work = mkdtempSync(join(tmpdir(), 'authlens-next-bench-'));

// Requests sent just before each measured cell, not counted: a server that sat idle while the others were measured
// has let V8 shed some of its warm state (optimized code, inline caches) and would pay to rebuild it in the count.
const WAKE_UP = 300;

/** Server CPU per request (ms) for `count` requests, after `WAKE_UP` uncounted ones (tokens `start` on). */
async function cpuPerRequest(server, tokens, start, count, expectUser) {
  await load(server, tokens, start, WAKE_UP, expectUser);
  const before = treeCpuMs(server.child.pid);
  await load(server, tokens, start + WAKE_UP, count, expectUser);
  return (treeCpuMs(server.child.pid) - before) / count;
}

buildApp();
const devtools = await startDevtools({ port: 0 });
const servers = [];
try {
  const globalTelemetry = { BENCH_DEVTOOLS_URL: devtools.url, BENCH_TELEMETRY_PROVIDERS: 'global' };
  const variants = [
    ['pass-through proxy', { BENCH_VARIANT: 'pass' }],
    ['jose proxy', { BENCH_VARIANT: 'jose' }],
    ['authlens, telemetry off', { BENCH_VARIANT: 'authlens' }],
    ['authlens, telemetry on', { BENCH_VARIANT: 'authlens', BENCH_DEVTOOLS_URL: devtools.url }],
    ['authlens, global telemetry', { BENCH_VARIANT: 'authlens', ...globalTelemetry }],
    ['pass-through, global telemetry', { BENCH_VARIANT: 'pass', ...globalTelemetry }],
  ];
  for (const [label, extra] of variants) servers.push(await startServer(label, extra));
  const [pass, jose, ...others] = servers;
  // The pass-through servers answer with no user; the others with the token's.
  const passThroughs = new Set(servers.filter((server) => server.label.startsWith('pass-through')));

  const repeated = tokenFile(work, 'repeated', ['user_repeated']);
  const users = Array.from({ length: USERS }, (_, i) => `user_${i}`);
  // Fresh tokens: warm-up plus every round's requests, each used once per server.
  const cell = WAKE_UP + PER_CELL;
  const freshCount = cell * (ROUNDS + 1);
  const fresh = tokenFile(
    work,
    'fresh',
    Array.from({ length: freshCount }, (_, i) => users[i % USERS]),
  );

  // Warm-up: JIT, Next's route caches, the verified-token cache for the repeated token.
  for (const server of servers) {
    await load(server, repeated, 0, PER_CELL, !passThroughs.has(server));
    await load(server, fresh, 0, cell, !passThroughs.has(server));
  }

  const results = new Map(servers.map((s) => [s, { repeated: [], fresh: [] }]));
  for (let round = 1; round <= ROUNDS; round++) {
    // Each round starts one server further on, so no server always follows the same one.
    const order = servers.map((_, i) => servers[(i + round) % servers.length]);
    for (const server of order) {
      const expectUser = !passThroughs.has(server);
      results.get(server).repeated.push(await cpuPerRequest(server, repeated, 0, PER_CELL, expectUser));
      results.get(server).fresh.push(await cpuPerRequest(server, fresh, round * cell, PER_CELL, expectUser));
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
    console.log(`  ${'pass-through proxy'.padEnd(31)} ${ms(base)}/req`);
    overhead[mix] = {};
    for (const server of [jose, ...others]) {
      const cpu = low(results.get(server)[mix]);
      overhead[mix][server.label] = cpu - base;
      console.log(
        `  ${server.label.padEnd(31)} ${ms(cpu)}/req · overhead ${ms(cpu - base)} (${(cpu / base).toFixed(2)}× pass-through)`,
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
  check(onA <= 0.5, `(a) telemetry on (providers kept for authlens): authlens ${ms(onA)} ≤ 0.5 ms`);
  for (const mix of ['repeated', 'fresh']) {
    const all = o[mix]['authlens, global telemetry'];
    const next = o[mix]['pass-through, global telemetry'];
    console.log(
      `       (${mix === 'repeated' ? 'a' : 'b'}) global telemetry ${ms(all)}: ` +
        `Next.js tracing its own request ${ms(next)}, authlens ${ms(all - next)}`,
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
