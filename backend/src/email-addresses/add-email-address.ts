/** Adds an email address to a user inside a transaction, with the uniqueness rule users' addresses follow. */
import { identifierTaken, notFound } from '../http/api-error.js';
import { newId } from '../store/ids.js';
import type { Transaction } from '../store/store.js';
import { type EmailAddressRecord, findUserByEmail, USERS, type UserRecord } from '../users/user-record.js';
import type { EmailAddressInput } from './email-address-input.js';

export function addEmailAddress(tx: Transaction, input: EmailAddressInput, now: number): EmailAddressRecord {
  const user = tx.get<UserRecord>(USERS, input.user_id);
  if (!user) throw notFound('user');
  // Taken by anyone, this user included: Clerk answers 422 either way.
  if (findUserByEmail(tx, input.email_address)) throw identifierTaken('email_address');
  const address: EmailAddressRecord = {
    id: newId('idn_'),
    email_address: input.email_address,
    verified: input.verified,
    created_at: now,
  };
  const primary = input.primary ?? user.email_addresses.length === 0;
  tx.put(USERS, {
    ...user,
    email_addresses: [...user.email_addresses, address],
    primary_email_address_id: primary ? address.id : user.primary_email_address_id,
    updated_at: now,
  });
  return address;
}
