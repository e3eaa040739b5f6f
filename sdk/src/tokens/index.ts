// Internal barrel of the tokens concern (not the public API: see server.ts).

export { opaqueTokenType } from '../backend-api/opaque-token-format.js';
export {
  isTokenVerificationError,
  TOKEN_ERROR_CODES,
  TokenVerificationError,
  type TokenVerificationErrorCode,
  type TokenVerificationReason,
} from '../token-verification-error.js';
export { base64UrlToBytes, base64UrlToUtf8, bytesToBase64Url } from './base64url.js';
export { type CryptoRuntime, defaultCryptoRuntime, getNodeCrypto } from './crypto-runtime.js';
export {
  API_KEY_PREFIX,
  classifyToken,
  detectTokenType,
  jwtTokenType,
  M2M_SUBJECT_PREFIX,
  M2M_TOKEN_PREFIX,
  OAUTH_TOKEN_PREFIX,
} from './detect-token-type.js';
export {
  decodeFeaturePermissions,
  encodeFeaturePermissions,
  splitScopedClaim,
} from './feature-permissions.js';
export { type Jwks, JwksCache, type JwksCacheOptions } from './jwks-cache.js';
export { isSupportedAlgorithm, type JwsAlgorithm } from './jws-algorithms.js';
export { assertJwtPolicy, DEFAULT_CLOCK_SKEW_MS, type JwtPolicy } from './jwt-policy.js';
export { type KeySource, PemKeySource, pemKeySource } from './key-source.js';
export {
  DEFAULT_NEGATIVE_TTL_MS,
  DEFAULT_POSITIVE_TTL_MS,
  MachineTokenCache,
  type MachineTokenCacheOptions,
  type MachineTokenLookup,
} from './machine-token-cache.js';
export {
  type JwsHeader,
  MAX_TOKEN_LENGTH,
  type ParsedJws,
  parseCompactJws,
  peekCompactJws,
} from './parse-compact-jws.js';
export {
  type RequestToken,
  readAuthorizationToken,
  readRequestToken,
  SESSION_COOKIE_NAME,
} from './read-request-token.js';
export { toSessionAuthState } from './session-auth-state.js';
export {
  isNonSessionCategory,
  JWT_CATEGORY_IGNORE,
  JWT_CATEGORY_JWT_TEMPLATE,
  JWT_CATEGORY_M2M_TOKEN,
  JWT_CATEGORY_SESSION_TOKEN,
} from './token-category.js';
export { MemoryVerdictStore, type MemoryVerdictStoreOptions, type VerdictStore } from './verdict-store.js';
export { createVerificationKey, type VerificationKey } from './verification-key.js';
export { DEFAULT_VERIFIED_TOKEN_CACHE_SIZE, VerifiedTokenCache } from './verified-token-cache.js';
export { JWT_TYPES, type JwtPayload, type VerifiedJwt, verifyJwt } from './verify-jwt.js';
export {
  type AcceptsToken,
  isTokenTypeAccepted,
  type VerifyMachineToken,
  type VerifyRequestTokenOptions,
  verifyRequestToken,
} from './verify-request-token.js';
export {
  resolveKeySource,
  sessionStateOf,
  type VerifySessionTokenOptions,
  verifySessionToken,
} from './verify-session-token.js';
export { type VerifyTokenOptions, type VerifyTokenResult, verifyToken, verifyTokenResult } from './verify-token.js';
