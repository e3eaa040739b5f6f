/**
 * `auth.protect()`'s decision, in one pure function: the reference's protection
 * table plus Clerk's token rules. It says what happens and why; the effect
 * (redirect, notFound, 401) is applied elsewhere. Telemetry reads the result.
 *
 * | caller                                  | outcome                                                   |
 * |-----------------------------------------|-----------------------------------------------------------|
 * | signed in, authorized                   | allowed                                                   |
 * | signed in, not authorized               | not_found, or redirect_unauthorized_url                   |
 * | signed out, document request            | redirect_sign_in, or redirect_unauthenticated_url         |
 * | signed out, API request                 | not_found, or redirect_unauthenticated_url                |
 * | signed out, server action               | unauthorized (401), or redirect_unauthenticated_url       |
 * | machine token invalid / of a wrong type | unauthorized (401)                                        |
 */
import { acceptsType } from '../accepts-token.js';
import type { TokenType } from '../auth-state.js';
import type { ProtectDecision, ProtectReason } from '../protect-decision.js';
import type { AcceptsToken } from '../types.js';
import type { RequestKind } from './request-kind.js';

export interface ProtectInput {
  kind: RequestKind;
  /** What the call accepts (`token` option). */
  accepts: AcceptsToken;
  /** The auth object's token type after applying `accepts` (null: an array that matched nothing). */
  tokenType: TokenType | null;
  isAuthenticated: boolean;
  /** Session status of the presented session (also of one treated as signed out). */
  sessionStatus: string | null;
  treatPendingAsSignedOut: boolean;
  /** Result of the role/permission/condition check; null when none was asked (or not signed in). */
  authorized: boolean | null;
  unauthenticatedUrl?: string;
  unauthorizedUrl?: string;
}

export function decideProtect(input: ProtectInput): ProtectDecision {
  const unauthenticated = (reason: ProtectReason): ProtectDecision => {
    if (input.unauthenticatedUrl)
      return { outcome: 'redirect_unauthenticated_url', reason, url: input.unauthenticatedUrl };
    if (input.kind === 'document') return { outcome: 'redirect_sign_in', reason };
    if (input.kind === 'server_action') return { outcome: 'unauthorized', reason };
    return { outcome: 'not_found', reason };
  };
  const unauthorized = (reason: ProtectReason): ProtectDecision => {
    // Machine-token contexts answer 401: the caller is a program that can fix its credential.
    if (input.tokenType !== 'session_token' || !acceptsType('session_token', input.accepts)) {
      return { outcome: 'unauthorized', reason };
    }
    if (input.unauthorizedUrl) return { outcome: 'redirect_unauthorized_url', reason, url: input.unauthorizedUrl };
    return { outcome: 'not_found', reason };
  };

  if (!acceptsType(input.tokenType, input.accepts)) return unauthorized('token_type_not_accepted');
  if (input.tokenType !== 'session_token') {
    return input.isAuthenticated ? { outcome: 'allowed', reason: 'authorized' } : unauthorized('machine_token_invalid');
  }
  if (!input.isAuthenticated) {
    return unauthenticated(
      input.sessionStatus === 'pending' && input.treatPendingAsSignedOut ? 'session_pending' : 'signed_out',
    );
  }
  if (input.authorized === false) return unauthorized('not_authorized');
  return { outcome: 'allowed', reason: 'authorized' };
}
