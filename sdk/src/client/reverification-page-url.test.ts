import { describe, expect, it } from 'vitest';
import { reverificationPageUrl } from './reverification-page-url.js';

const back = 'http://127.0.0.1:3000/sensitive?tab=1';
// The local backend's publishable key names 127.0.0.1:4000 (base64 of "127.0.0.1:4000$").
const localKey = `pk_test_${btoa('127.0.0.1:4000$')}`;

describe('reverificationPageUrl', () => {
  it('uses the sign-in URL’s origin, with the level and the way back', () => {
    const url = new URL(reverificationPageUrl('second_factor', back, { signInUrl: 'http://127.0.0.1:4000/sign-in' }));
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4000/reverify');
    expect(url.searchParams.get('level')).toBe('second_factor');
    expect(url.searchParams.get('redirect_url')).toBe(back);
  });

  it('falls back to the publishable key’s Account Portal, like the sign-in redirects', () => {
    const url = new URL(reverificationPageUrl(undefined, back, { signInUrl: '/sign-in', publishableKey: localKey }));
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:4000/reverify');
    expect(url.searchParams.has('level')).toBe(false);
  });

  it('takes an explicit page first', () => {
    const url = reverificationPageUrl('first_factor', back, {
      reverificationUrl: 'https://auth.example.com/verify-again',
      signInUrl: 'http://127.0.0.1:4000/sign-in',
    });
    expect(url.startsWith('https://auth.example.com/verify-again?level=first_factor&redirect_url=')).toBe(true);
  });

  it('throws ERR_REVERIFICATION_URL_MISSING when nothing names a page', () => {
    expect(() =>
      reverificationPageUrl('second_factor', back, { signInUrl: '/sign-in', publishableKey: 'nope' }),
    ).toThrow(expect.objectContaining({ code: 'ERR_REVERIFICATION_URL_MISSING' }));
    expect(() => reverificationPageUrl('second_factor', back, { reverificationUrl: 'javascript:alert(1)' })).toThrow(
      expect.objectContaining({ code: 'ERR_REVERIFICATION_URL_MISSING' }),
    );
  });
});
