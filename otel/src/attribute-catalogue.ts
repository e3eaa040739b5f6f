import { AttributeName } from './attribute-names.js';
import { CACHE_NAME_DESCRIPTIONS } from './values/cache-name.js';
import { DEDUPE_RESULT_DESCRIPTIONS } from './values/dedupe-result.js';
import { JWKS_CACHE_RESULT_DESCRIPTIONS } from './values/jwks-cache-result.js';
import { OUTCOME_DESCRIPTIONS } from './values/outcome.js';
import { PENDING_POLICY_DESCRIPTIONS } from './values/pending-policy.js';
import { PROTECT_REQUIREMENT_KIND_DESCRIPTIONS } from './values/protect-requirement-kind.js';
import { REASON_DESCRIPTIONS } from './values/reason.js';
import { REQUEST_KIND_DESCRIPTIONS } from './values/request-kind.js';
import { SESSION_STATUS_DESCRIPTIONS } from './values/session-status.js';
import { TOKEN_SOURCE_DESCRIPTIONS } from './values/token-source.js';
import { TOKEN_TYPE_DESCRIPTIONS } from './values/token-type.js';
import { VERIFICATION_RESULT_DESCRIPTIONS } from './values/verification-result.js';

export type AttributeValueType = 'string' | 'int' | 'boolean' | 'string[]';

export interface AttributeSpec {
  readonly type: AttributeValueType;
  readonly description: string;
  /** For enumerated attributes: every allowed value with its meaning. */
  readonly values?: Readonly<Record<string, string>>;
}

