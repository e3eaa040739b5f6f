import { describe, expect, it } from 'vitest';
import { machineTokenCacheFor, positiveMachineTokenCacheEnabled } from './machine-token-cache-for.js';

describe('machineTokenCacheFor', () => {
  it('AUTHLENS_MACHINE_TOKEN_CACHE=off (or false, 0) turns the positive cache off; anything else leaves it on', () => {
    expect(positiveMachineTokenCacheEnabled({})).toBe(true);
    expect(positiveMachineTokenCacheEnabled({ AUTHLENS_MACHINE_TOKEN_CACHE: 'on' })).toBe(true);
    for (const value of ['off', 'OFF', ' false ', '0']) {
      expect(positiveMachineTokenCacheEnabled({ AUTHLENS_MACHINE_TOKEN_CACHE: value })).toBe(false);
    }
  });

  it('one cache per instance and setting, shared by its requests', () => {
    const on = machineTokenCacheFor('sk_test_cache_for_a', 'http://a.test', {});
    expect(on.positive).toBe(true);
    expect(machineTokenCacheFor('sk_test_cache_for_a', 'http://a.test', {})).toBe(on);
    expect(machineTokenCacheFor('sk_test_cache_for_b', 'http://a.test', {})).not.toBe(on);
    const off = machineTokenCacheFor('sk_test_cache_for_a', 'http://a.test', { AUTHLENS_MACHINE_TOKEN_CACHE: 'off' });
    expect(off.positive).toBe(false);
    expect(off).not.toBe(on);
  });
});
