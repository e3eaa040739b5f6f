import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClerkClient, verifyToken } from '@clerk/backend';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningCli, runCli, spawnCli } from './support/cli-process.js';

const running: RunningCli[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill('SIGKILL');
      await cli.exited;
    }
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataDir() {
  const dir = await mkdtemp(join(tmpdir(), 'authlens-cli-'));
  dirs.push(dir);
  return dir;
}

async function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const cli = await spawnCli(['--port', '0', '--rate-limit', 'off', ...args], env);
  running.push(cli);
  return cli;
}

async function stop(cli: RunningCli) {
  cli.child.kill('SIGTERM');
  expect(await cli.exited).toBe(0);
}

describe('authlens-backend CLI', () => {
  it('prints exactly one JSON line with url and keys, logs to stderr without secrets', async () => {
    const cli = await start(['--in-memory', '--seed', 'demo', '--allowed-origin', 'http://localhost:3000']);
    expect(Object.keys(cli.info).sort()).toEqual(['jwtKey', 'publishableKey', 'secretKey', 'url']);
    expect(cli.info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.info.secretKey).toMatch(/^sk_test_/);
    expect(cli.info.publishableKey).toMatch(/^pk_test_/);
    expect(cli.info.jwtKey).toContain('BEGIN PUBLIC KEY');

    const clerk = createClerkClient({ apiUrl: cli.info.url, secretKey: cli.info.secretKey });
    const { data } = await clerk.users.getUserList({ username: ['alice'] });
    const session = await clerk.sessions.createSession({ userId: data[0]!.id });
    const { jwt } = await clerk.sessions.getToken(session.id);
    expect((await verifyToken(jwt, { jwtKey: cli.info.jwtKey })).sub).toBe(data[0]!.id);
    await clerk.users.getUser('user_missing').catch(() => undefined);

    expect(cli.stdout().split('\n').filter(Boolean)).toHaveLength(1);
    expect(cli.stderr()).toContain('listening on');
    expect(cli.stderr()).not.toContain(cli.info.secretKey);
    expect(cli.stderr()).not.toContain('alice@example.com');
    await stop(cli);
    // One access-log line per request, by route template: no ids, emails or tokens.
    expect(cli.stderr()).toMatch(/GET \/v1\/users\/\{user_id\} 404 \d+ms/);
    expect(cli.stderr()).not.toContain(data[0]!.id);
    expect(cli.stderr()).not.toContain(jwt);
  });

  it('keeps its generated secret key and data across restarts, and honours CLERK_SECRET_KEY', async () => {
    const dir = await dataDir();
    const first = await start(['--data-dir', dir]);
    const clerk = createClerkClient({ apiUrl: first.info.url, secretKey: first.info.secretKey });
    const user = await clerk.users.createUser({ username: 'persisted', emailAddress: ['p@example.com'] });
    await clerk.users.updateUserMetadata(user.id, { publicMetadata: { kept: true } });
    const jwtKey = first.info.jwtKey;
    await stop(first);

    const second = await start(['--data-dir', dir]);
    expect(second.info.secretKey).toBe(first.info.secretKey);
    expect(second.info.jwtKey).toBe(jwtKey);
    const again = createClerkClient({ apiUrl: second.info.url, secretKey: second.info.secretKey });
    expect((await again.users.getUser(user.id)).publicMetadata).toEqual({ kept: true });
    await stop(second);

    const third = await start(['--data-dir', dir], { CLERK_SECRET_KEY: 'sk_test_from_env_1234567890' });
    expect(third.info.secretKey).toBe('sk_test_from_env_1234567890');
    await stop(third);
  });

  it('applies the demo seed once per data dir', async () => {
    const dir = await dataDir();
    const first = await start(['--data-dir', dir, '--seed', 'demo']);
    await stop(first);
    const second = await start(['--data-dir', dir, '--seed', 'demo']);
    const clerk = createClerkClient({ apiUrl: second.info.url, secretKey: second.info.secretKey });
    expect(await clerk.users.getCount()).toBe(5);
    await stop(second);
  });

  it('loses nothing it acknowledged when killed with SIGKILL during a write burst', async () => {
    const dir = await dataDir();
    const cli = await start(['--data-dir', dir]);
    const acked: string[] = [];
    let stopping = false;
    // The kill comes once 20 writes were acknowledged, with 8 more in flight (not after a fixed sleep, which a
    // loaded machine may spend before the first answer).
    let burstUnderWay!: () => void;
    const underWay = new Promise<void>((resolve) => {
      burstUnderWay = resolve;
    });
    const worker = async (w: number) => {
      for (let i = 0; !stopping; i++) {
        try {
          const res = await fetch(`${cli.info.url}/v1/users`, {
            method: 'POST',
            headers: { authorization: `Bearer ${cli.info.secretKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ username: `w${w}_${i}`, public_metadata: { w, i } }),
          });
          if (res.status === 200) acked.push(((await res.json()) as { id: string }).id);
          if (acked.length >= 20) burstUnderWay();
        } catch {
          return; // the server died mid-request: that write was never acknowledged
        }
      }
    };
    const workers = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    // The workers end early only if the server stopped answering on its own.
    await Promise.race([underWay, workers]);
    expect(acked.length, 'writes acknowledged before the kill').toBeGreaterThanOrEqual(20);
    cli.child.kill('SIGKILL');
    await cli.exited;
    stopping = true;
    await workers;

    const restarted = await start(['--data-dir', dir]);
    const clerk = createClerkClient({ apiUrl: restarted.info.url, secretKey: restarted.info.secretKey });
    const ids = new Set<string>();
    const total = await clerk.users.getCount();
    for (let offset = 0; offset < total; offset += 500) {
      for (const u of (await clerk.users.getUserList({ limit: 500, offset })).data) ids.add(u.id);
    }
    const missing = acked.filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    await stop(restarted);
  });

  it('exits 2 with the usage on a bad command line', async () => {
    const bad = await runCli(['--rate-limit', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('Invalid rate limit');
    expect(bad.stderr).toContain('Usage: authlens-backend');
    expect((await runCli(['--bogus'])).code).toBe(2);
  });
});
