/**
 * One process at a time per data directory: two writers appending to one journal would corrupt it. The lock file
 * holds the owner's pid; a lock whose process is gone (e.g. after kill -9) is taken over.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'lock';

/** Another live process (or this one) already has the data directory open. */
export class DataDirLockedError extends Error {
  readonly code = 'ERR_DATA_DIR_LOCKED';
  constructor(dir: string, pid: number) {
    super(`The data directory ${dir} is in use by process ${pid}; stop it or use another --data-dir`);
    this.name = 'DataDirLockedError';
  }
}

const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock; resolves to its release function. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const key = resolve(dir);
  if (heldHere.has(key)) throw new DataDirLockedError(dir, process.pid);
  const path = join(dir, LOCK_FILE);
  try {
    await writeFile(path, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
      throw new DataDirLockedError(dir, owner);
    }
    await writeFile(path, String(process.pid));
  }
  heldHere.add(key);
  return async () => {
    heldHere.delete(key);
    await rm(path, { force: true });
  };
}
