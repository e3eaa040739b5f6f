import { type CallOptions, withCallOptions } from './call-options.js';
import type { BackendApiResult, BackendRequester } from './request.js';
import { asObject, requiredString } from './resources/read-json.js';

export interface GetSessionTokenOptions extends CallOptions {
  /** Lifetime of the minted token; the API's default (60 s for session tokens, the template's for templates). */
  expiresInSeconds?: number;
}

/**
 * Mints a token for a session: `POST /v1/sessions/{session_id}/tokens` (a fresh session token) or
 * `…/tokens/{template}` (a JWT from that template). Resolves with the JWT string, which is a secret.
 */
export function getSessionToken(
  requester: BackendRequester,
  sessionId: string,
  template?: string,
  options?: GetSessionTokenOptions,
): Promise<BackendApiResult<string>> {
  const pathParams: Record<string, string> = { session_id: sessionId };
  if (template !== undefined) pathParams.template = template;
  const base = {
    path: template === undefined ? '/sessions/{session_id}/tokens' : '/sessions/{session_id}/tokens/{template}',
    pathParams,
  };
  return requester.request<string>(
    withCallOptions(
      {
        method: 'POST',
        ...base,
        ...(options?.expiresInSeconds !== undefined ? { body: { expires_in_seconds: options.expiresInSeconds } } : {}),
        read: (data: unknown) => requiredString(asObject(data, 'token'), 'token', 'jwt'),
      },
      options,
    ),
  );
}
