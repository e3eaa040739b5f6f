// Internal barrel of the sessions concern: Clerk's cookie protocol and the handshake.
export { authenticateSessionRequest, type SessionAuthDeps } from './authenticate-session-request.js';
export { isHandshakeEligible } from './handshake-eligibility.js';
export { handshakeUrl } from './handshake-redirect.js';
export { parseCookieHeader } from './parse-cookie-header.js';
export { Cookie, MAX_HANDSHAKE_REDIRECTS, QueryParam } from './protocol-names.js';
export { type SessionInstance, sessionInstanceFor } from './session-instance.js';
export { SessionReason, sessionTokenExpiredReason } from './session-reason.js';
export type {
  HandshakeFailure,
  HandshakeVerdict,
  SessionVerdict,
  SignedInVerdict,
  SignedOutVerdict,
} from './session-verdict.js';
