import { valuesOf } from './define-values.js';

/** Why a decision point decided what it did. Every outcome carries one. */
export const REASON_DESCRIPTIONS = {
  valid_token: 'The token verified and its type is accepted.',
  pending_as_signed_in: 'The session is pending and was treated as signed in (the default).',
  pending_as_signed_out: 'The session is pending and was treated as signed out (`treatPendingAsSignedOut: true`).',
  missing_token: 'The request has neither a `__session` cookie nor an `Authorization: Bearer` header.',
  expired: 'The token is past its `exp` (beyond the 5 s clock skew).',
  not_yet_valid: 'The token is before its `nbf`/`iat` (beyond the 5 s clock skew).',
  bad_signature: 'The token signature does not verify against the signing key.',
  unknown_kid: 'No key in the JWKS has the token `kid`, even after a refetch.',
  wrong_azp: 'The token `azp` is missing or not one of the authorized parties.',
  issued_in_future: 'The token `iat` is in the future (beyond the 5 s clock skew): a clock is off.',
  malformed: 'The token is not a well-formed JWT.',
  invalid_claims: 'The token is a JWT, but a claim has the wrong shape (for example `sub` missing).',
  wrong_issuer: 'The token `iss` is not the expected issuer.',
  wrong_audience: 'The token `aud` is not one of the accepted audiences.',
  wrong_token_type: 'The JWT is not a session token (for example a JWT-template token, or `typ` other than `JWT`).',
  unsupported_alg: 'The token is signed with an algorithm other than RS256/RS384/RS512.',
  machine_token_invalid:
    'The Backend API (or local verification) rejected the machine token: unknown, revoked or expired.',
  machine_token_unverified: 'The machine token could not be checked: the Backend API was unreachable or failed.',
  machine_token_malformed: 'The opaque machine token does not have the form Clerk issues; no Backend API call.',
  refused_recently: 'The Backend API refused this machine token moments ago (negative cache); no call.',
  budget_reserved: 'The machine token was not checked: the rest of the rate-limit window is reserved.',
  key_unavailable: 'No signing key could be loaded (the JWKS fetch failed), so nothing could be verified.',
  invalid_key: 'The configured signing key (`CLERK_JWT_KEY` / `jwtKey`) is not a usable RSA public key.',
  verification_failed: 'Verification failed for a reason none of the others describe.',
  session_token_without_client_uat:
    'A `__session` cookie without `__client_uat` (or with `0`): the cookies disagree, a handshake refreshes them.',
  client_uat_without_session_token:
    'A `__client_uat` cookie says signed in, but there is no `__session` cookie: a handshake refreshes them.',
  session_token_iat_before_client_uat:
    'The `__session` token was issued before the client last changed (`__client_uat`): it is stale.',
  dev_browser_missing: 'A development instance without the `__clerk_db_jwt` dev browser: a handshake creates one.',
  dev_browser_sync: 'A `__clerk_db_jwt` query parameter to move into a cookie (development instances).',
  cross_origin_sync: 'A signed-in document navigation from another site: a handshake confirms the session first.',
  handshake_loop: 'The handshake already redirected 3 times in a row: the request proceeds signed out.',
  handshake_token_invalid:
    'The `__clerk_handshake` token did not verify (forged, malformed, unknown key): nothing was applied.',
  handshake_nonce_unresolved:
    'The Backend API did not resolve the `__clerk_handshake_nonce` (unknown, used, or the API failed): no cookies were set.',
  token_type_not_accepted: 'The token is of a type the call does not accept (`acceptsToken` / `protect({ token })`).',
  authorized: 'Signed in, and every requirement `auth.protect()` asked for is met (or none was asked).',
  role_missing:
    'The required organization role is not the active organization role (or there is no active organization).',
  permission_missing: 'The required permission is not among the active organization permissions.',
  condition_false: 'The custom `has()` condition given to `auth.protect()` returned false.',
} as const;

export const Reason = valuesOf(REASON_DESCRIPTIONS);
export type Reason = keyof typeof REASON_DESCRIPTIONS;
