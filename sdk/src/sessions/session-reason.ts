/**
 * Why the cookie protocol decided what it did, spelled exactly as @clerk/backend's `AuthErrorReason` (so logs and
 * dashboards read the same for both), plus the few cases Clerk has no verdict for, spelled in its style.
 */
export const SessionReason = {
  clientUatWithoutSessionToken: 'client-uat-but-no-session-token',
  devBrowserMissing: 'dev-browser-missing',
  devBrowserSync: 'dev-browser-sync',
  primaryDomainCrossOriginSync: 'primary-domain-cross-origin-sync',
  sessionTokenAndUatMissing: 'session-token-and-uat-missing',
  sessionTokenMissing: 'session-token-missing',
  sessionTokenNbf: 'session-token-nbf',
  sessionTokenIatInTheFuture: 'session-token-iat-in-the-future',
  sessionTokenWithoutClientUat: 'session-token-but-no-client-uat',
  sessionTokenIatBeforeClientUat: 'session-token-iat-before-client-uat',
  tokenTypeMismatch: 'token-type-mismatch',
  unexpectedError: 'unexpected-error',
  /** authlens only: the `__clerk_handshake` token did not verify (Clerk throws on development instances). */
  handshakeTokenInvalid: 'handshake-token-invalid',
} as const;

/**
 * Clerk's reason for an expired cookie token: `session-token-expired-refresh-<why no refresh>`. authlens does not
 * refresh sessions with a refresh cookie, so the suffix says why none was tried, as Clerk's does.
 */
export function sessionTokenExpiredReason(method: string): string {
  return `session-token-expired-refresh-${method === 'GET' ? 'non-eligible-no-refresh-cookie' : 'non-eligible-non-get'}`;
}
