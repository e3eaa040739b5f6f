/**
 * `createRouteMatcher(routes)`: Clerk's helper for `clerkMiddleware` handlers.
 * Strings are path-to-regexp patterns (`'/dashboard(.*)'`), RegExps are used
 * as they are, a function decides by itself. Pathnames are normalised first
 * (percent-decoding of unreserved characters, repeated slashes collapsed) so
 * `//dashboard` or `/%64ashboard` cannot slip past a pattern.
 */
import { AuthlensError } from '../errors.js';
import { noteMatchedRoute } from '../telemetry/route-match.js';
import { compilePathPattern } from './path-pattern.js';

export type RouteMatcherParam = string | RegExp | Array<string | RegExp> | ((req: Request) => boolean);

/** The pathname has invalid percent-encoding; the middleware answers 400. */
export class MalformedUrlError extends AuthlensError {
  constructor() {
    super('ERR_MALFORMED_URL', 'authlens: the request path has malformed percent-encoding.');
  }
}

export function normalizePathname(pathname: string): string {
  let decoded: string;
  try {
    // decodeURI keeps reserved delimiters (%2F, %3F, %23) encoded, as routers do.
    decoded = decodeURI(pathname);
  } catch {
    throw new MalformedUrlError();
  }
  return decoded.replace(/\/\/+/g, '/');
}

function pathnameOf(req: Request): string {
  const nextUrl = (req as Request & { nextUrl?: URL }).nextUrl;
  return (nextUrl ?? new URL(req.url)).pathname;
}

export function createRouteMatcher(routes: RouteMatcherParam): (req: Request) => boolean {
  if (typeof routes === 'function') return (req) => routes(req);
  const patterns = (Array.isArray(routes) ? routes : [routes]).filter((r) => r !== '');
  const regexes = patterns.map((p) => (p instanceof RegExp ? p : compilePathPattern(p)));
  // As Clerk: no pattern matches nothing, without reading (or refusing) the path.
  if (regexes.length === 0) return () => false;
  return (req) => {
    const pathname = normalizePathname(pathnameOf(req));
    const index = regexes.findIndex((r) => {
      r.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
      return r.test(pathname);
    });
    if (index === -1) return false;
    // Telemetry: the pattern that matched names the route on the middleware span (`http.route`).
    noteMatchedRoute(patterns[index]!);
    return true;
  };
}
