#!/usr/bin/env node
// The `authlens-devtools` command. It is committed (dist/ is not), so npm links it even when it installs before the first
// build, as on a fresh clone; it then loads the built CLI, or says how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write(
    'authlens-devtools: the package is not built yet (dist/cli.js is missing). ' +
      'Run `npm run build` at the repository root, then try again.\n',
  );
  process.exit(1);
}
await import(cli.href);
