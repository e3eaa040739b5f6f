import { type Context, type ContextManager, ROOT_CONTEXT } from '@opentelemetry/api';

/** The part of `AsyncLocalStorage` a context manager needs (Node's class, and the global Next's edge runtime provides). */
export interface AsyncLocalStorageLike<T> {
  getStore(): T | undefined;
  run<R, A extends unknown[]>(store: T, callback: (...args: A) => R, ...args: A): R;
  disable(): void;
}
export type AsyncLocalStorageClass = new <T>() => AsyncLocalStorageLike<T>;

/**
 * The active OpenTelemetry context kept in an `AsyncLocalStorage`, so `startActiveSpan` parents the spans started
 * inside it across `await` (the middleware span over token verification). Takes the class rather than importing
 * `node:async_hooks`, which the edge bundle cannot.
 */
export class AsyncLocalStorageContextManager implements ContextManager {
  readonly #storage: AsyncLocalStorageLike<Context>;

  constructor(AsyncLocalStorage: AsyncLocalStorageClass) {
    this.#storage = new AsyncLocalStorage<Context>();
  }

  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const callback = thisArg == null ? fn : (fn.bind(thisArg) as F);
    return this.#storage.run(context, callback, ...args);
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const manager = this;
    const bound = function (this: unknown, ...args: unknown[]) {
      return manager.with(context, () => (target as (...a: unknown[]) => unknown).apply(this, args));
    };
    return bound as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.#storage.disable();
    return this;
  }
}

/** The `AsyncLocalStorage` class the runtime offers as a global (Next's edge runtime does), if any. */
export function globalAsyncLocalStorage(): AsyncLocalStorageClass | undefined {
  const candidate = (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage;
  return typeof candidate === 'function' ? (candidate as AsyncLocalStorageClass) : undefined;
}
