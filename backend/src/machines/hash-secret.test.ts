import { describe, expect, it } from 'vitest';
import { hashSecret } from './hash-secret.js';

describe('hashSecret', () => {
  it('is stable for one secret and differs between secrets', () => {
    expect(hashSecret('mt_abc')).toBe(hashSecret('mt_abc'));
    expect(hashSecret('mt_abc')).not.toBe(hashSecret('mt_abd'));
  });

  it('does not contain the secret', () => {
    const secret = 'ak_0123456789abcdefghijABCDEFGHIJ';
    const hash = hashSecret(secret);
    expect(hash).not.toContain(secret.slice(3));
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
