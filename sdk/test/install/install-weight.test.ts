/**
 * Installing `@authlens/nextjs` as a user does: otel and sdk packed (`npm pack`, what npm would publish), installed
 * from the tarballs with the SDK's peers (next, react) into an empty app under the OS temp dir. The install holds
 * exactly what `next`, `react` and `@opentelemetry/api` install on their own plus the two authlens packages, `jose`
 * and `path-to-regexp`: the OpenTelemetry SDK (optional peers of `@authlens/otel`, for `@authlens/otel/register`) and
 * the Redis client (an optional peer of the SDK) are not pulled in. Without them the contract and the SDK still load,
 * `registerAuthlensTelemetry()` says what to install, and so does `AUTHLENS_REDIS_URL`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The version the repository itself installed, so the npm cache serves it. */
const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

// Under `npm test`, npm's settings for the repository (its prefix, the running script) must not steer these installs.
const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) => !/^npm_(package_|lifecycle_|command$|config_(local_prefix|call|workspaces?)$)/i.test(name),
  ),
) as NodeJS.ProcessEnv;

function run(cmd: string, args: string[], cwd: string): string {
  const result = spawnSync(cmd, args, { cwd, env: npmEnv, encoding: 'utf8', timeout: 150_000, stdio: 'pipe' });
  if (result.status !== 0) {
    const why = result.error ? String(result.error) : `exit ${result.status ?? result.signal}`;
    throw new Error(`${cmd} ${args.join(' ')} in ${cwd} failed (${why}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** An empty ESM app in `dir`. */
function emptyApp(dir: string): string {
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  return dir;
}

/** The packages of an install (each `node_modules/…` path of its lock). */
function lockedPackages(dir: string, lock = 'package-lock.json'): string[] {
  const { packages } = JSON.parse(readFileSync(join(dir, lock), 'utf8')) as { packages: Record<string, unknown> };
  return Object.keys(packages)
    .filter((path) => path !== '')
    .sort();
}

const peers = () => [
  `next@${installedVersion('next')}`,
  `react@${installedVersion('react')}`,
  // What npm installs for @authlens/nextjs's required peer; named here so both installs resolve it alike.
  '@opentelemetry/api@^1.9.0',
];
const npmInstall = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'];

let tempDir: string;
let app: string;
let baseline: string;

beforeAll(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'authlens-install-'));
  const tarballs = join(tempDir, 'tarballs');
  mkdirSync(tarballs);
  const packed = JSON.parse(
    run('npm', ['pack', '-w', 'otel', '-w', 'sdk', '--pack-destination', tarballs, '--json'], root),
  ) as Array<{ filename: string }>;
  app = emptyApp(join(tempDir, 'app'));
  run('npm', [...npmInstall, ...packed.map((p) => join(tarballs, p.filename)), ...peers()], app);
  // The same peers alone, resolved (not extracted): what the app would install without authlens.
  baseline = emptyApp(join(tempDir, 'baseline'));
  run('npm', [...npmInstall, '--package-lock-only', ...peers()], baseline);
});

afterAll(() => {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('npm install @authlens/nextjs (packed) in an empty app', () => {
  it('installs @authlens/nextjs, @authlens/otel, jose and path-to-regexp and nothing else beyond its peers', () => {
    const withAuthlens = lockedPackages(app);
    const peersAlone = lockedPackages(baseline);
    // What is on disk (npm's hidden lock lists the installed packages, without other platforms' optional ones).
    const installed = lockedPackages(join(app, 'node_modules'), '.package-lock.json');
    const authlens = installed.filter((path) => path.startsWith('node_modules/@authlens/'));
    console.log(
      `[install-weight] @authlens/nextjs + next + react: ${installed.length} packages installed ` +
        `(${authlens.length} @authlens/*; next, react and @opentelemetry/api alone resolve to ` +
        `${peersAlone.length}, with authlens ${withAuthlens.length})`,
    );
    // Beyond the peers: the two authlens packages and the two libraries the SDK builds on, nothing they pull in.
    // `redis` is an optional peer, installed only by apps that share state through it.
    expect(withAuthlens.filter((path) => !peersAlone.includes(path))).toEqual([
      'node_modules/@authlens/nextjs',
      'node_modules/@authlens/otel',
      'node_modules/jose',
      'node_modules/path-to-regexp',
    ]);
    expect(peersAlone.filter((path) => !withAuthlens.includes(path))).toEqual([]);
    expect(authlens).toEqual(['node_modules/@authlens/nextjs', 'node_modules/@authlens/otel']);
    // No OpenTelemetry SDK package: the API (the SDK's peer) is the only @opentelemetry package.
    expect(installed.filter((path) => path.includes('@opentelemetry/'))).toEqual(['node_modules/@opentelemetry/api']);
  });

  it('the contract and the SDK load without the OpenTelemetry SDK; registering names what to install', () => {
    const script = `
      const contract = await import('@authlens/otel');
      const backend = await import('@authlens/nextjs/backend');
      const { registerAuthlensTelemetry } = await import('@authlens/otel/register');
      let error;
      try { registerAuthlensTelemetry(); } catch (thrown) { error = thrown; }
      console.log(JSON.stringify({
        spanName: contract.SpanName.middleware,
        verifyToken: typeof backend.verifyToken,
        error: error && { name: error.name, code: error.code, missingPackage: error.missingPackage, message: error.message },
      }));`;
    const out = JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], app)) as {
      spanName: string;
      verifyToken: string;
      error?: { name: string; code: string; missingPackage: string; message: string };
    };
    expect(out.spanName).toBe('authlens.middleware');
    expect(out.verifyToken).toBe('function');
    expect(out.error).toMatchObject({ name: 'TelemetryDependencyError', code: 'ERR_AUTHLENS_OTEL_SDK_MISSING' });
    expect(out.error?.missingPackage).toMatch(/^@opentelemetry\//);
    expect(out.error?.message).toContain(`${out.error?.missingPackage} is not installed`);
    expect(out.error?.message).toContain('npm install @opentelemetry/');
  });

  it('AUTHLENS_REDIS_URL without the redis package: one warning naming it, calls still made in process', async () => {
    // A Backend API that answers every call, so the call succeeds with its state kept in process.
    const { createServer } = await import('node:http');
    let calls = 0;
    const api = createServer((_request, response) => {
      calls += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [] }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const { port } = api.address() as { port: number };
    try {
      const script = `
        const { clerkClient } = await import('@authlens/nextjs/backend');
        const client = await clerkClient();
        const first = await client.jwks.getJwks();
        const second = await client.jwks.getJwks();
        console.log(JSON.stringify([first, second]));`;
      // Spawned asynchronously: this process must stay free to answer the child's Backend API calls.
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        cwd: app,
        env: {
          ...npmEnv,
          CLERK_SECRET_KEY: 'sk_test_installweight',
          CLERK_API_URL: `http://127.0.0.1:${port}`,
          AUTHLENS_REDIS_URL: 'redis://:hunter2@127.0.0.1:9',
        },
      });
      const result = { stdout: '', stderr: '', status: null as number | null };
      child.stdout.on('data', (chunk: Buffer) => {
        result.stdout += chunk;
      });
      child.stderr.on('data', (chunk: Buffer) => {
        result.stderr += chunk;
      });
      result.status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([{ keys: [] }, { keys: [] }]);
      const warnings = result.stderr.split('\n').filter((line) => line.includes('npm install redis'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('AUTHLENS_REDIS_URL is set but the redis package is not installed');
      // The URL's password never reaches a log.
      expect(result.stderr).not.toContain('hunter2');
      expect(calls).toBe(2);
    } finally {
      await new Promise((resolve) => api.close(resolve));
    }
  });
});
