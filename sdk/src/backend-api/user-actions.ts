import { type CallOptions, withCallOptions } from './call-options.js';
import type { BackendApiResult, BackendRequester } from './request.js';
import { type EmailAddress, emailAddressFromJSON } from './resources/email-address.js';
import { type OAuthAccessToken, oauthAccessTokenFromJSON } from './resources/oauth-access-token.js';
import { isJson, ResourceShapeError } from './resources/read-json.js';
import type { CreateEmailAddressParams, UserActions } from './resources/user.js';

/** `POST /v1/email_addresses` for a user. */
export function createEmailAddress(
  requester: BackendRequester,
  userId: string,
  params: CreateEmailAddressParams,
  options?: CallOptions,
): Promise<BackendApiResult<EmailAddress>> {
  const body: Record<string, unknown> = { user_id: userId, email_address: params.emailAddress };
  if (params.verified !== undefined) body.verified = params.verified;
  if (params.primary !== undefined) body.primary = params.primary;
  if (params.reservedForSecondFactor !== undefined) body.reserved_for_second_factor = params.reservedForSecondFactor;
  return requester.request<EmailAddress>(
    withCallOptions({ method: 'POST', path: '/email_addresses', body, read: emailAddressFromJSON }, options),
  );
}

/**
 * `GET /v1/users/{user_id}/oauth_access_tokens/{provider}`. Clerk's provider ids are `oauth_<name>`; like
 * @clerk/backend, a bare name (`google`) gets the prefix.
 */
export function getOAuthAccessToken(
  requester: BackendRequester,
  userId: string,
  provider: string,
  options?: CallOptions,
): Promise<BackendApiResult<OAuthAccessToken[]>> {
  const providerId = provider.startsWith('oauth_') ? provider : `oauth_${provider}`;
  return requester.request<OAuthAccessToken[]>(
    withCallOptions(
      {
        method: 'GET',
        path: '/users/{user_id}/oauth_access_tokens/{provider}',
        pathParams: { user_id: userId, provider: providerId },
        query: { paginated: true },
        read: (data: unknown) => readList(data, 'oauth_access_tokens').map(oauthAccessTokenFromJSON),
      },
      options,
    ),
  );
}

/** The calls a `User` object makes on its own behalf, bound to one requester. */
export function createUserActions(requester: BackendRequester): UserActions {
  return {
    createEmailAddress: async (userId, params) => (await createEmailAddress(requester, userId, params)).data,
    getOAuthAccessToken: async (userId, provider) => (await getOAuthAccessToken(requester, userId, provider)).data,
  };
}

/** A list answer: a bare array, or the paginated `{ data: [...], total_count }`. */
export function readList(data: unknown, resource: string): unknown[] {
  if (Array.isArray(data)) return data;
  if (isJson(data) && Array.isArray(data.data)) return data.data;
  throw new ResourceShapeError(resource, '(root)', 'a list');
}
