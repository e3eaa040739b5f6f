// The bench app (sdk/bench/next-app) under `next start`: its build, Clerk-shaped session tokens for it, a server per
// middleware variant and the load generator. Shared by the next-start benches so they measure the same thing.
import { fork, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../test-support/free-port.mjs';
import { run } from './http-load.mjs';
import { isBuiltFrom, stampBuild, treeHash } from './next-build-stamp.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const appDir = fileURLToPath(new URL('../next-app/', import.meta.url));
const nextBin = join(root, 'node_modules/next/dist/bin/next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

// The servers run on one CPU, the load generator and this process on the others. On a shared machine two CPUs can
// differ in speed by half at the same moment (whatever else runs beside each), and a server the scheduler moved
// between them would pay a different price for the same request from one slice to the next.
const cpus = availableParallelism();
const canPin = cpus >= 2 && spawnSync('taskset', ['-p', String(process.pid)]).status === 0;
const SERVER_CPU = String(cpus - 1);
const LOAD_CPUS = `0-${cpus - 2}`;

/** Whether the servers are pinned to a CPU of their own (Linux with `taskset` and two CPUs or more). */
export const pinned = canPin;

function pinToLoadCpus(pid) {
  if (canPin) spawnSync('taskset', ['-a', '-p', '-c', LOAD_CPUS, String(pid)], { stdio: 'ignore' });
}

/** `next build` of the bench app, unless its build is current with the app and the built SDK. */
export function buildApp() {
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

/** A file of one fresh token per entry of `users` (the load generator reads it). */
export function tokenFile(dir, name, users) {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ users, tokens: users.map(mint) }));
  return file;
}

/**
 * `next start` of the bench app with `extraEnv` (BENCH_VARIANT picks the middleware) and `nodeArgs` for its Node
 * process; resolves once it answers. `wrapper` prefixes the command (a valgrind tool): such a server is not pinned
 * (what it counts does not depend on the CPU) and may take minutes to start.
 */
export async function startServer(label, extraEnv, { nodeArgs = [], wrapper = [] } = {}) {
  const port = await freePort();
  const command = [...wrapper, 'node', ...nodeArgs, nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)];
  // `taskset` execs node in place: the child's pid is the server's.
  const [file, ...args] = canPin && !wrapper.length ? ['taskset', '-c', SERVER_CPU, ...command] : command;
  const child = spawn(file, args, {
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
  for (const deadline = Date.now() + (wrapper.length ? 600_000 : 60_000); ; ) {
    if (child.exitCode !== null) throw new Error(`${label}: next start exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return { label, child, url };
    } catch {
      if (Date.now() > deadline) throw new Error(`${label}: no answer from next start`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Stops a server and waits for its exit (so a `--cpu-prof` profile is written). */
export function stopServer(server) {
  if (server.child.exitCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGINT');
  return exited;
}

let generator = null;

/** The load generator process, forked on first use, one job at a time (callers await each); `stopLoad()` ends it. */
function loadGenerator() {
  if (!generator) {
    const child = fork(fileURLToPath(new URL('./http-load.mjs', import.meta.url)), [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    pinToLoadCpus(child.pid);
    pinToLoadCpus(process.pid);
    let pending = null;
    child.on('message', (tally) => {
      const settle = pending;
      pending = null;
      settle?.(tally);
    });
    child.on('exit', (code) => {
      generator = null;
      pending?.({ error: `load generator exited with ${code}` });
    });
    generator = {
      child,
      run(job) {
        return new Promise((resolve) => {
          pending = resolve;
          child.send(job);
        });
      },
    };
  }
  return generator;
}

/** Ends the load generator (call once the bench's last `load()` settled). */
export function stopLoad() {
  generator?.child.disconnect();
}

/**
 * `count` requests to `server` from the load generator (its own process: its CPU is not the server's), request i
 * carrying token `start + i` of `tokens`; rejects if any answer is not 200 with the token's user (or null).
 */
export async function load(server, tokens, start, count, expectUser, connections = 16) {
  const tally = await loadGenerator().run({
    url: server.url,
    tokensFile: tokens,
    start,
    count,
    connections,
    expectUser,
  });
  checkTally(server, tally, count);
}

/**
 * The same requests as `load()`, sent from this process: for servers whose CPU time is not measured (the instruction
 * bench's, under valgrind), several of which take load at once. `closeConnections()` (http-load.mjs) ends them.
 */
export async function loadFromHere(server, tokens, start, count, expectUser, connections = 16) {
  checkTally(server, await run({ url: server.url, tokensFile: tokens, start, count, connections, expectUser }), count);
}

function checkTally(server, tally, count) {
  if (tally.error) throw new Error(`${server.label}: ${tally.error}`);
  if (tally.wrong > 0) {
    throw new Error(`${server.label}: ${tally.wrong}/${count} wrong answers, e.g. ${tally.firstWrong}`);
  }
}

/**
 * CPU time (ms) `pid`'s live threads have spent, from the scheduler's nanosecond counters (0 once it has gone). A
 * thread that ended between two readings drops out of the second; a server's threads live as long as it does.
 */
function processCpuMs(pid) {
  let ns = 0;
  let tasks;
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  for (const task of tasks) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return ns / 1e6;
}

/**
 * User + system CPU (ms) of `pid` and every process below it. The scheduler's per-thread counters rather than
 * `/proc/<pid>/stat`'s clock ticks: a 200-request slice costs a few hundred ms, where 10-ms ticks would be coarse.
 */
export function treeCpuMs(pid) {
  const parents = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.push({ pid: Number(name), ppid: Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const inTree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of parents) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  let ms = 0;
  for (const member of inTree) ms += processCpuMs(member);
  return ms;
}

/**
 * Runs `work` with the server's V8 sampling profiler on (the bench app's instrumentation starts and stops it on
 * SIGUSR2 when BENCH_PROFILE_DIR is set) and resolves with the `.cpuprofile` it wrote.
 */
export async function profileWhile(server, dir, work) {
  const before = new Set(existsSync(dir) ? readdirSync(dir) : []);
  server.child.kill('SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 200));
  await work();
  server.child.kill('SIGUSR2');
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    const written = (existsSync(dir) ? readdirSync(dir) : []).find(
      (name) => name.endsWith('.cpuprofile') && !before.has(name),
    );
    if (written) return join(dir, written);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${server.label}: no CPU profile written to ${dir}`);
}
