/**
 * Shares one in-flight promise among concurrent callers with the same key. Nothing is cached: the entry is removed
 * as soon as the promise settles, so the next call after that starts a fresh one.
 */
export interface InFlight {
  /** Runs `start` unless a call with `key` is already in flight; `shared` tells whether this caller joined one. */
  run<T>(key: string, start: () => Promise<T>): { promise: Promise<T>; shared: boolean };
  /** Calls in flight right now. */
  readonly size: number;
}

export function createInFlight(): InFlight {
  const pending = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, start: () => Promise<T>) {
      const existing = pending.get(key);
      if (existing) return { promise: existing as Promise<T>, shared: true };
      let promise: Promise<T>;
      try {
        promise = start();
      } catch (error) {
        promise = Promise.reject(error);
      }
      const settled = promise.finally(() => {
        if (pending.get(key) === settled) pending.delete(key);
      });
      pending.set(key, settled);
      return { promise: settled, shared: false };
    },
    get size() {
      return pending.size;
    },
  };
}
