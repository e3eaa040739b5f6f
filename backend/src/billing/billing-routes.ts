/**
 * Plans and features of users and organizations — what the `pla`/`fea` claims carry, so `has({ plan })` and
 * `has({ feature })` can be exercised. Set through admin endpoints (Clerk's billing API is out of scope here).
 */
import type { BackendContext } from '../context.js';
import { paramInvalid } from '../http/api-error.js';
import { optionalStringArray } from '../http/params.js';
import { json } from '../http/respond.js';
import type { Router } from '../http/router.js';
import { ORGANIZATIONS } from '../organizations/organization-record.js';
import { organizationOr404 } from '../organizations/write-organization.js';
import { USERS } from '../users/user-record.js';
import { getUserOr404 } from '../users/user-routes.js';

const SLUG = /^[a-z0-9_-]+$/;

function readSlugs(body: Readonly<Record<string, unknown>>, name: 'plans' | 'features'): string[] | undefined {
  const slugs = optionalStringArray(body, name);
  if (slugs) for (const s of slugs) if (!SLUG.test(s)) throw paramInvalid(name, 'slugs use a-z, 0-9, "_" and "-"');
  return slugs && [...new Set(slugs)];
}

export function registerBillingRoutes(router: Router, ctx: BackendContext): void {
  const admin = { access: 'admin', unversioned: true } as const;

  router.put(
    '/__admin/billing/users/{user_id}',
    async (c) => {
      const body = await c.body();
      const plans = readSlugs(body, 'plans');
      const features = readSlugs(body, 'features');
      const user = await ctx.store.transact((tx) => {
        const current = getUserOr404(tx, c.param('user_id'));
        const next = {
          ...current,
          ...(plans ? { plans } : {}),
          ...(features ? { features } : {}),
          updated_at: ctx.clock(),
        };
        tx.put(USERS, next);
        return next;
      });
      return json({ user_id: user.id, plans: user.plans, features: user.features });
    },
    admin,
  );

  router.put(
    '/__admin/billing/organizations/{organization_id}',
    async (c) => {
      const body = await c.body();
      const plans = readSlugs(body, 'plans');
      const features = readSlugs(body, 'features');
      const org = await ctx.store.transact((tx) => {
        const current = organizationOr404(tx, c.param('organization_id'));
        const next = {
          ...current,
          ...(plans ? { plans } : {}),
          ...(features ? { features } : {}),
          updated_at: ctx.clock(),
        };
        tx.put(ORGANIZATIONS, next);
        return next;
      });
      return json({ organization_id: org.id, plans: org.plans, features: org.features });
    },
    admin,
  );
}
