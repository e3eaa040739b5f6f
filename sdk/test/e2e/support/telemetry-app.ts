/**
 * The example app's existing build, served once more by `next start` with OpenTelemetry exporting over real OTLP/HTTP
 * to the devtools receiver (`startDevtools`), which forwards every body unchanged to a recorder here — so a test can
 * read the assembled decisions (`GET /api/requests`) and scan the raw bytes the app exported.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { DecisionListItem, RunningDevtools } from '@authlens/devtools';
import { startDevtools } from '@authlens/devtools';
import { e2e } from './context.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const appDir = join(root, 'examples/nextjs-app');
const logDir = join(appDir, '.next/e2e-logs');
const nextBin = join(root, 'node_modules/next/dist/bin/next');

export type OtlpProtocol = 'http/json' | 'http/protobuf';

/** What the app exported, byte for byte (decompressed), by OTLP path. */
export interface ExportedBody {
  path: string;
  contentType: string;
  body: Buffer;
}

async function startRecorder(): Promise<{ url: string; bodies: ExportedBody[]; server: Server }> {
  const bodies: ExportedBody[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      bodies.push({ path: req.url ?? '', contentType: String(req.headers['content-type'] ?? ''), body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, bodies, server };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`next start exited with ${child.exitCode} (see ${logDir}/${name}.log)`);
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer within 60 s`);
}

export interface TelemetryApp {
  appUrl: string;
  devtools: RunningDevtools;
  exported: ExportedBody[];
  /** Every decision the devtools assembled so far (newest first). */
  decisions(): Promise<DecisionListItem[]>;
  stop(): Promise<void>;
}

export async function startTelemetryApp(protocol: OtlpProtocol): Promise<TelemetryApp> {
  const ctx = e2e();
  const recorder = await startRecorder();
  const devtools = await startDevtools({ port: 0, forward: recorder.url });
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const name = `telemetry-${protocol.replace('/', '-')}`;
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${name}.log`));
  const child = spawn('node', [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: appDir,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      CLERK_SECRET_KEY: ctx.secretKey,
      CLERK_PUBLISHABLE_KEY: ctx.publishableKey,
      CLERK_API_URL: ctx.backendUrl,
      CLERK_JWT_KEY: ctx.jwtKey,
      NEXT_PUBLIC_CLERK_SIGN_IN_URL: `${ctx.backendUrl}/sign-in`,
      NEXT_PUBLIC_CLERK_SIGN_UP_URL: `${ctx.backendUrl}/sign-up`,
      EXAMPLE_API_URL: `${appUrl}/api/external/data`,
      // The standard OpenTelemetry settings registerAuthlensTelemetry() honours.
      OTEL_EXPORTER_OTLP_ENDPOINT: devtools.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_SERVICE_NAME: 'authlens-example-e2e',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      AUTHLENS_DEVTOOLS_URL: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await devtools.close();
    await new Promise<void>((resolve) => {
      recorder.server.closeAllConnections();
      recorder.server.close(() => resolve());
    });
  };
  try {
    await waitForHttp(appUrl, child, name);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    appUrl,
    devtools,
    exported: recorder.bodies,
    async decisions() {
      const res = await fetch(`${devtools.url}/api/requests?limit=1000`);
      if (!res.ok) throw new Error(`GET /api/requests → ${res.status}`);
      return ((await res.json()) as { items: DecisionListItem[] }).items;
    },
    stop,
  };
}
