/** The verified caller as span attributes: ids and status only — never the token or a claim value beyond them. */
import { AttributeName as A } from '@authlens/otel';
import type { Attributes } from '@opentelemetry/api';
import type { VerifiedAuthState } from '../auth-state.js';

export function callerAttributes(auth: VerifiedAuthState | null, into: Attributes = {}): Attributes {
  if (!auth) return into;
  if (auth.tokenType === 'session_token') {
    into[A.sessionStatus] = auth.sessionStatus;
    into[A.userId] = auth.userId;
    into[A.sessionId] = auth.sessionId;
    if (auth.orgId) into[A.orgId] = auth.orgId;
    if (auth.orgRole) into[A.orgRole] = auth.orgRole;
  } else {
    // A machine caller: its subject (mch_…, user_…, org_…) is the id the decision record shows.
    into[A.userId] = auth.subject;
    if (auth.orgId) into[A.orgId] = auth.orgId;
  }
  return into;
}
