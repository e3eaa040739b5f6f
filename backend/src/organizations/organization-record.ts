export const ORGANIZATIONS = 'organizations';
export const MEMBERSHIPS = 'organization_memberships';

export interface OrganizationRecord {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly image_url: string | null;
  readonly public_metadata: Readonly<Record<string, unknown>>;
  readonly private_metadata: Readonly<Record<string, unknown>>;
  readonly max_allowed_memberships: number;
  readonly admin_delete_enabled: boolean;
  readonly created_by: string | null;
  readonly created_at: number;
  readonly updated_at: number;
  /** Billing: plan and feature slugs of the organization (the `o:` entries of `pla`/`fea`). */
  readonly plans: readonly string[];
  readonly features: readonly string[];
  readonly [key: string]: unknown;
}

export interface MembershipRecord {
  readonly id: string;
  readonly organization_id: string;
  readonly user_id: string;
  /** A role key such as `org:admin`. */
  readonly role: string;
  readonly public_metadata: Readonly<Record<string, unknown>>;
  readonly private_metadata: Readonly<Record<string, unknown>>;
  readonly created_at: number;
  readonly updated_at: number;
  readonly [key: string]: unknown;
}
