/**
 * Reads the body of `POST /v1/email_addresses` (Clerk's `user_id`, `email_address`, `verified?`, `primary?`),
 * throwing Clerk's 400 naming the field for anything malformed.
 */
import { paramInvalid } from '../http/api-error.js';
import { optionalBoolean, requiredString } from '../http/params.js';
import { isEmailAddress } from '../users/user-input.js';

export interface EmailAddressInput {
  user_id: string;
  /** Lower-cased, as users' addresses are stored. */
  email_address: string;
  /** Clerk's default: an address created through the API is unverified unless asked. */
  verified: boolean;
  /** `undefined`: primary only if it is the user's first address. */
  primary: boolean | undefined;
}

export function readEmailAddressInput(body: Readonly<Record<string, unknown>>): EmailAddressInput {
  const userId = requiredString(body, 'user_id');
  const email = requiredString(body, 'email_address');
  if (!isEmailAddress(email)) throw paramInvalid('email_address', 'must be a valid email address');
  const verified = optionalBoolean(body, 'verified') ?? false;
  const primary = optionalBoolean(body, 'primary');
  // Sent by clients that share one parameter set with phone numbers; an email address is never a second factor,
  // so only its type is checked.
  optionalBoolean(body, 'reserved_for_second_factor');
  return { user_id: userId, email_address: email.toLowerCase(), verified, primary };
}
