/**
 * The example app's existing build, served once more by `next start` with OpenTelemetry exporting over real OTLP/HTTP
 * to the devtools receiver (`startDevtools`), which forwards every body unchanged to a recorder here — so a test can
 * read the assembled decisions (`GET /api/requests`) and scan the raw bytes the app exported.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DecisionListItem, RunningDevtools } from '@authlens/devtools';
import { startDevtools } from '@authlens/devtools';
import {
  exampleAppDir,
  exampleVariantDir,
  freePort,
  type NextServer,
  startNextServer,
} from '../../../../examples/nextjs-app/test-support/next-app.js';
import { e2e } from './context.js';

const logDir = join(exampleAppDir, '.next/e2e-logs');

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

export interface TelemetryApp {
  appUrl: string;
  devtools: RunningDevtools;
  exported: ExportedBody[];
  /** The app's log (its stdout and stderr). */
  logFile: string;
  /** Every decision the devtools assembled so far (newest first). */
  decisions(): Promise<DecisionListItem[]>;
  stop(): Promise<void>;
}

export interface TelemetryAppOptions {
  /**
   * The built app to serve; default the example as written (`proxy.ts`). The `middleware.ts` variant global-setup
   * builds is `variantAppDir`.
   */
  dir?: string;
  /** More environment for the app (e.g. `AUTHLENS_REDIS_URL`), over the defaults. */
  env?: Record<string, string>;
  /** Names the app's log file (`.next/e2e-logs/telemetry-<name>.log`) when several suites start one. */
  name?: string;
}

/** The example's copy with `middleware.ts` (edge runtime), built by global-setup. */
export const variantAppDir = exampleVariantDir;

export async function startTelemetryApp(
  protocol: OtlpProtocol,
  options: TelemetryAppOptions = {},
): Promise<TelemetryApp> {
  const ctx = e2e();
  const dir = options.dir ?? exampleAppDir;
  const recorder = await startRecorder();
  const devtools = await startDevtools({ port: 0, forward: recorder.url });
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const variant = dir === exampleAppDir ? '' : '-variant';
  const name = `telemetry${variant}-${options.name ? `${options.name}-` : ''}${protocol.replace('/', '-')}`;
  const logFile = join(logDir, `${name}.log`);
  const closeReceivers = async () => {
    await devtools.close();
    await new Promise<void>((resolve) => {
      recorder.server.closeAllConnections();
      recorder.server.close(() => resolve());
    });
  };
  let app: NextServer;
  try {
    app = await startNextServer({
      dir,
      port,
      logFile,
      env: {
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
        ...options.env,
      },
    });
  } catch (error) {
    await closeReceivers();
    throw error;
  }
  const stop = async () => {
    await app.stop();
    await closeReceivers();
  };
  return {
    appUrl,
    devtools,
    exported: recorder.bodies,
    logFile,
    async decisions() {
      const res = await fetch(`${devtools.url}/api/requests?limit=1000`);
      if (!res.ok) throw new Error(`GET /api/requests → ${res.status}`);
      return ((await res.json()) as { items: DecisionListItem[] }).items;
    },
    stop,
  };
}
