/**
 * The `authlens.middleware` span: one per request through `clerkMiddleware()`,
 * a child of Next's own middleware span. It carries the request id the
 * handoff is signed with, so the render's spans assemble with it.
 */
import { AttributeName as A, Outcome, type Reason } from '@authlens/otel';
import type { Attributes, Span } from '@opentelemetry/api';
import { callerAttributes } from './caller-attributes.js';
import { countDecision } from './decision-metric.js';
import { signedInReason, signedOutReason } from './reasons.js';
import type { RecordedRequest } from './recorded-request.js';
import { type RecordedVerdict, sessionContractReason } from './session-reasons.js';

export interface MiddlewareDecision {
  outcome: Outcome;
  reason: Reason;
}

/** The decision of a handshake redirect (outcome `handshake`); undefined for other verdicts (read from the state). */
export function handshakeDecision(verdict: RecordedVerdict): MiddlewareDecision | undefined {
  if (verdict.status !== 'handshake') return undefined;
  return { outcome: Outcome.handshake, reason: sessionContractReason(verdict) };
}

const middlewareSpans = new WeakSet<Span>();

/** Marks a span as a middleware span, so a route matcher running under it can name the matched pattern. */
export function markMiddlewareSpan(span: Span): void {
  if (span.isRecording()) middlewareSpans.add(span);
}

export function isMiddlewareSpan(span: Span | undefined): span is Span {
  return span !== undefined && middlewareSpans.has(span);
}

/**
 * Records the request's state and decision. `status` is the status the middleware answered with itself (a redirect,
 * 404, 401 — from protect or the handler), null when the request went on to the render.
 */
export function recordMiddleware(
  span: Span,
  request: { method: string; pathname: string },
  state: RecordedRequest,
  status: number | null,
  /** Overrides the decision read from the state (a handshake redirect). */
  decision?: MiddlewareDecision,
): void {
  const session = state.auth?.tokenType === 'session_token' ? state.auth : null;
  const outcome = decision?.outcome ?? (state.auth ? Outcome.signed_in : Outcome.signed_out);
  const reason =
    decision?.reason ?? (state.auth ? signedInReason(session?.sessionStatus) : signedOutReason(state.reason));
  countDecision(outcome, reason, state.kind, state.tokenType);
  if (!span.isRecording()) return;
  const attributes: Attributes = {
    [A.requestId]: state.requestId,
    [A.httpRequestMethod]: request.method,
    [A.urlPath]: request.pathname,
    [A.requestKind]: state.kind,
    [A.tokenSource]: state.tokenSource,
    [A.outcome]: outcome,
    [A.reason]: reason,
  };
  if (state.tokenType) attributes[A.tokenType] = state.tokenType;
  callerAttributes(state.auth, attributes);
  if (status !== null) attributes[A.httpResponseStatusCode] = status;
  span.setAttributes(attributes);
}
