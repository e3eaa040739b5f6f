// `npm run demo`: install what is missing, build, start the local backend (demo seed), the devtools and the example
// app with its telemetry sent to the devtools, print the URLs and the demo users, and stop everything on Ctrl-C.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  exampleAppDir,
  exampleSourceHash,
  isBuiltFrom,
  stampBuild,
} from '../examples/nextjs-app/test-support/build-stamp.mjs';
import { busyPorts } from './demo/busy-ports.mjs';
import { withProgress } from './demo/with-progress.mjs';
import { ensureNodeModules } from './ensure-install.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const backendPort = Number(process.env.AUTHLENS_BACKEND_PORT ?? 4000);
const appPort = Number(process.env.AUTHLENS_APP_PORT ?? 3000);
const devtoolsPort = Number(process.env.AUTHLENS_DEVTOOLS_PORT ?? 4318);
// The backend listens on 127.0.0.1 and its sign-in page sets cookies for that host: the app must be visited on it too.
const appUrl = `http://127.0.0.1:${appPort}`;
const children = [];

// Each child leads its own process group, so stopping it stops what it started too (next start's workers).
function stopAll(code = 0) {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
process.on('SIGHUP', () => stopAll(0));
// `npm run demo` stopped with SIGTERM exits without passing it on: notice that our parent is gone and stop too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stopAll(0);
}, 500).unref();

/** Any failure of the demo itself also stops every child it started. */
function fail(error) {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}; stopping the demo`);
  stopAll(1);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

/** A server the demo keeps running: its exit, for any reason, ends the demo. */
function start(name, cmd, args, env, cwd = root) {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.on('exit', (code, signal) => {
    console.error(`[demo] ${name} exited (${code ?? signal}); stopping the demo`);
    stopAll(code || 1);
  });
  return child;
}

/** A step that runs to completion (a build): its output shows as it comes; a failure ends the demo. */
function runStep(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit', detached: true });
    children.push(child);
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${code ?? signal})`)),
    );
  });
}

const ports = [
  { name: 'local backend', port: backendPort, variable: 'AUTHLENS_BACKEND_PORT' },
  { name: 'example app', port: appPort, variable: 'AUTHLENS_APP_PORT' },
  { name: 'devtools', port: devtoolsPort, variable: 'AUTHLENS_DEVTOOLS_PORT' },
];
const busy = await busyPorts(ports);
if (busy.length > 0) {
  for (const message of busy) console.error(`[demo] ${message}`);
  process.exit(1);
}

ensureNodeModules();
await withProgress('the packages to build (npm run build)', () => runStep('node', ['scripts/build.mjs']));
process.env.NEXT_TELEMETRY_DISABLED = '1';

const backend = start('backend', 'node', [
  'backend/dist/cli.js',
  '--port',
  String(backendPort),
  '--seed',
  'demo',
  '--data-dir',
  '.authlens/demo-backend',
  '--allowed-origin',
  appUrl,
]);
const ready = await withProgress(`the local backend on port ${backendPort}`, () => firstJsonLine(backend));

// The devtools: OTLP receiver and dashboard. The app exports its spans and metrics to them.
const devtools = start('devtools', 'node', ['devtools/dist/cli.js', '--port', String(devtoolsPort)]);
const devtoolsReady = await withProgress(`the devtools on port ${devtoolsPort}`, () => firstJsonLine(devtools));

const appEnv = {
  CLERK_SECRET_KEY: ready.secretKey,
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: ready.publishableKey,
  CLERK_JWT_KEY: ready.jwtKey,
  CLERK_API_URL: ready.url,
  NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${ready.url}/sign-in`,
  NEXT_PUBLIC_CLERK_SIGN_UP_URL: `${ready.url}/sign-up`,
  // `next start` is a production server, so the telemetry goes to the standard OTLP endpoint: the devtools.
  OTEL_EXPORTER_OTLP_ENDPOINT: devtoolsReady.url,
  OTEL_SERVICE_NAME: 'authlens-example',
  // Short export delays so requests show up in the dashboard within a second.
  OTEL_BSP_SCHEDULE_DELAY: '300',
  OTEL_METRIC_EXPORT_INTERVAL: '5000',
  // The in-app badge (the root layout shows it when this is set) reads decisions from here.
  AUTHLENS_DEVTOOLS_URL: devtoolsReady.url,
};
// Pages prerendered at build time read these settings then: the build is current only for the same ones (the
// secret key is left out of the hash; the backend keeps it across restarts anyway).
const buildHash = exampleSourceHash(
  Object.fromEntries(Object.entries(appEnv).filter(([name]) => !name.includes('SECRET'))),
);
const distDir = join(exampleAppDir, '.next');
if (isBuiltFrom(distDir, buildHash)) {
  console.error('[demo] the example app is built from these sources and settings already (next build skipped)');
} else {
  await withProgress('the example app to build (next build)', () =>
    runStep('npm', ['run', 'build', '-w', 'examples/nextjs-app'], appEnv),
  );
  stampBuild(distDir, buildHash);
}
const app = start(
  'app',
  'node',
  [join(root, 'node_modules/next/dist/bin/next'), 'start', '-p', String(appPort)],
  appEnv,
  exampleAppDir,
);
app.stdout.on('data', (chunk) => process.stderr.write(`[app] ${chunk}`));

await withProgress(`the example app to answer at ${appUrl}`, () => waitForHttp(appUrl));
console.log(`
authlens demo is running — Ctrl-C stops it.

  example app     ${appUrl}
  devtools        ${devtoolsReady.url}   (every request's auth decision, live)
  local backend   ${ready.url}   (sign in: ${ready.url}/sign-in?redirect_url=${encodeURIComponent(`${appUrl}/dashboard`)})

Demo users (choose one on the sign-in page):
  alice   org:admin of Acme Inc          bob     org:member of Acme Inc
  carol   no organization                paula   pending session
  bruno   banned (cannot sign in)
`);

/** The ready line a CLI prints on stdout (`{"url": …}`). */
function firstJsonLine(child) {
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  });
}

async function waitForHttp(url) {
  // next start answers within seconds; two and a half minutes means something is wrong.
  for (let i = 0; i < 600; i++) {
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${url} did not answer within 150 s`);
}
