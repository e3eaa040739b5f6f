import { describe, expect, it } from 'vitest';
import { generateOpaqueSecret } from './opaque-secret.js';

describe('generateOpaqueSecret', () => {
  it('keeps the prefix @clerk/backend uses to route the token, then 48 base62 characters', () => {
    for (const prefix of ['mt_', 'ak_', 'oat_'] as const) {
      const secret = generateOpaqueSecret(prefix);
      expect(secret.startsWith(prefix)).toBe(true);
      expect(secret.slice(prefix.length)).toMatch(/^[0-9A-Za-z]{48}$/);
    }
  });

  it('never repeats', () => {
    const seen = new Set(Array.from({ length: 500 }, () => generateOpaqueSecret('mt_')));
    expect(seen.size).toBe(500);
  });
});
