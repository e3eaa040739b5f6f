// Builds every package in dependency order, so that each package's `exports`
// (built JavaScript + declarations) are what the tests and the example import.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isRunAsScript } from './run-as-script.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const packagesInBuildOrder = ['otel', 'backend', 'sdk', 'devtools'];

export function buildAll() {
  for (const pkg of packagesInBuildOrder) {
    if (!existsSync(`${root}${pkg}/package.json`)) continue;
    const result = spawnSync('npm', ['run', 'build', '--if-present', '-w', pkg], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

if (isRunAsScript(import.meta.url)) buildAll();
