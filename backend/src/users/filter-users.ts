/** The filters of `GET /v1/users` and `GET /v1/users/count`, as @clerk/backend sends them (repeatable params). */
import { queryStrings } from '../http/params.js';
import { MEMBERSHIPS, type MembershipRecord } from '../organizations/organization-record.js';
import type { ReadView } from '../store/store.js';
import { primaryEmail, type UserRecord } from './user-record.js';

export function filterUsers(view: ReadView, users: readonly UserRecord[], query: URLSearchParams): UserRecord[] {
  const orgIds = queryStrings(query, 'organization_id');
  const inOrgs = orgIds.length
    ? new Set(
        view
          .list<MembershipRecord>(MEMBERSHIPS)
          .filter((m) => orgIds.includes(m.organization_id))
          .map((m) => m.user_id),
      )
    : undefined;
  const emails = queryStrings(query, 'email_address').map((e) => e.toLowerCase());
  const phones = queryStrings(query, 'phone_number');
  const usernames = queryStrings(query, 'username').map((u) => u.toLowerCase());
  const ids = queryStrings(query, 'user_id');
  const externalIds = queryStrings(query, 'external_id');
  const text = query.get('query')?.toLowerCase();
  return users.filter((u) => {
    if (inOrgs && !inOrgs.has(u.id)) return false;
    if (emails.length && !u.email_addresses.some((e) => emails.includes(e.email_address))) return false;
    if (phones.length && !u.phone_numbers.some((p) => phones.includes(p.phone_number))) return false;
    if (usernames.length && !(u.username && usernames.includes(u.username))) return false;
    if (ids.length && !ids.includes(u.id)) return false;
    if (externalIds.length && !(u.external_id && externalIds.includes(u.external_id))) return false;
    if (text) {
      const haystack = [
        u.id,
        u.username,
        u.first_name,
        u.last_name,
        u.external_id,
        ...u.email_addresses.map((e) => e.email_address),
      ]
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.toLowerCase());
      if (!haystack.some((v) => v.includes(text))) return false;
    }
    return true;
  });
}

export const USER_ORDER_FIELDS: Record<string, (u: UserRecord) => string | number | null> = {
  created_at: (u) => u.created_at,
  updated_at: (u) => u.updated_at,
  last_sign_in_at: (u) => u.last_sign_in_at,
  last_active_at: (u) => u.last_active_at,
  username: (u) => u.username,
  first_name: (u) => u.first_name,
  last_name: (u) => u.last_name,
  email_address: (u) => primaryEmail(u),
};
