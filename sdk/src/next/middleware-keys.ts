/**
 * The instance keys of the clerkMiddleware() whose handler is running, so that `clerkClient()` called inside the
 * handler uses the keys given to the middleware as options (as Clerk keeps its middleware's options in an
 * AsyncLocalStorage). Next provides `AsyncLocalStorage` as a global on both runtimes; without it, nothing is kept.
 */
import type { InstanceKeys } from './handoff/instance-keys.js';

interface KeyStorage {
  run<R>(keys: InstanceKeys, fn: () => R): R;
  getStore(): InstanceKeys | undefined;
}

const AsyncLocalStorageClass = (globalThis as { AsyncLocalStorage?: new () => KeyStorage }).AsyncLocalStorage;
const storage: KeyStorage | null = typeof AsyncLocalStorageClass === 'function' ? new AsyncLocalStorageClass() : null;

/** Runs `fn` (the user's middleware handler) with `keys` as the middleware's keys. */
export function runWithMiddlewareKeys<R>(keys: InstanceKeys, fn: () => R): R {
  return storage ? storage.run(keys, fn) : fn();
}

/** The running middleware's keys, when called from inside its handler and they were given as options. */
export function middlewareKeys(): InstanceKeys | undefined {
  return storage?.getStore();
}
