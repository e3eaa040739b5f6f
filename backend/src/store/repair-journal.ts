import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock.js';
import { JOURNAL_FILE } from './journal-store.js';
import { scanJournal } from './scan-journal.js';

/** What `repairJournal` did. */
export interface JournalRepair {
  /** Journal records kept (the readable prefix); the store replays exactly these on its next start. */
  keptRecords: number;
  /** What was wrong: nothing, a torn last line, or an unreadable complete line (and everything after it). */
  damage: 'none' | 'torn' | 'corrupt';
  /** 1-based line number of the first damaged line, when there was damage. */
  damagedLine?: number;
  /** Bytes and lines moved out of the journal into `asideFile`. */
  movedBytes: number;
  movedLines: number;
  /** Of the moved lines, those that read as well-formed records (they came after the damage). */
  movedRecords: number;
  /** Where the moved bytes are, unchanged: `journal.jsonl.damaged-<UTC time>` next to the journal. */
  asideFile?: string;
}

/**
 * Makes a damaged journal startable again without losing a byte: keeps every record up to the first damaged line,
 * and moves that line and everything after it into a file next to the journal. Records after the damage are moved
 * too, not replayed: a journal is a sequence of transactions, and replaying later ones over a lost one could leave
 * records that contradict each other. They stay in the file, line for line, for whoever wants to recover by hand.
 * Takes the data directory's lock, so it never runs beside a live backend.
 */
export async function repairJournal(dir: string, now = new Date()): Promise<JournalRepair> {
  const unlock = await lockDataDir(dir);
  try {
    const journalPath = join(dir, JOURNAL_FILE);
    let buffer: Buffer;
    try {
      buffer = await readFile(journalPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      buffer = Buffer.alloc(0);
    }
    const scan = scanJournal(buffer);
    const repair: JournalRepair = {
      keptRecords: scan.entries.length,
      damage: scan.damage?.kind ?? 'none',
      movedBytes: 0,
      movedLines: 0,
      movedRecords: 0,
    };
    if (!scan.damage) return repair;

    const tail = buffer.subarray(scan.validBytes);
    const tailLines = tail.toString('utf8').split('\n');
    if (tailLines.at(-1) === '') tailLines.pop();
    // The first moved line is the damaged one; count how many after it still read as records.
    const readable = tailLines.slice(1).filter((line) => scanJournal(Buffer.from(`${line}\n`)).damage === undefined);
    repair.damagedLine = scan.damage.line;
    repair.movedBytes = tail.length;
    repair.movedLines = tailLines.length;
    repair.movedRecords = readable.length;
    repair.asideFile = join(dir, `${JOURNAL_FILE}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`);

    // The moved bytes are on disk (fsync'd) before the journal is cut.
    const aside = await open(repair.asideFile, 'wx');
    try {
      await aside.writeFile(tail);
      await aside.sync();
    } finally {
      await aside.close();
    }
    const journal = await open(journalPath, 'r+');
    try {
      await journal.truncate(scan.validBytes);
      await journal.sync();
    } finally {
      await journal.close();
    }
    const directory = await open(dir, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    return repair;
  } finally {
    await unlock();
  }
}
