// Auth's server CPU per request under `next start`, side by side in one run: a pass-through `proxy.ts`, a minimal
// proxy that verifies the bearer token with jose and passes the user id in a header, and authlens
// (`clerkMiddleware()` + `auth()` in a route handler) with telemetry off and on (the batch OTLP/protobuf exporter to
// the devtools). Telemetry on is measured twice: with the providers kept for authlens (`providers: 'authlens'`), and
// registered globally (the default), when Next.js traces every request itself (about eight spans), whoever
// registered the provider. The pass-through proxy with global telemetry splits that figure into Next's tracing and
// authlens's share. One build of next-app/ serves all six (BENCH_VARIANT picks the middleware at start). Two token
// mixes: (a) one token on every request (the verified-token cache answers) and (b) 1,000 users, every request a token
// the server has not seen before (as after each user's 60-s refresh: no cache answers, every request verifies).
// Server CPU is user + system of the `next start` process tree, from the scheduler's counters in /proc; the load
// comes from a child process. Two things move a server's CPU per request from one moment to the next: the machine
// (two CPUs of a shared machine can differ in speed by half, and each drifts) and the server's own major garbage
// collections (one every few thousand requests, a few hundred ms of CPU at once). So the servers share one CPU, the
// load generator another, and they take turns in short slices for many rounds; each figure is a server's total CPU
// over its total requests. Every server then sees the same drift, and as many collections as its allocations cause.
// Each variant runs in two server processes (one process can settle into a costlier state for good) and each
// process's own figure is printed too, as a measure of how far to trust a difference. Linux only. ~9 min.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevtools } from '@authlens/devtools';
import { buildApp, load, pinned, startServer, stopLoad, tokenFile, treeCpuMs } from './support/next-bench-app.mjs';

const ROUNDS = Number(process.env.BENCH_NEXT_ROUNDS ?? 24);
// Server processes per variant: a row's figure moved between runs by more than a run's halves did (one process can
// settle into a costlier state for good), so each variant is measured in several and their mean is its figure.
const PROCESSES = Number(process.env.BENCH_NEXT_PROCESSES ?? 2);
const SLICE = Number(process.env.BENCH_NEXT_SLICE ?? 200);
const USERS = 1000;

const work = mkdtempSync(join(tmpdir(), 'authlens-next-bench-'));

// Requests sent just before each slice, not counted: they reopen keep-alive connections the server closed while the
// others took their turns.
const WAKE_UP = 50;

// After a slice: work the requests left behind (GC helper threads, a batch export) lands in the slice's count.
const SETTLE_MS = 25;

/** Server CPU (ms) for `count` requests, after `WAKE_UP` uncounted ones (tokens `start` on). */
async function sliceCpuMs(server, tokens, start, count, expectUser) {
  await load(server, tokens, start, WAKE_UP, expectUser);
  const before = treeCpuMs(server.child.pid);
  await load(server, tokens, start + WAKE_UP, count, expectUser);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return treeCpuMs(server.child.pid) - before;
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
  for (let copy = 1; copy <= PROCESSES; copy++) {
    for (const [variant, extra] of variants) {
      const server = await startServer(`${variant} #${copy}`, extra);
      servers.push(Object.assign(server, { variant }));
    }
  }
  // The pass-through servers answer with no user; the others with the token's.
  const expectsUser = (server) => !server.variant.startsWith('pass-through');

  const repeated = tokenFile(work, 'repeated', ['user_repeated']);
  const users = Array.from({ length: USERS }, (_, i) => `user_${i}`);
  // Fresh tokens: warm-up plus every slice's requests, each used once per server.
  const slice = WAKE_UP + SLICE;
  const WARM_UP = 1000;
  const fresh = tokenFile(
    work,
    'fresh',
    Array.from({ length: WARM_UP + slice * ROUNDS }, (_, i) => users[i % USERS]),
  );

  // Warm-up: JIT, Next's route caches, the verified-token cache for the repeated token.
  for (const server of servers) {
    await load(server, repeated, 0, WARM_UP, expectsUser(server));
    await load(server, fresh, 0, WARM_UP, expectsUser(server));
  }

  // Per mix and server: the CPU (ms) of each round's slice.
  const cpu = { repeated: new Map(), fresh: new Map() };
  for (const mix of Object.values(cpu)) for (const server of servers) mix.set(server, []);
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts one server further on, so no server always follows the same one.
    const order = servers.map((_, i) => servers[(i + round) % servers.length]);
    for (const mix of round % 2 ? ['fresh', 'repeated'] : ['repeated', 'fresh']) {
      for (const server of order) {
        const start = mix === 'repeated' ? 0 : WARM_UP + round * slice;
        cpu[mix]
          .get(server)
          .push(await sliceCpuMs(server, mix === 'repeated' ? repeated : fresh, start, SLICE, expectsUser(server)));
      }
    }
  }

  const ms = (x) => `${x.toFixed(3)} ms`;
  console.log(
    `next start, 16 connections, ${PROCESSES} server processes per variant, ${ROUNDS} rounds of one ${SLICE}-request ` +
      `slice per process and mix, in turns${pinned ? ', the servers on a CPU of their own' : ''}; ` +
      'server CPU = user + system of the next start process tree, summed over the rounds and processes',
  );
  /** CPU per request (ms) of a variant's processes in `mix`: all together, and each process's own. */
  const perRequest = (variant, mix) => {
    const slicesOf = servers.filter((server) => server.variant === variant).map((server) => cpu[mix].get(server));
    const mean = (slices) => slices.reduce((sum, x) => sum + x, 0) / (slices.length * SLICE);
    return [mean(slicesOf.flat()), slicesOf.map(mean)];
  };
  const [[baseline], ...measured] = variants;
  const overhead = {};
  for (const mix of ['repeated', 'fresh']) {
    const [base, baseEach] = perRequest(baseline, mix);
    console.log(
      `\n(${mix === 'repeated' ? 'a) one repeated token' : `b) ${USERS} users, a token never seen before on every request`}`,
    );
    console.log(
      `  ${baseline.padEnd(31)} ${ms(base)}/req (per process ${baseEach.map((x) => x.toFixed(3)).join(', ')})`,
    );
    overhead[mix] = {};
    for (const [variant] of measured) {
      const [all, each] = perRequest(variant, mix);
      overhead[mix][variant] = all - base;
      console.log(
        `  ${variant.padEnd(31)} ${ms(all)}/req · overhead ${ms(all - base)} (${(all / base).toFixed(2)}× ` +
          `pass-through; per process ${each.map((x) => (x - base).toFixed(3)).join(', ')})`,
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
  stopLoad();
  for (const server of servers) server.child.kill('SIGTERM');
  await devtools.close();
  rmSync(work, { recursive: true, force: true });
}
