import type { ReadView } from '../store/store.js';

export const ROLES = 'organization_roles';
export const PERMISSIONS = 'organization_permissions';

export interface RoleRecord {
  readonly id: string;
  /** `org:admin`, `org:member`, `org:<custom>`. */
  readonly key: string;
  readonly name: string;
  readonly description: string;
  /** Permission keys, `org:<feature>:<permission>`. */
  readonly permissions: readonly string[];
  readonly is_creator_eligible: boolean;
  readonly created_at: number;
  readonly updated_at: number;
  readonly [key: string]: unknown;
}

export interface PermissionRecord {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly description: string;
  /** `system` for Clerk's `org:sys_*` permissions, `user` for custom ones. */
  readonly type: 'system' | 'user';
  readonly created_at: number;
  readonly updated_at: number;
  readonly [key: string]: unknown;
}

/** Permission keys are `org:<feature>:<permission>`, which is what the v2 token's `per`/`fpm` can encode. */
export const PERMISSION_KEY = /^org:([a-z0-9_]+):([a-z0-9_]+)$/;
export const ROLE_KEY = /^org:[a-z0-9_]+$/;

export function findRole(view: ReadView, key: string): RoleRecord | undefined {
  const wanted = key.startsWith('org:') ? key : `org:${key}`;
  return view.list<RoleRecord>(ROLES).find((r) => r.key === wanted);
}

export function findPermission(view: ReadView, key: string): PermissionRecord | undefined {
  return view.list<PermissionRecord>(PERMISSIONS).find((p) => p.key === key);
}

/** The permissions a role grants now (a role refers to permissions by key). */
export function rolePermissions(view: ReadView, roleKey: string): string[] {
  return [...(findRole(view, roleKey)?.permissions ?? [])];
}