/** One entry per attribute; the type forces a description for every name in `AttributeName`. */
export const ATTRIBUTE_CATALOGUE: { readonly [Name in AttributeName]: AttributeSpec } = {
  [AttributeName.userId]: {
    type: 'string',
    description:
      'The signed-in user id (`user_…`); for machine tokens, the subject; on a token verification, the user of a session token refused only for its time (expired, not yet valid).',
  },
  [AttributeName.userName]: {
    type: 'string',
    description:
      'The user’s username, else their first and last name, as `currentUser()` got it from the Backend API (never an email).',
  },
  [AttributeName.requestKindSignal]: {
    type: 'string',
    description:
      'The header that made `authlens.request.kind` what it is: `next-action`, `sec-fetch-dest: document`, `rsc: 1`, `next-url`, `accept: text/html`, or `none` (an API request).',
  },
  [AttributeName.serverActionId]: {
    type: 'string',
    description: 'The server action that ran: the id Next sends in `next-action` (a hash of the action, not a secret).',
  },
  [AttributeName.redirectTarget]: {
    type: 'string',
    description:
      'Where a redirect sent the browser: origin and path, with only the `redirect_url` parameter kept (its own `__clerk…`, `__session` and `__client` parameters dropped), so no token is recorded.',
  },
  [AttributeName.sessionId]: { type: 'string', description: 'The session id (`sess_…`) of a session token.' },
  [AttributeName.httpRequestMethod]: {
    type: 'string',
    description: 'The HTTP method of the request, or of the Backend API call.',
  },
  [AttributeName.httpRoute]: { type: 'string', description: 'The app route template (`/dashboard/[id]`) when known.' },
  [AttributeName.urlPath]: { type: 'string', description: 'The request path, without the query string.' },
  [AttributeName.urlTemplate]: {
    type: 'string',
    description: 'The Backend API path template (`/v1/users/{user_id}`); the raw id is never in a span name.',
  },
  [AttributeName.httpResponseStatusCode]: {
    type: 'int',
    description: 'The status the decision answers with (307, 404, 401), or the Backend API response status.',
  },
  [AttributeName.errorType]: {
    type: 'string',
    description: 'On failed spans (status ERROR): the stable error code, like `ERR_BACKEND_API_TIMEOUT`.',
  },
  [AttributeName.outcome]: {
    type: 'string',
    description: 'What the decision point decided.',
    values: OUTCOME_DESCRIPTIONS,
  },
  [AttributeName.reason]: { type: 'string', description: 'Why it decided so.', values: REASON_DESCRIPTIONS },
  [AttributeName.requestKind]: {
    type: 'string',
    description: 'How the request was classified from its headers.',
    values: REQUEST_KIND_DESCRIPTIONS,
  },
  [AttributeName.requestId]: {
    type: 'string',
    description:
      'The per-request id the middleware signs into the handoff; joins middleware and render spans, and a handshake redirect with the request that comes back from the Frontend API.',
  },
  [AttributeName.tokenType]: {
    type: 'string',
    description: 'The type of the token presented.',
    values: TOKEN_TYPE_DESCRIPTIONS,
  },
  [AttributeName.tokenSource]: {
    type: 'string',
    description: 'Where the token was read from.',
    values: TOKEN_SOURCE_DESCRIPTIONS,
  },
  [AttributeName.tokenAlgorithm]: { type: 'string', description: 'The JWT `alg` header (`RS256`…).' },
  [AttributeName.tokenKid]: { type: 'string', description: 'The JWT `kid` header: which signing key.' },
  [AttributeName.tokenExpiresAt]: {
    type: 'int',
    description: 'The token `exp` claim (Unix seconds), so "expired 12 s ago" can be told.',
  },
  [AttributeName.tokenNotBefore]: { type: 'int', description: 'The token `nbf` claim (Unix seconds).' },
  [AttributeName.tokenIssuedAt]: { type: 'int', description: 'The token `iat` claim (Unix seconds).' },
  [AttributeName.tokenClockSkewMs]: {
    type: 'int',
    description: 'The clock skew allowed when `exp` and `nbf` were checked (ms, `clockSkewInMs`).',
  },
  [AttributeName.verificationResult]: {
    type: 'string',
    description: 'Whether the token verified.',
    values: VERIFICATION_RESULT_DESCRIPTIONS,
  },
  [AttributeName.verifiedTokenCacheHit]: {
    type: 'boolean',
    description: 'True when the token was in the verified-token cache (JWT or machine token) and not verified again.',
  },
  [AttributeName.jwksCacheResult]: {
    type: 'string',
    description: 'Where the verification key came from.',
    values: JWKS_CACHE_RESULT_DESCRIPTIONS,
  },
  [AttributeName.sessionStatus]: {
    type: 'string',
    description: 'The session status (`sts`).',
    values: SESSION_STATUS_DESCRIPTIONS,
  },
  [AttributeName.pendingPolicy]: {
    type: 'string',
    description: 'How pending sessions were treated by this call.',
    values: PENDING_POLICY_DESCRIPTIONS,
  },
  [AttributeName.acceptsToken]: {
    type: 'string[]',
    description: 'The token types the call accepts (`acceptsToken`, `protect({ token })`); `any` for all.',
  },
  [AttributeName.acceptsTokenMatched]: {
    type: 'boolean',
    description: 'Whether the presented token type is among the accepted ones.',
  },
  [AttributeName.orgId]: { type: 'string', description: 'The active organization id (`org_…`), if any.' },
  [AttributeName.orgRole]: { type: 'string', description: 'The active organization role, normalised (`org:member`).' },
  [AttributeName.protectRequirementKind]: {
    type: 'string',
    description: 'What `auth.protect()` was asked to check.',
    values: PROTECT_REQUIREMENT_KIND_DESCRIPTIONS,
  },
  [AttributeName.protectRequirementValue]: {
    type: 'string',
    description:
      'The role or permission asked for, normalised (`org:admin`), or the token type; absent for conditions.',
  },
  [AttributeName.dedupeResult]: {
    type: 'string',
    description: 'How `currentUser()` was served.',
    values: DEDUPE_RESULT_DESCRIPTIONS,
  },
  [AttributeName.userCacheHit]: {
    type: 'boolean',
    description:
      'With the user cache on (`AUTHLENS_USER_CACHE_TTL`): true when the user came from it, false when the Backend API was asked.',
  },
  [AttributeName.storeScope]: {
    type: 'string',
    description: 'Whether the budget figure or cache entry is shared by every server (Redis) or local to this process.',
    values: {
      fleet: 'Shared by every server of the app through Redis (`AUTHLENS_REDIS_URL`).',
      local: 'This process’s own: no shared store configured, or it did not answer and the SDK fell back.',
    },
  },
  [AttributeName.rateLimitLimit]: {
    type: 'int',
    description: 'The Backend API `RateLimit-Limit`: requests per window.',
  },
  [AttributeName.rateLimitRemaining]: {
    type: 'int',
    description: 'The Backend API `RateLimit-Remaining`: requests left in the window.',
  },
  [AttributeName.rateLimitReset]: {
    type: 'int',
    description: 'The Backend API `RateLimit-Reset`: seconds until the window resets.',
  },
  [AttributeName.retryAfter]: { type: 'int', description: 'The `Retry-After` of a 429, in seconds.' },
  [AttributeName.retryCount]: {
    type: 'int',
    description: 'How many times the Backend API call was retried (after a 429).',
  },
  [AttributeName.clerkTraceId]: {
    type: 'string',
    description: 'The Backend API trace id of an error response (`clerk_trace_id`).',
  },
  [AttributeName.tokenTemplate]: { type: 'string', description: 'The JWT template asked of `getToken({ template })`.' },
  [AttributeName.cacheName]: {
    type: 'string',
    description: 'Which of the SDK’s in-memory caches a size is of.',
    values: CACHE_NAME_DESCRIPTIONS,
  },
  [AttributeName.cacheCapacity]: { type: 'int', description: 'The most entries the cache may hold.' },
};
