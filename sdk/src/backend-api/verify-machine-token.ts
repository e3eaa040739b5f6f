import type { MachineAuthState, MachineTokenType } from '../auth-state.js';
import { BackendApiError } from './backend-api-error.js';
import { type CallOptions, withCallOptions } from './call-options.js';
import { MachineTokenInvalidError } from './machine-token-invalid-error.js';
import { opaqueTokenType } from './opaque-token-format.js';
import type { BackendApiResult, BackendRequester } from './request.js';
import {
  type APIKey,
  apiKeyFromJSON,
  type IdPOAuthAccessToken,
  idpOAuthAccessTokenFromJSON,
  type M2MToken,
  m2mTokenFromJSON,
} from './resources/machine-tokens.js';

export type VerifiedMachineToken =
  | { tokenType: 'm2m_token'; token: M2MToken }
  | { tokenType: 'api_key'; token: APIKey }
  | { tokenType: 'oauth_token'; token: IdPOAuthAccessToken };

// @clerk/backend sends these three without the `/v1` prefix (its `skipApiVersionInUrl`), each with its own body key.
const ENDPOINTS = {
  m2m_token: { path: '/m2m_tokens/verify', bodyKey: 'token', read: m2mTokenFromJSON },
  oauth_token: {
    path: '/oauth_applications/access_tokens/verify',
    bodyKey: 'access_token',
    read: idpOAuthAccessTokenFromJSON,
  },
  api_key: { path: '/api_keys/verify', bodyKey: 'secret', read: apiKeyFromJSON },
} as const;

/**
 * Asks the Backend API whether a machine token is valid and returns the token record. An invalid, revoked or expired
 * token rejects with {@link MachineTokenInvalidError}; the API failing (unreachable, timeout, 5xx, 429, bad secret
 * key) rejects with {@link BackendApiError}.
 */
export async function verifyMachineTokenRecord(
  requester: BackendRequester,
  token: string,
  tokenType: MachineTokenType,
  options?: CallOptions,
): Promise<BackendApiResult<VerifiedMachineToken>> {
  const endpoint = ENDPOINTS[tokenType];
  if (!endpoint) throw new TypeError('tokenType must be m2m_token, oauth_token or api_key');
  // Not of the form Clerk issues (or of another type's form): refused without spending a call on it.
  if (typeof token !== 'string' || opaqueTokenType(token) !== tokenType) {
    throw new MachineTokenInvalidError({ reason: 'malformed', tokenType });
  }
  let result: BackendApiResult<M2MToken | APIKey | IdPOAuthAccessToken>;
  try {
    result = await requester.request(
      withCallOptions(
        {
          method: 'POST',
          path: endpoint.path,
          versioned: false,
          body: { [endpoint.bodyKey]: token },
          read: endpoint.read,
          callClass: 'machine_token_verification',
        },
        options,
      ),
    );
  } catch (error) {
    // Clerk answers 404 for a token it does not accept (@clerk/backend maps that to `token-invalid`); 401 means our
    // secret key is wrong, which is a configuration failure, not a bad token.
    if (error instanceof BackendApiError && error.status === 404) {
      // The local backend says why in `meta.reason`; Clerk's API does not, and then it is just "not found".
      const said = error.errors[0]?.meta?.reason;
      throw new MachineTokenInvalidError({
        reason: said === 'revoked' || said === 'expired' ? said : 'not_found',
        tokenType,
        status: 404,
        clerkTraceId: error.clerkTraceId,
        cause: error,
      });
    }
    throw error;
  }
  const record = result.data;
  // Defensive: an API that answers 200 with the record flagged must still not let the token through. (No local
  // clock check on `expiration`: the API's verdict is authoritative and our clock may be skewed.)
  if (record.revoked || record.expired) {
    throw new MachineTokenInvalidError({
      reason: record.revoked ? 'revoked' : 'expired',
      tokenType,
      status: result.meta.status,
      clerkTraceId: result.meta.clerkTraceId,
    });
  }
  return { data: { tokenType, token: record } as VerifiedMachineToken, meta: result.meta };
}

/** The verified-caller state of a machine token (sdk/src/auth-state.ts), Clerk's auth-object rules for each type. */
export function machineAuthStateOf(verified: VerifiedMachineToken): MachineAuthState {
  const base = { id: verified.token.id, subject: verified.token.subject, scopes: verified.token.scopes };
  switch (verified.tokenType) {
    case 'm2m_token':
      return {
        ...base,
        tokenType: 'm2m_token',
        name: null,
        claims: verified.token.claims,
        userId: null,
        orgId: null,
        clientId: null,
        expiration: verified.token.expiration,
      };
    case 'api_key': {
      const subject = verified.token.subject;
      return {
        ...base,
        tokenType: 'api_key',
        name: verified.token.name,
        claims: verified.token.claims,
        userId: subject.startsWith('user_') ? subject : null,
        orgId: subject.startsWith('org_') ? subject : null,
        clientId: null,
        expiration: verified.token.expiration,
      };
    }
    case 'oauth_token':
      return {
        ...base,
        tokenType: 'oauth_token',
        name: null,
        claims: null,
        userId: verified.token.subject,
        orgId: null,
        clientId: verified.token.clientId,
        expiration: verified.token.expiration,
      };
  }
}

/** `verifyMachineToken(token, type)` → `MachineAuthState`, the seam the tokens helper injects. */
export async function verifyMachineToken(
  requester: BackendRequester,
  token: string,
  tokenType: MachineTokenType,
  options?: CallOptions,
): Promise<BackendApiResult<MachineAuthState>> {
  const result = await verifyMachineTokenRecord(requester, token, tokenType, options);
  return { data: machineAuthStateOf(result.data), meta: result.meta };
}
