/**
 * The `authlens.protect` span: what `auth.protect()` was asked, what
 * `decideProtect` decided, and why in the contract's reasons. A redirect,
 * 404 or 401 is the outcome, never a span error.
 */
import { AttributeName as A, type Outcome } from '@authlens/otel';
import type { Attributes, Span } from '@opentelemetry/api';
import { acceptsType } from '../accepts-token.js';
import type { AnyAuthObject } from '../any-auth-object.js';
import type { ProtectDecision } from '../protect-decision.js';
import type { AcceptsToken } from '../types.js';
import { acceptsTokenList, pendingPolicyOf } from './auth-span.js';
import { countDecision } from './decision-metric.js';
import { protectReason, protectRequirementOf } from './reasons.js';
import type { RecordedRequest } from './recorded-request.js';
import { recordRedirectTarget } from './redirect-target.js';
import { linkToMiddleware } from './render-link.js';

const STATUS: Partial<Record<ProtectDecision['outcome'], number>> = { not_found: 404, unauthorized: 401 };

/**
 * What `auth.protect()` records of the request. The render's state is the handoff, which also says why the request
 * is signed out and which middleware span to link to; the middleware's own may not.
 */
export type ProtectRequest = Pick<RecordedRequest, 'requestId' | 'kind' | 'tokenType'> &
  Partial<Pick<RecordedRequest, 'reason' | 'traceParent'>>;

export interface ProtectCall {
  /** The condition or `has()` params asked for (null when none). */
  authorization: unknown;
  accepts: unknown;
  treatPendingAsSignedOut: boolean;
}

export function recordProtect(
  span: Span,
  request: ProtectRequest,
  call: ProtectCall,
  authObject: AnyAuthObject,
  decision: ProtectDecision,
  /** The redirect status Next answers with, when the outcome is a redirect. */
  redirectStatus: number | null,
  /** Where that redirect sends the browser. */
  redirectUrl: string | null = null,
): void {
  const requirement = protectRequirementOf(call.authorization, call.accepts);
  const accepts = (call.accepts ?? 'session_token') as AcceptsToken;
  const presented = { type: request.tokenType, accepted: acceptsType(request.tokenType, accepts) };
  const reason = protectReason(decision.reason, requirement, request.reason, presented);
  const outcome = decision.outcome as Outcome;
  countDecision(outcome, reason, request.kind, request.tokenType);
  if (!span.isRecording()) return;
  linkToMiddleware(span, request.traceParent);
  const attributes: Attributes = {
    [A.requestId]: request.requestId,
    [A.requestKind]: request.kind,
    [A.protectRequirementKind]: requirement.kind,
    [A.acceptsToken]: acceptsTokenList(call.accepts),
    [A.pendingPolicy]: pendingPolicyOf(call.treatPendingAsSignedOut),
    [A.outcome]: outcome,
    [A.reason]: reason,
  };
  if (requirement.value !== null) attributes[A.protectRequirementValue] = requirement.value;
  if (request.tokenType) attributes[A.tokenType] = request.tokenType;
  if (authObject.tokenType === 'session_token' && authObject.orgRole) attributes[A.orgRole] = authObject.orgRole;
  const status = STATUS[decision.outcome] ?? redirectStatus;
  if (status !== null && status !== undefined) attributes[A.httpResponseStatusCode] = status;
  span.setAttributes(attributes);
  recordRedirectTarget(span, redirectStatus, redirectUrl);
}
