import { type CallOptions, withCallOptions } from './call-options.js';
import type { BackendApiResult, BackendRequester } from './request.js';
import { User, type UserActions } from './resources/user.js';

/** The user attributes `users.updateUser` sends (camelCase here, snake_case on the wire; nested values as given). */
export interface UpdateUserParams {
  firstName?: string | null;
  lastName?: string | null;
  username?: string | null;
  externalId?: string | null;
  primaryEmailAddressId?: string;
  primaryPhoneNumberId?: string;
  primaryWeb3WalletId?: string;
  password?: string;
  skipPasswordChecks?: boolean;
  signOutOfOtherSessions?: boolean;
  profileImageId?: string;
  totpSecret?: string;
  backupCodes?: string[];
  createdAt?: Date | string;
  deleteSelfEnabled?: boolean;
  createOrganizationEnabled?: boolean;
  createOrganizationsLimit?: number;
  locale?: string;
  legalAcceptedAt?: Date | string;
  /** Replaces the whole object (use `updateUserMetadata` to merge). */
  publicMetadata?: Record<string, unknown>;
  privateMetadata?: Record<string, unknown>;
  unsafeMetadata?: Record<string, unknown>;
}

export interface UpdateUserMetadataParams {
  publicMetadata?: Record<string, unknown>;
  privateMetadata?: Record<string, unknown>;
  unsafeMetadata?: Record<string, unknown>;
}

/** `PATCH /v1/users/{user_id}`. */
export function updateUser(
  requester: BackendRequester,
  actions: UserActions,
  userId: string,
  params: UpdateUserParams = {},
  options?: CallOptions,
): Promise<BackendApiResult<User>> {
  return requester.request<User>(
    withCallOptions(
      {
        method: 'PATCH',
        path: '/users/{user_id}',
        pathParams: { user_id: userId },
        body: snakeTopLevel(params),
        read: (data: unknown) => User.fromJSON(data, actions),
      },
      options,
    ),
  );
}

/**
 * `PATCH /v1/users/{user_id}/metadata`: deep-merges into the stored metadata; a `null` value removes its key
 * (Clerk's documented semantics).
 */
export function updateUserMetadata(
  requester: BackendRequester,
  actions: UserActions,
  userId: string,
  params: UpdateUserMetadataParams,
  options?: CallOptions,
): Promise<BackendApiResult<User>> {
  return requester.request<User>(
    withCallOptions(
      {
        method: 'PATCH',
        path: '/users/{user_id}/metadata',
        pathParams: { user_id: userId },
        body: snakeTopLevel(params),
        read: (data: unknown) => User.fromJSON(data, actions),
      },
      options,
    ),
  );
}

// Only the top-level keys are ours; metadata contents belong to the application and stay as written.
function snakeTopLevel(params: object): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    body[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value instanceof Date ? value.toISOString() : value;
  }
  return body;
}
