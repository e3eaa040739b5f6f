import { getCookieSuffix } from '@clerk/shared/keys';
import { describe, expect, it } from 'vitest';
import { cookieSuffix, suffixedCookieName } from './cookie-suffix.js';

describe('cookieSuffix', () => {
  it.each([
    `pk_test_${btoa('clerk.example.dev$')}`,
    `pk_live_${btoa('clerk.example.com$')}`,
    `pk_test_${btoa('127.0.0.1:4000$')}`,
  ])('is the suffix Clerk derives from %s', async (key) => {
    expect(await cookieSuffix(key)).toBe(await getCookieSuffix(key));
    expect(await cookieSuffix(key)).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });

  it('names suffixed cookies as Clerk does', () => {
    expect(suffixedCookieName('__session', 'AbC-_123')).toBe('__session_AbC-_123');
  });
});
