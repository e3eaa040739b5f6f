// Auth's cost per request under `next start` in executed instructions rather than CPU time: the servers of
// next-start-overhead.bench.mjs (pass-through proxy, a minimal jose-verifying proxy, authlens with telemetry off and
// on), each `next start` under valgrind's callgrind, which counts every instruction the server's threads execute and
// gives the same count whatever else the machine is doing. On a shared machine a server's CPU per request moves from
// one process to the next by about as much as auth's whole overhead; a count does not, so this bench is the one that
// tells small differences apart. It does not weigh what an instruction costs in time (cache misses, allocation
// pressure): read it beside the CPU-time bench, not instead of it.
// Counting is off while a server starts and warms up (JIT, Next's route caches, the verified-token cache). Then, per
// window, `callgrind_control` zeroes the counters, the server answers one mix's requests, and the counters are dumped:
// (a) one repeated token, (b) 1,000 users, a token never seen before on every request; two windows per mix, in
// turns. Each dump is split (support/callgrind-split.mjs) into the program's own work, garbage collection and V8's
// compilers. The program's own work agrees from window to window; collections and compilations fall into whichever
// window they happen to, several hundred thousand instructions per request either way, so they are printed apart
// and the comparisons use the program's own work. A variant's overhead is its figure minus the pass-through's.
// Windows of one process agree closely; two processes of one variant can differ by far more (V8 settles each into its
// own compiled code), so each variant runs in two, and each process's overhead is printed beside their mean.
// Skipped when valgrind is not installed. Linux only. ~20 min on two cores.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevtools } from '@authlens/devtools';
import { splitDump } from './support/callgrind-split.mjs';
import { closeConnections } from './support/http-load.mjs';
import { buildApp, loadFromHere, startServer, tokenFile } from './support/next-bench-app.mjs';

const WARM_UP = Number(process.env.BENCH_IR_WARM_UP ?? 2000);
const WINDOWS = Number(process.env.BENCH_IR_WINDOWS ?? 2);
const PROCESSES = Number(process.env.BENCH_IR_PROCESSES ?? 2);
const COUNTED = Number(process.env.BENCH_IR_COUNTED ?? 1000);
const USERS = 1000;
const CONNECTIONS = 4;

