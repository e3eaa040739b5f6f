import type { StoredRecord } from '../store/store.js';

/**
 * What the machine-auth resources keep in the store. Credentials are stored only as hashes (`hashSecret`), each with
 * an index record keyed by that hash so verification is one lookup. The one exception is a machine's current secret
 * key, which Clerk's API hands back on request (`GET /machines/{id}/secret_key`), so it is kept as issued.
 */

export const MACHINES = 'machines';
/** Index: hash of a machine secret key → machine; rotated-out keys carry an expiry. */
export const MACHINE_SECRET_KEYS = 'machine_secret_keys';
export const M2M_TOKENS = 'm2m_tokens';
/** Index: hash of an `mt_…` secret → token id. */
export const M2M_TOKEN_SECRETS = 'm2m_token_secrets';
export const API_KEYS = 'api_keys';
/** Index: hash of an `ak_…` API key secret → key id. */
export const API_KEY_SECRETS = 'api_key_secrets';
export const OAUTH_ACCESS_TOKENS = 'oauth_access_tokens';
/** Index: hash of an `oat_…` secret → token id. */
export const OAUTH_ACCESS_TOKEN_SECRETS = 'oauth_access_token_secrets';

export const MACHINE_ID_PREFIX = 'mch_';
/** Clerk's default lifetime of a machine's tokens, seconds. */
export const DEFAULT_MACHINE_TOKEN_TTL = 3600;

export type MachineRecord = {
  id: string;
  name: string;
  default_token_ttl: number;
  /** Machines this one may call: their ids become the scopes of this machine's M2M tokens. */
  scoped_machine_ids: string[];
  secret_key: string;
  created_at: number;
  updated_at: number;
};

export type MachineSecretKeyIndex = {
  /** The hash of the secret key. */
  id: string;
  machine_id: string;
  /** Unix ms after which a rotated-out key stops working; null for the current key. */
  expires_at: number | null;
};

/** Index record from a credential hash to the credential's record id. */
export type SecretIndex = { id: string; record_id: string };

export type M2MTokenRecord = {
  id: string;
  /** The machine that created the token (`mch_…`). */
  subject: string;
  /** Machine ids the token grants access to. */
  scopes: string[];
  claims: Record<string, unknown> | null;
  revoked: boolean;
  revocation_reason: string | null;
  expiration: number | null;
  created_at: number;
  updated_at: number;
};

export type ApiKeyRecord = {
  id: string;
  name: string;
  /** `user_…` or `org_…`. */
  subject: string;
  description: string | null;
  scopes: string[];
  claims: Record<string, unknown> | null;
  created_by: string | null;
  revoked: boolean;
  revocation_reason: string | null;
  expiration: number | null;
  created_at: number;
  updated_at: number;
};

export type OAuthAccessTokenRecord = {
  id: string;
  client_id: string;
  /** The user the token acts for (`user_…`). */
  subject: string;
  scopes: string[];
  revoked: boolean;
  revocation_reason: string | null;
  expiration: number | null;
  created_at: number;
  updated_at: number;
};

/** Any stored credential with an expiry and a revocation flag. */
export type TokenLifetimeRecord = StoredRecord & { expiration: number | null; revoked: boolean };
