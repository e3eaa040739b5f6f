// A real redis-server for one test suite: a free loopback port, no persistence, stopped by stop(). The fault
// controls send real signals: kill() is SIGKILL (the server is gone), pause()/resume() are SIGSTOP/SIGCONT (the
// socket stays open and nothing answers).
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './free-port.mjs';

export const REDIS_SERVER_PATH = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

/** Installs Debian's redis-server when it is missing (as root); false when it cannot be. */
export function ensureRedisServer() {
  if (spawnSync(REDIS_SERVER_PATH, ['--version']).status === 0) return true;
  if (process.getuid?.() !== 0) return false;
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  return (
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { stdio: 'inherit' }).status ===
    0
  );
}

function answersPing(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(200, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function launch(port) {
  const child = spawn(
    REDIS_SERVER_PATH,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 5000;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return child;
}

/** Starts redis-server on a free loopback port. */
export async function startRedisServer() {
  if (!ensureRedisServer()) throw new Error(`${REDIS_SERVER_PATH} is missing: apt-get install -y redis-server`);
  const port = await freePort();
  let child = await launch(port);
  const exited = (c) => c.exitCode !== null || c.signalCode !== null;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: async () => {
      if (exited(child)) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    /** Starts it again on the same port (empty: nothing was persisted). */
    restart: async () => {
      if (!exited(child)) throw new Error('redis-server is still running');
      child = await launch(port);
    },
    stop: async () => {
      if (exited(child)) return;
      child.kill('SIGCONT');
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
  };
}
