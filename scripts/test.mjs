// `npm test`: install what is missing, build, lint, type-check, run every test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureNodeModules, ensureRedisServer } from './ensure-install.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.env.NEXT_TELEMETRY_DISABLED = '1';

function step(name, cmd, args) {
  console.error(`\n[authlens] ${name}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

ensureNodeModules();
ensureChromium();
ensureRedisServer();
for (const [name, cmd, args] of [
  ['build', 'node', ['scripts/build.mjs']],
  ['lint', 'npx', ['biome', 'check', '.']],
  ['typecheck', 'node', ['scripts/typecheck.mjs']],
]) {
  const status = step(name, cmd, args);
  if (status !== 0) process.exit(status);
}

mkdirSync(`${root}test-artifacts`, { recursive: true });
const report = `${root}test-artifacts/vitest.json`;
const status = step('test', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
if (existsSync(report)) {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
}
process.exit(status);
