/**
 * The cookie protocol's verdicts in the telemetry contract's words: Clerk's kebab-case reasons (and authlens' own
 * handshake failures) as the contract's `Reason` values.
 */
import { Reason } from '@authlens/otel';

const BY_CLERK_REASON: Readonly<Record<string, Reason>> = {
  'session-token-and-uat-missing': Reason.missing_token,
  'session-token-missing': Reason.missing_token,
  'session-token-but-no-client-uat': Reason.session_token_without_client_uat,
  'client-uat-but-no-session-token': Reason.client_uat_without_session_token,
  'session-token-iat-before-client-uat': Reason.session_token_iat_before_client_uat,
  'session-token-nbf': Reason.not_yet_valid,
  'session-token-iat-in-the-future': Reason.issued_in_future,
  'dev-browser-missing': Reason.dev_browser_missing,
  'dev-browser-sync': Reason.dev_browser_sync,
  'primary-domain-cross-origin-sync': Reason.cross_origin_sync,
  'token-type-mismatch': Reason.wrong_token_type,
  'handshake-token-invalid': Reason.handshake_token_invalid,
};

/**
 * What telemetry reads of the cookie protocol's verdict (sessions/session-verdict.ts), declared here so telemetry
 * needs no type from the layer above. The verdict's own types must fit these: a handshake failure must name one of
 * the contract's reasons, and so must a refused token's reason.
 */
export interface RecordedVerdict {
  status: 'signed-in' | 'signed-out' | 'handshake';
  /** Clerk's kebab-case reason (`session-token-missing`, …); null when signed in. */
  reason: string | null;
  /** authlens' own handshake failure, when the handshake machinery failed. */
  failure?: keyof typeof Reason | null;
  /** Why a cookie token was refused, when one was verified and refused. */
  tokenReason?: Reason | null;
}

/** Why a verdict that is not signed-in is what it is; a handshake's reason is what it set out to fix. */
export function sessionContractReason(verdict: RecordedVerdict): Reason {
  if (verdict.status === 'signed-out') {
    if (verdict.failure) return Reason[verdict.failure];
    if (verdict.tokenReason) return verdict.tokenReason;
  }
  if (verdict.reason?.startsWith('session-token-expired')) return Reason.expired;
  return (verdict.reason && BY_CLERK_REASON[verdict.reason]) || Reason.verification_failed;
}
