/** Reads the authlens-backend command line into `startBackend` options. */
import { parseArgs } from 'node:util';
import { parseRateLimit } from '../rate-limit/rate-limiter.js';
import type { BackendOptions } from '../start-backend.js';

export const USAGE = `Usage: authlens-backend [--port <p>] [--host <h>] [--in-memory] [--data-dir <dir>]
                        [--seed demo|<file>] [--rate-limit N/Ws|off] [--allowed-origin <url>]...
       authlens-backend --repair [--data-dir <dir>]
       authlens-backend --version | -h | --help
--repair keeps every readable record of a damaged journal, moves the damaged rest aside
(journal.jsonl.damaged-<time>), reports what it did and exits.
Environment: CLERK_SECRET_KEY (else a key is generated and kept in the data dir).`;

/** The command line could not be understood. */
export class CliUsageError extends Error {
  readonly code = 'ERR_CLI_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

/** The options of `startBackend`, and whether to repair the data directory's journal instead of serving. */
export type CliOptions = BackendOptions & { repair?: true };

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const options: CliOptions = {};
  if (values.repair) {
    if (values['in-memory']) throw new CliUsageError('--repair works on a data directory; drop --in-memory');
    options.repair = true;
  }
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
      throw new CliUsageError(`--port must be 0..65535, got "${values.port}"`);
    options.port = port;
  }
  if (values.host) options.host = values.host;
  if (values['in-memory']) options.inMemory = true;
  options.dataDir = values['data-dir'] ?? '.authlens/backend';
  if (values.seed) options.seed = values.seed;
  if (values['rate-limit']) {
    try {
      options.rateLimit = parseRateLimit(values['rate-limit']);
    } catch (error) {
      throw new CliUsageError((error as Error).message);
    }
  }
  const origins = values['allowed-origin'] ?? [];
  for (const origin of origins) {
    if (!URL.canParse(origin)) throw new CliUsageError(`--allowed-origin must be a URL, got "${origin}"`);
  }
  if (origins.length) options.allowedOrigins = origins;
  if (env.CLERK_SECRET_KEY) options.secretKey = env.CLERK_SECRET_KEY;
  return options;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'in-memory': { type: 'boolean' },
      'data-dir': { type: 'string' },
      seed: { type: 'string' },
      'rate-limit': { type: 'string' },
      'allowed-origin': { type: 'string', multiple: true },
      repair: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}
