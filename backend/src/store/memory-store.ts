import { Collections, runTransaction } from './collections.js';
import type { Store, StoredRecord, Transaction } from './store.js';

/** A store that keeps everything in memory (`inMemory` mode, tests). */
export function createMemoryStore(): Store {
  const data = new Collections();
  return {
    get: <T extends StoredRecord>(c: string, id: string) => data.get<T>(c, id),
    list: <T extends StoredRecord>(c: string) => data.list<T>(c),
    async transact<R>(fn: (tx: Transaction) => R): Promise<R> {
      const { result, ops } = runTransaction(data, fn);
      for (const op of ops) data.apply(op);
      return result;
    },
    async close() {},
  };
}
