import { asObject, isJson, optionalString, requiredString, stringOr } from './read-json.js';
import { type Verification, verificationFromJSON } from './verification.js';

/** An identification obtained from an OAuth provider (e.g. `google`). */
export interface ExternalAccount {
  id: string;
  provider: string;
  providerUserId: string;
  identificationId: string;
  /** @deprecated Clerk's alias of `providerUserId`. */
  externalId: string;
  approvedScopes: string;
  emailAddress: string;
  firstName: string;
  lastName: string;
  imageUrl: string;
  username: string | null;
  phoneNumber: string | null;
  publicMetadata: Record<string, any> | null;
  label: string | null;
  verification: Verification | null;
}

export function externalAccountFromJSON(value: unknown): ExternalAccount {
  const json = asObject(value, 'external_account');
  const r = 'external_account';
  const providerUserId = stringOr(json, r, 'provider_user_id', '');
  return {
    id: requiredString(json, r, 'id'),
    provider: stringOr(json, r, 'provider', ''),
    providerUserId,
    identificationId: stringOr(json, r, 'identification_id', ''),
    externalId: providerUserId,
    approvedScopes: stringOr(json, r, 'approved_scopes', ''),
    emailAddress: stringOr(json, r, 'email_address', ''),
    firstName: stringOr(json, r, 'first_name', ''),
    lastName: stringOr(json, r, 'last_name', ''),
    imageUrl: stringOr(json, r, 'image_url', ''),
    username: optionalString(json, r, 'username'),
    phoneNumber: optionalString(json, r, 'phone_number'),
    publicMetadata: isJson(json.public_metadata) ? json.public_metadata : {},
    label: optionalString(json, r, 'label'),
    verification: verificationFromJSON(json.verification),
  };
}
