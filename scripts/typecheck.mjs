// Type-checks every workspace (sources and tests) with its own tsconfig.json.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync('npm', ['run', 'typecheck', '--workspaces', '--if-present'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
