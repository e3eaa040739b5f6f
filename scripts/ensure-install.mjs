// Installs what a fresh clone is missing: npm dependencies (when the lockfile
// changed since the last install) and the system packages the tests need.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isRunAsScript } from './run-as-script.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = `${root}node_modules/.authlens-install-stamp`;

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[authlens] ${cmd} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
}

export function ensureNodeModules() {
  const lock = existsSync(`${root}package-lock.json`) ? readFileSync(`${root}package-lock.json`) : Buffer.from('');
  const manifests = [
    'package.json',
    'otel/package.json',
    'sdk/package.json',
    'backend/package.json',
    'devtools/package.json',
    'examples/nextjs-app/package.json',
  ]
    .filter((p) => existsSync(`${root}${p}`))
    .map((p) => readFileSync(`${root}${p}`));
  const hash = createHash('sha256').update(lock).update(Buffer.concat(manifests)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.error('[authlens] installing npm dependencies…');
  run(
    'npm',
    existsSync(`${root}package-lock.json`) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'],
  );
  writeFileSync(stamp, hash);
}

/** Debian's chromium drives the browser tests; it can only be installed as root. */
export function ensureChromium() {
  if (existsSync('/usr/bin/chromium') || process.env.CHROMIUM_PATH) return;
  if (process.getuid?.() !== 0) {
    console.error('[authlens] /usr/bin/chromium is missing and this is not root: run `apt-get install -y chromium`');
    return;
  }
  console.error('[authlens] installing chromium (Debian package) for the browser tests…');
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
}

/** Debian's redis-server backs the fleet tests (each suite starts its own); installed like chromium. */
export function ensureRedisServer() {
  if (existsSync('/usr/bin/redis-server') || process.env.REDIS_SERVER_PATH) return;
  if (process.getuid?.() !== 0) {
    console.error(
      '[authlens] /usr/bin/redis-server is missing and this is not root: run `apt-get install -y redis-server`',
    );
    return;
  }
  console.error('[authlens] installing redis-server (Debian package) for the fleet tests…');
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server']);
}

if (isRunAsScript(import.meta.url)) {
  ensureNodeModules();
  if (process.argv.includes('--chromium')) ensureChromium();
  if (process.argv.includes('--redis')) ensureRedisServer();
}
