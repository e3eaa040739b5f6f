import { getCookieSuffix } from '@clerk/shared/keys';
import { describe, expect, it } from 'vitest';
import {
  clientCookie,
  cookieSuffix,
  devBrowserCookies,
  readCookie,
  readSuffixedOrPlain,
  signedInCookies,
  signedOutCookies,
} from './frontend-cookies.js';

describe('cookieSuffix', () => {
  it('is Clerk’s getCookieSuffix', async () => {
    for (const key of [
      'pk_test_MTI3LjAuMC4xOjQwMDAk',
      `pk_test_${Buffer.from('localhost:61234$').toString('base64')}`,
    ]) {
      expect(cookieSuffix(key)).toBe(await getCookieSuffix(key));
    }
  });
});

describe('signedInCookies', () => {
  it('sets __session and __client_uat for a year, then their suffixed twins', () => {
    expect(signedInCookies('a.b.c', 1700000000.9, 'sfx', false)).toEqual([
      '__session=a.b.c; Path=/; Max-Age=31536000; SameSite=Lax',
      '__session_sfx=a.b.c; Path=/; Max-Age=31536000; SameSite=Lax',
      '__client_uat=1700000000; Path=/; Max-Age=31536000; SameSite=Lax',
      '__client_uat_sfx=1700000000; Path=/; Max-Age=31536000; SameSite=Lax',
    ]);
    expect(signedInCookies('t', 1, null, true)).toEqual([
      '__session=t; Path=/; Max-Age=31536000; SameSite=Lax; Secure',
      '__client_uat=1; Path=/; Max-Age=31536000; SameSite=Lax; Secure',
    ]);
  });
});

describe('signedOutCookies', () => {
  it('deletes __session and says __client_uat=0, as Clerk', () => {
    expect(signedOutCookies(null, false)).toEqual([
      '__session=; Path=/; Max-Age=0; SameSite=Lax',
      '__client_uat=0; Path=/; Max-Age=31536000; SameSite=Lax',
    ]);
    expect(signedOutCookies('sfx', false)).toHaveLength(4);
  });
});

describe('clientCookie and devBrowserCookies', () => {
  it('keep __client HttpOnly and the dev browser readable by the app', () => {
    expect(clientCookie('clt_x', false)).toBe('__client=clt_x; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly');
    expect(devBrowserCookies('dvb_x', null, false)).toEqual([
      '__clerk_db_jwt=dvb_x; Path=/; Max-Age=31536000; SameSite=Lax',
    ]);
  });
});

describe('readCookie', () => {
  it('finds a cookie among others by exact name; the suffixed form wins when present', () => {
    const header = '__session_abc=suffixed; __session=the.jwt.value; __client_uat=17';
    expect(readCookie(header, '__session')).toBe('the.jwt.value');
    expect(readCookie(header, 'missing')).toBeNull();
    expect(readCookie(null, '__session')).toBeNull();
    expect(readSuffixedOrPlain(header, '__session', 'abc')).toBe('suffixed');
    expect(readSuffixedOrPlain(header, '__client_uat', 'abc')).toBe('17');
  });
});
