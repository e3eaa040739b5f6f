import type { ReadView } from '../store/store.js';

export const USERS = 'users';

export interface IdentifierRecord {
  readonly id: string;
  readonly verified: boolean;
  readonly created_at: number;
}

export interface EmailAddressRecord extends IdentifierRecord {
  readonly email_address: string;
}

export interface PhoneNumberRecord extends IdentifierRecord {
  readonly phone_number: string;
  readonly reserved_for_second_factor: boolean;
}

/** A user as stored. Derived fields (two_factor_enabled, has_image, …) are computed when rendering. */
export interface UserRecord {
  readonly id: string;
  readonly external_id: string | null;
  readonly username: string | null;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly email_addresses: readonly EmailAddressRecord[];
  readonly phone_numbers: readonly PhoneNumberRecord[];
  readonly primary_email_address_id: string | null;
  readonly primary_phone_number_id: string | null;
  /** `scrypt$<salt>$<hash>` (base64url); never rendered. */
  readonly password_digest: string | null;
  readonly totp_enabled: boolean;
  readonly backup_code_enabled: boolean;
  readonly banned: boolean;
  readonly locked: boolean;
  readonly image_url: string | null;
  readonly public_metadata: Readonly<Record<string, unknown>>;
  readonly private_metadata: Readonly<Record<string, unknown>>;
  readonly unsafe_metadata: Readonly<Record<string, unknown>>;
  readonly create_organization_enabled: boolean;
  readonly delete_self_enabled: boolean;
  readonly legal_accepted_at: number | null;
  readonly last_sign_in_at: number | null;
  readonly last_active_at: number | null;
  readonly created_at: number;
  readonly updated_at: number;
  /** Billing: plan slugs and feature slugs assigned to the user (the `u:` entries of `pla`/`fea`). */
  readonly plans: readonly string[];
  readonly features: readonly string[];
  readonly [key: string]: unknown;
}

export function findUserByEmail(view: ReadView, email: string): UserRecord | undefined {
  const wanted = email.toLowerCase();
  return view.list<UserRecord>(USERS).find((u) => u.email_addresses.some((e) => e.email_address === wanted));
}

export function findUserByUsername(view: ReadView, username: string): UserRecord | undefined {
  const wanted = username.toLowerCase();
  return view.list<UserRecord>(USERS).find((u) => u.username === wanted);
}

export function findUserByPhone(view: ReadView, phone: string): UserRecord | undefined {
  return view.list<UserRecord>(USERS).find((u) => u.phone_numbers.some((p) => p.phone_number === phone));
}

export function primaryEmail(user: UserRecord): string | null {
  return user.email_addresses.find((e) => e.id === user.primary_email_address_id)?.email_address ?? null;
}
