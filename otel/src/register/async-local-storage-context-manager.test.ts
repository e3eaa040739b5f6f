import { AsyncLocalStorage } from 'node:async_hooks';
import { createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { AsyncLocalStorageContextManager, globalAsyncLocalStorage } from './async-local-storage-context-manager.js';

const key = createContextKey('test key');

describe('AsyncLocalStorageContextManager', () => {
  it('keeps the active context across await, restores the outer one after, and nests', async () => {
    const manager = new AsyncLocalStorageContextManager(AsyncLocalStorage);
    expect(manager.active()).toBe(ROOT_CONTEXT);
    const outer = ROOT_CONTEXT.setValue(key, 'outer');
    const inner = ROOT_CONTEXT.setValue(key, 'inner');
    const seen = await manager.with(outer, async () => {
      await new Promise((r) => setTimeout(r, 5));
      const before = manager.active().getValue(key);
      const nested = await manager.with(inner, async () => {
        await Promise.resolve();
        return manager.active().getValue(key);
      });
      return [before, nested, manager.active().getValue(key)];
    });
    expect(seen).toEqual(['outer', 'inner', 'outer']);
    expect(manager.active()).toBe(ROOT_CONTEXT);
  });

  it('passes thisArg and arguments through with(), and bind() runs a function in the bound context', () => {
    const manager = new AsyncLocalStorageContextManager(AsyncLocalStorage);
    const ctx = ROOT_CONTEXT.setValue(key, 'bound');
    const target = { factor: 3 };
    expect(
      manager.with(
        ctx,
        function (this: typeof target, n: number) {
          return this.factor * n;
        },
        target,
        5,
      ),
    ).toBe(15);
    const bound = manager.bind(ctx, (suffix: string) => `${String(manager.active().getValue(key))}${suffix}`);
    expect(bound('!')).toBe('bound!');
    const notAFunction = { x: 1 };
    expect(manager.bind(ctx, notAFunction)).toBe(notAFunction);
  });

  it('globalAsyncLocalStorage finds the class only where the runtime offers it as a global (Next edge does)', () => {
    const holder = globalThis as { AsyncLocalStorage?: unknown };
    const saved = holder.AsyncLocalStorage;
    try {
      delete holder.AsyncLocalStorage;
      expect(globalAsyncLocalStorage()).toBeUndefined();
      holder.AsyncLocalStorage = AsyncLocalStorage;
      expect(globalAsyncLocalStorage()).toBe(AsyncLocalStorage);
    } finally {
      if (saved === undefined) delete holder.AsyncLocalStorage;
      else holder.AsyncLocalStorage = saved;
    }
  });
});
