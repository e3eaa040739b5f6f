/** The `authlens.auth` span: what `auth()` resolved for the request, under which pending policy and acceptsToken. */
import { AttributeName as A, Outcome, PendingPolicy, Reason } from '@authlens/otel';
import type { Attributes, Span } from '@opentelemetry/api';
import { acceptsType } from '../accepts-token.js';
import type { AnyAuthObject } from '../any-auth-object.js';
import type { AcceptsToken } from '../types.js';
import { callerAttributes } from './caller-attributes.js';
import { signedInReason, signedOutReason } from './reasons.js';
import type { RecordedRequest } from './recorded-request.js';
import { linkToMiddleware } from './render-link.js';

export function acceptsTokenList(accepts: unknown): string[] {
  if (accepts === undefined) return ['session_token'];
  return Array.isArray(accepts) ? accepts.map(String) : [String(accepts)];
}

export function pendingPolicyOf(treatPendingAsSignedOut: boolean | undefined): PendingPolicy {
  return treatPendingAsSignedOut ? PendingPolicy.as_signed_out : PendingPolicy.as_signed_in;
}

/** What `auth()` records of the request. */
export type AuthRequest = Pick<RecordedRequest, 'requestId' | 'tokenType' | 'auth' | 'reason' | 'traceParent'>;

/** Why the auth object is what it is, in the contract's reasons. */
export function authReason(state: AuthRequest, authObject: AnyAuthObject, treatPendingAsSignedOut: boolean): Reason {
  const session = state.auth?.tokenType === 'session_token' ? state.auth : null;
  if (authObject.isAuthenticated) return state.auth ? signedInReason(session?.sessionStatus) : Reason.valid_token;
  if (session && treatPendingAsSignedOut && session.sessionStatus === 'pending') return Reason.pending_as_signed_out;
  // Verified, yet not authenticated: the caller's type is not one accepted here.
  if (state.auth) return Reason.token_type_not_accepted;
  return signedOutReason(state.reason);
}

export function recordAuth(
  span: Span,
  state: AuthRequest,
  options: { acceptsToken?: unknown; treatPendingAsSignedOut?: boolean },
  authObject: AnyAuthObject,
): void {
  if (!span.isRecording()) return;
  linkToMiddleware(span, state.traceParent);
  const accepts = (options.acceptsToken ?? 'session_token') as AcceptsToken;
  // No token presented reads as a (signed-out) session: matched when sessions are accepted.
  const matched = acceptsType(state.tokenType ?? 'session_token', accepts);
  const attributes: Attributes = {
    [A.requestId]: state.requestId,
    [A.pendingPolicy]: pendingPolicyOf(options.treatPendingAsSignedOut),
    [A.acceptsToken]: acceptsTokenList(options.acceptsToken),
    [A.acceptsTokenMatched]: matched,
    [A.outcome]: authObject.isAuthenticated ? Outcome.signed_in : Outcome.signed_out,
    [A.reason]: authReason(state, authObject, options.treatPendingAsSignedOut ?? false),
  };
  if (state.tokenType) attributes[A.tokenType] = state.tokenType;
  callerAttributes(state.auth, attributes);
  span.setAttributes(attributes);
}
