/** Creating organizations and memberships inside a transaction (routes and seeds). */
import { ApiError, identifierTaken, notFound, paramInvalid } from '../http/api-error.js';
import { findRole } from '../roles/role-record.js';
import { newId } from '../store/ids.js';
import type { ReadView, Transaction } from '../store/store.js';
import { USERS } from '../users/user-record.js';
import { MEMBERSHIPS, type MembershipRecord, ORGANIZATIONS, type OrganizationRecord } from './organization-record.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return slug || 'organization';
}

export function findOrganization(view: ReadView, idOrSlug: string): OrganizationRecord | undefined {
  return (
    view.get<OrganizationRecord>(ORGANIZATIONS, idOrSlug) ??
    view.list<OrganizationRecord>(ORGANIZATIONS).find((o) => o.slug === idOrSlug)
  );
}

export function organizationOr404(view: ReadView, idOrSlug: string): OrganizationRecord {
  const org = findOrganization(view, idOrSlug);
  if (!org) throw notFound('organization');
  return org;
}

export function assertSlugFree(view: ReadView, slug: string, selfId?: string): void {
  if (!SLUG.test(slug)) throw paramInvalid('slug', 'use lowercase letters, digits and "-"');
  if (view.list<OrganizationRecord>(ORGANIZATIONS).some((o) => o.slug === slug && o.id !== selfId)) {
    throw identifierTaken('slug');
  }
}

export interface OrganizationInput {
  name: string;
  slug?: string;
  created_by?: string;
  public_metadata?: Record<string, unknown>;
  private_metadata?: Record<string, unknown>;
  max_allowed_memberships?: number;
  plans?: string[];
  features?: string[];
}

/** Creates the organization; its creator (if any) becomes its first `org:admin`, as in Clerk. */
export function insertOrganization(tx: Transaction, input: OrganizationInput, now: number): OrganizationRecord {
  const slug = input.slug ?? slugify(input.name);
  assertSlugFree(tx, slug);
  if (input.created_by && !tx.get(USERS, input.created_by)) throw paramInvalid('created_by', 'no such user');
  const org: OrganizationRecord = {
    id: newId('org_'),
    name: input.name,
    slug,
    image_url: null,
    public_metadata: input.public_metadata ?? {},
    private_metadata: input.private_metadata ?? {},
    max_allowed_memberships: input.max_allowed_memberships ?? 0,
    admin_delete_enabled: true,
    created_by: input.created_by ?? null,
    created_at: now,
    updated_at: now,
    plans: input.plans ?? [],
    features: input.features ?? [],
  };
  tx.put(ORGANIZATIONS, org);
  if (input.created_by) insertMembership(tx, org, input.created_by, 'org:admin', now);
  return org;
}

export function findMembership(view: ReadView, organizationId: string, userId: string): MembershipRecord | undefined {
  return view
    .list<MembershipRecord>(MEMBERSHIPS)
    .find((m) => m.organization_id === organizationId && m.user_id === userId);
}

/** A role given as `admin` means `org:admin`; it must exist. */
export function normaliseRole(view: ReadView, role: string): string {
  const found = findRole(view, role);
  if (!found) throw paramInvalid('role', `no role ${role.startsWith('org:') ? role : `org:${role}`} is defined`);
  return found.key;
}

export function insertMembership(
  tx: Transaction,
  org: OrganizationRecord,
  userId: string,
  role: string,
  now: number,
): MembershipRecord {
  if (!tx.get(USERS, userId)) throw notFound('user');
  if (findMembership(tx, org.id, userId)) {
    throw new ApiError(422, 'already_a_member_in_organization', 'User is already a member of this organization.');
  }
  const count = tx.list<MembershipRecord>(MEMBERSHIPS).filter((m) => m.organization_id === org.id).length;
  if (org.max_allowed_memberships > 0 && count >= org.max_allowed_memberships) {
    throw new ApiError(403, 'organization_membership_quota_exceeded', 'The organization has reached its member limit.');
  }
  const membership: MembershipRecord = {
    id: newId('orgmem_'),
    organization_id: org.id,
    user_id: userId,
    role: normaliseRole(tx, role),
    public_metadata: {},
    private_metadata: {},
    created_at: now,
    updated_at: now,
  };
  tx.put(MEMBERSHIPS, membership);
  return membership;
}
