/** Renders a stored user as Clerk's Backend API JSON (`object: "user"`), which @clerk/backend's `User.fromJSON` reads. */
import type { EmailAddressRecord, PhoneNumberRecord, UserRecord } from './user-record.js';

function verification(verified: boolean) {
  return verified
    ? { object: 'verification_admin', status: 'verified', strategy: 'admin', attempts: null, expire_at: null }
    : { object: 'verification_admin', status: 'unverified', strategy: 'admin', attempts: null, expire_at: null };
}

export function emailAddressJSON(e: EmailAddressRecord) {
  return {
    id: e.id,
    object: 'email_address',
    email_address: e.email_address,
    reserved: false,
    verification: verification(e.verified),
    linked_to: [],
    matches_sso_connection: false,
    created_at: e.created_at,
    updated_at: e.created_at,
  };
}

export function phoneNumberJSON(p: PhoneNumberRecord) {
  return {
    id: p.id,
    object: 'phone_number',
    phone_number: p.phone_number,
    reserved_for_second_factor: p.reserved_for_second_factor,
    default_second_factor: p.reserved_for_second_factor,
    reserved: false,
    verification: verification(p.verified),
    linked_to: [],
    backup_codes: null,
    created_at: p.created_at,
    updated_at: p.created_at,
  };
}

/** The image URL of a user without an uploaded image: an initials avatar this server draws. */
export function defaultImageUrl(baseUrl: string, userId: string): string {
  return `${baseUrl}/avatars/${userId}.svg`;
}

export function userJSON(user: UserRecord, baseUrl: string) {
  const twoFactor =
    user.totp_enabled || user.backup_code_enabled || user.phone_numbers.some((p) => p.reserved_for_second_factor);
  return {
    id: user.id,
    object: 'user',
    external_id: user.external_id,
    username: user.username,
    first_name: user.first_name,
    last_name: user.last_name,
    image_url: user.image_url ?? defaultImageUrl(baseUrl, user.id),
    profile_image_url: user.image_url ?? defaultImageUrl(baseUrl, user.id),
    has_image: user.image_url !== null,
    primary_email_address_id: user.primary_email_address_id,
    primary_phone_number_id: user.primary_phone_number_id,
    primary_web3_wallet_id: null,
    password_enabled: user.password_digest !== null,
    two_factor_enabled: twoFactor,
    totp_enabled: user.totp_enabled,
    backup_code_enabled: user.backup_code_enabled,
    email_addresses: user.email_addresses.map(emailAddressJSON),
    phone_numbers: user.phone_numbers.map(phoneNumberJSON),
    web3_wallets: [],
    passkeys: [],
    external_accounts: [],
    saml_accounts: [],
    enterprise_accounts: [],
    public_metadata: user.public_metadata,
    private_metadata: user.private_metadata,
    unsafe_metadata: user.unsafe_metadata,
    banned: user.banned,
    locked: user.locked,
    lockout_expires_in_seconds: null,
    verification_attempts_remaining: 100,
    create_organization_enabled: user.create_organization_enabled,
    create_organizations_limit: null,
    delete_self_enabled: user.delete_self_enabled,
    legal_accepted_at: user.legal_accepted_at,
    last_sign_in_at: user.last_sign_in_at,
    last_active_at: user.last_active_at,
    mfa_enabled_at: null,
    mfa_disabled_at: null,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}
