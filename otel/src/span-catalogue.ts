import { AttributeName as A } from './attribute-names.js';
import { SpanName } from './span-names.js';

export interface SpanSpec {
  /** The span kind the SDK starts it with. */
  readonly kind: 'internal' | 'client';
  readonly description: string;
  /** The attributes this span carries when they apply (besides `error.type` on failure). */
  readonly attributes: readonly A[];
}

/** One entry per span; the type forces a description for every name in `SpanName`. */
export const SPAN_CATALOGUE: { readonly [Name in SpanName]: SpanSpec } = {
  [SpanName.middleware]: {
    kind: 'internal',
    description:
      '`clerkMiddleware()` handling one request (a child of Next’s own middleware span when Next traces, else of the request’s `traceparent`): classify, read and verify the token (Clerk’s cookie protocol: a handshake redirect answers the request itself), run the handler, sign the handoff.',
    attributes: [
      A.requestId,
      A.httpRequestMethod,
      A.urlPath,
      A.httpRoute,
      A.requestKind,
      A.requestKindSignal,
      A.serverActionId,
      A.redirectTarget,
      A.tokenSource,
      A.tokenType,
      A.sessionStatus,
      A.userId,
      A.sessionId,
      A.orgId,
      A.orgRole,
      A.outcome,
      A.reason,
      A.httpResponseStatusCode,
    ],
  },
  [SpanName.tokenVerify]: {
    kind: 'internal',
    description:
      'Verifying one token: networkless for session JWTs (JWKS cached); opaque machine tokens by a Backend API call unless the form, a cache or the reserve decides.',
    attributes: [
      A.tokenType,
      A.tokenAlgorithm,
      A.tokenKid,
      A.tokenExpiresAt,
      A.tokenNotBefore,
      A.tokenIssuedAt,
      A.tokenClockSkewMs,
      A.jwksCacheResult,
      A.verifiedTokenCacheHit,
      A.verificationResult,
      A.reason,
      A.userId,
      A.sessionId,
    ],
  },
  [SpanName.auth]: {
    kind: 'internal',
    description: '`auth()` reading the signed request state in a Server Component, Route Handler or Server Action.',
    attributes: [
      A.requestId,
      A.tokenType,
      A.sessionStatus,
      A.pendingPolicy,
      A.acceptsToken,
      A.acceptsTokenMatched,
      A.userId,
      A.sessionId,
      A.orgId,
      A.orgRole,
      A.outcome,
      A.reason,
    ],
  },
  [SpanName.protect]: {
    kind: 'internal',
    description: '`auth.protect()` deciding allow, redirect, 404 or 401.',
    attributes: [
      A.requestId,
      A.requestKind,
      A.protectRequirementKind,
      A.protectRequirementValue,
      A.acceptsToken,
      A.tokenType,
      A.pendingPolicy,
      A.orgRole,
      A.outcome,
      A.reason,
      A.httpResponseStatusCode,
      A.redirectTarget,
    ],
  },
  [SpanName.redirect]: {
    kind: 'internal',
    description:
      '`redirectToSignIn()` / `redirectToSignUp()` sending the browser to the sign-in or sign-up page, in a render or in the middleware: where to, and why the caller was not signed in.',
    attributes: [A.requestId, A.requestKind, A.outcome, A.reason, A.httpResponseStatusCode, A.redirectTarget],
  },
  [SpanName.currentUser]: {
    kind: 'internal',
    description: '`currentUser()`: the request-scoped dedupe and, on a miss, the Backend API call beneath it.',
    attributes: [A.requestId, A.userId, A.userName, A.pendingPolicy, A.dedupeResult, A.userCacheHit, A.storeScope],
  },
  [SpanName.backendRequest]: {
    kind: 'client',
    description:
      'One Backend API call, retries included (`traceparent` on it); one the rate-limit reserve kept from being sent has `error.type` and no status.',
    attributes: [
      A.httpRequestMethod,
      A.urlTemplate,
      A.httpResponseStatusCode,
      A.rateLimitLimit,
      A.rateLimitRemaining,
      A.rateLimitReset,
      A.retryAfter,
      A.retryCount,
      A.clerkTraceId,
      A.storeScope,
    ],
  },
  [SpanName.getToken]: {
    kind: 'internal',
    description: '`getToken({ template })`: the session token, or a JWT-template token from the Backend API.',
    attributes: [A.requestId, A.sessionId, A.tokenTemplate],
  },
};
