import {
  asObject,
  booleanOr,
  isJson,
  type Json,
  optionalNumber,
  optionalString,
  requiredString,
  stringList,
  stringOr,
} from './read-json.js';

/** What `POST /m2m_tokens/verify` answers (@clerk/backend's `M2MToken`, without the secret). */
export interface M2MToken {
  id: string;
  /** The machine, `mch_…`. */
  subject: string;
  scopes: string[];
  claims: Record<string, any> | null;
  revoked: boolean;
  revocationReason: string | null;
  expired: boolean;
  /** Epoch ms, or null for a token that does not expire. */
  expiration: number | null;
  createdAt: number | null;
  updatedAt: number | null;
}

/** What `POST /api_keys/verify` answers (@clerk/backend's `APIKey`, without the secret). */
export interface APIKey {
  id: string;
  type: string;
  name: string;
  /** `user_…` or `org_…`. */
  subject: string;
  scopes: string[];
  claims: Record<string, any> | null;
  revoked: boolean;
  revocationReason: string | null;
  expired: boolean;
  expiration: number | null;
  createdBy: string | null;
  description: string | null;
  lastUsedAt: number | null;
  createdAt: number | null;
  updatedAt: number | null;
}

/** What `POST /oauth_applications/access_tokens/verify` answers (@clerk/backend's `IdPOAuthAccessToken`). */
export interface IdPOAuthAccessToken {
  id: string;
  clientId: string;
  type: string;
  /** The user, `user_…`. */
  subject: string;
  scopes: string[];
  revoked: boolean;
  revocationReason: string | null;
  expired: boolean;
  expiration: number | null;
  createdAt: number | null;
  updatedAt: number | null;
}

export function m2mTokenFromJSON(value: unknown): M2MToken {
  const json = asObject(value, 'm2m_token');
  const r = 'm2m_token';
  return {
    id: requiredString(json, r, 'id'),
    subject: requiredString(json, r, 'subject'),
    scopes: stringList(json, r, 'scopes'),
    claims: isJson(json.claims) ? json.claims : null,
    ...lifecycle(json, r),
  };
}

export function apiKeyFromJSON(value: unknown): APIKey {
  const json = asObject(value, 'api_key');
  const r = 'api_key';
  return {
    id: requiredString(json, r, 'id'),
    type: stringOr(json, r, 'type', 'api_key'),
    name: stringOr(json, r, 'name', ''),
    subject: requiredString(json, r, 'subject'),
    scopes: stringList(json, r, 'scopes'),
    claims: isJson(json.claims) ? json.claims : null,
    ...lifecycle(json, r),
    createdBy: optionalString(json, r, 'created_by'),
    description: optionalString(json, r, 'description'),
    lastUsedAt: optionalNumber(json, r, 'last_used_at'),
  };
}

export function idpOAuthAccessTokenFromJSON(value: unknown): IdPOAuthAccessToken {
  const json = asObject(value, 'oauth_access_token');
  const r = 'oauth_access_token';
  return {
    id: requiredString(json, r, 'id'),
    clientId: stringOr(json, r, 'client_id', ''),
    type: stringOr(json, r, 'type', 'oauth_token'),
    subject: requiredString(json, r, 'subject'),
    scopes: stringList(json, r, 'scopes'),
    ...lifecycle(json, r),
  };
}

function lifecycle(json: Json, r: string) {
  return {
    revoked: booleanOr(json, r, 'revoked', false),
    revocationReason: optionalString(json, r, 'revocation_reason'),
    expired: booleanOr(json, r, 'expired', false),
    expiration: optionalNumber(json, r, 'expiration'),
    createdAt: optionalNumber(json, r, 'created_at'),
    updatedAt: optionalNumber(json, r, 'updated_at'),
  };
}
