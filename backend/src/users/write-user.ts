/**
 * Creating and changing users inside a transaction, with Clerk's uniqueness rules (email, phone, username,
 * external id). Used by the routes and by seeds.
 */
import { ApiError, identifierTaken, paramInvalid } from '../http/api-error.js';
import { newId } from '../store/ids.js';
import type { Transaction } from '../store/store.js';
import type { UserInput } from './user-input.js';
import {
  type EmailAddressRecord,
  findUserByEmail,
  findUserByPhone,
  findUserByUsername,
  type PhoneNumberRecord,
  USERS,
  type UserRecord,
} from './user-record.js';

/** `passwordDigest` is the already-hashed password, if the input had one. */
export function insertUser(tx: Transaction, input: UserInput, now: number, passwordDigest: string | null): UserRecord {
  const id = newId('user_');
  const createdAt = input.created_at ?? now;
  const emails: EmailAddressRecord[] = (input.email_address ?? []).map((email_address) => ({
    id: newId('idn_'),
    email_address,
    verified: true,
    created_at: createdAt,
  }));
  const phones: PhoneNumberRecord[] = (input.phone_number ?? []).map((phone_number) => ({
    id: newId('idn_'),
    phone_number,
    verified: true,
    reserved_for_second_factor: false,
    created_at: createdAt,
  }));
  const user: UserRecord = {
    id,
    external_id: input.external_id ?? null,
    username: input.username ?? null,
    first_name: input.first_name ?? null,
    last_name: input.last_name ?? null,
    email_addresses: emails,
    phone_numbers: phones,
    primary_email_address_id: emails[0]?.id ?? null,
    primary_phone_number_id: phones[0]?.id ?? null,
    password_digest: passwordDigest,
    totp_enabled: input.totp_enabled ?? false,
    backup_code_enabled: input.backup_code_enabled ?? false,
    banned: input.banned ?? false,
    locked: input.locked ?? false,
    image_url: input.image_url ?? null,
    public_metadata: input.public_metadata ?? {},
    private_metadata: input.private_metadata ?? {},
    unsafe_metadata: input.unsafe_metadata ?? {},
    create_organization_enabled: input.create_organization_enabled ?? true,
    delete_self_enabled: input.delete_self_enabled ?? true,
    legal_accepted_at: input.legal_accepted_at ?? null,
    last_sign_in_at: null,
    last_active_at: null,
    created_at: createdAt,
    updated_at: createdAt,
    plans: input.plans ?? [],
    features: input.features ?? [],
  };
  assertUnique(tx, user);
  tx.put(USERS, user);
  return user;
}

/** Applies a `PATCH /v1/users/{id}` input (metadata here replaces, as Clerk's PATCH does). */
export function updateUser(
  tx: Transaction,
  current: UserRecord,
  input: UserInput,
  now: number,
  passwordDigest: string | undefined,
): UserRecord {
  if (input.email_address || input.phone_number) {
    throw new ApiError(400, 'form_param_unknown', 'email_address is not a valid parameter for this request.', {
      longMessage: 'Email addresses and phone numbers cannot be changed through PATCH /v1/users/{user_id}.',
      meta: { param_name: input.email_address ? 'email_address' : 'phone_number' },
    });
  }
  const next: Record<string, unknown> = { ...current, updated_at: now };
  const fields = [
    'external_id',
    'first_name',
    'last_name',
    'username',
    'public_metadata',
    'private_metadata',
    'unsafe_metadata',
    'totp_enabled',
    'backup_code_enabled',
    'created_at',
    'legal_accepted_at',
    'create_organization_enabled',
    'delete_self_enabled',
    'image_url',
    'banned',
    'locked',
    'plans',
    'features',
  ] as const;
  for (const field of fields) if (input[field] !== undefined) next[field] = input[field];
  if (passwordDigest !== undefined) next.password_digest = passwordDigest;
  if (input.primary_email_address_id !== undefined) {
    if (!current.email_addresses.some((e) => e.id === input.primary_email_address_id)) {
      throw paramInvalid('primary_email_address_id', 'is not one of the user’s email addresses');
    }
    next.primary_email_address_id = input.primary_email_address_id;
  }
  if (input.primary_phone_number_id !== undefined) {
    if (!current.phone_numbers.some((p) => p.id === input.primary_phone_number_id)) {
      throw paramInvalid('primary_phone_number_id', 'is not one of the user’s phone numbers');
    }
    next.primary_phone_number_id = input.primary_phone_number_id;
  }
  const user = next as UserRecord;
  assertUnique(tx, user);
  tx.put(USERS, user);
  return user;
}

function assertUnique(tx: Transaction, user: UserRecord): void {
  const others = (found: UserRecord | undefined) => found !== undefined && found.id !== user.id;
  for (const e of user.email_addresses)
    if (others(findUserByEmail(tx, e.email_address))) throw identifierTaken('email_address');
  for (const p of user.phone_numbers)
    if (others(findUserByPhone(tx, p.phone_number))) throw identifierTaken('phone_number');
  if (user.username && others(findUserByUsername(tx, user.username))) throw identifierTaken('username');
  if (
    user.external_id &&
    tx.list<UserRecord>(USERS).some((u) => u.id !== user.id && u.external_id === user.external_id)
  ) {
    throw identifierTaken('external_id');
  }
}
