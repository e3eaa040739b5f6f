import type { MachineTokenType } from '../auth-state.js';
import { envApiUrl, envSecretKey, MissingSecretKeyError } from '../config.js';
import type { BackendApiClient } from './create-backend-api-client.js';
import type { DeletedObject } from './delete-user.js';
import type { PaginatedResourceResponse, UserListParams } from './get-user-list.js';
import type { Jwks } from './load-jwks.js';
import type { RateLimitSnapshot } from './rate-limit.js';
import type { EmailAddress } from './resources/email-address.js';
import type { APIKey, IdPOAuthAccessToken, M2MToken } from './resources/machine-tokens.js';
import type { OAuthAccessToken } from './resources/oauth-access-token.js';
import type { Session } from './resources/session.js';
import type { CreateEmailAddressParams, User } from './resources/user.js';
import { getSharedBackendApiClient } from './shared-client.js';
import type { UpdateUserMetadataParams, UpdateUserParams } from './update-user.js';

/** @clerk/backend's `Token`: what `sessions.getToken` resolves with. */
export interface Token {
  jwt: string;
}

/**
 * The part of @clerk/backend's `ClerkClient` authlens implements, with its method names and return shapes. Errors
 * are authlens's typed ones: `BackendApiError` (status, retryAfter, clerkTraceId, errors) and, for the verify calls,
 * `MachineTokenInvalidError`.
 */
export interface ClerkClient {
  users: {
    getUser(userId: string): Promise<User>;
    getUserList(params?: UserListParams): Promise<PaginatedResourceResponse<User[]>>;
    deleteUser(userId: string): Promise<DeletedObject>;
    updateUser(userId: string, params?: UpdateUserParams): Promise<User>;
    updateUserMetadata(userId: string, params: UpdateUserMetadataParams): Promise<User>;
    getUserOauthAccessToken(userId: string, provider: string): Promise<PaginatedResourceResponse<OAuthAccessToken[]>>;
  };
  emailAddresses: {
    createEmailAddress(params: CreateEmailAddressParams & { userId: string }): Promise<EmailAddress>;
  };
  sessions: {
    getSession(sessionId: string): Promise<Session>;
    getToken(sessionId: string, template?: string, expiresInSeconds?: number): Promise<Token>;
  };
  m2m: { verify(params: { token: string }): Promise<M2MToken> };
  apiKeys: { verify(secret: string): Promise<APIKey> };
  idPOAuthAccessToken: { verify(accessToken: string): Promise<IdPOAuthAccessToken> };
  jwks: { getJwks(): Promise<Jwks> };
  /** Beyond Clerk: the instance's rate-limit budget from the latest answer. */
  readonly rateLimit: RateLimitSnapshot | null;
}

/** Clerk's namespaces over an authlens Backend API client. */
export function createClerkClient(client: BackendApiClient): ClerkClient {
  const verify = async <T>(token: string, type: MachineTokenType) =>
    (await client.verifyMachineTokenRecord(token, type)).token as T;
  return {
    users: {
      getUser: (userId) => client.getUser(userId),
      getUserList: (params) => client.getUserList(params),
      deleteUser: (userId) => client.deleteUser(userId),
      updateUser: (userId, params) => client.updateUser(userId, params),
      updateUserMetadata: (userId, params) => client.updateUserMetadata(userId, params),
      getUserOauthAccessToken: async (userId, provider) => {
        const data = await client.getUserOauthAccessToken(userId, provider);
        return { data, totalCount: data.length };
      },
    },
    emailAddresses: { createEmailAddress: (params) => client.createEmailAddress(params) },
    sessions: {
      getSession: (sessionId) => client.getSession(sessionId),
      getToken: async (sessionId, template, expiresInSeconds) => ({
        jwt: await client.getSessionToken(
          sessionId,
          template,
          expiresInSeconds === undefined ? undefined : { expiresInSeconds },
        ),
      }),
    },
    m2m: { verify: ({ token }) => verify<M2MToken>(token, 'm2m_token') },
    apiKeys: { verify: (secret) => verify<APIKey>(secret, 'api_key') },
    idPOAuthAccessToken: { verify: (accessToken) => verify<IdPOAuthAccessToken>(accessToken, 'oauth_token') },
    jwks: { getJwks: () => client.loadJwks() },
    get rateLimit() {
      return client.rateLimit;
    },
  };
}

/**
 * `(await clerkClient()).users.getUser(id)`: the public client, configured from `CLERK_SECRET_KEY` and
 * `CLERK_API_URL` (default `https://api.clerk.com`); one shared instance per configuration. Throws
 * `ERR_MISSING_SECRET_KEY` when no secret key is set.
 */
export async function clerkClient(): Promise<ClerkClient> {
  const secretKey = envSecretKey();
  if (!secretKey) throw new MissingSecretKeyError('clerkClient()', 'Set CLERK_SECRET_KEY in the environment.');
  return clerkClientFor({ secretKey, apiUrl: envApiUrl() });
}

/** The public client for one instance's keys (one shared instance per configuration, as `clerkClient()`). */
export function clerkClientFor(keys: { secretKey: string; apiUrl: string }): ClerkClient {
  const client = getSharedBackendApiClient({ secretKey: keys.secretKey, apiUrl: keys.apiUrl });
  let facade = facades.get(client);
  if (!facade) {
    facade = createClerkClient(client);
    facades.set(client, facade);
  }
  return facade;
}

const facades = new WeakMap<BackendApiClient, ClerkClient>();
