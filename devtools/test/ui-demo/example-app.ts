import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const appDir = join(root, 'examples/nextjs-app');
const nextBin = join(root, 'node_modules/next/dist/bin/next');
const logDir = join(root, 'test-artifacts/devtools-demo-logs');

/**
 * The example app's production build: the one the SDK's e2e setup made (it runs first in `npm test` and rebuilds
 * when the sources change), or a fresh `next build` when there is none.
 */
export function ensureExampleBuild(): void {
  if (existsSync(join(appDir, '.next/BUILD_ID'))) return;
  const result = spawnSync('node', [nextBin, 'build'], {
    cwd: appDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) throw new Error(`next build failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
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

export interface ExampleApp {
  url: string;
  stop(): Promise<void>;
}

/** `next start` of the example on `port` with `env`; resolves once it answers. Logs go to test-artifacts. */
export async function startExampleApp(port: number, env: Record<string, string>): Promise<ExampleApp> {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, 'example-app.log'));
  const child: ChildProcess = spawn('node', [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: appDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode} (see ${logDir})`);
    try {
      await fetch(url, { redirect: 'manual' });
      return { url, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${url} did not answer within 60 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
