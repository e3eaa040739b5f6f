import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliInfo {
  url: string;
  secretKey: string;
  publishableKey: string;
  jwtKey: string;
}

export interface RunningCli {
  child: ChildProcess;
  info: CliInfo;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Spawns the built CLI and resolves once it printed its JSON line. */
export async function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningCli> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build -w backend" first`);
  const childEnv = { ...process.env, ...env };
  if (!('CLERK_SECRET_KEY' in env)) delete childEnv.CLERK_SECRET_KEY;
  const child = spawn(process.execPath, [CLI, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  // 'close' (not 'exit'): every byte of stdout and stderr has been read by then.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const info = await new Promise<CliInfo>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const newline = out.indexOf('\n');
      if (newline !== -1) resolve(JSON.parse(out.slice(0, newline)) as CliInfo);
    });
    exited.then((code) => reject(new Error(`CLI exited with ${code} before ready: ${err}`)));
  });
  return { child, info, stdout: () => out, stderr: () => err, exited };
}

/** Runs the CLI to completion (for usage errors). */
export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
