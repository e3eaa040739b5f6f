import type { ReadView } from '../store/store.js';

// Collections of the core resources (users/, organizations/) that machine credentials may belong to.
const USERS = 'users';
const ORGANIZATIONS = 'organizations';

/** Whether a `user_…` or `org_…` id names an existing user or organization. */
export function subjectExists(view: ReadView, id: string): boolean {
  if (id.startsWith('user_')) return view.get(USERS, id) !== undefined;
  if (id.startsWith('org_')) return view.get(ORGANIZATIONS, id) !== undefined;
  return false;
}
