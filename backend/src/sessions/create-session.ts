/** Starting a session for a user inside a transaction (the route and the dev sign-in page use this). */
import { paramInvalid } from '../http/api-error.js';
import { findMembership, findOrganization } from '../organizations/write-organization.js';
import { newId } from '../store/ids.js';
import type { Transaction } from '../store/store.js';
import { assertCanSignIn } from '../users/assert-can-sign-in.js';
import { USERS } from '../users/user-record.js';
import { getUserOr404 } from '../users/user-routes.js';
import type { SessionInput } from './session-input.js';
import { SESSION_ABANDON_MS, SESSION_LIFETIME_MS, SESSIONS, type SessionRecord } from './session-record.js';

/** `clientId`: the client the session joins (the sign-in page's browser); a new id by default. */
export function createSession(
  tx: Transaction,
  input: SessionInput,
  now: number,
  clientId: string = newId('client_'),
): SessionRecord {
  const user = getUserOr404(tx, input.user_id);
  assertCanSignIn(user);
  let orgId: string | null = null;
  if (input.active_organization_id) {
    const org = findOrganization(tx, input.active_organization_id);
    if (!org) throw paramInvalid('active_organization_id', 'no such organization');
    if (!findMembership(tx, org.id, user.id)) throw paramInvalid('active_organization_id', 'the user is not a member');
    orgId = org.id;
  }
  const twoFactor = user.totp_enabled || user.backup_code_enabled;
  const [f1, f2] = input.factor_verification_age ?? [0, twoFactor ? 0 : -1];
  const session: SessionRecord = {
    id: newId('sess_'),
    client_id: clientId,
    user_id: user.id,
    status: input.status ?? 'active',
    last_active_organization_id: orgId,
    actor: input.actor ?? null,
    first_factor_verified_at: f1 < 0 ? null : now - f1 * 60_000,
    second_factor_verified_at: f2 < 0 ? null : now - f2 * 60_000,
    azp: input.azp ?? null,
    last_active_at: now,
    expire_at: now + SESSION_LIFETIME_MS,
    abandon_at: now + SESSION_ABANDON_MS,
    created_at: now,
    updated_at: now,
  };
  tx.put(SESSIONS, session);
  tx.put(USERS, { ...user, last_sign_in_at: now, last_active_at: now });
  return session;
}
