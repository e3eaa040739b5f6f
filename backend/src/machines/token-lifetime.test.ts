import { describe, expect, it } from 'vitest';
import { expirationFrom, isExpired, tokenStatus } from './token-lifetime.js';

describe('expirationFrom', () => {
  it('adds the lifetime in seconds to now in ms', () => {
    expect(expirationFrom(1_000_000, 60)).toBe(1_060_000);
  });
  it('is null (never expires) when no lifetime is given', () => {
    expect(expirationFrom(1_000_000, null)).toBeNull();
    expect(expirationFrom(1_000_000, undefined)).toBeNull();
  });
});

describe('tokenStatus', () => {
  it('is active before expiration and expired from the expiration instant on', () => {
    expect(tokenStatus({ expiration: 2000, revoked: false }, 1999)).toBe('active');
    expect(tokenStatus({ expiration: 2000, revoked: false }, 2000)).toBe('expired');
    expect(isExpired({ expiration: 2000, revoked: false }, 5000)).toBe(true);
  });
  it('never expires without an expiration', () => {
    expect(tokenStatus({ expiration: null, revoked: false }, Number.MAX_SAFE_INTEGER)).toBe('active');
  });
  it('reports revoked over expired', () => {
    expect(tokenStatus({ expiration: 1, revoked: true }, 10)).toBe('revoked');
  });
});
