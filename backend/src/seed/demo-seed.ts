/**
 * The demo data (`--seed demo`), which other packages' tests rely on:
 * - organization "Acme Inc" (`acme`), plan `pro`, org feature `reports`;
 * - roles `org:admin` (team manage/read, memberships manage/read) and `org:member` (team read, memberships read);
 * - alice (org:admin of acme, public metadata, user plan `free_user`), bob (org:member), carol (no org),
 *   paula (the sign-in page starts her sessions pending), bruno (banned).
 */
import type { BackendContext } from '../context.js';
import { insertMembership, insertOrganization } from '../organizations/write-organization.js';
import { findRole } from '../roles/role-record.js';
import { ensureDefaultRoles, ensurePermissions, setRolePermissions } from '../roles/write-roles.js';
import type { Transaction } from '../store/store.js';
import { insertUser } from '../users/write-user.js';

export const DEMO_ROLE_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  'org:admin': ['org:team:manage', 'org:team:read', 'org:sys_memberships:manage', 'org:sys_memberships:read'],
  'org:member': ['org:team:read', 'org:sys_memberships:read'],
};

export const DEMO_USERS = [
  { username: 'alice', email: 'alice@example.com', first: 'Alice', last: 'Admin' },
  { username: 'bob', email: 'bob@example.com', first: 'Bob', last: 'Member' },
  { username: 'carol', email: 'carol@example.com', first: 'Carol', last: 'Solo' },
  { username: 'paula', email: 'paula@example.com', first: 'Paula', last: 'Pending' },
  { username: 'bruno', email: 'bruno@example.com', first: 'Bruno', last: 'Banned' },
] as const;

export function seedDemo(tx: Transaction, ctx: BackendContext): void {
  const now = ctx.clock();
  ensureDefaultRoles(tx, now);
  for (const [key, permissions] of Object.entries(DEMO_ROLE_PERMISSIONS)) {
    ensurePermissions(tx, permissions, now);
    setRolePermissions(tx, findRole(tx, key)!, permissions, now);
  }

  const users = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const user = insertUser(
      tx,
      {
        username: u.username,
        email_address: [u.email],
        first_name: u.first,
        last_name: u.last,
        banned: u.username === 'bruno',
        ...(u.username === 'alice'
          ? {
              public_metadata: { subscription: { tier: 'pro' }, preferences: { theme: 'dark' } },
              plans: ['free_user'],
            }
          : {}),
      },
      now,
      null,
    );
    users.set(u.username, user.id);
  }

  const acme = insertOrganization(tx, { name: 'Acme Inc', slug: 'acme', plans: ['pro'], features: ['reports'] }, now);
  insertMembership(tx, acme, users.get('alice')!, 'org:admin', now);
  insertMembership(tx, acme, users.get('bob')!, 'org:member', now);
}
