import type { WriteOp } from './store.js';

/** One journal line: a committed transaction. */
export interface JournalEntry {
  seq: number;
  ops: WriteOp[];
}

/** Where the readable journal ends and why. */
export interface JournalScan {
  /** The entries of the readable prefix, in order. */
  entries: JournalEntry[];
  /** Bytes of the readable prefix (every line of it newline-terminated). */
  validBytes: number;
  /**
   * Why the journal is longer than `validBytes`: `torn` — the last line has no newline (an append cut short by a
   * crash, never acknowledged); `corrupt` — a complete line that is not a journal entry (damaged on disk or edited).
   */
  damage?: { kind: 'torn' | 'corrupt'; offset: number; line: number };
}

/**
 * Reads the journal line by line and stops at the first line that is not a whole, well-formed entry. Never
 * throws: what to do with the damage (cut a torn line, refuse a corrupt one, repair) is the caller's decision.
 */
export function scanJournal(buffer: Uint8Array): JournalScan {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const entries: JournalEntry[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const newline = bytes.indexOf(0x0a, offset);
    const line = entries.length + 1;
    if (newline === -1) return { entries, validBytes: offset, damage: { kind: 'torn', offset, line } };
    const entry = entryOf(bytes.subarray(offset, newline).toString('utf8'));
    if (!entry) return { entries, validBytes: offset, damage: { kind: 'corrupt', offset, line } };
    entries.push(entry);
    offset = newline + 1;
  }
  return { entries, validBytes: offset };
}

function entryOf(text: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || !Number.isSafeInteger(value.seq) || !Array.isArray(value.ops)) return undefined;
  return value.ops.every(isWriteOp) ? (value as unknown as JournalEntry) : undefined;
}

function isWriteOp(op: unknown): op is WriteOp {
  if (!isObject(op) || typeof op.c !== 'string' || typeof op.id !== 'string') return false;
  return op.del === true || isObject(op.v);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
