import type { MachineAuthState, MachineTokenType } from '../auth-state.js';
import type { UserCache } from '../fleet/user-cache.js';
import type { BackendApiError } from './backend-api-error.js';
import type { CallOptions } from './call-options.js';
import { type DeletedObject, deleteUser } from './delete-user.js';
import { type CachedUserResult, getCachedUser } from './get-cached-user.js';
import { getHandshakePayload, type HandshakePayload } from './get-handshake-payload.js';
import { getSession } from './get-session.js';
import { type GetSessionTokenOptions, getSessionToken } from './get-session-token.js';
import { getUser } from './get-user.js';
import { getUserList, type PaginatedResourceResponse, type UserListParams } from './get-user-list.js';
import { type Jwks, loadJwks } from './load-jwks.js';
import type { RateLimitSnapshot } from './rate-limit.js';
import type { RateLimitBudget } from './rate-limit-budget.js';
import {
  type BackendApiInstrument,
  type BackendApiRequest,
  type BackendApiResult,
  type BackendCallMeta,
  type BackendRequester,
  createBackendRequester,
} from './request.js';
import type { EmailAddress } from './resources/email-address.js';
import type { OAuthAccessToken } from './resources/oauth-access-token.js';
import type { Session } from './resources/session.js';
import type { CreateEmailAddressParams, User } from './resources/user.js';
import { type UpdateUserMetadataParams, type UpdateUserParams, updateUser, updateUserMetadata } from './update-user.js';
import { createEmailAddress, createUserActions, getOAuthAccessToken } from './user-actions.js';
import { type VerifiedMachineToken, verifyMachineToken, verifyMachineTokenRecord } from './verify-machine-token.js';

export interface BackendApiClientOptions {
  /** `CLERK_SECRET_KEY`. Calls fail with `ERR_BACKEND_API_INVALID_ARGUMENT` while it is missing. */
  secretKey: string | undefined;
  /** `CLERK_API_URL`, default `https://api.clerk.com`. */
  apiUrl?: string;
  apiVersion?: 'v1';
  /** Default `globalThis.fetch` (Node 18+, Edge). */
  fetch?: typeof fetch;
  /** Per attempt, default 10 000 ms. */
  timeoutMs?: number;
  /** A 429 is retried once when `Retry-After` ≤ this (seconds). Default 2. */
  maxRetryAfterSeconds?: number;
  /** Wraps each sent call (e.g. in a span); see {@link BackendApiInstrument}. */
  instrument?: BackendApiInstrument;
  /** Called once per sent call with its facts (method, path template, status, retries, rate limit, trace id). */
  onResponse?: (meta: BackendCallMeta, error: BackendApiError | null) => void;
  /**
   * Which calls may use which share of the rate-limit window. Default a `WindowBudget`: machine-token verifications
   * may not use the last 20% of the window (`ERR_BACKEND_API_BUDGET_RESERVED`, nothing sent).
   */
  budget?: RateLimitBudget;
  /**
   * The short-lived user cache `getCachedUser` reads through (opt-in); `updateUser`, `updateUserMetadata` and
   * `deleteUser` drop the user from it.
   */
  userCache?: UserCache;
}

/**
 * The SDK's Backend API client. Each call has a plain form (resolves with the value) and a `…Result` form that also
 * resolves with the call's {@link BackendCallMeta} (retries, rate limit, trace id, whether it joined a GET in flight).
 */
export interface BackendApiClient {
  /** The budget from the latest answer that carried `RateLimit-*` headers, or null before any. */
  readonly rateLimit: RateLimitSnapshot | null;
  readonly apiUrl: string;

  getUser(userId: string, options?: CallOptions): Promise<User>;
  getUserResult(userId: string, options?: CallOptions): Promise<BackendApiResult<User>>;
  /** `getUser` through the client's user cache when it has one (`currentUser()` uses it), else a plain call. */
  getCachedUser(userId: string, options?: CallOptions): Promise<CachedUserResult>;
  getUserList(params?: UserListParams, options?: CallOptions): Promise<PaginatedResourceResponse<User[]>>;
  deleteUser(userId: string, options?: CallOptions): Promise<DeletedObject>;
  updateUser(userId: string, params?: UpdateUserParams, options?: CallOptions): Promise<User>;
  updateUserMetadata(userId: string, params: UpdateUserMetadataParams, options?: CallOptions): Promise<User>;
  createEmailAddress(
    params: CreateEmailAddressParams & { userId: string },
    options?: CallOptions,
  ): Promise<EmailAddress>;
  getUserOauthAccessToken(userId: string, provider: string, options?: CallOptions): Promise<OAuthAccessToken[]>;

