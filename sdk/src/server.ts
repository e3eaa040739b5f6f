/**
 * `@authlens/nextjs/server`: the server API of `@clerk/nextjs/server` —
 * code written for Clerk works after changing only the import.
 */

export { reverificationError, reverificationErrorResponse } from './authorization/index.js';
export type { ClerkClient } from './backend-api/index.js';
export { BackendApiError, clerkClient, MachineTokenInvalidError } from './backend-api/index.js';
export { ConfigError, InvalidConfigError, MissingSecretKeyError } from './config.js';
export { AuthlensError } from './errors.js';
export { auth } from './next/auth.js';
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
  MissingSignInUrlError,
  RedirectNotAllowedError,
} from './next/errors.js';
export { InvalidRoutePatternError } from './next/path-pattern.js';
export {
  TokenVerificationError,
  type VerifyTokenOptions,
  type VerifyTokenResult,
  verifyToken,
  verifyTokenResult,
} from './tokens/index.js';
export type * from './types.js';
