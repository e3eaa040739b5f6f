#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DevtoolsError, InvalidOptionError } from './server/errors.js';
import { startDevtools } from './server/start-devtools.js';

const USAGE = `Usage: authlens-devtools [--port 4318] [--host 127.0.0.1] [--forward <collector base URL>]
                         [--max-requests 10000] [--data-dir <dir>] [--max-body-bytes 16777216]
                         [--ingest-token <token>]
       authlens-devtools --version | -h | --help

Receives OTLP/HTTP traces and metrics (JSON or protobuf) at /v1/traces and /v1/metrics, assembles each
request's auth decision, and serves them at /api/requests, /api/stream and the dashboard at /.
--ingest-token (or AUTHLENS_DEVTOOLS_INGEST_TOKEN) makes /v1/* require "Authorization: Bearer <token>";
it is required with a --host beyond loopback. Browser pages may send telemetry only from loopback origins.
Prints one JSON line {"url": ...} on stdout when ready; logs go to stderr.`;

/** The version of the installed package (dist/cli.js and src/cli.ts both sit one level below package.json). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function log(line: string): void {
  process.stderr.write(`[authlens-devtools] ${line}\n`);
}

function integer(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new InvalidOptionError(`${flag} must be a non-negative integer`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      forward: { type: 'string' },
      'max-requests': { type: 'string' },
      'data-dir': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'ingest-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  const devtools = await startDevtools({
    port: integer(values.port, '--port') ?? 4318,
    host: values.host ?? '127.0.0.1',
    forward: values.forward,
    maxRequests: integer(values['max-requests'], '--max-requests'),
    dataDir: values['data-dir'],
    maxBodyBytes: integer(values['max-body-bytes'], '--max-body-bytes'),
    ingestToken: values['ingest-token'] ?? (process.env.AUTHLENS_DEVTOOLS_INGEST_TOKEN || undefined),
    log,
  });
  process.stdout.write(`${JSON.stringify({ url: devtools.url })}\n`);
  log(`listening on ${devtools.url} (OTLP at ${devtools.url}/v1/traces)`);
  if (values['ingest-token'] ?? process.env.AUTHLENS_DEVTOOLS_INGEST_TOKEN) {
    log('OTLP ingest requires the bearer token given at start');
  }
  if (values.forward) log(`forwarding everything received to ${new URL(values.forward).origin}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait
    stopping = true;
    log(`${signal}: shutting down`);
    devtools.close().then(
      () => process.exit(0),
      (error) => {
        log(`shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof DevtoolsError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    log((error as Error).message);
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  log(`failed to start: ${(error as Error).message}`);
  process.exit(1);
});