const valgrind = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
if (valgrind.status !== 0 || spawnSync('callgrind_control', ['-h']).error) {
  console.log('next start instruction counts — skipped: valgrind is not installed (apt-get install valgrind)');
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'authlens-next-ir-'));
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
  const repeated = tokenFile(work, 'repeated', ['user_repeated']);
  const fresh = tokenFile(
    work,
    'fresh',
    Array.from({ length: WARM_UP + WINDOWS * COUNTED }, (_, i) => `user_${i % USERS}`),
  );

  /** Per mix, one `{ program, gc, compile }` (instructions per request) per window of one variant's server. */
  const measure = async ([label, extraEnv]) => {
    const server = await startServer(label, extraEnv, {
      wrapper: ['valgrind', '-q', '--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${work}/cg.%p`],
    });
    servers.push(server);
    const pid = String(server.child.pid);
    const expectUser = !label.startsWith('pass-through');
    const send = (tokens, start, count) => loadFromHere(server, tokens, start, count, expectUser, CONNECTIONS);
    await send(repeated, 0, WARM_UP);
    await send(fresh, 0, WARM_UP);
    const windows = { repeated: [], fresh: [] };
    for (let round = 0; round < WINDOWS; round++) {
      for (const mix of round % 2 ? ['fresh', 'repeated'] : ['repeated', 'fresh']) {
        callgrind('-z', pid);
        callgrind('-i', 'on', pid);
        if (mix === 'repeated') await send(repeated, 0, COUNTED);
        else await send(fresh, WARM_UP + round * COUNTED, COUNTED);
        callgrind('-i', 'off', pid);
        callgrind('-d', pid);
        const split = splitDump(latestDump(pid));
        windows[mix].push(Object.fromEntries(Object.entries(split).map(([part, n]) => [part, n / COUNTED])));
      }
    }
    server.child.kill('SIGKILL');
    return windows;
  };

  // Two servers at a time (one per core): a count does not depend on what else runs.
  const results = new Map(variants.map(([variant]) => [variant, []]));
  const queue = Array.from({ length: PROCESSES }, () => variants).flat();
  const next = async () => {
    for (let variant = queue.shift(); variant; variant = queue.shift()) {
      results.get(variant[0]).push(await measure(variant));
    }
  };
  await Promise.all([next(), next()]);

  console.log(
    `next start instruction counts — callgrind (${valgrind.stdout.trim()}), node ${process.version}, ` +
      `${CONNECTIONS} connections, ${PROCESSES} server processes per variant, each ${WINDOWS} windows of ${COUNTED} ` +
      `requests per mix after ${WARM_UP} requests of each mix; k instructions per request, mean of the windows ` +
      '(per process in brackets)',
  );
  const mean = (xs) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  /** A variant's `part` per request in `mix`: over all its windows, and per process. */
  const figure = (variant, mix, part) => {
    const perProcess = results.get(variant).map((windows) => mean(windows[mix].map((w) => w[part])));
    return [mean(perProcess), perProcess];
  };
  const k = (x, width = 7) => (x / 1000).toFixed(1).padStart(width);
  const [[baseline], ...measured] = variants;
  const overhead = {};
  for (const mix of ['repeated', 'fresh']) {
    const [base] = figure(baseline, mix, 'program');
    overhead[mix] = {};
    for (const [variant] of measured) overhead[mix][variant] = figure(variant, mix, 'program')[0] - base;
    const jose = overhead[mix]['jose proxy'];
    console.log(
      `\n(${mix === 'repeated' ? 'a) one repeated token' : `b) ${USERS} users, a token never seen before on every request`}`,
    );
    console.log(
      `  ${''.padEnd(26)} ${'program'.padStart(7)} ${'over pass-through'.padStart(30)} ${'÷ jose'.padStart(7)}` +
        `   ${'GC'.padStart(7)} ${'compile'.padStart(7)}`,
    );
    for (const [variant] of variants) {
      const [program, perProcess] = figure(variant, mix, 'program');
      const over =
        variant === baseline
          ? `[${perProcess.map((x) => k(x, 0)).join(', ')}]`
          : `${k(program - base)} [${perProcess.map((x) => k(x - base, 0)).join(', ')}]`;
      const ratio =
        variant === baseline || variant === 'jose proxy' ? '' : `${(overhead[mix][variant] / jose).toFixed(2)}×`;
      console.log(
        `  ${variant.padEnd(26)} ${k(program)} ${over.padStart(30)} ${ratio.padStart(7)}` +
          `   ${k(figure(variant, mix, 'gc')[0])} ${k(figure(variant, mix, 'compile')[0])}`,
      );
    }
  }
  const o = overhead;
  const check = (ok, text) => console.log(`${ok ? 'met   ' : 'MISSED'} ${text}`);
  console.log('');
  check(
    o.repeated['authlens, telemetry off'] <= o.repeated['jose proxy'],
    "(a) telemetry off: authlens's overhead ≤ the jose proxy's (program instructions)",
  );
  check(
    o.fresh['authlens, telemetry off'] <= 1.5 * o.fresh['jose proxy'],
    "(b) fresh tokens, telemetry off: authlens's overhead ≤ 1.5× the jose proxy's (program instructions)",
  );
  console.log('       the 0.2 ms and 0.5 ms bounds are time: next-start-overhead.bench.mjs measures them');
} finally {
  closeConnections();
  for (const server of servers) server.child.kill('SIGKILL');
  await devtools.close();
  rmSync(work, { recursive: true, force: true });
}

function callgrind(...args) {
  const result = spawnSync('callgrind_control', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`callgrind_control ${args.join(' ')}: ${result.stderr || result.stdout}`);
}

/** The newest dump `pid` wrote: `cg.<pid>.<n>`, n counting up. */
function latestDump(pid) {
  const [newest] = readdirSync(work)
    .filter((name) => name.startsWith(`cg.${pid}.`))
    .sort((a, b) => Number(b.split('.')[2]) - Number(a.split('.')[2]));
  return join(work, newest);
}
