/**
 * Route patterns as `createRouteMatcher()` takes them, compiled by `path-to-regexp` 6.3 — the version
 * `@clerk/shared` vendors for Clerk's matcher — with its defaults: case-insensitive, anchored at both ends,
 * an optional trailing delimiter allowed. Same library, same options: the same RegExp as Clerk by construction.
 */
import { pathToRegexp } from 'path-to-regexp';
import { AuthlensError } from '../errors.js';

export class InvalidRoutePatternError extends AuthlensError {
  constructor(pattern: string, problem: string, options?: { cause?: unknown }) {
    super('ERR_INVALID_ROUTE_PATTERN', `authlens: invalid route pattern "${pattern}": ${problem}`, options);
  }
}

/** Compiles a path-to-regexp 6.x pattern to a RegExp that matches whole pathnames. */
export function compilePathPattern(pattern: string): RegExp {
  try {
    return pathToRegexp(pattern);
  } catch (cause) {
    // path-to-regexp throws a TypeError naming the problem and its position.
    throw new InvalidRoutePatternError(pattern, cause instanceof Error ? cause.message : String(cause), { cause });
  }
}
