// `npm run bench`: build, then run every benchmark script; each prints ratios against a baseline it measures in
// the same run (these machines are shared and noisy, so absolute numbers are not compared across runs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { ensureNodeModules } from './ensure-install.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
export const benches = [
  'sdk/bench/verify-token.bench.mjs',
  'sdk/bench/verify-token-instructions.bench.mjs',
  'sdk/bench/auth-overhead.bench.mjs',
  'sdk/bench/next-start-overhead.bench.mjs',
  'sdk/bench/next-start-profile.bench.mjs',
  // The same servers under valgrind's callgrind; skipped without valgrind. ~20 min.
  'sdk/bench/next-start-instructions.bench.mjs',
  'devtools/bench/ingest.bench.mjs',
  'devtools/bench/first-render.bench.mjs',
  // Three `next start` + redis-server for 2 × 30 s; says why when it is skipped (no redis-server, not root).
  'sdk/bench/fleet.bench.mjs',
  'devtools/bench/chain-pass.bench.mjs',
];

ensureNodeModules();
buildAll();
let failed = 0;
for (const bench of benches) {
  if (!existsSync(`${root}${bench}`)) continue;
  console.log(`\n## ${bench}`);
  const result = spawnSync('node', [bench], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
