/**
 * `@authlens/nextjs/backend`: the framework-free part of the SDK — token verification and the Backend API client —
 * for plain Node scripts, workers and tests. `@authlens/nextjs/server` re-exports the same functions for Next.js
 * apps; this entry imports nothing from `next`, so it loads without a bundler.
 */

export { reverificationError, reverificationErrorResponse } from './authorization/index.js';
export type { ClerkClient } from './backend-api/index.js';
export { BackendApiError, clerkClient, MachineTokenInvalidError } from './backend-api/index.js';
export { ConfigError, InvalidConfigError, MissingSecretKeyError } from './config.js';
export { AuthlensError } from './errors.js';
export {
  type JwtPayload,
  TokenVerificationError,
  type VerifyTokenOptions,
  type VerifyTokenResult,
  verifyToken,
  verifyTokenResult,
} from './tokens/index.js';
