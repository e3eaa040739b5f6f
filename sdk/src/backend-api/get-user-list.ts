import { type CallOptions, withCallOptions } from './call-options.js';
import type { BackendApiResult, BackendRequester, QueryValue } from './request.js';
import { asObject, requiredNumber } from './resources/read-json.js';
import { User, type UserActions } from './resources/user.js';
import { readList } from './user-actions.js';

/** @clerk/backend's `UserListParams` subset: filters are lists, matched as Clerk does. */
export interface UserListParams {
  limit?: number;
  offset?: number;
  /** e.g. `-created_at`, `+username`. */
  orderBy?: string;
  emailAddress?: string[];
  phoneNumber?: string[];
  externalId?: string[];
  username?: string[];
  userId?: string[];
  organizationId?: string[];
  query?: string;
  lastActiveAtSince?: number;
}

export interface PaginatedResourceResponse<T> {
  data: T;
  totalCount: number;
}

/** `GET /v1/users` and `GET /v1/users/count` in parallel, like @clerk/backend's `users.getUserList`. */
export async function getUserList(
  requester: BackendRequester,
  actions: UserActions,
  params: UserListParams = {},
  options?: CallOptions,
): Promise<BackendApiResult<PaginatedResourceResponse<User[]>>> {
  const { limit, offset, orderBy, ...filters } = params;
  const [list, count] = await Promise.all([
    requester.request<User[]>(
      withCallOptions(
        {
          method: 'GET',
          path: '/users',
          query: toQuery(params),
          read: (data: unknown) => readList(data, 'users').map((item) => User.fromJSON(item, actions)),
        },
        options,
      ),
    ),
    requester.request<number>(
      withCallOptions(
        {
          method: 'GET',
          path: '/users/count',
          query: toQuery(filters),
          read: (data: unknown) => requiredNumber(asObject(data, 'total_count'), 'total_count', 'total_count'),
        },
        options,
      ),
    ),
  ]);
  return { data: { data: list.data, totalCount: count.data }, meta: list.meta };
}

function toQuery(params: object): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(params)) {
    query[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value as QueryValue;
  }
  return query;
}
