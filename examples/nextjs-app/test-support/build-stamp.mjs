// Whether the example's production build is current: a hash of its sources, of the built packages it imports and
// of the build-time settings, kept beside the build. Plain JavaScript so that `npm run demo` uses it as the test
// suites do.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const exampleAppDir = join(root, 'examples/nextjs-app');

function hashTree(hash, dir, skip) {
  for (const name of readdirSync(dir).sort()) {
    if (skip.has(name) || name.endsWith('.md')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path, skip);
    else hash.update(path.slice(root.length)).update(readFileSync(path));
  }
}

/** The app's sources, the built packages it imports and `settings` (build-time environment): a rebuild is due when this changes. */
export function exampleSourceHash(settings = {}) {
  const hash = createHash('sha256');
  hashTree(hash, exampleAppDir, new Set(['.next', 'node_modules', 'next-env.d.ts', 'test-support']));
  for (const pkg of ['sdk', 'otel', 'devtools']) {
    const dist = join(root, pkg, 'dist');
    if (existsSync(dist)) hashTree(hash, dist, new Set());
  }
  for (const name of Object.keys(settings).sort()) hash.update(`\0${name}=${settings[name]}`);
  return hash.digest('hex');
}

const stampOf = (distDir) => join(distDir, 'authlens-source-hash');

/** Whether `distDir` holds a finished build made from sources with this hash. */
export function isBuiltFrom(distDir, hash) {
  const stamp = stampOf(distDir);
  return existsSync(join(distDir, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
}

/** Records that the build in `distDir` was made from sources with this hash (`next build` clears it next time). */
export function stampBuild(distDir, hash) {
  writeFileSync(stampOf(distDir), hash);
}
