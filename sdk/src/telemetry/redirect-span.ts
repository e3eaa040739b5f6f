/**
 * The `authlens.redirect` span: `redirectToSignIn()` / `redirectToSignUp()` sending the browser away, in a render
 * or in the middleware. Next answers the redirect itself, so without this span a page's own `redirectToSignIn()`
 * would leave no trace of where the browser went.
 */
import { AttributeName as A, Outcome, type Reason } from '@authlens/otel';
import type { Attributes, Span } from '@opentelemetry/api';
import { countDecision } from './decision-metric.js';
import { recordRedirectTarget } from './redirect-target.js';
import { linkToMiddleware } from './render-link.js';

/** The request a redirect method belongs to, as `auth()` resolved it. */
export interface RedirectingRequest {
  requestId: string;
  kind: string;
  tokenType: string | null;
  /** Why the caller is what it is (signed out because …), in the contract's reasons. */
  reason: Reason;
  /** The middleware span's `traceparent`, when the redirect happens in the render. */
  traceParent?: string | null;
}

export function recordRedirect(
  span: Span,
  request: RedirectingRequest,
  page: 'sign-in' | 'sign-up',
  /** The status Next answers with (307, or 303 from a Server Action). */
  status: number,
  location: string,
): void {
  const outcome = page === 'sign-in' ? Outcome.redirect_sign_in : Outcome.redirect_sign_up;
  countDecision(outcome, request.reason, request.kind, request.tokenType);
  if (!span.isRecording()) return;
  linkToMiddleware(span, request.traceParent);
  const attributes: Attributes = {
    [A.requestId]: request.requestId,
    [A.requestKind]: request.kind,
    [A.outcome]: outcome,
    [A.reason]: request.reason,
    [A.httpResponseStatusCode]: status,
  };
  span.setAttributes(attributes);
  recordRedirectTarget(span, status, location);
}
