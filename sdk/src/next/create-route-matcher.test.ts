import { createPathMatcher } from '@clerk/shared/pathMatcher';
import { describe, expect, it } from 'vitest';
import { createRouteMatcher, MalformedUrlError } from './create-route-matcher.js';

const req = (path: string) => new Request(`http://app.test${path}`);

describe('createRouteMatcher', () => {
  it('matches string patterns, RegExps and arrays of both', () => {
    const isProtected = createRouteMatcher(['/dashboard(.*)', /^\/admin/, '/api/private/:id']);
    expect(isProtected(req('/dashboard'))).toBe(true);
    expect(isProtected(req('/dashboard/a/b?x=1'))).toBe(true);
    expect(isProtected(req('/admin/users'))).toBe(true);
    expect(isProtected(req('/api/private/7'))).toBe(true);
    expect(isProtected(req('/api/private/7/8'))).toBe(false);
    expect(isProtected(req('/'))).toBe(false);
    expect(createRouteMatcher('/only')(req('/only'))).toBe(true);
  });

  it('takes a function of the request as it is', () => {
    const m = createRouteMatcher((r) => r.headers.get('x-flag') === '1');
    expect(m(new Request('http://app.test/', { headers: { 'x-flag': '1' } }))).toBe(true);
    expect(m(req('/'))).toBe(false);
  });

  it('normalises the path so extra slashes or encoded letters cannot bypass a pattern', () => {
    const m = createRouteMatcher('/dashboard(.*)');
    expect(m(req('//dashboard'))).toBe(true);
    expect(m(req('/%64ashboard'))).toBe(true);
  });

  it('agrees with Clerk on a set of paths', () => {
    const routes = ['/dashboard(.*)', '/api/:path*', '/users/:id'];
    const ours = createRouteMatcher(routes);
    const clerks = createPathMatcher(routes);
    for (const p of [
      '/',
      '/dashboard',
      '/dashboardx',
      '/api',
      '/api/a/b',
      '/users',
      '/users/1',
      '/users/1/2',
      '//api',
    ]) {
      expect(ours(req(p)), p).toBe(clerks(p));
    }
  });

  it('throws a typed error for malformed percent-encoding', () => {
    const m = createRouteMatcher('/x');
    expect(() => m(req('/%E0%A4%A'))).toThrow(MalformedUrlError);
  });

  it('uses nextUrl when the request has one', () => {
    const r = Object.assign(req('/elsewhere'), { nextUrl: new URL('http://app.test/dashboard') });
    expect(createRouteMatcher('/dashboard')(r)).toBe(true);
  });
});
