/** Defining permissions and roles inside a transaction (routes, the defaults, seeds). */
import { identifierTaken, paramInvalid } from '../http/api-error.js';
import { newId } from '../store/ids.js';
import type { Transaction } from '../store/store.js';
import {
  findPermission,
  findRole,
  PERMISSION_KEY,
  PERMISSIONS,
  type PermissionRecord,
  ROLE_KEY,
  ROLES,
  type RoleRecord,
} from './role-record.js';

/** Clerk's system permissions, which every instance has. */
export const SYSTEM_PERMISSIONS = [
  'org:sys_profile:manage',
  'org:sys_profile:delete',
  'org:sys_memberships:read',
  'org:sys_memberships:manage',
  'org:sys_domains:read',
  'org:sys_domains:manage',
] as const;

export const DEFAULT_ROLES: readonly { key: string; name: string; permissions: readonly string[] }[] = [
  { key: 'org:admin', name: 'Admin', permissions: SYSTEM_PERMISSIONS },
  { key: 'org:member', name: 'Member', permissions: ['org:sys_memberships:read'] },
];

export function definePermission(
  tx: Transaction,
  input: { key: string; name?: string; description?: string },
  now: number,
): PermissionRecord {
  if (!PERMISSION_KEY.test(input.key)) throw paramInvalid('key', 'expected org:<feature>:<permission>');
  if (findPermission(tx, input.key)) throw identifierTaken('key');
  const record: PermissionRecord = {
    id: newId('perm_'),
    key: input.key,
    name: input.name ?? input.key,
    description: input.description ?? '',
    type: input.key.startsWith('org:sys_') ? 'system' : 'user',
    created_at: now,
    updated_at: now,
  };
  tx.put(PERMISSIONS, record);
  return record;
}

/** Ensures each key exists as a permission (creating missing ones), so roles can refer to them. */
export function ensurePermissions(tx: Transaction, keys: readonly string[], now: number): void {
  for (const key of keys) if (!findPermission(tx, key)) definePermission(tx, { key }, now);
}

export function defineRole(
  tx: Transaction,
  input: { key: string; name?: string; description?: string; permissions?: readonly string[] },
  now: number,
): RoleRecord {
  const key = input.key.startsWith('org:') ? input.key : `org:${input.key}`;
  if (!ROLE_KEY.test(key)) throw paramInvalid('key', 'expected org:<role>');
  if (findRole(tx, key)) throw identifierTaken('key');
  const permissions = [...new Set(input.permissions ?? [])];
  for (const p of permissions) if (!findPermission(tx, p)) throw paramInvalid('permissions', `unknown permission ${p}`);
  const record: RoleRecord = {
    id: newId('role_'),
    key,
    name: input.name ?? key.slice(4),
    description: input.description ?? '',
    permissions,
    is_creator_eligible: key === 'org:admin',
    created_at: now,
    updated_at: now,
  };
  tx.put(ROLES, record);
  return record;
}

/** Creates the system permissions and Clerk's default roles when missing; leaves existing definitions alone. */
export function ensureDefaultRoles(tx: Transaction, now: number): void {
  ensurePermissions(tx, SYSTEM_PERMISSIONS, now);
  for (const role of DEFAULT_ROLES) if (!findRole(tx, role.key)) defineRole(tx, role, now);
}

/** Replaces a role's permission set (seeds and `PATCH /organization_roles/{id}`). */
export function setRolePermissions(
  tx: Transaction,
  role: RoleRecord,
  permissions: readonly string[],
  now: number,
): RoleRecord {
  for (const p of permissions) if (!findPermission(tx, p)) throw paramInvalid('permissions', `unknown permission ${p}`);
  const next: RoleRecord = { ...role, permissions: [...new Set(permissions)], updated_at: now };
  tx.put(ROLES, next);
  return next;
}
