#!/usr/bin/env node
/**
 * authlens-backend: runs the local Clerk-compatible Backend API.
 * Prints exactly one JSON line on stdout when ready — {"url","secretKey","publishableKey","jwtKey"} — and logs to
 * stderr (never secrets).
 */
import { parseCli, USAGE } from './cli/parse-cli.js';
import { type BackendOptions, startBackend } from './start-backend.js';

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  let options: BackendOptions;
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`authlens-backend: ${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const log = (line: string) => process.stderr.write(`[authlens-backend] ${line}\n`);
  const backend = await startBackend({ ...options, log });
  // Handlers first: whoever reads the ready line may signal at once.
  const stop = () => {
    log('shutting down');
    backend.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(
    `${JSON.stringify({
      url: backend.url,
      secretKey: backend.secretKey,
      publishableKey: backend.publishableKey,
      jwtKey: backend.jwtKey,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[authlens-backend] failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
