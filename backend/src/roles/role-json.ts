import type { ReadView } from '../store/store.js';
import { findPermission, type PermissionRecord, type RoleRecord } from './role-record.js';

export function permissionJSON(p: PermissionRecord) {
  return {
    object: 'permission',
    id: p.id,
    key: p.key,
    name: p.name,
    description: p.description,
    type: p.type,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

export function roleJSON(view: ReadView, r: RoleRecord) {
  return {
    object: 'role',
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    is_creator_eligible: r.is_creator_eligible,
    permissions: r.permissions
      .map((key) => findPermission(view, key))
      .filter((p): p is PermissionRecord => p !== undefined)
      .map(permissionJSON),
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}
