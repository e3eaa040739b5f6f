/**
 * The SDK's decisions in the contract's vocabulary: token verification
 * reasons, the signed-in / signed-out reason of a request, and
 * `decideProtect`'s coarse reasons refined into role_missing /
 * permission_missing / condition_false / …
 */
import { isValueOf, ProtectRequirementKind, Reason } from '@authlens/otel';
import type { ProtectReason } from '../protect-decision.js';

/** Verification failures that are not a verdict on the token: nothing could be checked (span status ERROR). */
const FAILURES: ReadonlySet<string> = new Set([
  Reason.key_unavailable,
  Reason.invalid_key,
  Reason.machine_token_unverified,
  Reason.budget_reserved,
  Reason.verification_failed,
]);

/** Machine-token reasons more precise than `machine_token_invalid`, which protect decisions keep as they are. */
const PRECISE_MACHINE_REASONS: ReadonlySet<string> = new Set([
  Reason.machine_token_unverified,
  Reason.machine_token_malformed,
  Reason.refused_recently,
  Reason.budget_reserved,
  Reason.missing_token,
]);

export function isVerificationFailure(reason: Reason): boolean {
  return FAILURES.has(reason);
}

/**
 * Why a request is signed out, from the handoff's reason (`no_token`, a `TokenVerificationError` reason, or
 * `error`). Anything unknown reads as `verification_failed`, never as a made-up code.
 */
export function signedOutReason(stateReason: string | null | undefined): Reason {
  if (stateReason === null || stateReason === undefined || stateReason === 'no_token') return Reason.missing_token;
  return isValueOf(Reason, stateReason) ? stateReason : Reason.verification_failed;
}

/** The contract's reason for a signed-in session: pending sessions say so. */
export function signedInReason(sessionStatus: string | null | undefined): Reason {
  return sessionStatus === 'pending' ? Reason.pending_as_signed_in : Reason.valid_token;
}

/** What `auth.protect()` asked for: the requirement kind and its value (normalised role/permission, token type). */
export interface ProtectRequirement {
  kind: ProtectRequirementKind;
  value: string | null;
}

function normaliseOrgKey(value: string): string {
  return value.startsWith('org:') ? value : `org:${value}`;
}

export function protectRequirementOf(authorization: unknown, accepts: unknown): ProtectRequirement {
  if (typeof authorization === 'function') return { kind: ProtectRequirementKind.condition, value: null };
  const params = (authorization ?? null) as Record<string, unknown> | null;
  if (params && typeof params.role === 'string') {
    return { kind: ProtectRequirementKind.role, value: normaliseOrgKey(params.role) };
  }
  if (params && typeof params.permission === 'string') {
    return { kind: ProtectRequirementKind.permission, value: normaliseOrgKey(params.permission) };
  }
  // feature / plan / reverification checks are has() conditions the contract has no own kind for.
  if (params) return { kind: ProtectRequirementKind.condition, value: null };
  if (accepts !== undefined && accepts !== 'session_token') {
    return { kind: ProtectRequirementKind.token, value: Array.isArray(accepts) ? accepts.join(',') : String(accepts) };
  }
  return { kind: ProtectRequirementKind.none, value: null };
}

/**
 * `decideProtect`'s reason in the contract's terms. `signedOut` is the request's own reason for being signed out
 * (missing_token, expired, …), `requirement` what was asked.
 */
export function protectReason(
  reason: ProtectReason,
  requirement: ProtectRequirement,
  stateReason: string | null | undefined,
  /** The type of the token the request presented (null: none) and whether the call accepts it. */
  presented: { type: string | null; accepted: boolean } = { type: null, accepted: false },
): Reason {
  switch (reason) {
    case 'authorized':
      return Reason.authorized;
    case 'session_pending':
      return Reason.pending_as_signed_out;
    case 'token_type_not_accepted':
      return Reason.token_type_not_accepted;
    case 'machine_token_invalid': {
      // decideProtect sees the accepted machine type's signed-out object; the request says why it is signed out.
      if (presented.type !== null && !presented.accepted) return Reason.token_type_not_accepted;
      const underlying = signedOutReason(stateReason);
      return PRECISE_MACHINE_REASONS.has(underlying) ? underlying : Reason.machine_token_invalid;
    }
    case 'signed_out':
      return signedOutReason(stateReason);
    case 'not_authorized':
      if (requirement.kind === ProtectRequirementKind.role) return Reason.role_missing;
      if (requirement.kind === ProtectRequirementKind.permission) return Reason.permission_missing;
      return Reason.condition_false;
  }
}
