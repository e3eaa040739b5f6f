import { describe, expect, it } from 'vitest';
import { defaultCryptoRuntime, getNodeCrypto, getSubtleCrypto } from './crypto-runtime.js';

describe('crypto runtime detection (on Node)', () => {
  it('finds node:crypto through process.getBuiltinModule, once', () => {
    const crypto = getNodeCrypto();
    expect(typeof crypto?.verify).toBe('function');
    expect(getNodeCrypto()).toBe(crypto);
    expect(defaultCryptoRuntime()).toBe('node');
  });

  it('exposes Web Crypto too', () => {
    expect(typeof getSubtleCrypto().verify).toBe('function');
  });
});
