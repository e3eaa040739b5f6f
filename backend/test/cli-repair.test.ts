import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClerkClient } from '@clerk/backend';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningCli, runCli, spawnCli } from './support/cli-process.js';

// Hardening finding 11: a corrupt record in the local backend's journal made it refuse to start with no way out.
// Now starting names `--repair`, and `authlens-backend --repair` keeps every readable record before the damage and
// moves the damaged rest aside. Each case runs the real CLI on a real journal the CLI itself wrote.

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

async function start(dir: string) {
  const cli = await spawnCli(['--port', '0', '--rate-limit', 'off', '--data-dir', dir]);
  running.push(cli);
  return cli;
}

async function stop(cli: RunningCli) {
  cli.child.kill('SIGTERM');
  expect(await cli.exited).toBe(0);
}

/** A data directory in which the CLI created users u1…u4, one journal line each; returns the journal's lines. */
async function dataDirWithUsers(): Promise<{ dir: string; journal: string; lines: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'authlens-cli-repair-'));
  dirs.push(dir);
  const cli = await start(dir);
  const clerk = createClerkClient({ apiUrl: cli.info.url, secretKey: cli.info.secretKey });
  for (let i = 1; i <= 4; i++) await clerk.users.createUser({ username: `u${i}` });
  await stop(cli);
  const journal = join(dir, 'journal.jsonl');
  const lines = (await readFile(journal, 'utf8')).split('\n').slice(0, -1);
  return { dir, journal, lines };
}

/** Which line of the journal created user `username`. */
const lineOf = (lines: string[], username: string) =>
  lines.findIndex((line) => line.includes(`"username":"${username}"`));

async function usernames(dir: string): Promise<string[]> {
  const cli = await start(dir);
  const clerk = createClerkClient({ apiUrl: cli.info.url, secretKey: cli.info.secretKey });
  const { data } = await clerk.users.getUserList({ limit: 100 });
  await stop(cli);
  return data.map((user) => user.username!).sort();
}

interface RepairLine {
  repaired: string;
  keptRecords: number;
  damage: string;
  damagedLine?: number;
  movedBytes: number;
  movedLines: number;
  movedRecords: number;
  asideFile?: string;
}

async function repair(dir: string) {
  const run = await runCli(['--repair', '--data-dir', dir]);
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return { report: JSON.parse(lines[0]!) as RepairLine, stderr: run.stderr };
}

describe('authlens-backend --repair (Hardening finding 11)', { timeout: 60_000 }, () => {
  it('a corrupt record in the middle: start fails naming --repair; --repair keeps the records before it', async () => {
    const { dir, journal, lines } = await dataDirWithUsers();
    const bad = lineOf(lines, 'u3');
    expect(bad).toBeGreaterThan(0);
    const damaged = lines.map((line, i) =>
      i === bad ? line.replace('"username":"u3"', '"username":\u0000\u0000"u3"') : line,
    );
    await writeFile(journal, `${damaged.join('\n')}\n`);

    const refused = await runCli(['--port', '0', '--data-dir', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`unreadable record on line ${bad + 1}`);
    expect(refused.stderr).toContain(`authlens-backend --repair --data-dir ${dir}`);
    expect(refused.stderr).toContain(`keep the ${bad} intact record(s)`);

    const { report, stderr } = await repair(dir);
    const tail = `${damaged.slice(bad).join('\n')}\n`;
    expect(report).toMatchObject({
      repaired: dir,
      keptRecords: bad,
      damage: 'corrupt',
      damagedLine: bad + 1,
      movedBytes: Buffer.byteLength(tail),
      movedLines: lines.length - bad,
      movedRecords: lines.length - bad - 1,
    });
    expect(report.asideFile).toMatch(/journal\.jsonl\.damaged-\d{4}-\d\d-\d\dT[\d-]+Z$/);
    expect(await readFile(report.asideFile!, 'utf8')).toBe(tail);
    expect(stderr).toContain(`kept ${bad} record(s); moved an unreadable record on line ${bad + 1}`);
    expect(stderr).toContain(`${Buffer.byteLength(tail)} byte(s)`);

    expect(await usernames(dir)).toEqual(['u1', 'u2']);
  });

  it('a corrupt last record: start fails naming --repair; --repair moves only that line aside', async () => {
    const { dir, journal, lines } = await dataDirWithUsers();
    const last = lines.length - 1;
    expect(lineOf(lines, 'u4')).toBe(last);
    await writeFile(journal, `${[...lines.slice(0, last), lines[last]!.slice(0, 30)].join('\n')}\n`);

    const refused = await runCli(['--port', '0', '--data-dir', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--repair');

    const { report } = await repair(dir);
    expect(report).toMatchObject({ keptRecords: last, damage: 'corrupt', movedLines: 1, movedRecords: 0 });
    expect(await usernames(dir)).toEqual(['u1', 'u2', 'u3']);
  });

  it('a truncated last line (a crash mid-append): start cuts it off by itself; --repair would keep its bytes', async () => {
    const { dir, journal, lines } = await dataDirWithUsers();
    await appendFile(journal, '{"seq":99,"ops":[{"c":"users","id":"user_torn"');
    const { report } = await repair(dir);
    expect(report).toMatchObject({ keptRecords: lines.length, damage: 'torn', movedLines: 1, movedRecords: 0 });
    expect(report.movedBytes).toBe(46);

    // Without --repair a torn line is expected after a crash, and start cuts it off on its own.
    await appendFile(journal, '{"seq":99,"ops":[{"c":"users"');
    expect(await usernames(dir)).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect((await readdir(dir)).filter((name) => name.includes('damaged'))).toHaveLength(1);
  });

  it('--repair on an intact journal changes nothing; --repair with --in-memory is a usage error', async () => {
    const { dir, journal, lines } = await dataDirWithUsers();
    const { report, stderr } = await repair(dir);
    expect(report).toMatchObject({ keptRecords: lines.length, damage: 'none', movedBytes: 0 });
    expect(stderr).toContain(`the journal is intact: kept all ${lines.length} record(s)`);
    expect(await readFile(journal, 'utf8')).toBe(`${lines.join('\n')}\n`);
    const usage = await runCli(['--repair', '--in-memory']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--repair works on a data directory');
  });
});
