import { findRole, rolePermissions } from '../roles/role-record.js';
import type { ReadView } from '../store/store.js';
import { defaultImageUrl } from '../users/user-json.js';
import { primaryEmail, USERS, type UserRecord } from '../users/user-record.js';
import { MEMBERSHIPS, type MembershipRecord, type OrganizationRecord } from './organization-record.js';

export function organizationJSON(view: ReadView, org: OrganizationRecord, includeMembersCount = false) {
  return {
    object: 'organization',
    id: org.id,
    name: org.name,
    slug: org.slug,
    image_url: org.image_url ?? '',
    has_image: org.image_url !== null,
    max_allowed_memberships: org.max_allowed_memberships,
    admin_delete_enabled: org.admin_delete_enabled,
    public_metadata: org.public_metadata,
    private_metadata: org.private_metadata,
    created_by: org.created_by,
    created_at: org.created_at,
    updated_at: org.updated_at,
    ...(includeMembersCount
      ? {
          members_count: view.list<MembershipRecord>(MEMBERSHIPS).filter((m) => m.organization_id === org.id).length,
          pending_invitations_count: 0,
        }
      : {}),
  };
}

export function membershipJSON(view: ReadView, m: MembershipRecord, org: OrganizationRecord, baseUrl: string) {
  const user = view.get<UserRecord>(USERS, m.user_id);
  return {
    object: 'organization_membership',
    id: m.id,
    role: m.role,
    role_name: findRole(view, m.role)?.name ?? m.role,
    permissions: rolePermissions(view, m.role),
    public_metadata: m.public_metadata,
    private_metadata: m.private_metadata,
    created_at: m.created_at,
    updated_at: m.updated_at,
    organization: organizationJSON(view, org),
    public_user_data: {
      user_id: m.user_id,
      first_name: user?.first_name ?? null,
      last_name: user?.last_name ?? null,
      image_url: user?.image_url ?? defaultImageUrl(baseUrl, m.user_id),
      has_image: (user?.image_url ?? null) !== null,
      identifier: (user && (primaryEmail(user) ?? user.username)) ?? '',
    },
  };
}
