// `npm run soak`: builds what is missing, then runs the soak (soak/run-soak.mjs) — 100,000 mixed requests through
// the example app under `next start` with the Backend API killed, slowed and stalled midway, and 1,000,000 spans
// through the devtools — and prints each figure with its bound; exits 1 when a bound does not hold.
// `npm run soak -- --short` runs the short version `npm test` runs; `--host <h>` serves the app on another loopback
// host than `localhost` (see soak/processes.mjs for why that matters).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  exampleAppDir,
  exampleSourceHash,
  isBuiltFrom,
  stampBuild,
} from '../examples/nextjs-app/test-support/build-stamp.mjs';
import { FULL_RUN, runSoak, SHORT_RUN } from '../soak/run-soak.mjs';
import { buildAll } from './build.mjs';
import { ensureNodeModules } from './ensure-install.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const short = process.argv.includes('--short');
const hostAt = process.argv.indexOf('--host');
const appHost = hostAt > 0 ? process.argv[hostAt + 1] : undefined;

ensureNodeModules();
buildAll();
// The same build the e2e suites use (run-time settings only, so no settings in the hash).
const hash = exampleSourceHash();
const distDir = join(exampleAppDir, '.next');
if (!isBuiltFrom(distDir, hash)) {
  console.error('[soak] building the example app (next build)…');
  const built = spawnSync('npm', ['run', 'build', '-w', 'examples/nextjs-app'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  stampBuild(distDir, hash);
}

const started = Date.now();
const result = await runSoak(short ? SHORT_RUN : FULL_RUN, {
  log: (line) => console.error(`[soak] ${line}`),
  appHost,
});
console.log(`\nauthlens soak (${short ? 'short' : 'full'} run, ${((Date.now() - started) / 60_000).toFixed(1)} min)\n`);
console.log('phase                      requests  mismatches  5xx  hung  longest   statuses');
for (const p of result.phases) {
  const statuses = Object.entries(p.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
  console.log(
    `${p.name.padEnd(26)} ${String(p.requests).padStart(8)}  ${String(p.mismatches).padStart(10)}  ${String(p.serverErrors).padStart(3)}  ${String(p.hung).padStart(4)}  ${(p.maxMs / 1000).toFixed(1).padStart(5)} s   ${statuses}`,
  );
  for (const sample of p.samples) console.log(`    ${sample}`);
}
console.log('');
for (const check of result.checks) console.log(`${check.ok ? 'PASS' : 'FAIL'}  ${check.name}: ${check.value}`);
console.log(`\n${result.ok ? 'all bounds held' : 'some bounds did not hold'}`);
process.exit(result.ok ? 0 : 1);
