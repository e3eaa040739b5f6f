/**
 * The store: named collections of JSON records keyed by id.
 *
 * Reads are synchronous and see every committed transaction. Writes happen only inside `transact(fn)`: `fn` runs
 * synchronously against a staging view (it may read its own writes) and either returns — its writes become visible at
 * once and the returned promise resolves when they are durable — or throws, and nothing is written. Because Node runs
 * `fn` to completion without interleaving, a transaction that validates and then writes is atomic. A handler awaits
 * `transact` before answering, so every acknowledged write is on disk (persistent mode).
 */
export type StoredRecord = { readonly id: string } & Readonly<Record<string, unknown>>;

export interface ReadView {
  get<T extends StoredRecord>(collection: string, id: string): T | undefined;
  /** Every record of a collection, in insertion order. */
  list<T extends StoredRecord>(collection: string): T[];
}

export interface Transaction extends ReadView {
  /** Inserts or replaces a record (stored as a copy). */
  put<T extends StoredRecord>(collection: string, record: T): void;
  /** Removes a record; returns whether it existed. */
  delete(collection: string, id: string): boolean;
}

export interface Store extends ReadView {
  transact<R>(fn: (tx: Transaction) => R): Promise<R>;
  /** Flushes pending writes and releases files. */
  close(): Promise<void>;
}

/** One write of a committed transaction, as journalled. */
export type WriteOp =
  | { c: string; id: string; v: Readonly<Record<string, unknown>> }
  | { c: string; id: string; del: true };
