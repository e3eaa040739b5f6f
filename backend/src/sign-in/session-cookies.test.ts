import { describe, expect, it } from 'vitest';
import { readCookie, signedInCookies, signedOutCookies } from './session-cookies.js';

describe('signedInCookies', () => {
  it('sets __session and __client_uat on / with SameSite=Lax and the token lifetime', () => {
    const [session, uat] = signedInCookies({
      token: 'a.b.c',
      clientUatSeconds: 1700000000.9,
      maxAgeSeconds: 3600,
      secure: false,
    });
    expect(session).toBe('__session=a.b.c; Path=/; Max-Age=3600; SameSite=Lax');
    expect(uat).toBe('__client_uat=1700000000; Path=/; Max-Age=3600; SameSite=Lax');
  });

  it('adds Secure when asked', () => {
    for (const cookie of signedInCookies({ token: 't', clientUatSeconds: 1, maxAgeSeconds: 1, secure: true })) {
      expect(cookie.endsWith('; Secure')).toBe(true);
    }
  });
});

describe('signedOutCookies', () => {
  it('expires both cookies', () => {
    expect(signedOutCookies(false)).toEqual([
      '__session=; Path=/; Max-Age=0; SameSite=Lax',
      '__client_uat=; Path=/; Max-Age=0; SameSite=Lax',
    ]);
  });
});

describe('readCookie', () => {
  it('finds a cookie among others, by exact name', () => {
    const header = '__session_abc=x; __session=the.jwt.value; __client_uat=17';
    expect(readCookie(header, '__session')).toBe('the.jwt.value');
    expect(readCookie(header, '__client_uat')).toBe('17');
    expect(readCookie(header, 'missing')).toBeNull();
    expect(readCookie(null, '__session')).toBeNull();
  });
});
