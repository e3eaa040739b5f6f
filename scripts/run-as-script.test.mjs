// From a checkout whose path has a space, `node scripts/build.mjs` builds and
// `node scripts/ensure-install.mjs` installs (they compared a percent-encoded URL with a plain path, and did nothing).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunAsScript } from './run-as-script.mjs';

const scripts = fileURLToPath(new URL('.', import.meta.url));
const checkout = mkdtempSync(join(tmpdir(), 'authlens checkout '));
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

// A minimal checkout: the scripts under test, and one workspace whose build leaves a mark.
mkdirSync(join(checkout, 'scripts'));
for (const file of ['build.mjs', 'ensure-install.mjs', 'run-as-script.mjs']) {
  cpSync(join(scripts, file), join(checkout, 'scripts', file));
}
writeFileSync(
  join(checkout, 'package.json'),
  JSON.stringify({ name: 'space-checkout', private: true, type: 'module', workspaces: ['otel'] }),
);
mkdirSync(join(checkout, 'otel'));
writeFileSync(
  join(checkout, 'otel', 'package.json'),
  JSON.stringify({
    name: 'otel-stand-in',
    version: '0.0.0',
    scripts: { build: `node -e "require('node:fs').writeFileSync('built', 'yes')"` },
  }),
);

function node(args, cwd = checkout) {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
}

describe('scripts run from a checkout path with a space', () => {
  it('build.mjs builds the workspaces', () => {
    expect(checkout).toContain(' ');
    const result = node([join(checkout, 'scripts', 'build.mjs')], tmpdir());
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(checkout, 'otel', 'built'))).toBe(true);
  });

  it('ensure-install.mjs installs and stamps node_modules', () => {
    const result = node(['scripts/ensure-install.mjs']);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(join(checkout, 'node_modules', '.authlens-install-stamp'))).toBe(true);
  });

  it('a script started through a symlink counts as run; an imported one does not', () => {
    const link = join(checkout, 'build link.mjs');
    symlinkSync(join(checkout, 'scripts', 'build.mjs'), link);
    rmSync(join(checkout, 'otel', 'built'), { force: true });
    expect(node([link]).status).toBe(0);
    expect(existsSync(join(checkout, 'otel', 'built'))).toBe(true);
    expect(isRunAsScript(new URL('./build.mjs', import.meta.url).href)).toBe(false);
  });
});
