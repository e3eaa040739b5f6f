/**
 * What `auth.protect()` decided for one request and why, in the SDK's own words. `next/decide-protect.ts` decides;
 * telemetry turns the reason into the contract's vocabulary, so the type lives here, below both.
 */

export type ProtectOutcome =
  | 'allowed'
  | 'redirect_sign_in'
  | 'redirect_unauthenticated_url'
  | 'redirect_unauthorized_url'
  | 'not_found'
  | 'unauthorized';

export type ProtectReason =
  /** Signed in (or a valid machine token) and every check passed. */
  | 'authorized'
  /** No session. */
  | 'signed_out'
  /** A pending session, and the call treats pending as signed out. */
  | 'session_pending'
  /** Signed in, but `has()` / the condition said no. */
  | 'not_authorized'
  /** The credential's type is not one this call accepts. */
  | 'token_type_not_accepted'
  /** A machine token was accepted by type but is missing or failed verification. */
  | 'machine_token_invalid';

export interface ProtectDecision {
  outcome: ProtectOutcome;
  reason: ProtectReason;
  /** The target of the redirect outcomes that use a caller-given URL. */
  url?: string;
}
