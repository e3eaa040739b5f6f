/**
 * createRouteMatcher against Clerk's, pattern by pattern and path by path: `@clerk/shared`'s createPathMatcher (what
 * `@clerk/nextjs`'s createRouteMatcher runs on `req.nextUrl.pathname`) and its vendored `pathToRegexp`.
 */
import { createPathMatcher } from '@clerk/shared/pathMatcher';
import { pathToRegexp as clerkPathToRegexp } from '@clerk/shared/pathToRegexp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRouteMatcher, MalformedUrlError } from './create-route-matcher.js';
import { compilePathPattern, InvalidRoutePatternError } from './path-pattern.js';

const ORIGIN = 'http://app.test';

/** Clerk's createRouteMatcher for strings, RegExps and arrays: the path matcher on the request's pathname. */
function clerkMatcher(routes: string | RegExp | Array<string | RegExp>): (path: string) => boolean | 'malformed' {
  const match = createPathMatcher(routes);
  return (path) => {
    try {
      return match(new URL(ORIGIN + path).pathname);
    } catch (error) {
      if ((error as Error).name === 'MalformedURLError') return 'malformed';
      throw error;
    }
  };
}

function ourMatcher(routes: string | RegExp | Array<string | RegExp>): (path: string) => boolean | 'malformed' {
  const match = createRouteMatcher(routes);
  return (path) => {
    try {
      return match(new Request(new URL(ORIGIN + path)));
    } catch (error) {
      if (error instanceof MalformedUrlError) return 'malformed';
      throw error;
    }
  };
}

// Segments and shapes people write, combined below into the pattern corpus.
const stems = [
  '/dashboard',
  '/api',
  '/users',
  '/org/acme',
  '/Sign-In',
  '/files',
  '/a.b',
  '/caf%C3%A9',
  '/v1/x_y',
  '/x-y',
];
const tails = [
  '',
  '/',
  '(.*)',
  '/(.*)',
  '/:id',
  '/:id?',
  '/:path*',
  '/:path+',
  '/:id(\\d+)',
  '/:name.:ext',
  '{/:slug}?',
  '{-:slug}?',
  '/:a/:b',
  '/(foo|bar)',
  '/\\(x\\)',
  '/*',
  '.json',
  '/:id/edit',
  '/:id+',
  '(/.*)?',
];
const handWritten = [
  '/',
  '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
  '/(api|trpc)(.*)',
  '/:locale/dashboard(.*)',
  '/:locale?/dashboard(.*)',
  '/(.*)',
  '(.*)',
  '/shop{/:category}?{/:item}?',
  '/files/:path+.:ext',
  '/u/:user([a-z]+)',
  '/%64ashboard',
  '/dash%2Fboard',
  '//dashboard',
  '/a//b',
  '/.well-known/(.*)',
  '/./dashboard',
  '/DASHBOARD',
  '/dashboard/',
  '/:a-:b',
  '/:a.:b.:c',
  '/{a}?',
  '/:x*/end',
  '/api/:v(v1|v2)/:rest*',
  '/über',
  '/a\\:b',
  '/x?y',
  '/a+',
  '/#hash',
  // Invalid in path-to-regexp 6: both must refuse them.
  '/a(',
  '/a(?x)',
  '/:',
  '/a{b',
  '/(a(b))',
  '/:a:b',
  '/a(b))',
  '/{:a}*x',
  '/()',
];

const patterns = [...new Set([...stems.flatMap((s) => tails.map((t) => s + t)), ...handWritten])];

const paths = [
  '/',
  '/dashboard',
  '/dashboard/',
  '/dashboard//',
  '/DASHBOARD',
  '/Dashboard/Settings',
  '/dashboardx',
  '/dashboard/settings/profile',
  '//dashboard',
  '///dashboard//settings',
  '/%64ashboard',
  '/%64ASHBOARD/x',
  '/dash%2Fboard',
  '/dashboard%2Fsettings',
  '/dashboard/%2e%2e/admin',
  '/dashboard/./x',
  '/dashboard/../admin',
  '/dashboard.json',
  '/dashboard/a.b',
  '/dashboard/42',
  '/dashboard/42/edit',
  '/dashboard/x-y',
  '/dashboard/foo',
  '/dashboard/(x)',
  '/dashboard/%28x%29',
  '/dashboard?x=1',
  '/dashboard#frag',
  '/dashboard/%E0%A4%A',
  '/%ZZ',
  '/api',
  '/api/',
  '/api/users/7',
  '/API/Users',
  '/api/v1/x',
  '/api.json',
  '/trpc/x',
  '/users',
  '/users/1',
  '/users/1/',
  '/users/1/2',
  '/users/abc/edit',
  '/users/1.json',
  '/org/acme',
  '/org/acme/settings',
  '/ORG/ACME',
  '/sign-in',
  '/Sign-In/factor-one',
  '/files/a.b',
  '/files/dir/a.tar.gz',
  '/a.b',
  '/a.b/c',
  '/aXb',
  '/caf%C3%A9',
  '/café',
  '/caf%C3%A9/x',
  '/v1/x_y/z',
  '/_next/static/chunk.js',
  '/favicon.ico',
  '/image.png',
  '/data.json',
  '/.well-known/openid-configuration',
  '/en/dashboard/x',
  '/shop',
  '/shop/shoes',
  '/shop/shoes/red',
  '/u/alice',
  '/u/Alice9',
  '/über',
  '/%C3%BCber',
  '/a:b',
  '/a-b',
  '/x/y/end',
  '/api/v3/x',
];

