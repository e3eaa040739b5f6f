/**
 * The persistent store: an append-only journal of JSON lines (one line per transaction, so a transaction is all or
 * nothing on disk), fsync'd before a transaction's promise resolves, plus a snapshot that compaction rewrites
 * atomically (temp file, fsync, rename, fsync of the directory) before the journal is truncated.
 *
 * On open: load the snapshot, replay journal lines newer than it, and cut off a torn last line left by a crash.
 * A complete line that does not read back (damage on disk) is refused with `StoreCorruptError`: the store does not
 * start on a journal it cannot fully read; `repairJournal` keeps the readable prefix and moves the rest aside.
 * Writes of concurrent transactions share one fsync (group commit).
 */

import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Collections, runTransaction } from './collections.js';
import { lockDataDir } from './data-dir-lock.js';
import { type JournalEntry, scanJournal } from './scan-journal.js';
import type { Store, StoredRecord, Transaction, WriteOp } from './store.js';

export const SNAPSHOT_FILE = 'snapshot.json';
export const JOURNAL_FILE = 'journal.jsonl';

export interface JournalStoreOptions {
  /** Compact once the journal grows beyond this many bytes. Default 8 MiB. */
  compactAfterBytes?: number;
}

export interface JournalStore extends Store {
  /** Writes a snapshot of everything and truncates the journal. */
  compact(): Promise<void>;
}

/**
 * The data directory's contents cannot be read back: a complete journal line is not a journal entry, or the
 * snapshot is not valid JSON. Says where, and how many journal records before the damage are intact.
 */
export class StoreCorruptError extends Error {
  readonly code = 'ERR_STORE_CORRUPT';
  /** The damaged file. */
  readonly file: string;
  /** For the journal: the byte offset and 1-based line number of the first damaged line. */
  readonly offset?: number;
  readonly line?: number;
  /** For the journal: the readable records before the damage. */
  readonly validRecords?: number;
  constructor(
    message: string,
    details: { file: string; offset?: number; line?: number; validRecords?: number },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreCorruptError';
    this.file = details.file;
    if (details.offset !== undefined) this.offset = details.offset;
    if (details.line !== undefined) this.line = details.line;
    if (details.validRecords !== undefined) this.validRecords = details.validRecords;
  }
}

