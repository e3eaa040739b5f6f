// `npm run demo`: when a step fails after servers were started, the demo stops every process it started, and what
// those started in turn (each child leads its own process group).
//
// The demo runs for real (busy-port check, install check, the local backend, the devtools) from a temporary checkout,
// so its backend data and the example's build stamp stay out of this one. An `npm` placed first on PATH stands in
// for the builds: the packages are built already, and the example app's build is the step that fails. Before failing
// it writes down the demo's running children, read from /proc, so the test knows exactly what must be gone.
import { spawn } from 'node:child_process';
import {
  chmodSync,
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
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test-support/free-port.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'authlens-demo-failure-'));
const checkout = join(work, 'checkout');
const bin = join(work, 'bin');
const childrenFile = join(work, 'children.json');

/** A process as /proc shows it; null once it is gone (a zombie counts as gone: it runs nothing). */
function processInfo(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (in parentheses) may hold spaces: the fields after it are positional.
  const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (state === 'Z') return null;
  return { pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid) };
}

/** Live processes whose pid or process group is one of the recorded children's. */
function survivors(recorded) {
  const pids = new Set(recorded.map((child) => child.pid));
  const groups = new Set(recorded.map((child) => child.pgid));
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(processInfo)
    .filter((info) => info !== null && (pids.has(info.pid) || groups.has(info.pgid)));
}

const FAKE_NPM = `#!/usr/bin/env node
// Stands in for npm in the demo's failure test.
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const args = process.argv.slice(2).join(' ');
// scripts/build.mjs, once per package: the packages are built already.
if (/^run build --if-present -w \\S+$/.test(args)) process.exit(0);
if (args === 'run build -w examples/nextjs-app') {
  const children = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\\d+$/.test(name) || Number(name) === process.pid) continue;
    let stat;
    try {
      stat = readFileSync('/proc/' + name + '/stat', 'utf8');
    } catch {
      continue;
    }
    const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z' || Number(ppid) !== process.ppid) continue;
    const cmd = readFileSync('/proc/' + name + '/cmdline', 'utf8').split('\\0').join(' ').trim();
    children.push({ pid: Number(name), pgid: Number(pgid), cmd });
  }
  writeFileSync(process.env.DEMO_CHILDREN_FILE, JSON.stringify(children));
  console.error('the example app failed to build (on purpose)');
  process.exit(1);
}
console.error('unexpected: npm ' + args);
process.exit(1);
`;

/** A checkout with the demo's scripts, the built backend and devtools (linked), and this one's node_modules. */
function makeCheckout() {
  mkdirSync(checkout);
  cpSync(join(root, 'scripts'), join(checkout, 'scripts'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, file), join(checkout, file));
  // The install check hashes every workspace's manifest; the app's build stamp helper lives beside the app.
  for (const file of ['otel/package.json', 'sdk/package.json', 'examples/nextjs-app/package.json']) {
    cpSync(join(root, file), join(checkout, file));
  }
  const stamp = 'examples/nextjs-app/test-support/build-stamp.mjs';
  cpSync(join(root, stamp), join(checkout, stamp));
  for (const linked of ['backend', 'devtools', 'node_modules']) symlinkSync(join(root, linked), join(checkout, linked));
  mkdirSync(bin);
  writeFileSync(join(bin, 'npm'), FAKE_NPM);
  chmodSync(join(bin, 'npm'), 0o755);
}

let recorded = [];
let demo;
afterAll(() => {
  // Only on failure is anything left: stop what this test caused, then remove its files.
  if (demo && demo.exitCode === null && demo.signalCode === null) demo.kill('SIGKILL');
  for (const { pgid } of survivors(recorded)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  rmSync(work, { recursive: true, force: true });
});

describe('npm run demo when a later step fails', () => {
  it('stops the backend and the devtools it had started, with their process groups', { timeout: 120_000 }, async () => {
    expect(existsSync(join(root, 'backend/dist/cli.js')) && existsSync(join(root, 'devtools/dist/cli.js'))).toBe(true);
    makeCheckout();
    const ports = { backend: await freePort(), app: await freePort(), devtools: await freePort() };
    demo = spawn(process.execPath, [join(checkout, 'scripts/demo.mjs')], {
      cwd: checkout,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        AUTHLENS_BACKEND_PORT: String(ports.backend),
        AUTHLENS_APP_PORT: String(ports.app),
        AUTHLENS_DEVTOOLS_PORT: String(ports.devtools),
        DEMO_CHILDREN_FILE: childrenFile,
      },
    });
    let stderr = '';
    demo.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    demo.stdout.resume();
    const code = await new Promise((resolve) => demo.on('exit', (exitCode) => resolve(exitCode)));

    expect(existsSync(childrenFile), stderr).toBe(true);
    recorded = JSON.parse(readFileSync(childrenFile, 'utf8'));
    const commands = recorded.map((child) => child.cmd);
    expect(
      commands.filter((cmd) => cmd.includes('backend/dist/cli.js')),
      stderr,
    ).toHaveLength(1);
    expect(
      commands.filter((cmd) => cmd.includes('devtools/dist/cli.js')),
      stderr,
    ).toHaveLength(1);
    // Each server leads its own group, apart from the demo's: stopping the group stops what it started too.
    for (const child of recorded) expect(child.pgid).toBe(child.pid);

    expect(code, stderr).toBe(1);
    expect(stderr).toContain('failed (1); stopping the demo');
    // The demo exits as soon as it has signalled them; they end on their own schedule after it.
    await expect.poll(() => survivors(recorded), { timeout: 30_000, interval: 100 }).toEqual([]);
  });
});
