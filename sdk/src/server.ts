/**
 * `@authlens/nextjs/server`: the server API of `@clerk/nextjs/server` —
 * code written for Clerk works after changing only the import.
 */

export * from './backend.js';
export { auth } from './next/auth.js';
// Next-aware: a request's keys given to clerkMiddleware() as options (this export shadows the framework-free one).
export { clerkClient } from './next/clerk-client.js';
export {
  type ClerkMiddleware,
  type ClerkMiddlewareAuth,
  type ClerkMiddlewareHandler,
  type ClerkMiddlewareOptionsCallback,
  clerkMiddleware,
} from './next/clerk-middleware.js';
export { createRouteMatcher, MalformedUrlError, type RouteMatcherParam } from './next/create-route-matcher.js';
export { currentUser } from './next/current-user.js';
export {
  AuthMiddlewareMissingError,
  HandoffInvalidError,
  MissingEncryptionKeyError,
  MissingSignInUrlError,
  RedirectNotAllowedError,
} from './next/errors.js';
export { InvalidRoutePatternError } from './next/path-pattern.js';
export type * from './types.js';
