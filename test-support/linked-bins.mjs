// Links a package's bins the way `npm ci` does (npm's own bin linking, run by `npm rebuild`) into a scratch project,
// so a test can run the command a user types. `built: false` installs a copy without dist/, as a fresh clone has.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function linkBins(packageDir, { built }) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  // A space in the path, as in many users' checkouts.
  const project = mkdtempSync(join(tmpdir(), 'authlens bins '));
  const installed = join(project, 'node_modules', ...manifest.name.split('/'));
  mkdirSync(join(installed, '..'), { recursive: true });
  if (built) {
    symlinkSync(packageDir, installed, 'dir');
  } else {
    mkdirSync(installed);
    cpSync(join(packageDir, 'package.json'), join(installed, 'package.json'));
    cpSync(join(packageDir, 'bin'), join(installed, 'bin'), { recursive: true });
  }
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'bin-check', private: true, dependencies: { [manifest.name]: '*' } }),
  );
  const rebuilt = spawnSync('npm', ['rebuild', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'], {
    cwd: project,
    encoding: 'utf8',
  });
  if (rebuilt.status !== 0) throw new Error(`npm rebuild failed: ${rebuilt.stderr}`);
  return {
    bin: (name) => join(project, 'node_modules', '.bin', name),
    remove: () => rmSync(project, { recursive: true, force: true }),
  };
}
