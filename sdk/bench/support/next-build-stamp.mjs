// Whether a bench app's `next build` is current: a hash of the trees it is built from, kept beside the build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['.next', 'node_modules', 'next-env.d.ts']);

function hashTree(hash, dir) {
  for (const name of readdirSync(dir).sort()) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, path);
    else hash.update(name).update(readFileSync(path));
  }
}

export function treeHash(dirs) {
  const hash = createHash('sha256');
  for (const dir of dirs) if (existsSync(dir)) hashTree(hash, dir);
  return hash.digest('hex');
}

const stampOf = (distDir) => join(distDir, 'authlens-bench-hash');

export function isBuiltFrom(distDir, hash) {
  const stamp = stampOf(distDir);
  return existsSync(join(distDir, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
}

export function stampBuild(distDir, hash) {
  writeFileSync(stampOf(distDir), hash);
}
