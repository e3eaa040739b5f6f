import type { BackendContext } from '../context.js';
import { notFound } from '../http/api-error.js';
import { paginate, readPage, sortBy } from '../http/list-query.js';
import {
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  queryStrings,
  requiredString,
} from '../http/params.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { mergeMetadata } from '../metadata/merge-metadata.js';
import { SESSIONS, type SessionRecord } from '../sessions/session-record.js';
import type { ReadView } from '../store/store.js';
import { getUserOr404 } from '../users/user-routes.js';
import { membershipJSON, organizationJSON } from './organization-json.js';
import { MEMBERSHIPS, type MembershipRecord, ORGANIZATIONS, type OrganizationRecord } from './organization-record.js';
import {
  assertSlugFree,
  findMembership,
  insertMembership,
  insertOrganization,
  normaliseRole,
  organizationOr404,
} from './write-organization.js';

const ORG_ORDER: Record<string, (o: OrganizationRecord) => string | number | null> = {
  created_at: (o) => o.created_at,
  name: (o) => o.name,
};
const MEMBERSHIP_ORDER: Record<string, (m: MembershipRecord) => string | number | null> = {
  created_at: (m) => m.created_at,
  role: (m) => m.role,
};

export function registerOrganizationRoutes(router: Router, ctx: BackendContext): void {
  const renderMembership = (view: ReadView, m: MembershipRecord) =>
    membershipJSON(view, m, organizationOr404(view, m.organization_id), ctx.url());
  const membershipPage = (url: URL, all: MembershipRecord[]) => {
    const sorted = sortBy(all, url.searchParams, MEMBERSHIP_ORDER, '-created_at');
    const data = paginate(sorted, readPage(url.searchParams)).map((m) => renderMembership(ctx.store, m));
    return json({ data, total_count: all.length });
  };

  router.post('/organizations', async (c) => {
    const body = await c.body();
    const name = requiredString(body, 'name');
    const slug = optionalString(body, 'slug');
    const createdBy = optionalString(body, 'created_by');
    const publicMetadata = optionalObject(body, 'public_metadata');
    const privateMetadata = optionalObject(body, 'private_metadata');
    const max = optionalInteger(body, 'max_allowed_memberships', 0);
    const org = await ctx.store.transact((tx) =>
      insertOrganization(
        tx,
        {
          name,
          ...(slug ? { slug } : {}),
          ...(createdBy ? { created_by: createdBy } : {}),
          ...(publicMetadata ? { public_metadata: publicMetadata } : {}),
          ...(privateMetadata ? { private_metadata: privateMetadata } : {}),
          ...(max !== undefined ? { max_allowed_memberships: max } : {}),
        },
        ctx.clock(),
      ),
    );
    return json(organizationJSON(ctx.store, org));
  });

  router.get('/organizations', (c) => {
    const q = c.url.searchParams;
    const text = q.get('query')?.toLowerCase();
    const userIds = queryStrings(q, 'user_id');
    const memberships = ctx.store.list<MembershipRecord>(MEMBERSHIPS);
    const all = ctx.store.list<OrganizationRecord>(ORGANIZATIONS).filter((o) => {
      if (text && ![o.id, o.name, o.slug].some((v) => v.toLowerCase().includes(text))) return false;
      if (userIds.length && !memberships.some((m) => m.organization_id === o.id && userIds.includes(m.user_id))) {
        return false;
      }
      return true;
    });
    const sorted = sortBy(all, q, ORG_ORDER, '-created_at');
    const withCount = q.get('include_members_count') === 'true';
    const data = paginate(sorted, readPage(q)).map((o) => organizationJSON(ctx.store, o, withCount));
    return json({ data, total_count: all.length });
  });

  router.get('/organizations/{organization_id}', (c) => {
    const org = organizationOr404(ctx.store, c.param('organization_id'));
    return json(organizationJSON(ctx.store, org, c.url.searchParams.get('include_members_count') === 'true'));
  });

  router.patch('/organizations/{organization_id}', async (c) => {
    const body = await c.body();
    const name = optionalString(body, 'name');
    const slug = optionalString(body, 'slug');
    const publicMetadata = optionalObject(body, 'public_metadata');
    const privateMetadata = optionalObject(body, 'private_metadata');
    const max = optionalInteger(body, 'max_allowed_memberships', 0);
    const adminDelete = optionalBoolean(body, 'admin_delete_enabled');
    const org = await ctx.store.transact((tx) => {
      const current = organizationOr404(tx, c.param('organization_id'));
      if (slug !== undefined) assertSlugFree(tx, slug, current.id);
      const next: OrganizationRecord = {
        ...current,
        ...(name !== undefined ? { name } : {}),
        ...(slug !== undefined ? { slug } : {}),
        ...(publicMetadata ? { public_metadata: publicMetadata } : {}),
        ...(privateMetadata ? { private_metadata: privateMetadata } : {}),
        ...(max !== undefined ? { max_allowed_memberships: max } : {}),
        ...(adminDelete !== undefined ? { admin_delete_enabled: adminDelete } : {}),
        updated_at: ctx.clock(),
      };
      tx.put(ORGANIZATIONS, next);
      return next;
    });
    return json(organizationJSON(ctx.store, org));
  });

  for (const method of ['PATCH', 'PUT'] as const) {
    router.on(method, '/organizations/{organization_id}/metadata', async (c) => {
      const body = await c.body();
      const patch = {
        public_metadata: optionalObject(body, 'public_metadata'),
        private_metadata: optionalObject(body, 'private_metadata'),
      };
      const org = await ctx.store.transact((tx) => {
        const current = organizationOr404(tx, c.param('organization_id'));
        const next: Record<string, unknown> = { ...current, updated_at: ctx.clock() };
        for (const [field, value] of Object.entries(patch)) {
          if (value === undefined) continue;
          const existing = current[field as keyof typeof patch];
          next[field] = method === 'PATCH' ? mergeMetadata(existing, value) : mergeMetadata({}, value);
        }
        tx.put(ORGANIZATIONS, next as OrganizationRecord);
        return next as OrganizationRecord;
      });
      return json(organizationJSON(ctx.store, org));
    });
  }

  router.delete('/organizations/{organization_id}', async (c) => {
    const org = await ctx.store.transact((tx) => {
      const org = organizationOr404(tx, c.param('organization_id'));
      tx.delete(ORGANIZATIONS, org.id);
      for (const m of tx.list<MembershipRecord>(MEMBERSHIPS))
        if (m.organization_id === org.id) tx.delete(MEMBERSHIPS, m.id);
      for (const s of tx.list<SessionRecord>(SESSIONS)) {
        if (s.last_active_organization_id === org.id) tx.put(SESSIONS, { ...s, last_active_organization_id: null });
      }
      return org;
    });
    return json({ object: 'organization', id: org.id, slug: org.slug, deleted: true });
  });

  router.get('/organizations/{organization_id}/memberships', (c) => {
    const org = organizationOr404(ctx.store, c.param('organization_id'));
    const userIds = queryStrings(c.url.searchParams, 'user_id');
    const roles = queryStrings(c.url.searchParams, 'role');
    const all = ctx.store
      .list<MembershipRecord>(MEMBERSHIPS)
      .filter((m) => m.organization_id === org.id)
      .filter((m) => !userIds.length || userIds.includes(m.user_id))
      .filter((m) => !roles.length || roles.some((r) => m.role === (r.startsWith('org:') ? r : `org:${r}`)));
    return membershipPage(c.url, all);
  });

  router.post('/organizations/{organization_id}/memberships', async (c) => {
    const body = await c.body();
    const userId = requiredString(body, 'user_id');
    const role = requiredString(body, 'role');
    const membership = await ctx.store.transact((tx) =>
      insertMembership(tx, organizationOr404(tx, c.param('organization_id')), userId, role, ctx.clock()),
    );
    return json(renderMembership(ctx.store, membership));
  });

  const membershipOr404 = (view: ReadView, orgParam: string, userId: string) => {
    const org = organizationOr404(view, orgParam);
    const m = findMembership(view, org.id, userId);
    if (!m) throw notFound('organization membership');
    return m;
  };

  router.patch('/organizations/{organization_id}/memberships/{user_id}', async (c) => {
    const role = requiredString(await c.body(), 'role');
    const m = await ctx.store.transact((tx) => {
      const current = membershipOr404(tx, c.param('organization_id'), c.param('user_id'));
      const next = { ...current, role: normaliseRole(tx, role), updated_at: ctx.clock() };
      tx.put(MEMBERSHIPS, next);
      return next;
    });
    return json(renderMembership(ctx.store, m));
  });

  router.patch('/organizations/{organization_id}/memberships/{user_id}/metadata', async (c) => {
    const body = await c.body();
    const patch = {
      public_metadata: optionalObject(body, 'public_metadata'),
      private_metadata: optionalObject(body, 'private_metadata'),
    };
    const m = await ctx.store.transact((tx) => {
      const current = membershipOr404(tx, c.param('organization_id'), c.param('user_id'));
      const next = {
        ...current,
        public_metadata: patch.public_metadata
          ? mergeMetadata(current.public_metadata, patch.public_metadata)
          : current.public_metadata,
        private_metadata: patch.private_metadata
          ? mergeMetadata(current.private_metadata, patch.private_metadata)
          : current.private_metadata,
        updated_at: ctx.clock(),
      };
      tx.put(MEMBERSHIPS, next);
      return next;
    });
    return json(renderMembership(ctx.store, m));
  });

  router.delete('/organizations/{organization_id}/memberships/{user_id}', async (c) => {
    const { membership, rendered } = await ctx.store.transact((tx) => {
      const membership = membershipOr404(tx, c.param('organization_id'), c.param('user_id'));
      const rendered = renderMembership(tx, membership);
      tx.delete(MEMBERSHIPS, membership.id);
      for (const s of tx.list<SessionRecord>(SESSIONS)) {
        if (s.user_id === membership.user_id && s.last_active_organization_id === membership.organization_id) {
          tx.put(SESSIONS, { ...s, last_active_organization_id: null });
        }
      }
      return { membership, rendered };
    });
    return json({ ...rendered, id: membership.id });
  });

  router.get('/organization_memberships', (c) => {
    const userIds = queryStrings(c.url.searchParams, 'user_id');
    const orgIds = queryStrings(c.url.searchParams, 'organization_id');
    const all = ctx.store
      .list<MembershipRecord>(MEMBERSHIPS)
      .filter((m) => !userIds.length || userIds.includes(m.user_id))
      .filter((m) => !orgIds.length || orgIds.includes(m.organization_id));
    return membershipPage(c.url, all);
  });

  router.get('/users/{user_id}/organization_memberships', (c) => {
    const user = getUserOr404(ctx.store, c.param('user_id'));
    return membershipPage(
      c.url,
      ctx.store.list<MembershipRecord>(MEMBERSHIPS).filter((m) => m.user_id === user.id),
    );
  });
}
