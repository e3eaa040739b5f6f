/** The `authlens.current_user` span and dedupe counter: served from the request's cache, joined, or a Backend API call. */
import { AttributeName as A, type DedupeResult } from '@authlens/otel';
import type { Span } from '@opentelemetry/api';
import { instruments } from './instruments.js';

export function recordCurrentUser(
  span: Span,
  requestId: string,
  userId: string | null,
  dedupe: DedupeResult | null,
  pendingPolicy: string,
  traceLink: (span: Span) => void,
): void {
  if (dedupe) instruments()?.currentUserCalls.add(1, { [A.dedupeResult]: dedupe });
  if (!span.isRecording()) return;
  traceLink(span);
  span.setAttribute(A.requestId, requestId);
  span.setAttribute(A.pendingPolicy, pendingPolicy);
  if (userId) span.setAttribute(A.userId, userId);
  if (dedupe) span.setAttribute(A.dedupeResult, dedupe);
}

/**
 * Names the user on the span, so the devtools can show who beside the id: the username, else first and last name.
 * Never the email (the contract keeps emails out of telemetry).
 */
export function recordUserName(
  span: Span,
  user: { username: string | null; firstName: string | null; lastName: string | null } | null,
): void {
  if (!user || !span.isRecording()) return;
  const fullName = [user.firstName, user.lastName].filter(Boolean).join(' ');
  const name = user.username || fullName;
  if (name) span.setAttribute(A.userName, name);
}
