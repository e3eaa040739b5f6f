// The soak's real processes: the local backend and the devtools through their CLIs, the example app through
// `next start`; each leads its own process group so stopping it stops what it started.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test-support/free-port.mjs';

export { freePort };

export const root = fileURLToPath(new URL('..', import.meta.url));
const nextBin = join(root, 'node_modules/next/dist/bin/next');

/** Spawns `node args…`, its output to `logFile`; resolves with the child and its first stdout JSON line when `readyLine`. */
function startNode(args, { cwd = root, env = {}, logFile, readyLine }) {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stderr.pipe(log);
  const stop = (signal = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
    return exited;
  };
  if (!readyLine) {
    child.stdout.pipe(log);
    return Promise.resolve({ child, stop, ready: undefined });
  }
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      child.stdout.pipe(log);
      try {
        resolve({ child, stop, ready: JSON.parse(line) });
      } catch (error) {
        reject(error);
      }
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code} before it was ready (${logFile})`)));
  });
}

/**
 * `authlens-backend` on a fixed loopback port with a data directory, so that a restart (after a kill) comes back at
 * the same URL with the same keys, users and machine tokens. Rate limits off: the soak's Backend API calls are many
 * and the budget has tests of its own.
 */
export async function startBackendProcess({ port, dataDir, logFile }) {
  const args = [
    join(root, 'backend/dist/cli.js'),
    '--port',
    String(port),
    '--seed',
    'demo',
    '--data-dir',
    dataDir,
    '--rate-limit',
    'off',
  ];
  const { child, stop, ready } = await startNode(args, { logFile, readyLine: true });
  return { ...ready, pid: child.pid, stop };
}

/** `authlens-devtools` on a free port (`--port 0`), forwarding to `forward` when given. */
export async function startDevtoolsProcess({ logFile, maxRequests, forward, oldSpaceMb }) {
  const args = [join(root, 'devtools/dist/cli.js'), '--port', '0'];
  if (maxRequests !== undefined) args.push('--max-requests', String(maxRequests));
  if (forward) args.push('--forward', forward);
  const env = oldSpaceMb ? { NODE_OPTIONS: `--max-old-space-size=${oldSpaceMb}` } : {};
  const { child, stop, ready } = await startNode(args, { logFile, readyLine: true, env });
  return { url: ready.url, pid: child.pid, stop, alive: () => child.exitCode === null && child.signalCode === null };
}

/**
 * `next start` of the example's build on a free loopback port; resolves once it answers HTTP. The host defaults to
 * `localhost`: Next builds the middleware's `request.url` on `localhost`, and relativises a middleware rewrite only
 * when its origin equals the server's own (`-H`) — under `-H 127.0.0.1` every 404 the middleware decides (a rewrite
 * to a path no route serves) is proxied over HTTP to `localhost`, runs the middleware a second time, and now and then
 * fails with ECONNRESET (a 500). `npm run soak -- --host 127.0.0.1` shows it.
 */
export async function startAppProcess({ dir, env, logFile, host = 'localhost' }) {
  const port = await freePort();
  const url = `http://${host}:${port}`;
  const { child, stop } = await startNode([nextBin, 'start', '-H', host, '-p', String(port)], {
    cwd: dir,
    env: { NODE_ENV: 'production', ...env(url) },
    logFile,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode} (see ${logFile})`);
    try {
      await fetch(url, { redirect: 'manual' });
      return { url, pid: child.pid, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${url} did not answer within 60 s (see ${logFile})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** `pid` and every process below it (`next start` may run its server in a child). */
export function processTree(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, 'utf8').trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // Exited meanwhile.
    }
  }
  return pids;
}

/** Resident memory of a process tree in bytes (VmRSS of each, summed). */
export function residentBytes(pid) {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // Exited meanwhile.
    }
  }
  return total;
}

/** Open file descriptors of a process tree (entries of /proc/<pid>/fd, summed). */
export function openFds(pid) {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      total += readdirSync(`/proc/${p}/fd`).length;
    } catch {
      // Exited meanwhile.
    }
  }
  return total;
}
