import { type CallOptions, withCallOptions } from './call-options.js';
import type { BackendApiResult, BackendRequester } from './request.js';
import { type Session, sessionFromJSON } from './resources/session.js';

/** `GET /v1/sessions/{session_id}`. */
export function getSession(
  requester: BackendRequester,
  sessionId: string,
  options?: CallOptions,
): Promise<BackendApiResult<Session>> {
  return requester.request<Session>(
    withCallOptions(
      { method: 'GET', path: '/sessions/{session_id}', pathParams: { session_id: sessionId }, read: sessionFromJSON },
      options,
    ),
  );
}
