/**
 * Builds what the e2e tests need and starts it: the packages (otel, backend, sdk), the local backend (in memory,
 * demo seed), and the example app twice — as written (`proxy.ts`) and as a copy with `middleware.ts` — each with
 * `next build` (only when its sources or the built SDK changed since the last build; output under the example's
 * `.next`) and `next start` on a free port. Everything is stopped at the end.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { E2eContext } from './support/context.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const appDir = join(root, 'examples/nextjs-app');
const variantDir = join(appDir, '.next/variant-middleware');
const logDir = join(appDir, '.next/e2e-logs');
const nextBin = join(root, 'node_modules/next/dist/bin/next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(cmd: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): void {
  const result = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

function buildPackages(): void {
  for (const pkg of ['otel', 'backend', 'sdk']) {
    if (existsSync(join(root, pkg, 'package.json'))) run('npm', ['run', 'build', '--if-present', '-w', pkg], root);
  }
}

function hashTree(hash: ReturnType<typeof createHash>, dir: string, skip: Set<string>): void {
  for (const name of readdirSync(dir).sort()) {
    if (skip.has(name) || name.endsWith('.md')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path, skip);
    else hash.update(path.slice(root.length)).update(readFileSync(path));
  }
}

/** The app's sources and the built SDK it imports: a rebuild is needed when this changes. */
function sourceHash(): string {
  const hash = createHash('sha256');
  hashTree(hash, appDir, new Set(['.next', 'node_modules', 'next-env.d.ts', 'test']));
  hashTree(hash, join(root, 'sdk/dist'), new Set());
  if (existsSync(join(root, 'otel/dist'))) hashTree(hash, join(root, 'otel/dist'), new Set());
  return hash.digest('hex');
}

function buildApp(dir: string, hash: string): void {
  const stamp = join(dir, '.next/authlens-e2e-source-hash');
  if (existsSync(join(dir, '.next/BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  run('node', [nextBin, 'build'], dir);
  writeFileSync(stamp, hash);
}

/** A copy of the app whose middleware file is `middleware.ts` (Next's older name) instead of `proxy.ts`. */
function prepareVariant(): void {
  mkdirSync(variantDir, { recursive: true });
  for (const name of readdirSync(variantDir)) if (name !== '.next') rmSync(join(variantDir, name), { recursive: true });
  for (const name of readdirSync(appDir)) {
    if (['.next', 'node_modules', 'next-env.d.ts', 'test', 'proxy.ts'].includes(name)) continue;
    cpSync(join(appDir, name), join(variantDir, name), { recursive: true });
  }
  cpSync(join(appDir, 'proxy.ts'), join(variantDir, 'middleware.ts'));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode} (see ${logDir})`);
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer within 60 s`);
}

function startApp(dir: string, port: number, name: string, appEnv: Record<string, string>): ChildProcess {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn('node', [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: dir,
    env: { ...env, ...appEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildPackages();
  const { startBackend } = await import('@authlens/backend');
  const [appPort, variantPort] = [await freePort(), await freePort()];
  const appUrl = `http://127.0.0.1:${appPort}`;
  const variantUrl = `http://127.0.0.1:${variantPort}`;
  const backend = await startBackend({
    port: 0,
    inMemory: true,
    seed: 'demo',
    allowedOrigins: [appUrl, variantUrl],
    // The suite makes a few hundred Backend API calls; limits have their own tests.
    rateLimit: 'off',
  });
  const children: ChildProcess[] = [];
  const teardown = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await backend.close();
  };
  try {
    const hash = sourceHash();
    buildApp(appDir, hash);
    prepareVariant();
    buildApp(variantDir, hash);

    const common = {
      // instrumentation.ts registers OpenTelemetry; these servers export nothing (telemetry.test.ts starts its own).
      OTEL_SDK_DISABLED: 'true',
      CLERK_SECRET_KEY: backend.secretKey,
      CLERK_PUBLISHABLE_KEY: backend.publishableKey,
      CLERK_API_URL: backend.url,
      NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${backend.url}/sign-in`,
      NEXT_PUBLIC_CLERK_SIGN_UP_URL: `${backend.url}/sign-up`,
    };
    children.push(
      startApp(appDir, appPort, 'proxy', {
        ...common,
        CLERK_JWT_KEY: backend.jwtKey,
        EXAMPLE_API_URL: `${appUrl}/api/external/data`,
        AUTHORIZED_PARTIES: appUrl,
      }),
      // No CLERK_JWT_KEY: this one verifies session tokens with the backend's JWKS.
      startApp(variantDir, variantPort, 'middleware', common),
    );
    await Promise.all([waitForHttp(appUrl, children[0]!), waitForHttp(variantUrl, children[1]!)]);
  } catch (error) {
    await teardown();
    throw error;
  }

  const context: E2eContext = {
    appUrl,
    variantUrl,
    backendUrl: backend.url,
    secretKey: backend.secretKey,
    jwtKey: backend.jwtKey,
    publishableKey: backend.publishableKey,
    actionManifest: join(appDir, '.next/server/server-reference-manifest.json'),
    variantActionManifest: join(variantDir, '.next/server/server-reference-manifest.json'),
  };
  project.provide('e2e', context);
  return teardown;
}
