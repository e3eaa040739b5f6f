/**
 * Mints a session token, or a JWT-template token, for a stored session: gathers the user, the active organization
 * and role, billing and factor ages from the store, builds the claims and signs them with the current key.
 */
import { randomBytes } from 'node:crypto';
import type { BackendContext } from '../context.js';
import { ApiError } from '../http/api-error.js';
import { renderTemplateClaims } from '../jwt-templates/render-template-claims.js';
import type { JwtTemplateRecord } from '../jwt-templates/template-record.js';
import { templateSigner } from '../jwt-templates/template-signer.js';
import { JWT_CATEGORY_JWT_TEMPLATE, JWT_CATEGORY_SESSION_TOKEN } from '../keys/jwt-category.js';
import { signJwt } from '../keys/sign-jwt.js';
import { ORGANIZATIONS, type OrganizationRecord } from '../organizations/organization-record.js';
import { findMembership } from '../organizations/write-organization.js';
import { rolePermissions } from '../roles/role-record.js';
import { primaryEmail, USERS, type UserRecord } from '../users/user-record.js';
import { buildSessionClaims, NOT_BEFORE_LEEWAY_SECONDS, SESSION_TOKEN_LIFETIME_SECONDS } from './session-claims.js';
import { canMintTokens, effectiveStatus, type SessionRecord } from './session-record.js';

export interface MintOptions {
  /** Overrides the lifetime (Clerk's `expires_in_seconds`). */
  expiresInSeconds?: number;
  /** Overrides the authorized party. */
  azp?: string;
}

function minutesSince(at: number | null, now: number): number {
  return at === null ? -1 : Math.max(0, Math.floor((now - at) / 60_000));
}

function activeOrganization(ctx: BackendContext, session: SessionRecord, user: UserRecord) {
  const orgId = session.last_active_organization_id;
  if (!orgId) return null;
  const org = ctx.store.get<OrganizationRecord>(ORGANIZATIONS, orgId);
  const membership = org && findMembership(ctx.store, org.id, user.id);
  if (!org || !membership) return null;
  return { org, role: membership.role, permissions: rolePermissions(ctx.store, membership.role) };
}

function assertCanMint(ctx: BackendContext, session: SessionRecord): UserRecord {
  const status = effectiveStatus(session, ctx.clock());
  if (!canMintTokens(status)) {
    throw new ApiError(401, 'session_not_active', 'Session is not active', {
      longMessage: `The session is ${status}; sign in again to get a new session.`,
      meta: { session_status: status },
    });
  }
  const user = ctx.store.get<UserRecord>(USERS, session.user_id);
  if (!user)
    throw new ApiError(404, 'resource_not_found', 'not found', { longMessage: 'The session’s user no longer exists.' });
  if (user.banned) throw new ApiError(403, 'user_banned', 'This account is banned.');
  return user;
}

function newJti(): string {
  return randomBytes(10).toString('hex');
}

export async function mintSessionToken(
  ctx: BackendContext,
  session: SessionRecord,
  options: MintOptions = {},
): Promise<string> {
  const user = assertCanMint(ctx, session);
  const now = ctx.clock();
  const active = activeOrganization(ctx, session, user);
  const claims = buildSessionClaims({
    userId: user.id,
    sessionId: session.id,
    status: effectiveStatus(session, now) === 'pending' ? 'pending' : 'active',
    organization: active && {
      id: active.org.id,
      slug: active.org.slug,
      role: active.role,
      permissions: active.permissions,
      plans: active.org.plans,
      features: active.org.features,
    },
    userPlans: user.plans,
    userFeatures: user.features,
    factorVerificationAge: [
      minutesSince(session.first_factor_verified_at, now),
      minutesSince(session.second_factor_verified_at, now),
    ],
    actor: session.actor,
    azp: options.azp ?? session.azp ?? ctx.allowedOrigins[0] ?? null,
    issuer: ctx.url(),
    issuedAt: Math.floor(now / 1000),
    lifetimeSeconds: options.expiresInSeconds ?? SESSION_TOKEN_LIFETIME_SECONDS,
    jti: newJti(),
  });
  // Clerk's session-token category: what tells a session token apart from a template or M2M JWT with a `sid`.
  return signJwt(claims, ctx.keys.current(), { cat: JWT_CATEGORY_SESSION_TOKEN });
}

/** The data a template's shortcodes read. */
export function shortcodeData(ctx: BackendContext, session: SessionRecord, user: UserRecord) {
  const active = activeOrganization(ctx, session, user);
  const primaryPhone = user.phone_numbers.find((p) => p.id === user.primary_phone_number_id);
  const email = user.email_addresses.find((e) => e.id === user.primary_email_address_id);
  const fullName = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return {
    user: {
      id: user.id,
      external_id: user.external_id,
      first_name: user.first_name,
      last_name: user.last_name,
      full_name: fullName || null,
      username: user.username,
      primary_email_address: primaryEmail(user),
      email_verified: email?.verified ?? false,
      primary_phone_address: primaryPhone?.phone_number ?? null,
      phone_number_verified: primaryPhone?.verified ?? false,
      image_url: user.image_url,
      has_image: user.image_url !== null,
      public_metadata: user.public_metadata,
      unsafe_metadata: user.unsafe_metadata,
      two_factor_enabled: user.totp_enabled || user.backup_code_enabled,
      created_at: Math.floor(user.created_at / 1000),
      updated_at: Math.floor(user.updated_at / 1000),
    },
    org: active
      ? {
          id: active.org.id,
          name: active.org.name,
          slug: active.org.slug,
          image_url: active.org.image_url,
          role: active.role,
          membership_permissions: active.permissions,
          public_metadata: active.org.public_metadata,
        }
      : {},
    session: { id: session.id, actor: session.actor },
  };
}

export async function mintTemplateToken(
  ctx: BackendContext,
  session: SessionRecord,
  template: JwtTemplateRecord,
  options: MintOptions = {},
): Promise<string> {
  const user = assertCanMint(ctx, session);
  const now = Math.floor(ctx.clock() / 1000);
  const custom = renderTemplateClaims(template.claims, shortcodeData(ctx, session, user));
  const azp = options.azp ?? session.azp ?? ctx.allowedOrigins[0];
  const claims: Record<string, unknown> = {
    ...custom,
    ...(azp ? { azp } : {}),
    exp: now + (options.expiresInSeconds ?? template.lifetime),
    iat: now,
    iss: ctx.url(),
    jti: newJti(),
    nbf: now - (template.allowed_clock_skew ?? NOT_BEFORE_LEEWAY_SECONDS),
    sub: user.id,
  };
  return signJwt(claims, await templateSigner(ctx, template), { cat: JWT_CATEGORY_JWT_TEMPLATE });
}
