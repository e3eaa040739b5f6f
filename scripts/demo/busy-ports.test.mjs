import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyPorts, isPortFree } from './busy-ports.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const holder = createServer();
let held = 0;
beforeAll(async () => {
  await new Promise((resolve) => holder.listen(0, '127.0.0.1', resolve));
  held = holder.address().port;
});
afterAll(() => new Promise((resolve) => holder.close(resolve)));

describe('the demo and ports in use', () => {
  it('names the port, what needs it and the variable that moves it', async () => {
    expect(await isPortFree(held)).toBe(false);
    expect(
      await busyPorts([
        { name: 'local backend', port: held, variable: 'AUTHLENS_BACKEND_PORT' },
        { name: 'devtools', port: 0, variable: 'AUTHLENS_DEVTOOLS_PORT' },
      ]),
    ).toEqual([
      `port ${held} (local backend) is in use: stop what holds it, or set AUTHLENS_BACKEND_PORT to a free port`,
    ]);
  });

  it('npm run demo stops before starting anything when a port is taken', () => {
    const result = spawnSync(process.execPath, ['scripts/demo.mjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, AUTHLENS_DEVTOOLS_PORT: String(held), AUTHLENS_APP_PORT: '0', AUTHLENS_BACKEND_PORT: '0' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`port ${held} (devtools) is in use`);
    expect(result.stderr).toContain('set AUTHLENS_DEVTOOLS_PORT to a free port');
    expect(result.stdout).toBe('');
  });
});
