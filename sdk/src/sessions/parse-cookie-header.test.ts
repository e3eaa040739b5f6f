import { describe, expect, it } from 'vitest';
import { parseCookieHeader } from './parse-cookie-header.js';

describe('parseCookieHeader', () => {
  it('reads names and values; the first of a repeated name wins', () => {
    const cookies = parseCookieHeader('__session=a.b.c; __client_uat=123;__session=other; junk; =x');
    expect([...cookies]).toEqual([
      ['__session', 'a.b.c'],
      ['__client_uat', '123'],
    ]);
  });

  it('drops quotes and decodes %-escapes that decode', () => {
    const cookies = parseCookieHeader('a="quoted"; b=x%3Dy; c=100%');
    expect(cookies.get('a')).toBe('quoted');
    expect(cookies.get('b')).toBe('x=y');
    expect(cookies.get('c')).toBe('100%');
  });

  it('is empty without a header', () => {
    expect(parseCookieHeader(null).size).toBe(0);
  });
});
