import type { DedupeResult } from './values/dedupe-result.js';
import type { JwksCacheResult } from './values/jwks-cache-result.js';
import type { Outcome } from './values/outcome.js';
import type { PendingPolicy } from './values/pending-policy.js';
import type { ProtectRequirementKind } from './values/protect-requirement-kind.js';
import type { Reason } from './values/reason.js';
import type { RequestKind } from './values/request-kind.js';
import type { SessionStatus } from './values/session-status.js';
import type { TokenSource } from './values/token-source.js';
import type { TokenType } from './values/token-type.js';
import type { VerificationResult } from './values/verification-result.js';

/** One pass of `clerkMiddleware()` (an `authlens.middleware` span) of the request. */
export interface MiddlewarePass {
  readonly spanId: string;
  readonly startTimeMs: number;
  readonly endTimeMs: number;
  readonly path: string | null;
  readonly sessionId: string | null;
  readonly outcome: Outcome | null;
  readonly reason: Reason | null;
  readonly statusCode: number | null;
}

/** One `auth.protect()` call. */
export interface ProtectCall {
  readonly spanId: string;
  readonly requirementKind: ProtectRequirementKind | null;
  readonly requirementValue: string | null;
  readonly acceptsToken: readonly string[] | null;
  readonly outcome: Outcome | null;
  readonly reason: Reason | null;
  readonly statusCode: number | null;
  readonly durationMs: number;
}

/** One token verification. */
export interface Verification {
  readonly spanId: string;
  /** When verification started (Unix epoch ms): the "now" the token was judged against. */
  readonly timeMs: number;
  readonly tokenType: TokenType | null;
  readonly result: VerificationResult | null;
  readonly reason: Reason | null;
  readonly algorithm: string | null;
  readonly kid: string | null;
  readonly jwksCache: JwksCacheResult | null;
  readonly verifiedTokenCacheHit: boolean | null;
  /** The token `exp` / `nbf` claims, Unix seconds. */
  readonly expiresAt: number | null;
  readonly notBefore: number | null;
  /** The token `iat` claim, Unix seconds. */
  readonly issuedAt: number | null;
  /** The clock skew allowed when `exp`/`nbf` were checked, ms. */
  readonly clockSkewMs: number | null;
  readonly durationMs: number;
}

/** One `currentUser()` call. */
export interface CurrentUserCall {
  readonly spanId: string;
  readonly dedupe: DedupeResult | null;
  readonly userId: string | null;
  readonly durationMs: number;
}

/** One Backend API call (retries included). */
export interface BackendCall {
  readonly spanId: string;
  readonly method: string | null;
  readonly pathTemplate: string | null;
  readonly statusCode: number | null;
  readonly rateLimitLimit: number | null;
  readonly rateLimitRemaining: number | null;
  readonly rateLimitReset: number | null;
  readonly retryAfter: number | null;
  readonly retryCount: number;
  readonly clerkTraceId: string | null;
  readonly errorType: string | null;
  readonly durationMs: number;
}

/** One `getToken()` call. */
export interface GetTokenCall {
  readonly spanId: string;
  readonly template: string | null;
  readonly errorType: string | null;
  readonly durationMs: number;
}

/** A span that ended with status ERROR. */
export interface DecisionError {
  readonly spanId: string;
  readonly spanName: string;
  readonly errorType: string | null;
  readonly message: string | null;
}

