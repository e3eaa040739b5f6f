/**
 * The example app as a Next 15 user has it: otel, sdk and devtools packed (`npm pack`, what npm would publish) and
 * installed from those tarballs, with next 15 from the registry, into a directory under the OS temp dir — outside
 * the repository, so that nothing can resolve the repository's own Next 16 — and `middleware.ts` in place of
 * `proxy.ts` (Next 15 does not know `proxy.ts`).
 *
 * Registry versions are pinned by `next15/package-lock.json`. To change them, edit `next15/package.json`, delete
 * the lock and run the `next15-compat` project once: the install writes a fresh lock back beside the manifest.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleAppDir } from './build-stamp.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifestDir = fileURLToPath(new URL('./next15/', import.meta.url));

/** The packages as `next15/package.json` names their tarballs (`file:../tarballs/<name>`). */
const packed = [
  ['otel', 'authlens-otel.tgz'],
  ['sdk', 'authlens-nextjs.tgz'],
  ['devtools', 'authlens-devtools.tgz'],
] as const;

/** What the copy leaves out: builds, installs, the repository's test harness, and the Next 16 middleware file name. */
const notCopied = new Set([
  '.next',
  'node_modules',
  'next-env.d.ts',
  'package.json',
  'proxy.ts',
  'README.md',
  'test',
  'test-support',
  'vitest.config.ts',
]);

// `npm test` runs this under npm, whose settings for the repository (its prefix, the running script) must not steer
// the install of another project.
const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !/^npm_(package_|lifecycle_|command$|config_(local_prefix|call|workspaces?)$)/i.test(name),
  ),
) as NodeJS.ProcessEnv;

function run(what: string, cmd: string, args: string[], cwd: string, timeout: number): string {
  const result = spawnSync(cmd, args, { cwd, env: npmEnv, encoding: 'utf8', timeout, stdio: 'pipe' });
  if (result.status !== 0) {
    const why = result.error ? String(result.error) : `exit ${result.status ?? result.signal}`;
    throw new Error(`${what} failed (${why}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

export interface Next15App {
  /** The app's directory (`package.json`, `node_modules`, `middleware.ts`, `app/`…). */
  dir: string;
  /** That install's own `next` CLI. */
  nextBin: string;
  /** The version of `next` installed there. */
  nextVersion: string;
  /** The temp directory holding the app and the tarballs; the caller removes it. */
  tempDir: string;
}

/** Packs the built packages (build them first) and installs the app with them and next 15. Needs the registry. */
export function installNext15App(): Next15App {
  const tempDir = mkdtempSync(join(tmpdir(), 'authlens-next15-'));
  const tarballs = join(tempDir, 'tarballs');
  const dir = join(tempDir, 'app');
  mkdirSync(tarballs);
  mkdirSync(dir);

  for (const [pkg, name] of packed) {
    if (!existsSync(join(root, pkg, 'dist')))
      throw new Error(`${pkg}/dist is missing: build it first (npm run build -w ${pkg})`);
    const out = run(
      `npm pack -w ${pkg}`,
      'npm',
      ['pack', '-w', pkg, '--pack-destination', tarballs, '--json'],
      root,
      60_000,
    );
    const [{ filename }] = JSON.parse(out) as [{ filename: string }];
    renameSync(join(tarballs, filename), join(tarballs, name));
  }

  for (const name of readdirSync(exampleAppDir)) {
    if (!notCopied.has(name)) cpSync(join(exampleAppDir, name), join(dir, name), { recursive: true });
  }
  cpSync(join(exampleAppDir, 'proxy.ts'), join(dir, 'middleware.ts'));
  cpSync(join(manifestDir, 'package.json'), join(dir, 'package.json'));
  const lock = join(manifestDir, 'package-lock.json');
  const locked = existsSync(lock);
  if (locked) cpSync(lock, join(dir, 'package-lock.json'));

  try {
    run('npm install', 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], dir, 600_000);
  } catch (error) {
    throw new Error(
      `Installing the Next 15 app in ${dir} failed; it needs the npm registry (or an npm cache holding next@15 and ` +
        `the packages' dependencies).\n${(error as Error).message}`,
    );
  }
  if (!locked) writeFileSync(lock, withoutTarballs(readFileSync(join(dir, 'package-lock.json'), 'utf8')));

  const nextVersion = (
    JSON.parse(readFileSync(join(dir, 'node_modules/next/package.json'), 'utf8')) as { version: string }
  ).version;
  return { dir, nextBin: join(dir, 'node_modules/next/dist/bin/next'), nextVersion, tempDir };
}

/**
 * The lock without the packed packages: their integrity changes with every build of them, so npm resolves them
 * from the tarballs each time while every registry package stays at its locked version.
 */
function withoutTarballs(lockText: string): string {
  const lock = JSON.parse(lockText) as { packages: Record<string, unknown> };
  for (const path of Object.keys(lock.packages))
    if (path.startsWith('node_modules/@authlens/')) delete lock.packages[path];
  return `${JSON.stringify(lock, null, 2)}\n`;
}
