import { describe, expect, it } from 'vitest';
import { ensureDefaultRoles } from '../roles/write-roles.js';
import { createMemoryStore } from '../store/memory-store.js';
import { insertUser } from '../users/write-user.js';
import { findMembership, insertMembership, insertOrganization, slugify } from './write-organization.js';

describe('slugify', () => {
  it('makes URL-safe slugs from names', () => {
    expect(slugify('Acme Inc')).toBe('acme-inc');
    expect(slugify('  Crème Brûlée & Co.  ')).toBe('creme-brulee-co');
    expect(slugify('!!!')).toBe('organization');
  });
});

describe('organizations and memberships', () => {
  it('makes the creator an admin, refuses duplicate slugs, members and unknown roles', async () => {
    const store = createMemoryStore();
    await store.transact((tx) => {
      ensureDefaultRoles(tx, 0);
      const user = insertUser(tx, { username: 'a' }, 0, null);
      const other = insertUser(tx, { username: 'b' }, 0, null);
      const org = insertOrganization(tx, { name: 'Acme', created_by: user.id }, 0);
      expect(findMembership(tx, org.id, user.id)?.role).toBe('org:admin');
      expect(() => insertOrganization(tx, { name: 'Acme' }, 0)).toThrow(/taken/);
      expect(() => insertMembership(tx, org, user.id, 'org:member', 0)).toThrow(/already a member/);
      expect(() => insertMembership(tx, org, other.id, 'org:owner', 0)).toThrow(/role/);
      expect(insertMembership(tx, org, other.id, 'member', 0).role).toBe('org:member');
    });
  });
});