/** One request's auth decision, assembled from its spans by `assembleDecisions`. */
export interface DecisionRecord {
  readonly traceId: string;
  readonly traceIds: readonly string[];
  readonly requestId: string | null;
  readonly startTimeMs: number;
  readonly endTimeMs: number;
  readonly method: string | null;
  readonly path: string | null;
  readonly route: string | null;
  readonly requestKind: RequestKind | null;
  readonly requestKindSignal: string | null;
  readonly serverActionId: string | null;
  readonly tokenSource: TokenSource | null;
  readonly tokenType: TokenType | null;
  readonly sessionStatus: SessionStatus | null;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly sessionId: string | null;
  readonly orgId: string | null;
  readonly orgRole: string | null;
  readonly pendingPolicy: PendingPolicy | null;
  readonly acceptsToken: readonly string[] | null;
  readonly acceptsTokenMatched: boolean | null;
  readonly outcome: Outcome | null;
  readonly reason: Reason | null;
  readonly statusCode: number | null;
  readonly redirectTarget: string | null;
  readonly protect: ProtectCall | null;
  readonly middlewarePasses: readonly MiddlewarePass[];
  readonly protectCalls: readonly ProtectCall[];
  readonly authLatencyMs: number;
  readonly verifications: readonly Verification[];
  readonly currentUserCalls: readonly CurrentUserCall[];
  readonly backendCalls: readonly BackendCall[];
  readonly getTokenCalls: readonly GetTokenCall[];
  readonly errors: readonly DecisionError[];
  readonly spanIds: readonly string[];
}

/** A sentence for every field of `DecisionRecord`; the type keeps it complete. */
export const DECISION_RECORD_FIELDS: { readonly [Field in keyof DecisionRecord]-?: string } = {
  traceId: 'The trace id of the request’s first authlens span (the deep-link id).',
  traceIds: 'Every trace the request’s spans are in (middleware and render may be linked rather than one trace).',
  requestId: 'The signed per-request id (`authlens.request.id`) that joins middleware and render.',
  startTimeMs: 'When the first authlens span of the request started (Unix epoch ms).',
  endTimeMs: 'When the last one ended.',
  method: 'The HTTP method.',
  path: 'The request path (`url.path`).',
  route: 'The app route template (`http.route`), when known.',
  requestKind: 'document, api or server_action.',
  requestKindSignal: 'The header that made the request kind what it is (`sec-fetch-dest: document`, `next-action`, …).',
  serverActionId: 'The server action that ran (the `next-action` id), for a server action.',
  tokenSource: 'cookie, header or none.',
  tokenType: 'The type of the token presented.',
  sessionStatus: 'The session status from the token.',
  userId: 'The user id (or machine subject), when signed in.',
  userName: 'The username (else first and last name) `currentUser()` got; never an email.',
  sessionId: 'The session id.',
  orgId: 'The active organization id.',
  orgRole: 'The active organization role.',
  pendingPolicy: 'How a pending session was treated.',
  acceptsToken: 'The token types `auth()` / `auth.protect()` accepted.',
  acceptsTokenMatched: 'Whether the presented token type was accepted.',
  outcome: 'The decision: the deciding `auth.protect()` outcome if it was called, else signed_in / signed_out.',
  reason: 'Why: the reason code of the deciding span.',
  statusCode: 'The status the decision answered with (307, 404, 401), when it was not a plain pass-through.',
  redirectTarget: 'Where the decision redirected the browser (sign-in URL with its `redirect_url`, …), tokens removed.',
  protect: 'The deciding `auth.protect()` call: the first that did not allow, else the last.',
  middlewarePasses:
    'Each `clerkMiddleware()` pass: outcome, reason, status, path, session (handshake, then resolution).',
  protectCalls: 'Every `auth.protect()` call: requirement kind and value, outcome, reason, status.',
  authLatencyMs: 'Wall time spent inside authlens spans (overlaps counted once).',
  verifications: 'Every token verification: result, reason, algorithm, kid, JWKS cache, verified-token cache, exp/nbf.',
  currentUserCalls: 'Every `currentUser()` call and how the dedupe served it.',
  backendCalls: 'Every Backend API call: method, path template, status, rate-limit budget, retries, Clerk trace id.',
  getTokenCalls: 'Every `getToken()` call and its template.',
  errors: 'Spans that failed (status ERROR) with their `error.type`.',
  spanIds: 'The ids of the authlens spans the record was assembled from.',
};
