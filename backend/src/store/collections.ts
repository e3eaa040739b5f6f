import type { StoredRecord, Transaction, WriteOp } from './store.js';

/** The in-memory state of every collection, shared by both store modes. */
export class Collections {
  readonly #data = new Map<string, Map<string, StoredRecord>>();

  get<T extends StoredRecord>(collection: string, id: string): T | undefined {
    return this.#data.get(collection)?.get(id) as T | undefined;
  }

  list<T extends StoredRecord>(collection: string): T[] {
    const map = this.#data.get(collection);
    return map ? ([...map.values()] as T[]) : [];
  }

  apply(op: WriteOp): void {
    let map = this.#data.get(op.c);
    if ('del' in op) {
      map?.delete(op.id);
      return;
    }
    if (!map) {
      map = new Map();
      this.#data.set(op.c, map);
    }
    map.set(op.id, op.v as StoredRecord);
  }

  /** Plain object form for snapshots: `{ collection: [record, …] }`. */
  toJSON(): Record<string, StoredRecord[]> {
    const out: Record<string, StoredRecord[]> = {};
    for (const [name, map] of this.#data) out[name] = [...map.values()];
    return out;
  }

  load(snapshot: Record<string, readonly StoredRecord[]>): void {
    this.#data.clear();
    for (const [name, records] of Object.entries(snapshot)) {
      this.#data.set(name, new Map(records.map((r) => [r.id, r])));
    }
  }
}

/**
 * Runs `fn` against a staging view over `base`; returns the result and the writes it made, or throws having changed
 * nothing.
 */
export function runTransaction<R>(base: Collections, fn: (tx: Transaction) => R): { result: R; ops: WriteOp[] } {
  const staged = new Map<string, Map<string, StoredRecord | null>>();
  const ops: WriteOp[] = [];
  const stagedFor = (c: string) => {
    let m = staged.get(c);
    if (!m) {
      m = new Map();
      staged.set(c, m);
    }
    return m;
  };
  const tx: Transaction = {
    get<T extends StoredRecord>(c: string, id: string) {
      const s = staged.get(c);
      if (s?.has(id)) return (s.get(id) ?? undefined) as T | undefined;
      return base.get<T>(c, id);
    },
    list<T extends StoredRecord>(c: string) {
      const s = staged.get(c);
      const records = base.list<T>(c);
      if (!s) return records;
      const out: T[] = [];
      for (const r of records) {
        if (!s.has(r.id)) out.push(r);
        else if (s.get(r.id)) out.push(s.get(r.id) as T);
      }
      for (const [id, r] of s) if (r && !base.get(c, id)) out.push(r as T);
      return out;
    },
    put(c, record) {
      if (typeof record.id !== 'string' || record.id === '') throw new Error(`Record in ${c} needs an id`);
      const copy = structuredClone(record) as StoredRecord;
      stagedFor(c).set(record.id, copy);
      ops.push({ c, id: record.id, v: copy });
    },
    delete(c, id) {
      const existed = tx.get(c, id) !== undefined;
      stagedFor(c).set(id, null);
      if (existed) ops.push({ c, id, del: true });
      return existed;
    },
  };
  const result = fn(tx);
  if (result instanceof Promise) throw new Error('A transaction function must be synchronous');
  return { result, ops };
}
