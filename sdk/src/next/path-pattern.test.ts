import { pathToRegexp } from '@clerk/shared/pathToRegexp';
import { describe, expect, it } from 'vitest';
import { compilePathPattern, InvalidRoutePatternError } from './path-pattern.js';

// Patterns as people write them for Clerk's createRouteMatcher and Next's matcher.
const patterns = [
  '/dashboard(.*)',
  '/api/:path*',
  '/api/:path+',
  '/users/:id',
  '/users/:id?',
  '/files/:name.:ext',
  '/shop{/:category}?',
  '/blog{-:slug}?',
  '/(api|trpc)(.*)',
  '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
  '/',
  '/a\\(b\\)',
  '/org/:org/settings(.*)',
];

describe('compilePathPattern', () => {
  it('compiles to the same regular expression as path-to-regexp 6 (Clerk)', () => {
    for (const p of patterns) expect(compilePathPattern(p).source, p).toBe(pathToRegexp(p).source);
  });

  it('matches Clerk-style patterns the way users expect', () => {
    const dashboard = compilePathPattern('/dashboard(.*)');
    expect(dashboard.test('/dashboard')).toBe(true);
    expect(dashboard.test('/dashboard/settings')).toBe(true);
    expect(dashboard.test('/DASHBOARD')).toBe(true);
    expect(dashboard.test('/admin/dashboard')).toBe(false);
    const user = compilePathPattern('/users/:id');
    expect(user.test('/users/42')).toBe(true);
    expect(user.test('/users/42/')).toBe(true);
    expect(user.test('/users/42/posts')).toBe(false);
  });

  it('rejects malformed patterns with a typed error', () => {
    for (const bad of ['/a(', '/a(?x)', '/:', '/a{b', '/a*', '/(a(b))', '/:a:b']) {
      expect(() => compilePathPattern(bad), bad).toThrow(InvalidRoutePatternError);
    }
    expect(() => compilePathPattern('/a(')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ROUTE_PATTERN' }));
  });
});
