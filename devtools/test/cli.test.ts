import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevtools } from '../src/index.js';
import { middlewareExport, newTraceId } from './support/otlp-json.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

beforeAll(() => {
  // The bin runs from the build; build it if this checkout has not been built yet.
  if (!existsSync(cli)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: packageDir, stdio: 'inherit' });
}, 120_000);

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const childEnv = { ...process.env, ...env };
  if (!('AUTHLENS_DEVTOOLS_INGEST_TOKEN' in env)) delete childEnv.AUTHLENS_DEVTOOLS_INGEST_TOKEN;
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const firstLine = () =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
      };
      child.stdout!.on('data', check);
      check();
      void exited.then(() => reject(new Error(`exited before printing: ${stderr}`)));
    });
  return { child, exited, firstLine, output: () => ({ stdout, stderr }) };
}

describe('authlens-devtools', () => {
  it('prints one JSON line with the URL when ready, logs to stderr, and stops on SIGTERM', async () => {
    const cliRun = run(['--port', '0', '--max-requests', '50']);
    const { url } = JSON.parse(await cliRun.firstLine()) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, store: { decisions: 0 } });
    cliRun.child.kill('SIGTERM');
    expect(await cliRun.exited).toBe(0);
    expect(cliRun.output().stdout).toBe(`${JSON.stringify({ url })}\n`);
    expect(cliRun.output().stderr).toContain('listening on');
  });

  it('prints usage and exits 2 on a bad flag', async () => {
    const cliRun = run(['--port', 'eighty']);
    expect(await cliRun.exited).toBe(2);
    expect(cliRun.output().stdout).toBe('');
    expect(cliRun.output().stderr).toContain('--port must be a non-negative integer');
    expect(cliRun.output().stderr).toContain('Usage: authlens-devtools');
    const unknown = run(['--colour']);
    expect(await unknown.exited).toBe(2);
  });

  it('exits 1 with a message when the port is taken', async () => {
    const taken = await startDevtools({ port: 0 });
    try {
      const cliRun = run(['--port', String(taken.port)]);
      expect(await cliRun.exited).toBe(1);
      expect(cliRun.output().stderr).toContain('EADDRINUSE');
    } finally {
      await taken.close();
    }
  });

  it('refuses to listen beyond loopback without --ingest-token (Hardening finding 6)', async () => {
    const cliRun = run(['--port', '0', '--host', '0.0.0.0']);
    expect(await cliRun.exited).toBe(2);
    expect(cliRun.output().stdout).toBe('');
    expect(cliRun.output().stderr).toContain('needs an ingest token (--ingest-token <token>');
  });

  it('with --ingest-token (or its environment variable) OTLP needs the bearer token; the token is never logged', async () => {
    const token = 'cli-ingest-token-9f8e7d6c5b4a';
    const post = (port: string, authorization?: string) =>
      fetch(`http://127.0.0.1:${port}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(middlewareExport('req_cli', newTraceId())),
      });
    for (const [args, env] of [
      [['--port', '0', '--host', '0.0.0.0', '--ingest-token', token], {}],
      [['--port', '0'], { AUTHLENS_DEVTOOLS_INGEST_TOKEN: token }],
    ] as const) {
      const cliRun = run([...args], env);
      const { url } = JSON.parse(await cliRun.firstLine()) as { url: string };
      const port = new URL(url).port;
      expect((await post(port)).status).toBe(401);
      expect((await post(port, 'Bearer not-the-token-at-all')).status).toBe(401);
      expect((await post(port, `Bearer ${token}`)).status).toBe(200);
      cliRun.child.kill('SIGTERM');
      expect(await cliRun.exited).toBe(0);
      expect(cliRun.output().stderr).toContain('OTLP ingest requires the bearer token');
      expect(cliRun.output().stderr).not.toContain(token);
    }
  });
});
