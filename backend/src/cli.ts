#!/usr/bin/env node
/**
 * authlens-backend: runs the local Clerk-compatible Backend API.
 * Prints exactly one JSON line on stdout when ready — {"url","secretKey","publishableKey","jwtKey"} — and logs to
 * stderr (never secrets). `--repair` instead repairs the data directory's journal, prints one JSON line with what
 * it did, and exits.
 */
import { readFileSync } from 'node:fs';
import { describeRepair } from './cli/describe-repair.js';
import { type CliOptions, parseCli, USAGE } from './cli/parse-cli.js';
import { startBackend } from './start-backend.js';
import { StoreCorruptError } from './store/journal-store.js';
import { repairJournal } from './store/repair-journal.js';

/** The version of the installed package (dist/cli.js and src/cli.ts both sit one level below package.json). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // Asked-for help is output, not a diagnostic: stdout, so it can be piped.
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.includes('--version')) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  let options: CliOptions;
  try {
    options = parseCli(args, process.env);
  } catch (error) {
    process.stderr.write(`authlens-backend: ${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const log = (line: string) => process.stderr.write(`[authlens-backend] ${line}\n`);
  const { repair, ...backendOptions } = options;
  const dataDir = backendOptions.dataDir!;
  if (repair) {
    const result = await repairJournal(dataDir);
    log(`--repair of ${dataDir}: ${describeRepair(result)}`);
    process.stdout.write(`${JSON.stringify({ repaired: dataDir, ...result })}\n`);
    return;
  }
  let backend: Awaited<ReturnType<typeof startBackend>>;
  try {
    backend = await startBackend({ ...backendOptions, log });
  } catch (error) {
    if (error instanceof StoreCorruptError && error.line !== undefined) {
      log(
        `failed to start: ${error.message}. Run \`authlens-backend --repair --data-dir ${dataDir}\` to keep the ` +
          `${error.validRecords} intact record(s) and move the damaged rest of the journal aside.`,
      );
      process.exit(1);
    }
    throw error;
  }
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
