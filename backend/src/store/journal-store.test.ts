import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE } from './data-dir-lock.js';
import { JOURNAL_FILE, openJournalStore, parseJournal, StoreCorruptError } from './journal-store.js';
import { createMemoryStore } from './memory-store.js';

const dirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'authlens-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('openJournalStore', () => {
  it('replays committed transactions after a reopen', async () => {
    const dir = await tempDir();
    const store = await openJournalStore(dir);
    await store.transact((tx) => {
      tx.put('users', { id: 'user_1', username: 'alice' });
      tx.put('users', { id: 'user_2', username: 'bob' });
    });
    await store.transact((tx) => tx.delete('users', 'user_1'));
    await store.close();

    const reopened = await openJournalStore(dir);
    expect(reopened.list('users')).toEqual([{ id: 'user_2', username: 'bob' }]);
    await reopened.close();
  });

  it('writes nothing when the transaction throws', async () => {
    const dir = await tempDir();
    const store = await openJournalStore(dir);
    await expect(
      store.transact((tx) => {
        tx.put('users', { id: 'user_1' });
        throw new Error('validation failed');
      }),
    ).rejects.toThrow('validation failed');
    expect(store.get('users', 'user_1')).toBeUndefined();
    await store.close();
    expect(await readFile(join(dir, JOURNAL_FILE), 'utf8')).toBe('');
  });

  it('ignores a torn last line and keeps appending cleanly after it', async () => {
    const dir = await tempDir();
    const store = await openJournalStore(dir);
    await store.transact((tx) => tx.put('users', { id: 'user_1' }));
    await store.close();
    await appendFile(join(dir, JOURNAL_FILE), '{"seq":2,"ops":[{"c":"users","id":"user_');

    const reopened = await openJournalStore(dir);
    expect(reopened.list('users').map((u) => u.id)).toEqual(['user_1']);
    await reopened.transact((tx) => tx.put('users', { id: 'user_3' }));
    await reopened.close();

    const again = await openJournalStore(dir);
    expect(again.list('users').map((u) => u.id)).toEqual(['user_1', 'user_3']);
    await again.close();
  });

  it('keeps everything across compaction, and the journal starts empty after it', async () => {
    const dir = await tempDir();
    const store = await openJournalStore(dir, { compactAfterBytes: 200 });
    for (let i = 0; i < 20; i++) await store.transact((tx) => tx.put('items', { id: `item_${i}`, n: i }));
    await store.compact();
    await store.transact((tx) => tx.put('items', { id: 'item_last', n: 99 }));
    await store.close();
    expect((await readFile(join(dir, JOURNAL_FILE), 'utf8')).split('\n').filter(Boolean)).toHaveLength(1);

    const reopened = await openJournalStore(dir);
    expect(reopened.list('items')).toHaveLength(21);
    expect(reopened.get('items', 'item_7')).toEqual({ id: 'item_7', n: 7 });
    await reopened.close();
  });

  it('loses nothing when compaction runs while transactions commit', async () => {
    const dir = await tempDir();
    const store = await openJournalStore(dir);
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      writes.push(store.transact((tx) => tx.put('items', { id: `a${i}` })));
      if (i % 10 === 5) writes.push(store.compact());
    }
    await Promise.all(writes);
    await store.close();
    const reopened = await openJournalStore(dir);
    expect(reopened.list('items')).toHaveLength(30);
    await reopened.close();
  });

  it('shares one fsync among concurrent transactions and resolves each', async () => {
    const dir = await tempDir();
    const store = await openJournalStore(dir);
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.transact((tx) => {
          tx.put('items', { id: `i${i}` });
          return `i${i}`;
        }),
      ),
    );
    expect(ids).toHaveLength(50);
    await store.close();
    const reopened = await openJournalStore(dir);
    expect(reopened.list('items')).toHaveLength(50);
    await reopened.close();
  });
});

describe('parseJournal', () => {
  it('refuses a corrupt line in the middle, saying where and how many records are intact', () => {
    const text = '{"seq":1,"ops":[]}\nnot json\n{"seq":3,"ops":[]}\n';
    expect(() => parseJournal(Buffer.from(text))).toThrow(StoreCorruptError);
    expect(() => parseJournal(Buffer.from(text))).toThrow(
      expect.objectContaining({ code: 'ERR_STORE_CORRUPT', line: 2, offset: 19, validRecords: 1 }),
    );
  });

  it('refuses a complete last line that does not read back: a torn append has no newline (Hardening finding 11)', () => {
    // Before: silently dropped, losing an acknowledged transaction without a word.
    expect(() => parseJournal(Buffer.from('{"seq":1,"ops":[]}\n{"seq":2,"op\n'))).toThrow(StoreCorruptError);
  });

  it('refuses well-formed JSON that is not a journal entry (it would crash the replay)', () => {
    for (const line of [
      '{"seq":1,"ops":[{"c":5}]}',
      '{"seq":"1","ops":[]}',
      '[1]',
      'null',
      '{"seq":1,"ops":[{"c":"u","id":"1"}]}',
    ]) {
      expect(() => parseJournal(Buffer.from(`${line}\n`)), line).toThrow(StoreCorruptError);
    }
  });

  it('drops a complete-looking last line that lacks its newline (its fsync never finished)', () => {
    const { entries, validBytes } = parseJournal(Buffer.from('{"seq":1,"ops":[]}\n{"seq":2,"ops":[]}'));
    expect(entries.map((e) => e.seq)).toEqual([1]);
    expect(validBytes).toBe(19);
  });
});

describe('transactions', () => {
  it('read their own writes and stored records are copies', async () => {
    const store = createMemoryStore();
    const record = { id: 'a', tags: ['x'] };
    const seen = await store.transact((tx) => {
      tx.put('things', record);
      return tx.list('things').length;
    });
    record.tags.push('mutated');
    expect(seen).toBe(1);
    expect(store.get('things', 'a')).toEqual({ id: 'a', tags: ['x'] });
  });
});

describe('the data directory lock', () => {
  it('refuses a second open while the first is open, and allows it after close', async () => {
    const dir = await tempDir();
    const first = await openJournalStore(dir);
    await expect(openJournalStore(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    const second = await openJournalStore(dir);
    await second.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, LOCK_FILE), '2147483646');
    const store = await openJournalStore(dir);
    // The lock now names this process, so another process is refused from here on.
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    await store.close();
  });
});
