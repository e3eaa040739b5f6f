import { type CallOptions, withCallOptions } from './call-options.js';
import type { BackendApiResult, BackendRequester } from './request.js';
import { isJson, ResourceShapeError } from './resources/read-json.js';

/** Clerk's `DeletedObject`: what a DELETE answers. */
export interface DeletedObject {
  object: string;
  id: string | null;
  deleted: boolean;
}

/** `DELETE /v1/users/{user_id}`. */
export function deleteUser(
  requester: BackendRequester,
  userId: string,
  options?: CallOptions,
): Promise<BackendApiResult<DeletedObject>> {
  return requester.request<DeletedObject>(
    withCallOptions(
      {
        method: 'DELETE',
        path: '/users/{user_id}',
        pathParams: { user_id: userId },
        read: (data: unknown) => {
          if (!isJson(data) || typeof data.deleted !== 'boolean')
            throw new ResourceShapeError('deleted_object', 'deleted', 'a boolean');
          return {
            object: typeof data.object === 'string' ? data.object : 'user',
            id: typeof data.id === 'string' ? data.id : null,
            deleted: data.deleted,
          };
        },
      },
      options,
    ),
  );
}
