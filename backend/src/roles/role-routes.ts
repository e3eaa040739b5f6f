import type { BackendContext } from '../context.js';
import { ApiError, notFound } from '../http/api-error.js';
import { paginate, readPage } from '../http/list-query.js';
import { optionalString, optionalStringArray, requiredString } from '../http/params.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { MEMBERSHIPS, type MembershipRecord } from '../organizations/organization-record.js';
import type { ReadView, Transaction } from '../store/store.js';
import { permissionJSON, roleJSON } from './role-json.js';
import { PERMISSIONS, type PermissionRecord, ROLES, type RoleRecord } from './role-record.js';
import { definePermission, defineRole, setRolePermissions } from './write-roles.js';

function roleOr404(view: ReadView, idOrKey: string): RoleRecord {
  const role = view.list<RoleRecord>(ROLES).find((r) => r.id === idOrKey || r.key === idOrKey);
  if (!role) throw notFound('role');
  return role;
}

function permissionOr404(view: ReadView, idOrKey: string): PermissionRecord {
  const p = view.list<PermissionRecord>(PERMISSIONS).find((r) => r.id === idOrKey || r.key === idOrKey);
  if (!p) throw notFound('permission');
  return p;
}

/** Roles name permissions by key; callers may pass ids (as Clerk's API does) or keys. */
function permissionKeys(tx: Transaction, refs: readonly string[]): string[] {
  return refs.map((ref) => permissionOr404(tx, ref).key);
}

export function registerRoleRoutes(router: Router, ctx: BackendContext): void {
  router.get('/organization_roles', (c) => {
    const all = ctx.store.list<RoleRecord>(ROLES);
    const data = paginate(all, readPage(c.url.searchParams)).map((r) => roleJSON(ctx.store, r));
    return json({ data, total_count: all.length });
  });

  router.post('/organization_roles', async (c) => {
    const body = await c.body();
    const key = requiredString(body, 'key');
    const name = optionalString(body, 'name');
    const description = optionalString(body, 'description');
    const refs = optionalStringArray(body, 'permissions') ?? [];
    const role = await ctx.store.transact((tx) =>
      defineRole(
        tx,
        {
          key,
          permissions: permissionKeys(tx, refs),
          ...(name ? { name } : {}),
          ...(description ? { description } : {}),
        },
        ctx.clock(),
      ),
    );
    return json(roleJSON(ctx.store, role));
  });

  router.get('/organization_roles/{role_id}', (c) =>
    json(roleJSON(ctx.store, roleOr404(ctx.store, c.param('role_id')))),
  );

  router.patch('/organization_roles/{role_id}', async (c) => {
    const body = await c.body();
    const name = optionalString(body, 'name');
    const description = optionalString(body, 'description');
    const refs = optionalStringArray(body, 'permissions');
    const role = await ctx.store.transact((tx) => {
      let role = roleOr404(tx, c.param('role_id'));
      role = {
        ...role,
        ...(name ? { name } : {}),
        ...(description !== undefined ? { description } : {}),
        updated_at: ctx.clock(),
      };
      tx.put(ROLES, role);
      return refs ? setRolePermissions(tx, role, permissionKeys(tx, refs), ctx.clock()) : role;
    });
    return json(roleJSON(ctx.store, role));
  });

  router.delete('/organization_roles/{role_id}', async (c) => {
    const id = await ctx.store.transact((tx) => {
      const role = roleOr404(tx, c.param('role_id'));
      if (tx.list<MembershipRecord>(MEMBERSHIPS).some((m) => m.role === role.key)) {
        throw new ApiError(422, 'organization_role_in_use', 'This role is assigned to members and cannot be deleted.');
      }
      tx.delete(ROLES, role.id);
      return role.id;
    });
    return json({ object: 'role', id, deleted: true });
  });

  for (const method of ['POST', 'DELETE'] as const) {
    router.on(method, '/organization_roles/{role_id}/permissions/{permission_id}', async (c) => {
      const role = await ctx.store.transact((tx) => {
        const role = roleOr404(tx, c.param('role_id'));
        const key = permissionOr404(tx, c.param('permission_id')).key;
        const next = method === 'POST' ? [...role.permissions, key] : role.permissions.filter((p) => p !== key);
        return setRolePermissions(tx, role, next, ctx.clock());
      });
      return json(roleJSON(ctx.store, role));
    });
  }

  router.get('/organization_permissions', (c) => {
    const all = ctx.store.list<PermissionRecord>(PERMISSIONS);
    return json({ data: paginate(all, readPage(c.url.searchParams)).map(permissionJSON), total_count: all.length });
  });

  router.post('/organization_permissions', async (c) => {
    const body = await c.body();
    const key = requiredString(body, 'key');
    const name = optionalString(body, 'name');
    const description = optionalString(body, 'description');
    const p = await ctx.store.transact((tx) =>
      definePermission(tx, { key, ...(name ? { name } : {}), ...(description ? { description } : {}) }, ctx.clock()),
    );
    return json(permissionJSON(p));
  });

  router.get('/organization_permissions/{permission_id}', (c) =>
    json(permissionJSON(permissionOr404(ctx.store, c.param('permission_id')))),
  );

  router.patch('/organization_permissions/{permission_id}', async (c) => {
    const body = await c.body();
    const name = optionalString(body, 'name');
    const description = optionalString(body, 'description');
    const p = await ctx.store.transact((tx) => {
      const current = permissionOr404(tx, c.param('permission_id'));
      const next = {
        ...current,
        ...(name ? { name } : {}),
        ...(description !== undefined ? { description } : {}),
        updated_at: ctx.clock(),
      };
      tx.put(PERMISSIONS, next);
      return next;
    });
    return json(permissionJSON(p));
  });

  router.delete('/organization_permissions/{permission_id}', async (c) => {
    const id = await ctx.store.transact((tx) => {
      const p = permissionOr404(tx, c.param('permission_id'));
      if (p.type === 'system') throw new ApiError(422, 'system_permission', 'System permissions cannot be deleted.');
      tx.delete(PERMISSIONS, p.id);
      for (const role of tx.list<RoleRecord>(ROLES)) {
        if (role.permissions.includes(p.key))
          setRolePermissions(
            tx,
            role,
            role.permissions.filter((k) => k !== p.key),
            ctx.clock(),
          );
      }
      return p.id;
    });
    return json({ object: 'permission', id, deleted: true });
  });
}
