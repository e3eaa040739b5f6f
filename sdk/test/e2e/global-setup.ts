/**
 * Builds what the e2e tests need and starts it: the packages (otel, backend, sdk), the local backend (in memory,
 * demo seed), and the example app twice — as written (`proxy.ts`) and as a copy with `middleware.ts` — each with
 * `next build` (only when its sources or the built SDK changed since the last build; output under the example's
 * `.next`) and `next start` on a free port. Everything is stopped at the end.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import {
  exampleAppDir as appDir,
  ensureExampleBuilt,
  exampleSourceHash,
  freePort,
  type NextServer,
  startNextServer,
  exampleVariantDir as variantDir,
} from '../../../examples/nextjs-app/test-support/next-app.js';
import type { E2eContext } from './support/context.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const logDir = join(appDir, '.next/e2e-logs');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(cmd: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): void {
  const result = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

function buildPackages(): void {
  for (const pkg of ['otel', 'backend', 'sdk', 'devtools']) {
    if (existsSync(join(root, pkg, 'package.json'))) run('npm', ['run', 'build', '--if-present', '-w', pkg], root);
  }
}

/** A copy of the app whose middleware file is `middleware.ts` (Next's older name) instead of `proxy.ts`. */
function prepareVariant(): void {
  mkdirSync(variantDir, { recursive: true });
  for (const name of readdirSync(variantDir)) if (name !== '.next') rmSync(join(variantDir, name), { recursive: true });
  for (const name of readdirSync(appDir)) {
    if (['.next', 'node_modules', 'next-env.d.ts', 'test-support', 'proxy.ts'].includes(name)) continue;
    cpSync(join(appDir, name), join(variantDir, name), { recursive: true });
  }
  cpSync(join(appDir, 'proxy.ts'), join(variantDir, 'middleware.ts'));
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
  const servers: NextServer[] = [];
  const teardown = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await backend.close();
  };
  try {
    const hash = exampleSourceHash();
    ensureExampleBuilt(appDir, hash);
    prepareVariant();
    ensureExampleBuilt(variantDir, hash);

    const common = {
      // instrumentation.ts registers OpenTelemetry; these servers export nothing (telemetry.test.ts starts its own).
      OTEL_SDK_DISABLED: 'true',
      CLERK_SECRET_KEY: backend.secretKey,
      CLERK_PUBLISHABLE_KEY: backend.publishableKey,
      CLERK_API_URL: backend.url,
      NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${backend.url}/sign-in`,
      NEXT_PUBLIC_CLERK_SIGN_UP_URL: `${backend.url}/sign-up`,
    };
    const [app, variant] = await Promise.all([
      startNextServer({
        port: appPort,
        logFile: join(logDir, 'proxy.log'),
        env: {
          ...common,
          CLERK_JWT_KEY: backend.jwtKey,
          EXAMPLE_API_URL: `${appUrl}/api/external/data`,
          AUTHORIZED_PARTIES: appUrl,
        },
      }),
      // No CLERK_JWT_KEY: this one verifies session tokens with the backend's JWKS.
      startNextServer({ dir: variantDir, port: variantPort, logFile: join(logDir, 'middleware.log'), env: common }),
    ]);
    servers.push(app, variant);
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
