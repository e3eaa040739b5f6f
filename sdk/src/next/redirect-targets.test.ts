import { describe, expect, it } from 'vitest';
import { RedirectNotAllowedError } from './errors.js';
import { authPageUrl, checkedRedirectTarget, type RedirectContext } from './redirect-targets.js';

const ctx: RedirectContext = {
  requestUrl: 'http://app.test:3000/dashboard?tab=1',
  signInUrl: 'http://backend.test:4000/sign-in',
  signUpUrl: '/sign-up',
  allowedRedirectOrigins: ['https://partner.test', /^https:\/\/[a-z]+\.trusted\.test$/],
};

describe('authPageUrl', () => {
  it('adds the current URL as redirect_url by default', () => {
    const url = new URL(authPageUrl('sign-in', ctx));
    expect(url.origin + url.pathname).toBe('http://backend.test:4000/sign-in');
    expect(url.searchParams.get('redirect_url')).toBe('http://app.test:3000/dashboard?tab=1');
  });

  it('resolves a relative returnBackUrl against the request, and omits it when null', () => {
    expect(new URL(authPageUrl('sign-in', ctx, '/dashboard')).searchParams.get('redirect_url')).toBe(
      'http://app.test:3000/dashboard',
    );
    expect(new URL(authPageUrl('sign-in', ctx, null)).searchParams.has('redirect_url')).toBe(false);
    expect(authPageUrl('sign-up', ctx, null)).toBe('http://app.test:3000/sign-up');
  });

  it('refuses an off-origin returnBackUrl unless its origin is allowed', () => {
    expect(() => authPageUrl('sign-in', ctx, 'https://evil.test/x')).toThrow(RedirectNotAllowedError);
    expect(() => authPageUrl('sign-in', ctx, '//evil.test/x')).toThrow(RedirectNotAllowedError);
    expect(() => authPageUrl('sign-in', ctx, 'javascript:alert(1)')).toThrow(RedirectNotAllowedError);
    expect(() => authPageUrl('sign-in', ctx, new URL('http://backend.test:4000/'))).toThrow(RedirectNotAllowedError);
    expect(new URL(authPageUrl('sign-in', ctx, 'https://partner.test/back')).searchParams.get('redirect_url')).toBe(
      'https://partner.test/back',
    );
    expect(authPageUrl('sign-in', ctx, 'https://a.trusted.test/')).toContain('redirect_url=');
  });

  it('fails with a typed error naming the missing page and its setting when no URL is configured', () => {
    expect(() => authPageUrl('sign-in', { ...ctx, signInUrl: null })).toThrow(
      expect.objectContaining({
        code: 'ERR_MISSING_SIGN_IN_URL',
        which: 'sign-in',
        message: expect.stringContaining('NEXT_PUBLIC_CLERK_SIGN_IN_URL'),
      }),
    );
    expect(() => authPageUrl('sign-up', { ...ctx, signUpUrl: null })).toThrow(
      expect.objectContaining({
        code: 'ERR_MISSING_SIGN_IN_URL',
        which: 'sign-up',
        message: expect.stringContaining('NEXT_PUBLIC_CLERK_SIGN_UP_URL'),
      }),
    );
  });
});

describe('checkedRedirectTarget', () => {
  it('accepts paths, the app’s origin, allowed origins and the sign-in/up pages’ origins', () => {
    expect(checkedRedirectTarget('/upgrade', ctx, 'unauthorizedUrl')).toBe('http://app.test:3000/upgrade');
    expect(checkedRedirectTarget('https://partner.test/p', ctx, 'unauthorizedUrl')).toBe('https://partner.test/p');
    expect(checkedRedirectTarget('http://backend.test:4000/sign-in', ctx, 'unauthenticatedUrl')).toBe(
      'http://backend.test:4000/sign-in',
    );
  });

  it('refuses other origins, naming the option', () => {
    try {
      checkedRedirectTarget('https://evil.test/', ctx, 'unauthorizedUrl');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RedirectNotAllowedError);
      expect((e as RedirectNotAllowedError).code).toBe('ERR_REDIRECT_NOT_ALLOWED');
      expect((e as Error).message).toContain('unauthorizedUrl');
      expect((e as Error).message).not.toContain('evil');
    }
  });
});
