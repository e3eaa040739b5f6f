import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';

const keys = { secretKey: 'sk_test_tenant', apiUrl: 'https://api.tenant.test' };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('middleware keys', () => {
  it('are visible inside the handler run, across awaits, and nowhere else', async () => {
    // Next provides AsyncLocalStorage as a global on both runtimes; plain Node does not.
    vi.stubGlobal('AsyncLocalStorage', AsyncLocalStorage);
    const { middlewareKeys, runWithMiddlewareKeys } = await import('./middleware-keys.js');
    expect(middlewareKeys()).toBeUndefined();
    const seen = await runWithMiddlewareKeys(keys, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return middlewareKeys();
    });
    expect(seen).toEqual(keys);
    expect(middlewareKeys()).toBeUndefined();
  });

  it('without AsyncLocalStorage the handler still runs, and no keys are kept', async () => {
    vi.stubGlobal('AsyncLocalStorage', undefined);
    const { middlewareKeys, runWithMiddlewareKeys } = await import('./middleware-keys.js');
    expect(runWithMiddlewareKeys(keys, () => middlewareKeys() ?? 'none')).toBe('none');
  });
});
