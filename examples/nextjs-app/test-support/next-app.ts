/**
 * The example app as the test suites run it: one production build shared by every suite (rebuilt only when the
 * app's sources or the built packages it imports change) and `next start` servers on free loopback ports.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../test-support/free-port.mjs';
import { exampleAppDir, exampleSourceHash, isBuiltFrom, stampBuild } from './build-stamp.mjs';

export { exampleAppDir, exampleSourceHash, freePort };

/** Where the e2e suite puts its copy of the app with `middleware.ts` (the edge runtime) instead of `proxy.ts`. */
export const exampleVariantDir = join(exampleAppDir, '.next/variant-middleware');

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The repository's Next.js (16); a copy of the app with its own install passes its own `nextBin`. */
const repoNextBin = join(root, 'node_modules/next/dist/bin/next');
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

/** `next build` in `dir` unless its build was made from sources with this `hash`. */
export function ensureExampleBuilt(
  dir: string = exampleAppDir,
  hash: string = exampleSourceHash(),
  options: { nextBin?: string; env?: Record<string, string> } = {},
): void {
  const { nextBin = repoNextBin, env = {} } = options;
  const distDir = join(dir, '.next');
  if (isBuiltFrom(distDir, hash)) return;
  const result = spawnSync('node', [nextBin, 'build'], {
    cwd: dir,
    env: { ...baseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) throw new Error(`next build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  stampBuild(distDir, hash);
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
  /** Defaults to the repository's `next`. */
  nextBin?: string;
}): Promise<NextServer> {
  const { dir = exampleAppDir, port, env, logFile, nextBin = repoNextBin } = options;
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