  getSession(sessionId: string, options?: CallOptions): Promise<Session>;
  /** Mints a session token (no template) or a JWT-template token; resolves with the JWT. */
  getSessionToken(sessionId: string, template?: string, options?: GetSessionTokenOptions): Promise<string>;
  getSessionTokenResult(
    sessionId: string,
    template?: string,
    options?: GetSessionTokenOptions,
  ): Promise<BackendApiResult<string>>;

  /**
   * Verifies an opaque machine token through the Backend API. Rejects with `MachineTokenInvalidError`
   * (`ERR_MACHINE_TOKEN_INVALID`) when the API refuses the token, with `BackendApiError` when the API fails.
   */
  verifyMachineToken(token: string, tokenType: MachineTokenType, options?: CallOptions): Promise<MachineAuthState>;
  verifyMachineTokenResult(
    token: string,
    tokenType: MachineTokenType,
    options?: CallOptions,
  ): Promise<BackendApiResult<MachineAuthState>>;
  /** The same check, resolving with the token record itself (Clerk's `M2MToken` / `APIKey` / `IdPOAuthAccessToken`). */
  verifyMachineTokenRecord(
    token: string,
    tokenType: MachineTokenType,
    options?: CallOptions,
  ): Promise<VerifiedMachineToken>;

  /** `GET /v1/clients/handshake_payload`: the cookie directives a handshake nonce stands for. */
  getHandshakePayload(nonce: string, options?: CallOptions): Promise<HandshakePayload>;

  /** `GET /v1/jwks`; the loader for the tokens helper's `JwksCache`. */
  loadJwks(options?: CallOptions): Promise<Jwks>;
  loadJwksResult(options?: CallOptions): Promise<BackendApiResult<Jwks>>;

  /** Any other Backend API call, with the same auth, timeout, retry, rate-limit tracking and GET coalescing. */
  request<T = unknown>(req: BackendApiRequest): Promise<BackendApiResult<T>>;
}

export function createBackendApiClient(options: BackendApiClientOptions): BackendApiClient {
  const requester: BackendRequester = createBackendRequester(options);
  const actions = createUserActions(requester);
  const data = async <T>(result: Promise<BackendApiResult<T>>): Promise<T> => (await result).data;
  const userCache = options.userCache;
  // The user changed through this client: the cached copy goes (after the change, so no read refills it with the old).
  const dropping = async <T>(userId: string, result: Promise<BackendApiResult<T>>): Promise<T> => {
    try {
      return (await result).data;
    } finally {
      await userCache?.drop(userId);
    }
  };

  return {
    get rateLimit() {
      return requester.rateLimit;
    },
    apiUrl: requester.apiUrl,
    getUser: (userId, opts) => data(getUser(requester, actions, userId, opts)),
    getUserResult: (userId, opts) => getUser(requester, actions, userId, opts),
    getCachedUser: async (userId, opts) => {
      if (userCache) return getCachedUser(requester, actions, userCache, userId, opts);
      const result = await getUser(requester, actions, userId, opts);
      return { data: result.data, cacheHit: false, scope: 'local', meta: result.meta };
    },
    getUserList: (params, opts) => data(getUserList(requester, actions, params, opts)),
    deleteUser: (userId, opts) => dropping(userId, deleteUser(requester, userId, opts)),
    updateUser: (userId, params, opts) => dropping(userId, updateUser(requester, actions, userId, params, opts)),
    updateUserMetadata: (userId, params, opts) =>
      dropping(userId, updateUserMetadata(requester, actions, userId, params, opts)),
    createEmailAddress: ({ userId, ...params }, opts) => data(createEmailAddress(requester, userId, params, opts)),
    getUserOauthAccessToken: (userId, provider, opts) => data(getOAuthAccessToken(requester, userId, provider, opts)),
    getSession: (sessionId, opts) => data(getSession(requester, sessionId, opts)),
    getSessionToken: (sessionId, template, opts) => data(getSessionToken(requester, sessionId, template, opts)),
    getSessionTokenResult: (sessionId, template, opts) => getSessionToken(requester, sessionId, template, opts),
    verifyMachineToken: (token, type, opts) => data(verifyMachineToken(requester, token, type, opts)),
    verifyMachineTokenResult: (token, type, opts) => verifyMachineToken(requester, token, type, opts),
    verifyMachineTokenRecord: (token, type, opts) => data(verifyMachineTokenRecord(requester, token, type, opts)),
    getHandshakePayload: (nonce, opts) => data(getHandshakePayload(requester, nonce, opts)),
    loadJwks: (opts) => data(loadJwks(requester, opts)),
    loadJwksResult: (opts) => loadJwks(requester, opts),
    request: (req) => requester.request(req),
  };
}
