/**
 * The example app as the test suites run it: one production build shared by every suite (rebuilt only when the
 * app's sources or the built packages it imports change) and `next start` servers on free loopback ports.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const exampleAppDir = join(root, 'examples/nextjs-app');
const nextBin = join(root, 'node_modules/next/dist/bin/next');
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function hashTree(hash: ReturnType<typeof createHash>, dir: string, skip: Set<string>): void {
  for (const name of readdirSync(dir).sort()) {
    if (skip.has(name) || name.endsWith('.md')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path, skip);
    else hash.update(path.slice(root.length)).update(readFileSync(path));
  }
}

/** The app's sources and the built packages it imports: a rebuild is needed when this changes. */
export function exampleSourceHash(): string {
  const hash = createHash('sha256');
  hashTree(hash, exampleAppDir, new Set(['.next', 'node_modules', 'next-env.d.ts', 'test-support']));
  for (const pkg of ['sdk', 'otel', 'devtools']) {
    const dist = join(root, pkg, 'dist');
    if (existsSync(dist)) hashTree(hash, dist, new Set());
  }
  return hash.digest('hex');
}

/** `next build` in `dir` unless its build was made from sources with this `hash`. */
export function ensureExampleBuilt(dir: string = exampleAppDir, hash: string = exampleSourceHash()): void {
  const stamp = join(dir, '.next/authlens-source-hash');
  if (existsSync(join(dir, '.next/BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  const result = spawnSync('node', [nextBin, 'build'], { cwd: dir, env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`next build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  writeFileSync(stamp, hash);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface NextServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `next start` of the build in `dir` on 127.0.0.1:`port`; resolves once it answers HTTP, else stops it and throws. */
export async function startNextServer(options: {
  dir?: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
}): Promise<NextServer> {
  const { dir = exampleAppDir, port, env, logFile } = options;
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn('node', [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: dir,
    env: { ...baseEnv, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode} (see ${logFile})`);
    try {
      await fetch(url, { redirect: 'manual' });
      return { url, child, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${url} did not answer within 60 s (see ${logFile})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
