import { type CallOptions, withCallOptions } from './call-options.js';
import type { BackendApiResult, BackendRequester } from './request.js';
import { User, type UserActions } from './resources/user.js';

/**
 * `GET /v1/users/{user_id}` → {@link User}. Concurrent calls for one id on one client share a single request (the
 * requester coalesces identical GETs), so the key is just the URL.
 */
export function getUser(
  requester: BackendRequester,
  actions: UserActions,
  userId: string,
  options?: CallOptions,
): Promise<BackendApiResult<User>> {
  return requester.request<User>(
    withCallOptions(
      {
        method: 'GET',
        path: '/users/{user_id}',
        pathParams: { user_id: userId },
        read: (data: unknown) => User.fromJSON(data, actions),
      },
      options,
    ),
  );
}
