// `npm pack` of a package whose dist/ is absent (a fresh clone) builds it first: its `prepack` runs
// scripts/build.mjs, and the tarball holds the built JavaScript and declarations its manifest points at.
//
// Each package is packed from a temporary tree of its own, never from this checkout, whose dist/ other tests read:
// the tree holds scripts/, the root manifests, a copy of the package without dist/, and node_modules entries linked
// to this checkout's (so the other workspace packages it imports resolve to their built dist/). build.mjs builds the
// packages present in the tree, so each pack builds exactly its own package.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packagesInBuildOrder } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'authlens-prepack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Build output and local state a fresh clone does not have. */
const NOT_IN_A_CLONE = new Set(['dist', 'node_modules', '.next', 'test-artifacts', '.authlens']);

function treeWith(pkg) {
  const tree = join(work, pkg);
  mkdirSync(tree);
  cpSync(join(root, 'scripts'), join(tree, 'scripts'), { recursive: true });
  cpSync(join(root, 'tsconfig.base.json'), join(tree, 'tsconfig.base.json'));
  cpSync(join(root, 'LICENSE'), join(tree, 'LICENSE'));
  const manifest = readJson(join(root, 'package.json'));
  writeFileSync(join(tree, 'package.json'), JSON.stringify({ ...manifest, workspaces: [pkg] }, null, 2));
  cpSync(join(root, pkg), join(tree, pkg), {
    recursive: true,
    filter: (source) => !NOT_IN_A_CLONE.has(basename(source)) && !source.endsWith('.tsbuildinfo'),
  });
  mkdirSync(join(tree, 'node_modules'));
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    symlinkSync(join(root, 'node_modules', entry), join(tree, 'node_modules', entry));
  }
  return tree;
}

/** The files a manifest promises: each export's JavaScript and declarations, and each bin. */
function promisedFiles(manifest) {
  const targets = Object.values(manifest.exports).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : [entry.types, entry.default],
  );
  return [...targets, ...Object.values(manifest.bin ?? {})].map((target) => `package/${normalize(target)}`);
}

describe.each(packagesInBuildOrder)('npm pack of %s from a tree without dist/', (pkg) => {
  it('builds the package first and packs what its exports point at', { timeout: 180_000 }, () => {
    const tree = treeWith(pkg);
    expect(existsSync(join(tree, pkg, 'dist'))).toBe(false);
    const into = join(work, `${pkg}-tarball`);
    mkdirSync(into);
    const pack = spawnSync('npm', ['pack', '-w', pkg, '--pack-destination', into], { cwd: tree, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [tarball] = readdirSync(into);
    const listing = spawnSync('tar', ['-tzf', join(into, tarball)], { encoding: 'utf8' });
    expect(listing.status, listing.stderr).toBe(0);
    const files = new Set(listing.stdout.trim().split('\n'));

    const manifest = readJson(join(tree, pkg, 'package.json'));
    const promised = promisedFiles(manifest);
    expect(promised.some((file) => file.endsWith('.js'))).toBe(true);
    expect(promised.some((file) => file.endsWith('.d.ts'))).toBe(true);
    expect(promised.filter((file) => !files.has(file))).toEqual([]);
    if (manifest.files.includes('ui/dist')) expect(files).toContain('package/ui/dist/index.html');
  });
});