/** A write to disk failed earlier; the store refuses further writes rather than diverge from its journal. */
export class StoreFailedError extends Error {
  readonly code = 'ERR_STORE_FAILED';
  constructor(cause: unknown) {
    super('The store could not write to its data directory', { cause });
    this.name = 'StoreFailedError';
  }
}

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export async function openJournalStore(dir: string, options: JournalStoreOptions = {}): Promise<JournalStore> {
  const compactAfterBytes = options.compactAfterBytes ?? 8 * 1024 * 1024;
  await mkdir(dir, { recursive: true });
  const unlock = await lockDataDir(dir);
  try {
    return await openLocked(dir, compactAfterBytes, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function openLocked(dir: string, compactAfterBytes: number, unlock: () => Promise<void>): Promise<JournalStore> {
  const snapshotPath = join(dir, SNAPSHOT_FILE);
  const journalPath = join(dir, JOURNAL_FILE);
  await rm(`${snapshotPath}.tmp`, { force: true });

  const data = new Collections();
  let seq = 0;
  const snapshotText = await readOptional(snapshotPath);
  if (snapshotText !== undefined) {
    let snapshot: { seq: number; collections: Record<string, StoredRecord[]> };
    try {
      snapshot = JSON.parse(snapshotText);
    } catch (error) {
      throw new StoreCorruptError(
        `The snapshot ${snapshotPath} is not valid JSON`,
        { file: snapshotPath },
        { cause: error },
      );
    }
    data.load(snapshot.collections);
    seq = snapshot.seq;
  }

  const journalBuffer = (await readOptionalBuffer(journalPath)) ?? Buffer.alloc(0);
  const { entries, validBytes } = parseJournal(journalBuffer, journalPath);
  for (const entry of entries) {
    if (entry.seq <= seq) continue;
    for (const op of entry.ops) data.apply(op);
    seq = entry.seq;
  }

  const fh: FileHandle = await open(journalPath, 'a+');
  if (validBytes < journalBuffer.length) {
    // A crash tore the last line: cut it off so the next append starts on a clean line.
    await fh.truncate(validBytes);
    await fh.sync();
  }
  await syncDir(dir);
  let journalBytes = validBytes;

  let pending: Pending[] = [];
  let flushing: Promise<void> | undefined;
  let failure: unknown;
  let closed = false;

  const writeSnapshot = async () => {
    const tmp = `${snapshotPath}.tmp`;
    const out = await open(tmp, 'w');
    try {
      await out.writeFile(JSON.stringify({ seq, collections: data.toJSON() }));
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(tmp, snapshotPath);
    await syncDir(dir);
    await fh.truncate(0);
    await fh.sync();
    journalBytes = 0;
  };

  // Every disk write — journal appends and snapshots — runs in this one loop, so a snapshot can never truncate
  // the journal under an append in flight.
  let compactWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  const pump = async () => {
    try {
      while (pending.length > 0 || compactWaiters.length > 0) {
        if (pending.length > 0) {
          const batch = pending;
          pending = [];
          try {
            const text = batch.map((p) => p.line).join('');
            await fh.appendFile(text);
            await fh.datasync();
            journalBytes += Buffer.byteLength(text);
            for (const p of batch) p.resolve();
          } catch (error) {
            failure ??= error;
            for (const p of batch) p.reject(new StoreFailedError(error));
          }
        }
        const waiters = compactWaiters;
        const wanted = waiters.length > 0 || (pending.length === 0 && journalBytes > compactAfterBytes);
        if (failure === undefined && wanted) {
          compactWaiters = [];
          try {
            await writeSnapshot();
            for (const w of waiters) w.resolve();
          } catch (error) {
            failure ??= error;
            for (const w of waiters) w.reject(new StoreFailedError(error));
          }
        } else if (failure !== undefined) {
          compactWaiters = [];
          for (const w of waiters) w.reject(new StoreFailedError(failure));
        }
      }
    } finally {
      flushing = undefined;
    }
  };

  return {
    get: <T extends StoredRecord>(c: string, id: string) => data.get<T>(c, id),
    list: <T extends StoredRecord>(c: string) => data.list<T>(c),
    transact<R>(fn: (tx: Transaction) => R): Promise<R> {
      if (closed) return Promise.reject(new Error('The store is closed'));
      if (failure !== undefined) return Promise.reject(new StoreFailedError(failure));
      let outcome: { result: R; ops: WriteOp[] };
      try {
        outcome = runTransaction(data, fn);
      } catch (error) {
        return Promise.reject(error);
      }
      const { result, ops } = outcome;
      if (ops.length === 0) return Promise.resolve(result);
      seq += 1;
      const entry: JournalEntry = { seq, ops };
      for (const op of ops) data.apply(op);
      return new Promise<R>((resolve, reject) => {
        pending.push({ line: `${JSON.stringify(entry)}\n`, resolve: () => resolve(result), reject });
        flushing ??= pump();
      });
    },
    compact() {
      if (failure !== undefined) return Promise.reject(new StoreFailedError(failure));
      return new Promise<void>((resolve, reject) => {
        compactWaiters.push({ resolve, reject });
        flushing ??= pump();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      while (flushing) await flushing;
      await fh.close();
      await unlock();
    },
  };
}

/**
 * Parses whole lines; a last line without its newline (torn by a crash, never acknowledged) is dropped, any other
 * unreadable line — in the middle or at the end — is refused with `StoreCorruptError`.
 */
export function parseJournal(buffer: Buffer, file = JOURNAL_FILE): { entries: JournalEntry[]; validBytes: number } {
  const scan = scanJournal(buffer);
  if (scan.damage?.kind === 'corrupt') {
    const { offset, line } = scan.damage;
    throw new StoreCorruptError(
      `The journal ${file} has an unreadable record on line ${line} (byte ${offset}); the ${scan.entries.length} ` +
        'record(s) before it are intact',
      { file, offset, line, validRecords: scan.entries.length },
    );
  }
  return { entries: scan.entries, validBytes: scan.validBytes };
}

async function readOptional(path: string): Promise<string | undefined> {
  return (await readOptionalBuffer(path))?.toString('utf8');
}

async function readOptionalBuffer(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
