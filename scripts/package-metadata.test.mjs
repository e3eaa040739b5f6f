// Every package is publishable: licence, where it comes from, what it ships, and maps that resolve.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packagesInBuildOrder } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path) => readFileSync(join(root, path), 'utf8');

/** The files `npm pack` would put in the tarball (scripts skipped: the build is a precondition of the tests). */
function packedFiles(pkg) {
  const result = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json', '-w', pkg], {
    cwd: root,
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return new Set(JSON.parse(result.stdout)[0].files.map((file) => file.path));
}

/** Where the source lives: the root README says so, and every package's manifest points there. */
const SOURCE = 'https://github.com/authlens/authlens';

it('the root README says where the source lives', () => {
  expect(read('README.md')).toContain(`The source lives at ${SOURCE}.`);
});

describe.each(packagesInBuildOrder)('the %s package', (pkg) => {
  const manifest = JSON.parse(read(`${pkg}/package.json`));

  it('says its licence, repository, homepage, bug tracker, engines, files, and builds before packing', () => {
    expect(manifest.license).toBe('MIT');
    expect(read(`${pkg}/LICENSE`)).toBe(read('LICENSE'));
    expect(read('LICENSE')).toContain('Copyright (c) 2026 the authlens authors');
    expect(manifest.repository).toEqual({ type: 'git', url: `git+${SOURCE}.git`, directory: pkg });
    expect(manifest.homepage).toBe(`${SOURCE}/tree/main/${pkg}#readme`);
    expect(manifest.bugs).toEqual({ url: `${SOURCE}/issues` });
    expect(manifest.engines.node).toBe(JSON.parse(read('package.json')).engines.node);
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'src']));
    expect(manifest.scripts.prepack).toBe('node ../scripts/build.mjs');
  });

  it('packs its licence, readme and sources, no tests, and every source its maps point at', { timeout: 60_000 }, () => {
    const files = packedFiles(pkg);
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    for (const target of Object.values(manifest.bin ?? {})) expect(files).toContain(normalize(target));
    expect([...files].filter((file) => /\.test\.tsx?$|\/test-support\//.test(file))).toEqual([]);
    const maps = [...files].filter((file) => file.endsWith('.map') && file.startsWith('dist/'));
    expect(maps.length).toBeGreaterThan(0);
    const unresolved = maps.flatMap((map) => {
      const { sources } = JSON.parse(read(`${pkg}/${map}`));
      return sources.map((source) => normalize(join(dirname(map), source))).filter((source) => !files.has(source));
    });
    expect(unresolved).toEqual([]);
  });
});
