/**
 * More `next start` servers of the example's existing build, each with its own environment, for the suites that
 * test configuration (which variables are set changes what the app does). Each test file stops its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  exampleAppDir,
  freePort,
  type NextServer,
  startNextServer,
} from '../../../../examples/nextjs-app/test-support/next-app.js';
import { e2e } from './context.js';

export interface ExampleServer {
  url: string;
  /** The server's output so far. */
  log: () => string;
}

const logDir = join(exampleAppDir, '.next/e2e-logs');
const started: NextServer[] = [];

/** The example (or the build in `dir`) against the e2e backend, with `env` on top; telemetry off. */
export async function serveExample(
  name: string,
  env: Record<string, string>,
  dir: string = exampleAppDir,
): Promise<ExampleServer> {
  const logFile = join(logDir, `${name}.log`);
  const server = await startNextServer({
    dir,
    port: await freePort(),
    logFile,
    env: { OTEL_SDK_DISABLED: 'true', CLERK_API_URL: e2e().backendUrl, ...env },
  });
  started.push(server);
  return { url: server.url, log: () => readFileSync(logFile, 'utf8') };
}

export async function stopExampleServers(): Promise<void> {
  await Promise.all(started.splice(0).map((server) => server.stop()));
}

/** The server's log once it mentions `text` (Next writes a request's error to stderr after the response), or as it is after 10 s. */
export async function logMentioning(server: ExampleServer, text: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  let log = server.log();
  while (!log.includes(text) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    log = server.log();
  }
  return log;
}
