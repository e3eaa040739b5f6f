/**
 * What a sign-in gets when the form does not say: the page preselects these, and a bare POST (a test signing in
 * with just `username=paula`) gets the same.
 */

/** Usernames whose sessions start pending (the demo seed's "pending session" user). */
const PENDING_USERNAMES = new Set(['paula']);

export function pendingByDefault(username: string | null): boolean {
  return username !== null && PENDING_USERNAMES.has(username);
}

/** A fresh sign-in verified the first factor just now. */
export const FIRST_FACTOR_AGE_BY_DEFAULT = 0;

/** The second factor was verified just now when the user has one, else it is not enrolled (-1). */
export function secondFactorAgeByDefault(twoFactorEnabled: boolean): number {
  return twoFactorEnabled ? 0 : -1;
}

/** The organization a sign-in activates when none is said: the user's first membership, as the page preselects. */
export function organizationByDefault(organizationIds: readonly string[]): string | null {
  return organizationIds[0] ?? null;
}
