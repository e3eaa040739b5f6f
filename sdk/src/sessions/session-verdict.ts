import type { VerifiedAuthState } from '../auth-state.js';
import type { TokenVerificationReason } from '../tokens/index.js';

/**
 * What went wrong in the handshake machinery itself, when something did (authlens' own words; Clerk logs these):
 * the loop guard stopped a fourth redirect, the handshake token did not verify, the nonce did not resolve.
 */
export type HandshakeFailure = 'handshake_loop' | 'handshake_token_invalid' | 'handshake_nonce_unresolved';

interface VerdictBase {
  /**
   * Headers for the response: the handshake redirect (Location, Cache-Control, the loop counter), or a resolved
   * handshake's Set-Cookie directives (and, on development instances, the Location of the clean URL).
   */
  headers: Headers;
  /** The request came back from the Frontend API with a handshake nonce or token, and it was resolved. */
  resolvedHandshake: boolean;
}

export interface SignedInVerdict extends VerdictBase {
  status: 'signed-in';
  reason: null;
  token: string;
  auth: VerifiedAuthState;
}

export interface SignedOutVerdict extends VerdictBase {
  status: 'signed-out';
  /**
   * Clerk's `AuthErrorReason` (`session-token-and-uat-missing`, `dev-browser-missing`, …), or, for a cookie token
   * that failed verification, the token's {@link TokenVerificationReason} (as `verifyToken` names it).
   */
  reason: string;
  /** Set when a token was verified and refused. */
  tokenReason: TokenVerificationReason | null;
  failure: HandshakeFailure | null;
  /** The cookie token that was refused, if any. */
  token: string | null;
}

export interface HandshakeVerdict extends VerdictBase {
  status: 'handshake';
  reason: string;
}

/** The cookie protocol's decision for one request, with the same statuses and reasons as Clerk's `RequestState`. */
export type SessionVerdict = SignedInVerdict | SignedOutVerdict | HandshakeVerdict;
