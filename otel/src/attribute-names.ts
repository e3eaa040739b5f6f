/**
 * The attribute names authlens sets. Standard OpenTelemetry names where they exist, the `authlens.` namespace for the
 * rest. Tokens, cookie values, secret keys, emails and phone numbers are never attribute values; ids are.
 */
export const AttributeName = {
  // Standard (OpenTelemetry semantic conventions).
  userId: 'user.id',
  userName: 'user.name',
  sessionId: 'session.id',
  httpRequestMethod: 'http.request.method',
  httpRoute: 'http.route',
  urlPath: 'url.path',
  urlTemplate: 'url.template',
  httpResponseStatusCode: 'http.response.status_code',
  errorType: 'error.type',
  // The decision.
  outcome: 'authlens.outcome',
  reason: 'authlens.reason',
  requestKind: 'authlens.request.kind',
  requestId: 'authlens.request.id',
  requestKindSignal: 'authlens.request.kind.signal',
  serverActionId: 'authlens.server_action.id',
  redirectTarget: 'authlens.redirect.target',
  // The token.
  tokenType: 'authlens.token.type',
  tokenSource: 'authlens.token.source',
  tokenAlgorithm: 'authlens.token.algorithm',
  tokenKid: 'authlens.token.kid',
  tokenExpiresAt: 'authlens.token.expires_at',
  tokenNotBefore: 'authlens.token.not_before',
  tokenIssuedAt: 'authlens.token.issued_at',
  tokenClockSkewMs: 'authlens.token.clock_skew_ms',
  verificationResult: 'authlens.token.verification.result',
  verifiedTokenCacheHit: 'authlens.token.cache_hit',
  jwksCacheResult: 'authlens.jwks.cache',
  // The session and what the caller accepts.
  sessionStatus: 'authlens.session.status',
  pendingPolicy: 'authlens.session.pending_policy',
  acceptsToken: 'authlens.accepts_token',
  acceptsTokenMatched: 'authlens.accepts_token.matched',
  orgId: 'authlens.org.id',
  orgRole: 'authlens.org.role',
  // auth.protect().
  protectRequirementKind: 'authlens.protect.requirement.kind',
  protectRequirementValue: 'authlens.protect.requirement.value',
  // currentUser().
  dedupeResult: 'authlens.current_user.dedupe',
  userCacheHit: 'authlens.current_user.cache_hit',
  // State shared across servers (the fleet store).
  storeScope: 'authlens.store.scope',
  // Backend API.
  rateLimitLimit: 'authlens.rate_limit.limit',
  rateLimitRemaining: 'authlens.rate_limit.remaining',
  rateLimitReset: 'authlens.rate_limit.reset',
  retryAfter: 'authlens.rate_limit.retry_after',
  retryCount: 'authlens.backend.retry_count',
  clerkTraceId: 'authlens.clerk.trace_id',
  // getToken().
  tokenTemplate: 'authlens.get_token.template',
  // The SDK's caches (the cache-size gauge).
  cacheName: 'authlens.cache.name',
  cacheCapacity: 'authlens.cache.capacity',
} as const;

export type AttributeName = (typeof AttributeName)[keyof typeof AttributeName];
