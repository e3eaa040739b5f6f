// `npx authlens-devtools` runs this package's command from a fresh clone and from an install.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { type LinkedBins, linkBins } from '../../test-support/linked-bins.mjs';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const run = promisify(execFile);

const linked: LinkedBins[] = [];
afterAll(() => {
  for (const project of linked) project.remove();
});

function installed(built: boolean): string {
  const project = linkBins(packageDir, { built });
  linked.push(project);
  return project.bin('authlens-devtools');
}

describe('the authlens-devtools bin', () => {
  it('is linked by npm and runs the built CLI: --version, -h and --help on stdout', async () => {
    const bin = installed(true);
    expect(await run(bin, ['--version'])).toEqual({ stdout: `${version}\n`, stderr: '' });
    for (const flag of ['-h', '--help']) {
      const help = await run(bin, [flag]);
      expect(help.stdout).toMatch(/^Usage: authlens-devtools /);
      expect(help.stdout).toContain('--version');
      expect(help.stderr).toBe('');
    }
  });

  it('starts the receiver and prints its ready line', async () => {
    const child = spawn(installed(true), ['--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code} before ready`)));
      });
      const { url } = JSON.parse(line) as { url: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ ok: true });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('is linked before the first build too, and then says to run npm run build', async () => {
    const bin = installed(false);
    const failed = await run(bin, ['--version']).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1, stdout: '' });
    expect(failed?.stderr).toContain('Run `npm run build`');
  });
});
