/** The cookie and query-parameter names of Clerk's cookie protocol, as the Frontend API and @clerk/backend use them. */
export const Cookie = {
  session: '__session',
  clientUat: '__client_uat',
  refresh: '__refresh',
  devBrowser: '__clerk_db_jwt',
  handshake: '__clerk_handshake',
  handshakeNonce: '__clerk_handshake_nonce',
  redirectCount: '__clerk_redirect_count',
} as const;

export const QueryParam = {
  devBrowser: '__clerk_db_jwt',
  legacyDevBrowser: '__dev_session',
  handshake: '__clerk_handshake',
  handshakeNonce: '__clerk_handshake_nonce',
  handshakeHelp: '__clerk_help',
  handshakeReason: '__clerk_hs_reason',
  handshakeFormat: 'format',
  suffixedCookies: 'suffixed_cookies',
  apiVersion: '__clerk_api_version',
  redirectUrl: 'redirect_url',
  session: '__session',
} as const;

/** The Backend API version the handshake asks the Frontend API to speak (@clerk/backend's `SUPPORTED_BAPI_VERSION`). */
export const HANDSHAKE_API_VERSION = '2026-05-12';

/** The handshake redirect-loop guard: a request that arrives with this count proceeds signed out. */
export const MAX_HANDSHAKE_REDIRECTS = 3;
