import type { ActClaim, SessionAuthState, SessionTokenClaims } from '../auth-state.js';
import { TokenVerificationError } from '../token-verification-error.js';
import { decodeFeaturePermissions, InvalidScopedClaimError } from './feature-permissions.js';

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function scopedList(claim: unknown): string[] {
  return typeof claim === 'string' && claim.length > 0 ? claim.split(',').map((entry) => entry.trim()) : [];
}

function factorAges(fva: unknown): [number, number] | null {
  return Array.isArray(fva) && fva.length === 2 && typeof fva[0] === 'number' && typeof fva[1] === 'number'
    ? [fva[0], fva[1]]
    : null;
}

interface Organization {
  orgId: string | null;
  orgRole: string | null;
  orgSlug: string | null;
  orgPermissions: string[] | null;
}

const NO_ORGANIZATION: Organization = { orgId: null, orgRole: null, orgSlug: null, orgPermissions: null };

function organizationV2(claims: Record<string, unknown>): Organization {
  const o = claims.o;
  if (typeof o !== 'object' || o === null) return NO_ORGANIZATION;
  const { id, rol, slg, per, fpm } = o as Record<string, unknown>;
  let orgPermissions: string[];
  try {
    orgPermissions = decodeFeaturePermissions({
      fea: typeof claims.fea === 'string' ? claims.fea : undefined,
      per: typeof per === 'string' ? per : undefined,
      fpm: typeof fpm === 'string' ? fpm : undefined,
    });
  } catch (cause) {
    if (cause instanceof InvalidScopedClaimError) {
      throw new TokenVerificationError('invalid_claims', 'The token\'s "fea" claim has an entry without a scope.', {
        cause,
      });
    }
    throw cause;
  }
  return {
    orgId: stringOrNull(id),
    // v2 drops the `org:` prefix from the role; the auth object carries it, as in v1.
    orgRole: typeof rol === 'string' && rol.length > 0 ? `org:${rol}` : null,
    orgSlug: stringOrNull(slg),
    orgPermissions,
  };
}

function organizationV1(claims: Record<string, unknown>): Organization {
  const permissions = claims.org_permissions;
  return {
    orgId: stringOrNull(claims.org_id),
    orgRole: stringOrNull(claims.org_role),
    orgSlug: stringOrNull(claims.org_slug),
    orgPermissions:
      Array.isArray(permissions) && permissions.every((p) => typeof p === 'string') ? [...permissions] : null,
  };
}

/**
 * Reads a verified session token's claims into the auth state (v1 `org_*`
 * claims, or v2's `o` + `fea` + `fpm`), with @clerk/shared's rules. The
 * result is frozen (shallowly): it is cached and shared by every request with
 * the token; copy its arrays before changing them.
 */
export function toSessionAuthState(claims: SessionTokenClaims | Record<string, unknown>): SessionAuthState {
  const { sub, sid } = claims;
  if (typeof sub !== 'string' || sub.length === 0) {
    throw new TokenVerificationError('invalid_claims', 'The token has no subject ("sub").');
  }
  if (typeof sid !== 'string' || sid.length === 0) {
    throw new TokenVerificationError(
      'wrong_token_type',
      'The token has no session id ("sid"): it is not a session token.',
    );
  }
  const org = claims.v === 2 ? organizationV2(claims) : organizationV1(claims);
  const act = claims.act;
  const state: SessionAuthState = {
    tokenType: 'session_token',
    userId: sub,
    sessionId: sid,
    sessionStatus: typeof claims.sts === 'string' && claims.sts.length > 0 ? claims.sts : 'active',
    orgId: org.orgId,
    orgRole: org.orgRole,
    orgSlug: org.orgSlug,
    orgPermissions: org.orgPermissions,
    actor: typeof act === 'object' && act !== null && !Array.isArray(act) ? (act as ActClaim) : null,
    factorVerificationAge: factorAges(claims.fva),
    features: scopedList(claims.fea),
    plans: scopedList(claims.pla),
    claims: claims as SessionTokenClaims,
  };
  return Object.freeze(state);
}
