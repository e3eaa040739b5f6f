import type { StoreScope } from '../fleet/fleet-store.js';
import type { UserCache } from '../fleet/user-cache.js';
import { type CallOptions, withCallOptions } from './call-options.js';
import type { BackendCallMeta, BackendRequester } from './request.js';
import { User, type UserActions } from './resources/user.js';

/** A user read through the user cache, and where it came from. */
export interface CachedUserResult {
  data: User;
  /** true: no Backend API call was made for it by this caller (cached, or fetched meanwhile by another server). */
  cacheHit: boolean;
  /** Whether the cache consulted was the fleet's (Redis) or this process's. */
  scope: StoreScope;
  /** The call's facts when this caller made one, else null. */
  meta: BackendCallMeta | null;
}

/**
 * `GET /v1/users/{user_id}` through `cache`: the JSON is stored as the Backend API returned it and turned into a
 * {@link User} on every read (so each caller gets its own object).
 */
export async function getCachedUser(
  requester: BackendRequester,
  actions: UserActions,
  cache: UserCache,
  userId: string,
  options?: CallOptions,
): Promise<CachedUserResult> {
  let meta: BackendCallMeta | null = null;
  const read = await cache.read(userId, async () => {
    const result = await requester.request(
      withCallOptions(
        {
          method: 'GET',
          path: '/users/{user_id}',
          pathParams: { user_id: userId },
          // Checked before it is stored: a body that is not a user never enters the cache.
          read: (data: unknown) => {
            User.fromJSON(data, actions);
            return data;
          },
        },
        options,
      ),
    );
    meta = result.meta;
    return result.data;
  });
  return {
    data: User.fromJSON(read.record, actions),
    cacheHit: read.source !== 'fetched',
    scope: read.scope,
    meta,
  };
}
