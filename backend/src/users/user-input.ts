/**
 * Reads the body of `POST /v1/users` and `PATCH /v1/users/{id}` (Clerk's snake_case params) into a typed input,
 * throwing Clerk's 400 naming the field for anything malformed.
 */
import { paramInvalid } from '../http/api-error.js';
import {
  nullableString,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringArray,
} from '../http/params.js';

export interface UserInput {
  external_id?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  username?: string | null;
  email_address?: string[];
  phone_number?: string[];
  password?: string;
  skip_password_checks?: boolean;
  public_metadata?: Record<string, unknown>;
  private_metadata?: Record<string, unknown>;
  unsafe_metadata?: Record<string, unknown>;
  totp_enabled?: boolean;
  backup_code_enabled?: boolean;
  primary_email_address_id?: string;
  primary_phone_number_id?: string;
  created_at?: number;
  legal_accepted_at?: number | null;
  create_organization_enabled?: boolean;
  delete_self_enabled?: boolean;
  image_url?: string | null;
  /** Extensions for seeds and tests. */
  banned?: boolean;
  locked?: boolean;
  plans?: string[];
  features?: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The address check shared by user bodies and `POST /v1/email_addresses`. */
export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}
const USERNAME = /^[a-z0-9_.-]{1,64}$/;
const PHONE = /^\+[1-9]\d{6,14}$/;

export function readUserInput(body: Readonly<Record<string, unknown>>): UserInput {
  const input: UserInput = {};
  const set = <K extends keyof UserInput>(key: K, value: UserInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  set('external_id', nullableString(body, 'external_id'));
  set('first_name', nullableString(body, 'first_name'));
  set('last_name', nullableString(body, 'last_name'));
  const username = nullableString(body, 'username');
  if (typeof username === 'string') {
    if (!USERNAME.test(username.toLowerCase())) {
      throw paramInvalid('username', 'use 1 to 64 letters, digits, "_", "-" or "."');
    }
    set('username', username.toLowerCase());
  } else {
    set('username', username);
  }
  const emails = optionalStringArray(body, 'email_address');
  if (emails) {
    for (const e of emails)
      if (!isEmailAddress(e)) throw paramInvalid('email_address', 'must be a valid email address');
    set(
      'email_address',
      emails.map((e) => e.toLowerCase()),
    );
  }
  const phones = optionalStringArray(body, 'phone_number');
  if (phones) {
    for (const p of phones) if (!PHONE.test(p)) throw paramInvalid('phone_number', 'must be in E.164 format');
    set('phone_number', phones);
  }
  const password = optionalString(body, 'password');
  set('skip_password_checks', optionalBoolean(body, 'skip_password_checks'));
  if (password !== undefined && password.length < 8 && !input.skip_password_checks) {
    throw paramInvalid('password', 'must be at least 8 characters');
  }
  set('password', password);
  set('public_metadata', optionalObject(body, 'public_metadata'));
  set('private_metadata', optionalObject(body, 'private_metadata'));
  set('unsafe_metadata', optionalObject(body, 'unsafe_metadata'));
  if (optionalString(body, 'totp_secret')) set('totp_enabled', true);
  const backupCodes = optionalStringArray(body, 'backup_codes');
  if (backupCodes && backupCodes.length > 0) set('backup_code_enabled', true);
  set('primary_email_address_id', optionalString(body, 'primary_email_address_id'));
  set('primary_phone_number_id', optionalString(body, 'primary_phone_number_id'));
  set('created_at', readTimestamp(body, 'created_at'));
  const legal = body.legal_accepted_at;
  set('legal_accepted_at', legal === null ? null : readTimestamp(body, 'legal_accepted_at'));
  set('create_organization_enabled', optionalBoolean(body, 'create_organization_enabled'));
  set('delete_self_enabled', optionalBoolean(body, 'delete_self_enabled'));
  set('image_url', nullableString(body, 'image_url'));
  set('banned', optionalBoolean(body, 'banned'));
  set('locked', optionalBoolean(body, 'locked'));
  set('plans', optionalStringArray(body, 'plans'));
  set('features', optionalStringArray(body, 'features'));
  return input;
}

/** Clerk takes timestamps as ms numbers or RFC 3339 strings. */
function readTimestamp(body: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = body[name];
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw paramInvalid(name, 'expected a timestamp');
    return ms;
  }
  return optionalInteger(body, name, 0);
}
