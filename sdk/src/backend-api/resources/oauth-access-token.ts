import { asObject, isJson, optionalNumber, optionalString, stringList, stringOr } from './read-json.js';

/** A user's access token at an OAuth provider, as the Backend API hands it out. Secret: never log it. */
export interface OAuthAccessToken {
  externalAccountId: string;
  provider: string;
  token: string;
  publicMetadata: Record<string, any>;
  label: string;
  // Optional like @clerk/backend's OauthAccessToken: absent when the provider does not use them.
  scopes?: string[];
  tokenSecret?: string;
  expiresAt?: number;
  idToken?: string;
}

export function oauthAccessTokenFromJSON(value: unknown): OAuthAccessToken {
  const json = asObject(value, 'oauth_access_token');
  const r = 'oauth_access_token';
  const token: OAuthAccessToken = {
    externalAccountId: stringOr(json, r, 'external_account_id', ''),
    provider: stringOr(json, r, 'provider', ''),
    token: stringOr(json, r, 'token', ''),
    publicMetadata: isJson(json.public_metadata) ? json.public_metadata : {},
    label: stringOr(json, r, 'label', ''),
  };
  if (json.scopes !== undefined && json.scopes !== null) token.scopes = stringList(json, r, 'scopes');
  const tokenSecret = optionalString(json, r, 'token_secret');
  if (tokenSecret !== null) token.tokenSecret = tokenSecret;
  const expiresAt = optionalNumber(json, r, 'expires_at');
  if (expiresAt !== null) token.expiresAt = expiresAt;
  const idToken = optionalString(json, r, 'id_token');
  if (idToken !== null) token.idToken = idToken;
  return token;
}
