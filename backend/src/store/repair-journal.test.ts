import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError } from './data-dir-lock.js';
import { JOURNAL_FILE, openJournalStore, StoreCorruptError } from './journal-store.js';
import { repairJournal } from './repair-journal.js';

// Hardening finding 11: a corrupt record in the middle of the journal left the backend unable to start, with no
// way out short of editing the file by hand.

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A data directory whose journal holds `count` committed transactions (one user each). */
async function journalWith(count: number): Promise<{ dir: string; lines: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'authlens-repair-'));
  dirs.push(dir);
  const store = await openJournalStore(dir);
  for (let i = 1; i <= count; i++) await store.transact((tx) => tx.put('users', { id: `user_${i}` }));
  await store.close();
  const lines = (await readFile(join(dir, JOURNAL_FILE), 'utf8')).split('\n').slice(0, -1);
  expect(lines).toHaveLength(count);
  return { dir, lines };
}

const NOW = new Date('2026-12-04T16:00:00.000Z');
const ASIDE = `${JOURNAL_FILE}.damaged-2026-12-04T16-00-00-000Z`;

async function userIds(dir: string): Promise<string[]> {
  const store = await openJournalStore(dir);
  try {
    return store.list('users').map((u) => u.id);
  } finally {
    await store.close();
  }
}

describe('repairJournal', () => {
  it('keeps the records before a corrupt middle line and moves it and the rest aside, byte for byte', async () => {
    const { dir, lines } = await journalWith(5);
    const damaged = [
      lines[0],
      lines[1],
      '{"seq":3,"ops":[{"c":"users","id":"us\u0000\u0000garbage',
      lines[3],
      lines[4],
    ];
    await writeFile(join(dir, JOURNAL_FILE), `${damaged.join('\n')}\n`);
    await expect(openJournalStore(dir)).rejects.toBeInstanceOf(StoreCorruptError);

    const repair = await repairJournal(dir, NOW);
    const tail = `${damaged.slice(2).join('\n')}\n`;
    expect(repair).toEqual({
      keptRecords: 2,
      damage: 'corrupt',
      damagedLine: 3,
      movedBytes: Buffer.byteLength(tail),
      movedLines: 3,
      movedRecords: 2,
      asideFile: join(dir, ASIDE),
    });
    expect(await readFile(join(dir, ASIDE), 'utf8')).toBe(tail);
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe(`${lines[0]}\n${lines[1]}\n`);

    // The store starts again with what was kept, and appends on a clean line.
    const store = await openJournalStore(dir);
    expect(store.list('users').map((u) => u.id)).toEqual(['user_1', 'user_2']);
    await store.transact((tx) => tx.put('users', { id: 'user_new' }));
    await store.close();
    expect(await userIds(dir)).toEqual(['user_1', 'user_2', 'user_new']);
  });

  it('moves a corrupt last line aside', async () => {
    const { dir, lines } = await journalWith(3);
    await writeFile(join(dir, JOURNAL_FILE), `${lines[0]}\n${lines[1]}\n{"seq":3,"ops":[{"c":"users"\n`);
    await expect(openJournalStore(dir)).rejects.toBeInstanceOf(StoreCorruptError);
    const repair = await repairJournal(dir, NOW);
    expect(repair).toMatchObject({ keptRecords: 2, damage: 'corrupt', damagedLine: 3, movedLines: 1, movedRecords: 0 });
    expect(await userIds(dir)).toEqual(['user_1', 'user_2']);
  });

  it('moves a torn last line aside too (the store would cut it off on start; repair keeps the bytes)', async () => {
    const { dir } = await journalWith(2);
    await appendFile(join(dir, JOURNAL_FILE), '{"seq":3,"ops":[{"c":"us');
    const repair = await repairJournal(dir, NOW);
    expect(repair).toMatchObject({ keptRecords: 2, damage: 'torn', damagedLine: 3, movedBytes: 24, movedLines: 1 });
    expect(await readFile(join(dir, ASIDE), 'utf8')).toBe('{"seq":3,"ops":[{"c":"us');
    expect(await userIds(dir)).toEqual(['user_1', 'user_2']);
  });

  it('changes nothing on an intact journal, and refuses to run beside an open store', async () => {
    const { dir, lines } = await journalWith(2);
    expect(await repairJournal(dir, NOW)).toEqual({
      keptRecords: 2,
      damage: 'none',
      movedBytes: 0,
      movedLines: 0,
      movedRecords: 0,
    });
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe(`${lines.join('\n')}\n`);
    expect(await readdir(dir)).not.toContain(ASIDE);
    const open = await openJournalStore(dir);
    await expect(repairJournal(dir, NOW)).rejects.toBeInstanceOf(DataDirLockedError);
    await open.close();
  });
});
