/**
 * Installs the example app with Next 15 (test-support/next15-app.ts), starts the local backend (in memory, demo
 * seed), builds the app with that install's `next build` and serves it with its `next start` on a free port.
 * Everything is stopped and the temp install removed at the end; the server's log stays in test-artifacts/.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { ensureExampleBuilt, freePort, type NextServer, startNextServer } from '../../test-support/next-app.js';
import { installNext15App } from '../../test-support/next15-app.js';
import type { Next15Context } from './context.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const serverLog = join(root, 'test-artifacts/next15-compat/next-start.log');

function timed<T>(step: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  console.error(`[next15-compat] ${step}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const app = timed('npm pack + npm install', installNext15App);
  const { startBackend } = await import('@authlens/backend');
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const backend = await startBackend({ port: 0, inMemory: true, seed: 'demo', allowedOrigins: [appUrl] });
  let server: NextServer | undefined;
  const teardown = async () => {
    await server?.stop();
    await backend.close();
    rmSync(app.tempDir, { recursive: true, force: true });
  };
  try {
    // Set for the build too: a value Next inlines at build time must be the one the server runs with.
    const urls = {
      NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${backend.url}/sign-in`,
      NEXT_PUBLIC_CLERK_SIGN_UP_URL: `${backend.url}/sign-up`,
    };
    // A fresh directory each run, so the hash only names the build; it is always made.
    timed('next build', () => ensureExampleBuilt(app.dir, 'next15', { nextBin: app.nextBin, env: urls }));
    server = await startNextServer({
      dir: app.dir,
      port,
      nextBin: app.nextBin,
      logFile: serverLog,
      env: {
        ...urls,
        // instrumentation.ts registers OpenTelemetry; nothing collects it here.
        OTEL_SDK_DISABLED: 'true',
        CLERK_SECRET_KEY: backend.secretKey,
        CLERK_PUBLISHABLE_KEY: backend.publishableKey,
        CLERK_API_URL: backend.url,
      },
    });
  } catch (error) {
    await teardown();
    throw error;
  }

  const context: Next15Context = {
    nextVersion: app.nextVersion,
    distDir: join(app.dir, '.next'),
    serverLog,
    appUrl,
    backendUrl: backend.url,
    secretKey: backend.secretKey,
  };
  project.provide('next15', context);
  return teardown;
}