describe('createRouteMatcher, differential against Clerk (@clerk/shared path-to-regexp)', () => {
  it(`compiles ${patterns.length} patterns to Clerk's RegExp, or refuses the same ones with a typed error`, () => {
    expect(patterns.length).toBeGreaterThanOrEqual(200);
    let refused = 0;
    for (const pattern of patterns) {
      let clerks: RegExp | undefined;
      try {
        clerks = clerkPathToRegexp(pattern);
      } catch {
        clerks = undefined;
      }
      if (clerks === undefined) {
        refused++;
        expect(() => compilePathPattern(pattern), pattern).toThrow(InvalidRoutePatternError);
      } else {
        const ours = compilePathPattern(pattern);
        expect([ours.source, ours.flags], pattern).toEqual([clerks.source, clerks.flags]);
      }
    }
    expect(refused).toBeGreaterThanOrEqual(9);
  });

  it(`gives Clerk's verdict for every valid pattern × ${paths.length} paths (encoded, dotted, doubled slashes, case)`, () => {
    let valid = 0;
    for (const pattern of patterns) {
      try {
        clerkPathToRegexp(pattern);
      } catch {
        continue;
      }
      valid++;
      const ours = ourMatcher(pattern);
      const clerks = clerkMatcher(pattern);
      for (const path of paths) {
        expect(ours(path), `${pattern} ~ ${path}`).toBe(clerks(path));
      }
    }
    expect(valid).toBeGreaterThanOrEqual(200);
  });

  it('gives the same verdicts for arrays of patterns and RegExps', () => {
    const routes: Array<string | RegExp | Array<string | RegExp>> = [
      ['/dashboard(.*)', '/api/:path*'],
      ['/users/:id', /^\/admin/],
      [/^\/ADMIN/i, /\/settings$/],
      /^\/a\.b/,
      /dashboard/,
      ['', '/only'],
      [],
      ['/org/:org/settings(.*)', '/(api|trpc)(.*)', /\.json$/],
    ];
    for (const route of routes) {
      const ours = ourMatcher(route);
      const clerks = clerkMatcher(route);
      for (const path of paths) expect(ours(path), `${String(route)} ~ ${path}`).toBe(clerks(path));
    }
  });

  it('passes functions the request itself, as Clerk does', () => {
    const seen: string[] = [];
    const matcher = createRouteMatcher((req) => {
      seen.push(new URL(req.url).pathname);
      return req.headers.get('x-admin') === '1';
    });
    expect(matcher(new Request(`${ORIGIN}/a`, { headers: { 'x-admin': '1' } }))).toBe(true);
    expect(matcher(new Request(`${ORIGIN}/b`))).toBe(false);
    expect(seen).toEqual(['/a', '/b']);
  });

  it('agrees on generated patterns and paths', () => {
    const piece = fc.constantFrom(
      '/',
      'a',
      'B',
      '.',
      '-',
      ':id',
      ':p',
      '(.*)',
      '(\\d+)',
      '*',
      '+',
      '?',
      '{',
      '}',
      '\\.',
      '(',
      ')',
      '%2F',
      '%41',
    );
    const pathPiece = fc.constantFrom('/', '//', 'a', 'A', 'b', '.', '..', '-', '1', '%2F', '%41', '%2e', 'x.json');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.array(pathPiece, { maxLength: 8 }), (parts, pathParts) => {
        const pattern = `/${parts.join('')}`;
        const path = `/${pathParts.join('')}`;
        let clerkCompiles = true;
        try {
          clerkPathToRegexp(pattern);
        } catch {
          clerkCompiles = false;
        }
        if (!clerkCompiles) {
          expect(() => compilePathPattern(pattern)).toThrow(InvalidRoutePatternError);
          return;
        }
        expect(ourMatcher(pattern)(path), `${pattern} ~ ${path}`).toBe(clerkMatcher(pattern)(path));
      }),
      { numRuns: 2000 },
    );
  });
});
